"""`classlab new` and `classlab check`: make a lab that works at once, and say exactly what is wrong with one.

Checking goes from cheap to dear: the description, its datasets and picture, the notebook's shape,
then running the notebook (nbclient, in the labs folder), then the page in a real Voila started
as `classlab serve` starts it. Kernels get a throwaway class store, so checking never touches a
class's work. Every message says what is wrong, where, and how to fix it.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from . import lab_format
from .lab_format import LAB_SUFFIX, Lab, LabError, Problem, shown_path

#: What Voila 0.5 puts in a page when a cell failed and tracebacks are hidden (its stderr output).
VOILA_CELL_ERROR = re.compile(r"There was an error when executing cell \[(\d+)\]")
VOILA_STDERR = 'data-mime-type="application/vnd.jupyter.stderr"'
CELL_TIMEOUT = 120


def environ_without_store(data_dir) -> dict:
    """An environment whose class store is a throwaway one, so checking a lab touches no class's work."""
    env = {k: v for k, v in os.environ.items() if k not in ("CLASSLAB_DATABASE_URL", "QUERY_STRING")}
    env["CLASSLAB_DATA"] = str(data_dir)
    return env


@dataclass
class Report:
    """What checking one lab found: problems make it broken; notes are worth knowing."""

    name: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# --- classlab new ---------------------------------------------------------------------------------------
def new_lab(name: str, labs_dir, out=None) -> int:
    """Scaffold labs/NAME.lab.yaml (a commented template) and labs/NAME.ipynb; a copied description is kept."""
    import nbformat

    out = out or sys.stdout
    labs_dir = Path(labs_dir)
    why = lab_format.name_problem(name)
    if why:
        print(why, file=out)
        return 2
    if not labs_dir.is_dir():
        print(f"There is no labs folder at {shown_path(labs_dir)}. Give the right one with --labs FOLDER.", file=out)
        return 2
    notebook, description = labs_dir / f"{name}.ipynb", labs_dir / f"{name}{LAB_SUFFIX}"
    if notebook.exists():
        print(f"There is already a lab called {name} ({shown_path(notebook)}). Choose another name, or edit "
              f"{shown_path(description)} to change that lab.", file=out)
        return 1
    if description.exists():
        try:
            lab = lab_format.read(description)
        except LabError as error:
            print(f"{shown_path(description)} is already there, with mistakes to fix first:\n{error}\n"
                  f"Fix them, then run classlab new {name} again.", file=out)
            return 1
        title, made = lab.description.title, [notebook]
    else:
        text = lab_format.template_text(name)
        title = lab_format.parse(text, description).description.title
        description.write_text(text, encoding="utf-8")
        made = [description, notebook]
    nbformat.write(lab_format.notebook_json(title, name), notebook)
    print(f"Made a new lab, {name}:", file=out)
    for path in made:
        role = "the description: edit this" if path == description else "the page: leave it as it is"
        print(f"    {shown_path(path)}  ({role})", file=out)
    print(f"Next: edit {shown_path(description)} in a text editor, then run:\n"
          f"    classlab check {name}\n"
          f"and open the gallery (classlab serve prints its address) to see your lab.", file=out)
    return 0


# --- classlab check: the cheap parts ------------------------------------------------------------------------
def _notebook_problems(lab: Lab | None, notebook: Path, report: Report) -> None:
    """The notebook is there, clean, titled like its description and built from it."""
    import nbformat

    name = report.name
    if not notebook.is_file():
        report.problems.append(f"{shown_path(notebook)}: the lab's page is missing. Make it with: classlab new {name} "
                               f"(it uses your {name}{LAB_SUFFIX}).")
        return
    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception as e:  # nbformat's own reasons are technical; say what to do
        report.problems.append(f"{shown_path(notebook)}: the page can't be read as a notebook ({type(e).__name__}). "
                               f"Delete it and run classlab new {name} to make it again.")
        return
    title_cell = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    if any(c.get("outputs") or c.get("execution_count") for c in nb.cells if c.cell_type == "code"):
        report.notes.append(f"{shown_path(notebook)} has saved outputs. Voila runs it fresh, so they do no harm, but "
                            "a clean page is easier to compare: in JupyterLab, Edit > Clear Outputs of All Cells, then save.")
    if lab is None:
        return
    if "LabPage" not in code:
        report.notes.append(f"{shown_path(notebook)} doesn't use LabPage, so its widgets are not built from "
                            f"{name}{LAB_SUFFIX}: only the gallery and these checks read the description.")
        return
    if f"{name}{LAB_SUFFIX}" not in code:
        report.problems.append(f"{shown_path(notebook)}: the page builds from another description, not "
                               f"{name}{LAB_SUFFIX}. Make its code cell say LabPage.from_file(\"{name}{LAB_SUFFIX}\").")
    title = lab.description.title
    first = title_cell.source.strip().splitlines()[0] if title_cell is not None and title_cell.source.strip() else ""
    if first.lstrip("#").strip() != title:
        report.problems.append(f"{shown_path(notebook)}: the title cell says '{first.lstrip('#').strip()}', but "
                               f"{name}{LAB_SUFFIX} says '{title}'. Make the notebook's first cell '# {title}' "
                               f"(in JupyterLab), or delete {notebook.name} and run classlab new {name} to make it again.")


