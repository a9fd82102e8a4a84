"""Rules that must always hold, whatever a file holds: an import never half-changes a book."""
import io

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from classlab import Categories, Category, TallyBook
from classlab.io import ALL_TOGETHER, EACH_ROW, ImportProblem, import_into, to_csv_bytes, to_excel_bytes

BIRDS = Categories([Category(n) for n in ["robin", "blue tit", "café crow"]])
GOOD_COUNT = st.integers(0, 1000)
GOOD_ROWS = st.lists(
    st.tuples(st.integers(1, 12), st.sampled_from([*BIRDS.names, "Robin", " BLUE TIT "]),
              st.one_of(GOOD_COUNT, GOOD_COUNT.map(str))),
    min_size=0, max_size=8, unique_by=lambda r: (r[0], " ".join(r[1].split()).lower()))
#: What can go wrong in one cell of each column: day, bird, count.
BAD_CELLS = [["0", "first", "", "10001", "2.5"], ["owl", "=cmd|' /C calc'!A0", "", "@SUM(1)"],
             ["-1", "2.5", "lots", "", "=1+1", "1001", "1e3", "½"]]
SPOIL = st.one_of(st.tuples(st.integers(0, 7), st.integers(0, 2), st.integers(0, 7)), st.just("twice"))


def spoilt(rows, spoil):
    """The rows with one cell made wrong, or one row in twice."""
    rows = [list(r) for r in rows]
    if spoil == "twice" and rows:
        rows.append(list(rows[0]))
    elif isinstance(spoil, tuple) and rows:
        i, column, which = spoil
        bad = BAD_CELLS[column]
        rows[i % len(rows)][column] = bad[which % len(bad)]
    return [tuple(r) for r in rows]


def a_book(counts):
    book = TallyBook(BIRDS, category_label="bird", sample_label="day")
    book.replace_counts(counts)
    return book


EARLIER = st.lists(st.lists(st.integers(0, 20), min_size=3, max_size=3), min_size=1, max_size=4)


def as_file(rows, kind):
    header = ("day", "bird", "count")
    if kind == "csv":
        def quote(v):
            v = str(v)
            return '"' + v.replace('"', '""') + '"' if any(ch in v for ch in ',"\n') else v
        text = "\n".join(",".join(quote(v) for v in row) for row in [header, *rows]) + "\n"
        return text.encode("cp1252" if kind == "cp1252" else "utf-8"), "birds.csv"
    book = Workbook()
    for row in [header, *rows]:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), "birds.xlsx"


def expected(rows):
    """What a good file means: each day's counts, zero where a bird isn't mentioned."""
    days = max(day for day, _, _ in rows)
    table = [[0] * 3 for _ in range(days)]
    for day, name, count in rows:
        table[day - 1][BIRDS.index(" ".join(name.split()).lower())] = int(count)
    return table


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(earlier=EARLIER, good=GOOD_ROWS, spoil=SPOIL, keep_good=st.booleans(), kind=st.sampled_from(["csv", "cp1252", "xlsx"]))
def test_import_never_half_changes_a_book(earlier, good, spoil, keep_good, kind):
    rows = good if keep_good else spoilt(good, spoil)
    book = a_book(earlier)
    before = book.matrix().copy()
    heard = []
    book.on_change(heard.append)
    data, name = as_file(rows, kind)
    try:
        import_into(book, data, name)
    except ImportProblem:
        event("refused")
        assert (book.matrix() == before).all() and heard == []  # exactly as before, and nothing passed on
        return
    event("imported")
    assert book.matrix().tolist() == expected(rows)  # or exactly the table
    assert heard and heard[0].op == "clear"


@settings(max_examples=100, deadline=None)
@given(counts=st.lists(st.lists(GOOD_COUNT, min_size=3, max_size=3), min_size=1, max_size=15),
       export=st.sampled_from([to_csv_bytes, to_excel_bytes]))
def test_every_book_exports_and_imports_back_the_same(counts, export):
    book = a_book(counts)
    back = a_book([[0, 0, 0]])
    import_into(back, export(book), "birds.xlsx" if export is to_excel_bytes else "birds.csv")
    assert back.matrix().tolist() == book.matrix().tolist()


@settings(max_examples=100, deadline=None)
@given(rows=GOOD_ROWS.filter(bool), kind=st.sampled_from(["csv", "cp1252", "xlsx"]))
def test_a_good_file_always_imports(rows, kind):
    book = a_book([[1, 2, 3]])
    import_into(book, *as_file(rows, kind))
    assert book.matrix().tolist() == expected(rows)


SEXES = st.sampled_from(["male", "female"])
CHOICE = st.sampled_from([None, "day", "bird", "count", "sex", "nothing like it", EACH_ROW, ALL_TOGETHER])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.tuples(st.integers(1, 5), st.sampled_from(BIRDS.names), st.integers(0, 40), SEXES),
                     min_size=1, max_size=10),
       sample=CHOICE, category=CHOICE, count=CHOICE, sheet=st.sampled_from([None, "Counts", "Notes", "Elsewhere"]))
def test_any_choice_of_sheet_and_columns_imports_all_or_nothing(rows, sample, category, count, sheet):
    """Whatever a pupil picks in the dropdowns: refused with nothing changed, or every counted thing arrives once."""
    book = a_book([[1, 2, 3]])
    before = book.matrix().copy()
    heard = []
    book.on_change(heard.append)
    workbook = Workbook()
    workbook.active.title = "Notes"
    workbook.active.append(["Birds we saw from the classroom window"])
    counts = workbook.create_sheet("Counts")
    for row in [("day", "bird", "count", "sex"), *rows]:
        counts.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    try:
        import_into(book, out.getvalue(), "birds.xlsx", sheet=sheet, sample_column=sample, category_column=category,
                    count_column=count)
    except ImportProblem:
        event("refused")
        assert (book.matrix() == before).all() and heard == []
        return
    event("imported")
    column = {"day": 0, "count": 2, None: 2}.get(count)
    assert book.matrix().sum() == (len(rows) if count == EACH_ROW else sum(r[column] for r in rows))
    assert heard and heard[0].op == "clear"
