"""A class arriving at once through JupyterHub: 32 Smarties page requests at the same moment, via the hub.

The same figure as benchmarks/class_arrival.py (whose code measures the direct one here), with the
page requests going through JupyterHub's proxy to one group's ClassLab Voila (deploy/jupyterhub/),
each carrying a hub token that the server checks with the hub. The hub is the one tests/hub starts:
local processes, SQLite class store. Printed as figures and ratios by `make bench`; never asserted.
"""
from __future__ import annotations

import json
import secrets
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from class_arrival import PUPILS, arrive, requests_at_once  # noqa: E402 - benchmarks/ is on the path

from tests.hub.conftest import PROXY, Hub  # noqa: E402

USER = "pupil1"


def api(hub: Hub, token: str, method: str, path: str) -> tuple[int, dict]:
    request = urllib.request.Request(hub.url(f"/hub/api{path}"), method=method,
                                     headers={"Authorization": f"token {token}"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            body = response.read()
            return response.status, (json.loads(body) if body else {})
    except urllib.error.HTTPError as error:
        return error.code, {}


def start_server(hub: Hub, token: str, timeout: float = 180) -> None:
    """Start the group's server through the hub's API and wait until the hub says it is ready."""
    status, _ = api(hub, token, "POST", f"/users/{USER}/server")
    if status not in (201, 202, 400):  # 400: already running
        raise SystemExit(f"The hub did not start {USER}'s server (HTTP {status}); see {hub.log_path}")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _, user = api(hub, token, "GET", f"/users/{USER}")
        server = (user.get("servers") or {}).get("", {})
        if server.get("ready"):
            return
        time.sleep(0.5)  # polling the hub's own start-up, not part of the figure
    raise SystemExit(f"{USER}'s server was not ready after {timeout:.0f} s; see {hub.log_path}")


def arrive_through_hub(hub: Hub, token: str) -> dict:
    """PUPILS requests for the Smarties lab at once, through the hub's proxy, as class_arrival.arrive measures them."""
    url = hub.url(f"/user/{USER}/voila/render/smarties.ipynb")
    return requests_at_once(url, hub.proc.pid, headers={"Authorization": f"token {token}"})


def main() -> int:
    if not PROXY.exists():
        print(f"JupyterHub's proxy is missing ({PROXY}): `make hubproxy` installs it with npm. Skipped.")
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="classlab-hub-arrival-"))
    store = f"sqlite:///{tmp / 'class.sqlite'}"
    print(f"A class arriving at once through JupyterHub: {PUPILS} Smarties page requests at the same moment, "
          "to one group's server. Figures only, never asserted.")
    direct = arrive(REPO / "labs", "smarties.ipynb", tmp / "direct.log", {"CLASSLAB_DATABASE_URL": store})
    token = secrets.token_hex(24)
    # A benchmark service that may start the group's server and open its pages (as the group itself could).
    extra = f"""
c.JupyterHub.services = [{{"name": "classlab-bench", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{"name": "classlab-bench", "services": ["classlab-bench"],
                            "scopes": ["admin:users", "admin:servers", "access:servers"]}}]
"""
    hub_root = tmp / "hub"
    hub_root.mkdir()
    hub = Hub(hub_root, store, str(PROXY), extra_config=extra, env={"CLASSLAB_MAX_PAGES": str(PUPILS + 8)})
    try:
        started = time.perf_counter()
        start_server(hub, token)
        spawn = time.perf_counter() - started
        through = arrive_through_hub(hub, token)
    finally:
        hub.stop()
    for name, r in (("direct to Voila", direct), ("through JupyterHub", through)):
        print(f"  {name:19s}: all {r['ok']}/{PUPILS} answered after {r['all']:.1f} s (median {r['median']:.1f} s), "
              f"{len(r['failures'])} failed; {r['kernels']} kernels, {r['rss_total']:.0f} MB in all "
              f"({r['rss_each']:.0f} MB each)")
        for failure in r["failures"][:3]:
            print(f"      failed: {failure}")
    print(f"  The group's server started by the hub in {spawn:.1f} s (once per group per lesson).")
    if direct["all"]:
        print(f"  Through the hub / direct: time until all answered x{through['all'] / direct['all']:.2f}, "
              f"median x{through['median'] / direct['median']:.2f}")
    print(f"  Logs in {tmp}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