def check_description(name: str, labs_dir, datasets_dir=None) -> tuple[Lab | None, Report]:
    """Everything that needs no kernel: the description, its datasets and picture, the notebook's shape."""
    labs_dir = Path(labs_dir)
    report = Report(name)
    description, notebook = labs_dir / f"{name}{LAB_SUFFIX}", labs_dir / f"{name}.ipynb"
    lab = None
    if not description.is_file():
        report.notes.append(f"{shown_path(notebook)} has no description ({name}{LAB_SUFFIX}), so the gallery lists "
                            "it without a title or picture, and only its notebook and page can be checked.")
    else:
        try:
            lab = lab_format.read(description)
            report.passed.append("description")
        except LabError as error:
            report.problems += [str(p) for p in error.problems]
    if lab is not None:
        found: list[Problem] = lab_format.dataset_problems(lab, datasets_dir) + lab_format.picture_problems(lab)
        report.problems += [str(p) for p in found]
        if lab.description.datasets and not any("dataset" in p.what for p in found):
            n = len(lab.description.datasets)
            report.passed.append(f"{n} dataset{'s' if n > 1 else ''}")
    _notebook_problems(lab, notebook, report)
    return lab, report


# --- classlab check: running the notebook and the page ----------------------------------------------------------
def run_notebook(notebook: Path, env: dict) -> str | None:
    """Run a lab notebook as Voila would (in its folder); None, or what went wrong and where."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(notebook.parent)}})
    try:
        client.execute(env=env, stderr=subprocess.DEVNULL)  # the kernel's own start-up chatter is not a lab's problem
    except CellExecutionError as e:
        cell = next((i for i, c in enumerate(nb.cells, 1) if c.cell_type == "code" and any(
            o.get("output_type") == "error" for o in c.get("outputs", []))), None)
        where = f"cell {cell}" if cell else "a cell"
        if e.ename == "LabError":
            return (f"{shown_path(notebook)}: {where} stops because the description has mistakes (listed above). "
                    "Fix those first.")
        value = (e.evalue or "").strip().splitlines()
        return (f"{shown_path(notebook)}: {where} stops with {e.ename}: {value[0] if value else ''}".rstrip(": ")
                + ". Open the notebook in JupyterLab and run it to see the whole error; a lab's cells should only "
                "build widgets (LabPage.from_file(...)).")
    except CellTimeoutError:
        return (f"{shown_path(notebook)}: a cell was still running after {CELL_TIMEOUT} s. A lab's cells should only "
                "build widgets: move long work out of the page.")
    except DeadKernelError:
        return f"{shown_path(notebook)}: the kernel died while running it. Run it in JupyterLab to see why."
    except Exception as e:  # no kernel, a notebook nbclient can't run: say it plainly
        return f"{shown_path(notebook)}: it could not be run ({type(e).__name__}: {e}). Check that ClassLab is installed."
    return None


class _Voila:
    """One Voila over the labs folder, started exactly as `classlab serve` starts the pupils' server."""

    def __init__(self, labs_dir: Path, env: dict, log_dir: Path):
        from .serve import any_free_port, voila_command, wait_until_answering

        self.port = any_free_port()
        self.log_path = log_dir / "voila.log"
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(voila_command(labs_dir, self.port, cull_idle_timeout=60, cull_interval=10),
                                     stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True, env=env)
        self.started = wait_until_answering(self.port, self.proc, timeout=90)

    def render(self, name: str) -> str | None:
        """Fetch the lab's page; None when it rendered with no error, else what went wrong."""
        url = f"http://127.0.0.1:{self.port}/voila/render/{name}.ipynb"
        try:
            with urllib.request.urlopen(url, timeout=CELL_TIMEOUT + 30) as response:
                body = response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return f"{url} answered {e.code} {e.reason}. Run the lab with classlab serve and look at what it prints."
        except OSError as e:
            return f"{url} did not answer ({e}). Run the lab with classlab serve and look at what it prints."
        failed = VOILA_CELL_ERROR.search(body)
        if failed:
            return (f"the page shows pupils an error (Voila says: there was an error when executing cell [{failed[1]}]). "
                    f"Open {name}.ipynb in JupyterLab and run it to see the error.")
        if VOILA_STDERR in body:
            return (f"the page shows pupils a warning or error text from a cell. Open {name}.ipynb in JupyterLab, run it "
                    "and remove what writes to the error stream.")
        return None

    def stop(self) -> None:
        from .serve import stop

        stop(self.proc)
        self._log.close()


