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
from .language import _, ngettext

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
        print(_("There is no labs folder at {folder}. Give the right one with --labs FOLDER.").format(
            folder=shown_path(labs_dir)), file=out)
        return 2
    notebook, description = labs_dir / f"{name}.ipynb", labs_dir / f"{name}{LAB_SUFFIX}"
    if notebook.exists():
        print(_("There is already a lab called {name} ({notebook}). Choose another name, or edit "
                "{description} to change that lab.").format(name=name, notebook=shown_path(notebook),
                                                            description=shown_path(description)), file=out)
        return 1
    if description.exists():
        try:
            lab = lab_format.read(description)
        except LabError as error:
            print(_("{description} is already there, with mistakes to fix first:\n{mistakes}\n"
                    "Fix them, then run classlab new {name} again.").format(
                        description=shown_path(description), mistakes=error, name=name), file=out)
            return 1
        title, made = lab.description.title, [notebook]
    else:
        text = lab_format.template_text(name)
        title = lab_format.parse(text, description).description.title
        description.write_text(text, encoding="utf-8")
        made = [description, notebook]
    nbformat.write(lab_format.notebook_json(title, name), notebook)
    print(_("Made a new lab, {name}:").format(name=name), file=out)
    for path in made:
        role = _("the description: edit this") if path == description else _("the page: leave it as it is")
        print(f"    {shown_path(path)}  ({role})", file=out)
    print(_("Next: edit {description} in a text editor, then run:\n"
            "    classlab check {name}\n"
            "and open the gallery (classlab serve prints its address) to see your lab.").format(
                description=shown_path(description), name=name), file=out)
    return 0


# --- classlab check: the cheap parts ------------------------------------------------------------------------
def _notebook_problems(lab: Lab | None, notebook: Path, report: Report) -> None:
    """The notebook is there, clean, titled like its description and built from it."""
    import nbformat

    name = report.name
    if not notebook.is_file():
        report.problems.append(_("{notebook}: the lab's page is missing. Make it with: classlab new {name} "
                                 "(it uses your {description}).").format(
                                     notebook=shown_path(notebook), name=name, description=f"{name}{LAB_SUFFIX}"))
        return
    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception as e:  # nbformat's own reasons are technical; say what to do
        report.problems.append(_("{notebook}: the page can't be read as a notebook ({problem}). "
                                 "Delete it and run classlab new {name} to make it again.").format(
                                     notebook=shown_path(notebook), problem=type(e).__name__, name=name))
        return
    title_cell = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    if any(c.get("outputs") or c.get("execution_count") for c in nb.cells if c.cell_type == "code"):
        report.notes.append(_("{notebook} has saved outputs. Voila runs it fresh, so they do no harm, but a clean page "
                              "is easier to compare: in JupyterLab, Edit > Clear Outputs of All Cells, then save.").format(
                                  notebook=shown_path(notebook)))
    if lab is None:
        return
    if "LabPage" not in code:
        report.notes.append(_("{notebook} doesn't use LabPage, so its widgets are not built from "
                              "{description}: only the gallery and these checks read the description.").format(
                                  notebook=shown_path(notebook), description=f"{name}{LAB_SUFFIX}"))
        return
    if f"{name}{LAB_SUFFIX}" not in code:
        report.problems.append(_("{notebook}: the page builds from another description, not "
                                 "{description}. Make its code cell say LabPage.from_file(\"{description}\").").format(
                                     notebook=shown_path(notebook), description=f"{name}{LAB_SUFFIX}"))
    title = lab.description.title
    first = title_cell.source.strip().splitlines()[0] if title_cell is not None and title_cell.source.strip() else ""
    if first.lstrip("#").strip() != title:
        report.problems.append(_("{notebook}: the title cell says '{cell}', but "
                                 "{description} says '{title}'. Make the notebook's first cell '# {title}' "
                                 "(in JupyterLab), or delete {file} and run classlab new {name} to make it again.").format(
                                     notebook=shown_path(notebook), cell=first.lstrip("#").strip(),
                                     description=f"{name}{LAB_SUFFIX}", title=title, file=notebook.name, name=name))


