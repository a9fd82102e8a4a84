"""Export for the teacher (CSV, Excel) and a consistent backup of a SQLite store."""
from __future__ import annotations

import csv
import os
import sqlite3
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import func, select

from ..findings import STATUS_WORDS
from ..io import append_as_text, safe_text
from ..language import _
from .checks import _code
from .errors import BackupNotPossible
from .models import CHANGES, FINDINGS, GROUPS


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC") if moment else ""


class Export:
    """Export for the teacher (CSV, Excel) and a consistent backup of a SQLite store."""

    def _export_tables(self, code) -> dict[str, pd.DataFrame]:
        code = _code(code)
        counts = self.class_counts(code)
        # Practice data is never exported as if it had been counted: every row of it says so.
        counts["practice"] = np.where(counts["practice"].to_numpy(dtype=bool), "practice", "")
        found = self.findings(code)
        findings = pd.DataFrame({
            "id": [f.id for f in found],
            "group": [f.group_name for f in found],
            "question": [f.question for f in found],
            "finding": [f.text for f in found],
            "status": [STATUS_WORDS.get(f.status, f.status) for f in found],  # the words the class saw
            "agreed": ["yes" if f.agreed else "" for f in found],
            "evidence": [f.evidence for f in found],
            "continued_from": [f.continued_from if f.continued_from is not None else "" for f in found],
            "posted": [_when(f.posted_at) for f in found],
        }, columns=["id", "group", "question", "finding", "status", "agreed", "evidence", "continued_from", "posted"])

        def group_rows(conn):
            n_changes = select(CHANGES.c.group_id, func.count().label("n")).where(CHANGES.c.session_code == code).group_by(CHANGES.c.group_id).subquery()
            n_findings = select(FINDINGS.c.group_id, func.count().label("n")).where(FINDINGS.c.session_code == code).group_by(FINDINGS.c.group_id).subquery()
            return conn.execute(
                select(GROUPS.c.id, GROUPS.c.name, GROUPS.c.joined_at, GROUPS.c.practice, func.coalesce(n_changes.c.n, 0).label("changes"),
                       func.coalesce(n_findings.c.n, 0).label("findings"))
                .outerjoin(n_changes, n_changes.c.group_id == GROUPS.c.id).outerjoin(n_findings, n_findings.c.group_id == GROUPS.c.id)
                .where(GROUPS.c.session_code == code).order_by(GROUPS.c.id)
            ).all()

        rows = self._read(group_rows)
        samples = counts.groupby("group", sort=False)["sample"].max() if len(counts) else pd.Series(dtype="int64")
        groups = pd.DataFrame({
            "group": [r.name for r in rows],
            "joined": [_when(r.joined_at) for r in rows],
            "samples": [int(samples.get(r.name, 1)) for r in rows],
            "changes": [int(r.changes) for r in rows],
            "findings": [int(r.findings) for r in rows],
            "practice": ["practice" if r.practice else "" for r in rows],
        }, columns=["group", "joined", "samples", "changes", "findings", "practice"])
        agreed = findings[findings["agreed"] == "yes"][["id", "group", "question", "finding", "evidence"]]
        # Pupils' voice (store/voice.py): each group's question, self check, feedback (hidden marked) and reflection.
        return {"Counts": counts, "Findings": findings, "Agreed": agreed, "Groups": groups, **self._voice_tables(code)}

    def export_csv(self, code, folder) -> list[Path]:
        """counts.csv, findings.csv (agreed ones flagged), groups.csv and the pupils' voice (questions.csv,
        self_checks.csv, feedback.csv, reflections.csv) in `folder` (UTF-8 that Excel reads)."""
        tables = self._export_tables(code)
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, sheet in (("counts.csv", "Counts"), ("findings.csv", "Findings"), ("groups.csv", "Groups"),
                            ("questions.csv", "Questions"), ("self_checks.csv", "Self checks"), ("feedback.csv", "Feedback"),
                            ("reflections.csv", "Reflections")):
            frame = tables[sheet]
            path = folder / name
            with open(path, "w", newline="", encoding="utf-8-sig") as out:
                writer = csv.writer(out)
                writer.writerow(frame.columns)
                for row in frame.itertuples(index=False):
                    writer.writerow([safe_text(v) for v in row])
            written.append(path)
        return written

    def export_excel(self, code, path) -> Path:
        """One workbook: sheets Counts, Findings, Agreed, Groups, Questions, Self checks, Feedback and Reflections.
        Pupils' text is always text, never a formula."""
        from openpyxl import Workbook
        from openpyxl.styles import Font

        tables = self._export_tables(code)
        path = Path(path)
        if path.is_dir():
            path = path / f"classlab-{_code(code)}.xlsx"
        path.parent.mkdir(parents=True, exist_ok=True)
        book = Workbook()
        book.remove(book.active)
        for title, frame in tables.items():
            sheet = book.create_sheet(title)
            sheet.append(list(frame.columns))
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            for values in frame.itertuples(index=False):
                append_as_text(sheet, values)  # "=..." typed by a pupil stays words
            sheet.freeze_panes = "A2"
            for column, name in zip(sheet.columns, frame.columns):
                widest = max([len(str(name))] + [len(str(c.value or "")) for c in column[:200]])
                sheet.column_dimensions[column[0].column_letter].width = min(60, widest + 2)
        book.save(path)
        return path

    def backup(self, path) -> Path:
        """A consistent copy of a live SQLite store, made with SQLite's backup API (never a file copy)."""
        if not self._sqlite:
            raise BackupNotPossible(_(
                "This class store is on a PostgreSQL server: back it up there with pg_dump "
                "(for example: pg_dump -Fc classlab > classlab.dump)."))
        path = Path(path)
        if path.is_dir():
            path = path / f"classlab-backup-{datetime.now():%Y%m%d-%H%M%S}.sqlite"
        database = self._engine.url.database
        if database and database != ":memory:" and path.resolve() == Path(database).resolve():
            raise BackupNotPossible(_("Please choose another file for the backup: that is the store itself."))
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        raw = self._engine.raw_connection()
        try:
            target = sqlite3.connect(partial)
            try:
                raw.driver_connection.backup(target)
            finally:
                target.close()
        finally:
            raw.close()
        os.replace(partial, path)  # a backup cut short never sits under the real name
        return path
