"""JupyterHub for ClassLab: each pupil group's account gets the labs, teachers get the class board.

Every user's server is Voila alone, started by classlab_hub.py beside this file with ClassLab's
classroom settings (labs only, no tracebacks, idle pages culled, the kernel-WebSocket guard, a page
cap): no JupyterLab, no terminals, no contents API. Users in the `teachers` group (and hub admins)
get Voila over teacher_guides/ (the class board); everyone else gets Voila over labs/. Both read and
write one shared class store, whose address the hub hands to the servers it starts.

Set in the hub's environment (see docs/jupyterhub.md):
  CLASSLAB_DATABASE_URL  the shared PostgreSQL store, e.g. postgresql+psycopg://classlab@/classlab?host=/run/postgresql
                         (a passwordless local role over the Unix socket: nothing secret to read)
  CLASSLAB_TEACHERS      teachers' user names, comma separated (added to the `teachers` group)
  CLASSLAB_PUPILS_URL    the hub's address as pupils type it, shown (with its QR code) on the class board
  CLASSLAB_ROOT          the ClassLab checkout where users' servers run (default: the one this file is in)
  CLASSLAB_PYTHON        the Python with ClassLab, Voila and JupyterHub installed there (default: the hub's own)
  CLASSLAB_MAX_PAGES     most lab pages one group's server runs at once (default: from the machine's memory)
  CLASSLAB_CULL_IDLE     seconds before an idle page's kernel is shut down (default 600)

The authenticator and spawner are left as your JupyterHub install chooses them (The Littlest JupyterHub:
systemdspawner and its authenticator; Zero to JupyterHub: KubeSpawner); this file only sets what ClassLab needs.
Load it from another config with `load_subconfig("/path/to/deploy/jupyterhub/jupyterhub_config.py")`.
"""
import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

HERE = Path(__file__).resolve().parent
ROOT = Path(os.environ.get("CLASSLAB_ROOT") or HERE.parent.parent)
PYTHON = os.environ.get("CLASSLAB_PYTHON") or sys.executable
TEACHERS_GROUP = "teachers"

# Teachers come from the environment so the same file serves every school; admins count as teachers too.
teachers = [name.strip() for name in os.environ.get("CLASSLAB_TEACHERS", "").split(",") if name.strip()]
c.JupyterHub.load_groups = {TEACHERS_GROUP: {"users": teachers}}

# One server per user, nothing else: no named servers, no user-chosen options.
c.JupyterHub.allow_named_servers = False
# A pupil's ~/.jupyter must not change what their server does (classlab_hub.py reads only ClassLab's config).
c.Spawner.disable_user_config = True


def is_teacher(user) -> bool:
    return bool(user.admin) or any(group.name == TEACHERS_GROUP for group in user.groups)


def classlab_server(spawner) -> None:
    """Before each start: Voila over teacher_guides/ for a teacher, over labs/ for a pupils' group."""
    folder = "teacher_guides" if is_teacher(spawner.user) else "labs"
    # Paths as the user's server sees them (on Kubernetes: inside the single-user image, not the hub's).
    spawner.cmd = [PYTHON, str(ROOT / "deploy" / "jupyterhub" / "classlab_hub.py")]
    spawner.args = [folder]
    environment = {"CLASSLAB_ROOT": str(ROOT)}
    for name in ("CLASSLAB_DATABASE_URL", "CLASSLAB_MAX_PAGES", "CLASSLAB_CULL_IDLE"):
        if os.environ.get(name):
            environment[name] = os.environ[name]
    if folder == "teacher_guides" and os.environ.get("CLASSLAB_PUPILS_URL"):
        environment["CLASSLAB_PUPILS_URL"] = os.environ["CLASSLAB_PUPILS_URL"]
    spawner.environment = {**spawner.environment, **environment}
    spawner.log.info("ClassLab: %s gets Voila over %s/", spawner.user.name, folder)


c.Spawner.pre_spawn_hook = classlab_server
# Voila answers on the server's own root (the gallery of labs, or the teacher's pages).
c.Spawner.default_url = "/"
# A class's lab pages start a kernel each as pupils arrive: give a busy server time to come up.
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
