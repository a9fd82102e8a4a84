"""ClassLab's single-user server under JupyterHub: Voila alone, with the classroom's settings and the hub's login.

JupyterHub's own single-user server is Jupyter Server with JupyterLab, terminals and the contents API:
a pupil there could run code and read the class store's address. Here the spawner runs this file
instead (`python classlab_hub.py labs` or `... teacher_guides`). It reads where to listen from the
hub (JUPYTERHUB_SERVICE_URL, JUPYTERHUB_SERVICE_PREFIX, as `jupyterhub-singleuser` does) and runs
Voila with the command `classlab serve` uses (labs only, no tracebacks, culling, the kernel-WebSocket
guard and the page cap), logging in through the hub's OAuth. Voila has no terminals and no contents
API, and refuses code sent from the page, so the group's server serves its lab pages and nothing else.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlparse

from jupyter_server.utils import url_path_join
from jupyterhub.singleuser.extension import JupyterHubIdentityProvider

HERE = Path(__file__).resolve().parent
#: The folders a hub user may be given: pupils' groups get labs/, teachers get teacher_guides/.
FOLDERS = ("labs", "teacher_guides")


class HubIdentityProvider(JupyterHubIdentityProvider):
    """The hub's OAuth login for a standalone Voila.

    Voila hands its identity provider a `token` (empty when none is set); under the hub the token is
    the hub's own API token, so that argument is dropped. Voila adds the provider's handlers (the
    OAuth callback, /logout) without its base URL, so they are put under the server's prefix here.
    """

    def __init__(self, token=None, **kwargs):
        super().__init__(**kwargs)

    def get_handlers(self):
        prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX") or "/"
        return [(url_path_join(prefix, route), *rest) for route, *rest in super().get_handlers()]


def command(folder: str, env=None, python: str = sys.executable) -> list[str]:
    """The Voila command line for one hub user's server over `folder` (a folder under the ClassLab checkout)."""
    from classlab.serve import voila_command

    env = os.environ if env is None else env
    if folder not in FOLDERS:
        raise SystemExit(f"classlab_hub.py serves one of {', '.join(FOLDERS)}, not {folder!r}.")
    root = Path(env.get("CLASSLAB_ROOT") or HERE.parent.parent)
    service = urlparse(env["JUPYTERHUB_SERVICE_URL"])
    prefix = env.get("JUPYTERHUB_SERVICE_PREFIX") or "/"
    max_pages = env.get("CLASSLAB_MAX_PAGES")
    cmd = voila_command(
        root / folder,
        service.port or 8888,
        cull_idle_timeout=int(env.get("CLASSLAB_CULL_IDLE", 600)),
        python=python,
        ip=service.hostname or "0.0.0.0",
        max_pages=int(max_pages) if max_pages else None,
    )
    return cmd + [
        f"--Voila.base_url={prefix}",
        "--Voila.identity_provider_class=classlab_hub.HubIdentityProvider",
        "--Voila.authorizer_class=jupyterhub.singleuser.extension.JupyterHubAuthorizer",
    ]  # kernels on Unix sockets (no port clashes when a class arrives at once) come with voila_command


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        raise SystemExit("usage: python classlab_hub.py labs|teacher_guides  (run by JupyterHub's spawner)")
    if "JUPYTERHUB_SERVICE_URL" not in os.environ:
        raise SystemExit("classlab_hub.py is started by JupyterHub (JUPYTERHUB_SERVICE_URL is not set).")
    env = dict(os.environ)
    # Voila imports HubIdentityProvider from this file by name.
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(HERE), env.get("PYTHONPATH")) if p)
    cmd = command(argv[0], env)
    os.execvpe(cmd[0], cmd, env)


if __name__ == "__main__":
    main()
