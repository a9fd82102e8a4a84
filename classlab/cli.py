"""The `classlab` command. One subcommand per job, each a small function, so more can join later."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import classlab
from classlab.language import _, ngettext

DEFAULT_LABS = Path(classlab.__file__).resolve().parent.parent / "labs"
DEFAULT_TEACHER = Path(classlab.__file__).resolve().parent.parent / "teacher_guides"


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(
        args.labs, port=args.port, cull_idle_timeout=args.cull_idle, cull_interval=args.cull_interval,
        teacher_dir=None if args.no_teacher else args.teacher_guides, teacher_port=args.teacher_port,
        database_url=args.database_url, lan=args.lan, teacher_lan=args.teacher_lan, max_pages=args.max_pages,
        preheat=args.preheat, preheat_labs=dict(args.preheat_lab or []),
    )


def _new(args: argparse.Namespace) -> int:
    from .lab_check import new_lab

    return new_lab(args.name, args.labs)


def _check(args: argparse.Namespace) -> int:
    from .lab_check import check_labs

    return check_labs(args.labs, args.names, quick=args.quick)


def _translate(args: argparse.Namespace) -> int:
    """A lab's own words (NAME) or a page of prose (a notebook) into a catalogue for a translator, kept up to date."""
    from .language import languages, locale_code

    try:
        code = locale_code(args.language)
    except ValueError as problem:
        print(problem, file=sys.stderr)
        return 2
    failed = 0
    for what in args.what:
        try:
            said = _translate_notebook(Path(what), code) if what.endswith(".ipynb") else _translate_lab(what, args.labs, code)
        except (ValueError, OSError) as problem:
            print(problem, file=sys.stderr)
            failed += 1
            continue
        print(said)
    if code not in languages():
        # Translators: {code} is a language code (fr).
        print(_("ClassLab's own words have no catalogue for {code} yet, so its pages show English (UK) until there is "
                "one: see docs/translating.md.").format(code=code))
    return 1 if failed else 0


def _translate_lab(name: str, labs: Path, code: str) -> str:
    from .lab_format import LabError, read
    from .lab_format.translating import translate

    try:
        made = translate(read(labs / f"{name}.lab.yaml"), code)
    except LabError as problem:
        raise ValueError(str(problem)) from None
    # Translators: {file} is the catalogue's file; {n} how many of the lab's texts it holds, {to_do} how many have no words yet.
    return ngettext("{file}: {n} text, {to_do} still to translate.", "{file}: {n} texts, {to_do} still to translate.",
                    made.texts).format(file=made.path, n=made.texts, to_do=made.to_do)


def _translate_notebook(notebook: Path, code: str) -> str:
    from .guides import translated, update

    if not notebook.is_file():
        raise ValueError(_("There is no notebook called {file}.").format(file=notebook))
    po = update(notebook, code)
    # Translators: {file} is the catalogue; {page} the translated notebook it wrote.
    return _("{file}: wrote {page} from it.").format(file=po, page=translated(notebook, code))


def _book(args: argparse.Namespace) -> int:
    """Make a group's book (or the class's) as a web page and a PDF, and say where they are."""
    from .book import make_book
    from .class_work import BookError
    from .store import ClassStore, StoreError

    try:
        store = ClassStore(args.database_url)
        made = make_book(store, args.CLASS, args.GROUP, args.out, labs_dir=args.labs, pdf=not args.no_pdf)
    except (BookError, StoreError) as problem:
        print(problem, file=sys.stderr)
        return 1
    # Translators: {group} is a group's name, as the pupils typed it.
    _say_where(made, _("The book for {group}").format(group=args.GROUP) if args.GROUP else _("The class book"))
    return 0


def _say_where(made, what: str) -> None:
    """Where a made page is: its web page, and its PDF or why there is none."""
    # Translators: {what} is "The class book", "The book for {group}" or "The page for parents"; {folder} a folder.
    print(_("{what} is ready in {folder}:").format(what=what, folder=made.html.parent))
    print("  " + _("web page: {file}").format(file=made.html))
    if made.pdf is not None:
        print("  " + _("PDF: {file}").format(file=made.pdf))
    elif made.problem:
        print("  " + _("No PDF: {problem}").format(problem=made.problem))


def _parents(args: argparse.Namespace) -> int:
    """Make the parents' page for a class (no pupil or group names) and say where it is."""
    from .class_work import BookError
    from .parents import make_parents_page
    from .store import ClassStore, StoreError

    try:
        made = make_parents_page(ClassStore(args.database_url), args.CLASS, args.out, labs_dir=args.labs,
                                 pdf=not args.no_pdf)
    except (BookError, StoreError) as problem:
        print(problem, file=sys.stderr)
        return 1
    _say_where(made, _("The page for parents"))
    print(_("Group names are taken out; pupils' findings are printed as they wrote them, so read it through before "
            "you share it."))
    return 0


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be a whole number of at least 1"))
    return value


def _not_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(_("must be a whole number, 0 or more"))
    return value


def _lab_pool(text: str) -> tuple[str, int]:
    """`smarties=15`: a lab's name and how many kernels wait ready for it."""
    name, equals, size = text.partition("=")
    if not equals or not name.strip():
        raise argparse.ArgumentTypeError(_("write the lab's name, = and a number, like smarties=15"))
    try:
        return name.strip(), _not_negative(size)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{typed} after = must be a whole number, 0 or more").format(typed=repr(size))) from None