def check_description(name: str, labs_dir, datasets_dir=None) -> tuple[Lab | None, Report]:
    """Everything that needs no kernel: the description, its datasets and picture, the notebook's shape."""
    labs_dir = Path(labs_dir)
    report = Report(name)
    description, notebook = labs_dir / f"{name}{LAB_SUFFIX}", labs_dir / f"{name}.ipynb"
    lab = None
    if not description.is_file():
        report.notes.append(_("{notebook} has no description ({description}), so the gallery lists "
                              "it without a title or picture, and only its notebook and page can be checked.").format(
                                  notebook=shown_path(notebook), description=f"{name}{LAB_SUFFIX}"))
    else:
        try:
            lab = lab_format.read(description)
            report.passed.append(_("description"))
        except LabError as error:
            report.problems += [str(p) for p in error.problems]
    if lab is not None:
        datasets: list[Problem] = lab_format.dataset_problems(lab, datasets_dir)
        found = datasets + lab_format.picture_problems(lab)
        report.problems += [str(p) for p in found]
        if lab.description.datasets and not datasets:
            n = len(lab.description.datasets)
            report.passed.append(ngettext("{n} dataset", "{n} datasets", n).format(n=n))
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
        where = _("cell {n}").format(n=cell) if cell else _("a cell")
        if e.ename == "LabError":
            return _("{notebook}: {cell} stops because the description has mistakes (listed above). "
                     "Fix those first.").format(notebook=shown_path(notebook), cell=where)
        value = (e.evalue or "").strip().splitlines()
        # Translators: {error} is Python's name for the error and its first line (ValueError: ...), in English.
        error = f"{e.ename}: {value[0] if value else ''}".rstrip(": ")
        return _("{notebook}: {cell} stops with {error}. Open the notebook in JupyterLab and run it to see the whole "
                 "error; a lab's cells should only build widgets (LabPage.from_file(...)).").format(
                     notebook=shown_path(notebook), cell=where, error=error)
    except CellTimeoutError:
        return _("{notebook}: a cell was still running after {seconds} s. A lab's cells should only "
                 "build widgets: move long work out of the page.").format(notebook=shown_path(notebook), seconds=CELL_TIMEOUT)
    except DeadKernelError:
        return _("{notebook}: the kernel died while running it. Run it in JupyterLab to see why.").format(
            notebook=shown_path(notebook))
    except Exception as e:  # no kernel, a notebook nbclient can't run: say it plainly
        return _("{notebook}: it could not be run ({error}). Check that ClassLab is installed.").format(
            notebook=shown_path(notebook), error=f"{type(e).__name__}: {e}")
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
            return _("{address} answered {status}. Run the lab with classlab serve and look at what it prints.").format(
                address=url, status=f"{e.code} {e.reason}")
        except OSError as e:
            return _("{address} did not answer ({problem}). Run the lab with classlab serve and look at what it prints.").format(
                address=url, problem=e)
        failed = VOILA_CELL_ERROR.search(body)
        if failed:
            # Translators: "there was an error when executing cell" is what Voila writes on the page, in English.
            return _("the page shows pupils an error (Voila says: there was an error when executing cell [{n}]). "
                     "Open {notebook} in JupyterLab and run it to see the error.").format(n=failed[1], notebook=f"{name}.ipynb")
        if VOILA_STDERR in body:
            return _("the page shows pupils a warning or error text from a cell. Open {notebook} in JupyterLab, run it "
                     "and remove what writes to the error stream.").format(notebook=f"{name}.ipynb")
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
        print(_("There is no labs folder at {folder}. Give the right one with --labs FOLDER.").format(
            folder=shown_path(labs_dir)), file=out)
        return 2
    every = lab_format.discover(labs_dir)
    names = [lab_format.lab_name(n) if n.endswith(LAB_SUFFIX) else n.removesuffix(".ipynb") for n in (names or every)]
    unknown = [n for n in names if n not in every]
    if unknown:
        print(_("There is no lab called {names} in {folder}. Labs there: {labs}.").format(
            names=", ".join(unknown), folder=shown_path(labs_dir),
            labs=", ".join(every) or _("none yet (make one with classlab new NAME)")), file=out)
        return 2
    if not names:
        print(_("There are no labs in {folder} yet. Make one with: classlab new NAME").format(folder=shown_path(labs_dir)),
              file=out)
        return 1
    reports = {}
    for name in names:
        reports[name] = check_description(name, labs_dir, datasets_dir)[1]
    runnable = []
    for name in names:
        if not (labs_dir / f"{name}.ipynb").is_file():
            continue
        if (labs_dir / f"{name}{LAB_SUFFIX}").is_file() and _("description") not in reports[name].passed:
            reports[name].notes.append(_("Its notebook was not run, nor its page shown: fix the description first."))
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
                    reports[name].passed.append(_("notebook runs"))
            voila = _Voila(labs_dir, env, Path(scratch))
            try:
                if not voila.started:
                    log = voila.log_path.read_text(errors="replace")[-1500:]
                    for name in runnable:
                        reports[name].problems.append(
                            _("Voila could not start to show the page. What it said:\n{log}").format(log=log))
                else:
                    for name in runnable:
                        failed = voila.render(name)
                        if failed:
                            reports[name].problems.append(f"{shown_path(labs_dir / (name + '.ipynb'))}: {failed}")
                        else:
                            reports[name].passed.append(_("page renders in Voila"))
            finally:
                voila.stop()
    for name in names:
        _print_report(reports[name], out)
    broken = [n for n in names if not reports[n].ok]
    ready = len(names) - len(broken)
    summary = ngettext("Checked {n} lab: {ready} ready, {broken} broken", "Checked {n} labs: {ready} ready, {broken} broken",
                       len(names)).format(n=len(names), ready=ready, broken=len(broken))
    summary += f" ({', '.join(broken)})." if broken else "."
    if quick:
        summary += " " + _("(Quick: notebooks not run, pages not rendered.)")
    print(summary, file=out, flush=True)
    return 1 if broken else 0


def _print_report(report: Report, out) -> None:
    if report.ok:
        # Translators: {name} is a lab's name (smarties); {passed} lists what was checked (description, notebook runs).
        print(_("{name}: ready ({passed})").format(name=report.name, passed=", ".join(report.passed) or _("nothing to check")),
              file=out)
    else:
        n = len(report.problems)
        print(ngettext("{name}: {n} problem", "{name}: {n} problems", n).format(name=report.name, n=n), file=out)
        for p in report.problems:
            print("  " + p.replace("\n", "\n    "), file=out)
    for note in report.notes:
        print("  " + _("note: {note}").format(note=note), file=out)