# --- the whole check ----------------------------------------------------------------------------------------------
def check_labs(labs_dir, names: list[str] | None = None, quick: bool = False, datasets_dir=None, out=None) -> int:
    """Check the named labs (or every lab) and print what is wrong; 0 when every lab is ready, 1 if not."""
    out = out or sys.stdout
    labs_dir = Path(labs_dir)
    if not labs_dir.is_dir():
        print(f"There is no labs folder at {shown_path(labs_dir)}. Give the right one with --labs FOLDER.", file=out)
        return 2
    every = lab_format.discover(labs_dir)
    names = [lab_format.lab_name(n) if n.endswith(LAB_SUFFIX) else n.removesuffix(".ipynb") for n in (names or every)]
    unknown = [n for n in names if n not in every]
    if unknown:
        print(f"There is no lab called {', '.join(unknown)} in {shown_path(labs_dir)}. "
              f"Labs there: {', '.join(every) or 'none yet (make one with classlab new NAME)'}.", file=out)
        return 2
    if not names:
        print(f"There are no labs in {shown_path(labs_dir)} yet. Make one with: classlab new NAME", file=out)
        return 1
    reports = {}
    for name in names:
        _, reports[name] = check_description(name, labs_dir, datasets_dir)
    runnable = []
    for name in names:
        if not (labs_dir / f"{name}.ipynb").is_file():
            continue
        if (labs_dir / f"{name}{LAB_SUFFIX}").is_file() and "description" not in reports[name].passed:
            reports[name].notes.append("Its notebook was not run, nor its page shown: fix the description first.")
        else:
            runnable.append(name)
    if not quick and runnable:
        with tempfile.TemporaryDirectory(prefix="classlab-check-") as scratch:
            env = environ_without_store(Path(scratch) / "store")
            if datasets_dir:
                env["CLASSLAB_DATASETS"] = str(Path(datasets_dir).resolve())
            for name in runnable:
                failed = run_notebook(labs_dir / f"{name}.ipynb", env)
                if failed:
                    reports[name].problems.append(failed)
                else:
                    reports[name].passed.append("notebook runs")
            voila = _Voila(labs_dir, env, Path(scratch))
            try:
                if not voila.started:
                    log = voila.log_path.read_text(errors="replace")[-1500:]
                    for name in runnable:
                        reports[name].problems.append(f"Voila could not start to show the page. What it said:\n{log}")
                else:
                    for name in runnable:
                        failed = voila.render(name)
                        if failed:
                            reports[name].problems.append(f"{shown_path(labs_dir / (name + '.ipynb'))}: {failed}")
                        else:
                            reports[name].passed.append("page renders in Voila")
            finally:
                voila.stop()
    for name in names:
        _print_report(reports[name], out)
    broken = [n for n in names if not reports[n].ok]
    ready = len(names) - len(broken)
    summary = f"Checked {len(names)} lab{'s' if len(names) != 1 else ''}: {ready} ready, {len(broken)} broken"
    summary += f" ({', '.join(broken)})." if broken else "."
    if quick:
        summary += " (Quick: notebooks not run, pages not rendered.)"
    print(summary, file=out, flush=True)
    return 1 if broken else 0


def _print_report(report: Report, out) -> None:
    if report.ok:
        print(f"{report.name}: ready ({', '.join(report.passed) or 'nothing to check'})", file=out)
    else:
        n = len(report.problems)
        print(f"{report.name}: {n} problem{'s' if n > 1 else ''}", file=out)
        for p in report.problems:
            print("  " + p.replace("\n", "\n    "), file=out)
    for note in report.notes:
        print(f"  note: {note}", file=out)