def _class_pages(command: argparse.ArgumentParser, what: str, group: bool = False) -> None:
    """The options every command that prints a class's pages shares: which class, where, from which store."""
    command.add_argument("CLASS", help="the class code, as on the board")
    if group:
        command.add_argument("GROUP", nargs="?", default=None,
                             help="the group's name (default: the class book, a chapter per group)")
    command.add_argument("--out", type=Path, default=None, metavar="FOLDER",
                         help=f"where to write {what} (default: ./classlab-book-CLASS)")
    command.add_argument("--labs", type=Path, default=DEFAULT_LABS, help=f"folder of labs (default {DEFAULT_LABS})")
    command.add_argument("--database-url", default=None, metavar="URL",
                         help="the class store (default: $CLASSLAB_DATABASE_URL, else the SQLite file in ~/.local/share/classlab)")
    command.add_argument("--no-pdf", action="store_true", help="write the web page only (print it from a browser)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="classlab", description=_("ClassLab: a data-handling lab for pupils."))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    serve = commands.add_parser("serve", help="serve the pupils' labs and the teacher's class board on this computer")
    serve.add_argument("--port", type=_positive, default=8866, help="port to serve on (default 8866)")
    serve.add_argument(
        "--cull-idle", type=_positive, default=600, metavar="SECONDS",
        help="shut down the kernel of a page closed or left idle this long (default 600)",
    )
    serve.add_argument(
        "--cull-interval", type=_positive, default=60, metavar="SECONDS",
        help="how often to look for such kernels (default 60)",
    )
    serve.add_argument("--labs", type=Path, default=DEFAULT_LABS, help=f"folder of lab notebooks (default {DEFAULT_LABS})")
    serve.add_argument("--teacher-guides", type=Path, default=DEFAULT_TEACHER,
                       help=f"folder of teacher pages, served behind the teacher key (default {DEFAULT_TEACHER})")
    serve.add_argument("--teacher-port", type=_positive, default=None,
                       help="port for the teacher's pages (default: the next one after --port)")
    serve.add_argument("--no-teacher", action="store_true", help="serve the pupils' labs only")
    serve.add_argument("--database-url", default=None, metavar="URL",
                       help="the class store: a SQLAlchemy URL such as postgresql+psycopg://user@host/db "
                            "(default: $CLASSLAB_DATABASE_URL, else an SQLite file in ~/.local/share/classlab)")
    serve.add_argument("--lan", action="store_true",
                       help="serve the pupils' labs (only those) on the school network, for pupils' own devices")
    serve.add_argument("--teacher-lan", action="store_true",
                       help="put the teacher's pages on the school network too, still behind the teacher key")
    serve.add_argument("--max-pages", type=_positive, default=None, metavar="N",
                       help="most lab pages open at once; a pupil after that is asked to wait "
                            "(default: worked out from this computer's memory, about 115 MB a page)")
    serve.add_argument("--preheat", type=_not_negative, default=1, metavar="N",
                       help="kernels kept started for each lab, so the next pupil's page opens at once "
                            "(default 1; 0 turns this off; about 115 MB each)")
    serve.add_argument("--preheat-lab", type=_lab_pool, action="append", metavar="LAB=N",
                       help="kernels kept started for the lab a class is about to use, in place of --preheat's N "
                            "for it: one for each page the class opens at once, e.g. smarties=15 for 15 groups "
                            "(repeat for more labs)")
    serve.set_defaults(func=_serve)

    new = commands.add_parser("new", help="make a new lab: a description to edit and a page that works at once")
    new.add_argument("name", help="the lab's name: lower-case letters, digits and _, like fair_dice")
    new.add_argument("--labs", type=Path, default=DEFAULT_LABS, help=f"folder of labs (default {DEFAULT_LABS})")
    new.set_defaults(func=_new)

    check = commands.add_parser("check", help="check labs: description, datasets, notebook and page; say what to fix")
    check.add_argument("names", nargs="*", metavar="NAME", help="labs to check (default: every lab)")
    check.add_argument("--labs", type=Path, default=DEFAULT_LABS, help=f"folder of labs (default {DEFAULT_LABS})")
    check.add_argument("--quick", action="store_true",
                       help="check the descriptions and datasets only (no notebook run, no Voila)")
    check.set_defaults(func=_check)

    translate = commands.add_parser("translate", help="put a lab's own words, or a teacher guide's, into a catalogue "
                                                      "for a translator, and keep it up to date")
    translate.add_argument("what", nargs="+", metavar="LAB_OR_NOTEBOOK",
                           help="a lab's name (smarties), or a notebook of prose (teacher_guides/smarties.ipynb)")
    translate.add_argument("language", metavar="LANGUAGE", help="the language's code, like cy for Welsh")
    translate.add_argument("--labs", type=Path, default=DEFAULT_LABS, help=f"folder of labs (default {DEFAULT_LABS})")
    translate.set_defaults(func=_translate)

    book = commands.add_parser("book", help="make a group's book, or the whole class's, as a web page and a PDF")
    _class_pages(book, "the book", group=True)
    book.set_defaults(func=_book)

    parents = commands.add_parser("parents", help="make a page for parents about the class's work (no names on it)")
    _class_pages(parents, "the page")
    parents.set_defaults(func=_parents)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
