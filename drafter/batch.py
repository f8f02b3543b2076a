"""`drafter batch`: check an archive of past emails and report what it habitually gets wrong.

Messages are read lazily, processed in chunks and written one JSONL row each, flushed as soon as
it exists, so memory stays flat and an interruption loses nothing already written. ``--resume``
skips the ids already in the output. CSV, HTML and the terminal summary are built from the JSONL
at the end, so after a resumed run they cover every message, not only the last part.
"""
from __future__ import annotations

import json
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice

import click

from drafter.cli import criteria_option, fail, weights_from_config, with_common_options
from drafter.mail import ArchiveError, Message, ReadOptions, check_paths, count_messages, read_archives

ROW_SCHEMA = "drafter.batch/1"
CHUNK_SIZE = 32  # messages per Checker.check_drafts call and per task sent to a worker
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class BatchOptions:
    criteria: tuple[str, ...] | None = None
    model: bool = True
    weights: tuple[tuple[str, float], ...] = ()
    score_all: bool = False


# ------------------------------------------------------------------------------------------
# Processing a chunk of messages
# ------------------------------------------------------------------------------------------

class Processor:
    """Segments, detects and checks messages; built once per process (the pipeline is slow to load)."""

    def __init__(self, options: BatchOptions):
        from drafter.checker import Checker
        from drafter.incident import IncidentDetector

        self.checker = Checker(options.criteria, model=options.model, weights=dict(options.weights) or None)
        self.detector = IncidentDetector(self.checker.nlp)
        self.score_all = options.score_all

    def process(self, messages: list[Message]) -> list[dict]:
        """One row per message, in order; a message that fails anywhere becomes an error row."""
        from drafter.draft import segment

        rows: list[dict] = []
        to_check = []  # (index in rows, message, draft)
        for message in messages:
            if message.error is not None:
                rows.append(message_row(message))
                continue
            try:
                draft = segment(message.text, source=message.source)
                incident = self.detector(draft, message.subject)
            except Exception as exc:  # noqa: BLE001 - one odd message must not end the batch
                error = f"cannot segment or classify the message ({type(exc).__name__}: {exc})"
                rows.append(message_row(message, error=error))
                continue
            rows.append(message_row(message, incident=incident.to_dict()))
            if incident.verdict or self.score_all:
                to_check.append((len(rows) - 1, message, draft))
        for (index, message, draft), report in zip(to_check, self._check([d for _, _, d in to_check])):
            incident = rows[index]["is_incident"]
            if isinstance(report, Exception):
                rows[index] = message_row(message, incident=incident,
                                          error=f"check failed ({type(report).__name__}: {report})")
            else:
                rows[index] = message_row(message, incident=incident, report=report, draft=draft)
        return rows

    def _check(self, drafts: list) -> list:
        """Reports for the drafts; if the chunk fails, one at a time, so only the culprit errors."""
        try:
            return self.checker.check_drafts(drafts)
        except Exception:  # noqa: BLE001
            results = []
            for draft in drafts:
                try:
                    results.append(self.checker.check_draft(draft))
                except Exception as exc:  # noqa: BLE001
                    results.append(exc)
            return results


def message_row(message: Message, *, incident: dict | None = None, report=None, draft=None,
                error: str | None = None) -> dict:
    row = {
        "schema": ROW_SCHEMA,
        "id": message.id,
        "source": message.source,
        "subject": message.subject,
        "sender": message.sender,
        "date": message.date,
        "error": error or message.error,
        "is_incident": incident,
        "scored": report is not None,
        "score": None,
        "passed": None,
        "criteria": {},
        "finding_counts": {},
    }
    if report is not None:
        findings = report.findings
        row.update(
            score=report.score,
            passed=report.passed,
            criteria={cid: {"score": r.score, "verdict": r.verdict, "findings": len(r.findings)}
                      for cid, r in report.criteria.items()},
            finding_counts={s: sum(f.severity == s for f in findings) for s in SEVERITIES},
            # The text and finding offsets let the HTML report highlight spans without re-running.
            findings=[{"criterion": f.criterion, "rule": f.rule, "severity": f.severity, "start": f.start,
                       "end": f.end, "message": f.message} for f in findings],
            text=draft.text,
            excluded=[[r.start, r.end] for r in draft.excluded],
        )
    return row


_worker: Processor | None = None


def _start_worker(options: BatchOptions) -> None:
    global _worker
    # Ctrl-C goes to the whole process group; the parent handles it and stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Each worker has a core to itself; torch's own thread pool would otherwise fight the others for it.
    os.environ["OMP_NUM_THREADS"] = "1"
    import torch

    torch.set_num_threads(1)
    _worker = Processor(options)


def _process_in_worker(messages: list[Message]) -> list[dict]:
    return _worker.process(messages)


def process_chunks(chunks: Iterable[list[Message]], options: BatchOptions, jobs: int) -> Iterator[list[dict]]:
    """Rows for each chunk, in input order; with jobs > 1, chunks run in a process pool with at
    most two per worker in flight, so memory does not grow with the archive."""
    if jobs == 1:
        processor = Processor(options)
        for chunk in chunks:
            yield processor.process(chunk)
        return
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(options,))
    try:
        pending: deque = deque()
        chunks = iter(chunks)
        while True:
            while len(pending) < 2 * jobs and (chunk := next(chunks, None)) is not None:
                pending.append(pool.submit(_process_in_worker, chunk))
            if not pending:
                return
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


# ------------------------------------------------------------------------------------------
# The results file
# ------------------------------------------------------------------------------------------

def done_ids(path: str) -> set[str]:
    """Ids already written to ``path``. A last line cut off by a crash is dropped from the file,
    so that message is done again and the next row starts on a line of its own."""
    if not os.path.exists(path):
        return set()
    ids = set()
    with open(path, "rb+") as file:
        data_end = 0
        for line in file:
            if not line.endswith(b"\n"):
                break
            data_end += len(line)
            try:
                ids.add(json.loads(line)["id"])
            except (ValueError, KeyError, TypeError):
                continue
        file.truncate(data_end)
    return ids


def read_rows(path: str) -> Iterator[dict]:
    with open(path, encoding="utf-8") as file:
        for line in file:
            try:
                yield json.loads(line)
            except ValueError:
                continue


@dataclass
class RunStats:
    written: int = 0
    skipped: int = 0


def run_batch(paths: list[str], out: str, *, read_options: ReadOptions = ReadOptions(),
              options: BatchOptions = BatchOptions(), jobs: int = 1, resume: bool = False,
              progress: bool = False, stats: RunStats | None = None) -> RunStats:
    """Check every message under ``paths`` and append a row for each to ``out`` (JSONL).

    Raises ArchiveError for an input that cannot be read at all. ``stats`` is updated as rows are
    written, so a caller that catches KeyboardInterrupt still knows how far the run got."""
    from tqdm import tqdm

    stats = stats if stats is not None else RunStats()
    check_paths(paths, read_options)
    skip = done_ids(out) if resume else set()
    total = count_messages(paths, read_options) if progress else None

    def pending() -> Iterator[Message]:
        for message in read_archives(paths, read_options):
            if message.id in skip:
                stats.skipped += 1
            else:
                yield message

    messages = pending()
    chunks = iter(lambda: list(islice(messages, CHUNK_SIZE)), [])
    with open(out, "a" if resume else "w", encoding="utf-8") as file, \
            tqdm(total=total, initial=len(skip) if total else 0, unit="msg", disable=not progress,
                 file=sys.stderr, dynamic_ncols=True) as bar:
        for rows in process_chunks(chunks, options, jobs):
            for row in rows:
                file.write(json.dumps(row, ensure_ascii=False) + "\n")
                file.flush()
                stats.written += 1
            bar.update(len(rows))
    return stats


# ------------------------------------------------------------------------------------------
# The command
# ------------------------------------------------------------------------------------------

@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Results, one JSON row per message.")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False), help="Also write a CSV table.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False), help="Also write a self-contained HTML report.")
@click.option("--text-column", default="text", show_default=True, help="CSV column with the message text.")
@click.option("--text-field", default="text", show_default=True, help="JSONL field with the message text.")
@click.option("--id-column", default=None,
              help="CSV column or JSONL field with the message id (default: id, if present).")
@click.option("--all", "score_all", is_flag=True, help="Score every message, not only apologies and corrections.")
@click.option("--resume", is_flag=True, help="Continue an interrupted run: skip messages already in --out.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many findings and lowest-scoring messages the summary lists.")
@with_common_options
def batch_command(paths, out, csv_path, html_path, text_column, text_field, id_column, score_all, resume, jobs,
                  top, criteria, no_model, config):
    """Check an archive of past emails: mbox, maildir, folders of .eml/.txt, CSV or JSONL.

    Each message is classified as an incident (it apologises for or corrects a mistake) and,
    if it is one (or with --all), scored on every criterion. Rows stream to --out as they are
    made; Ctrl-C loses nothing, and --resume continues where the run stopped."""
    from drafter.checker import UnknownCriterion
    from drafter.config import ConfigError

    try:
        wanted = criteria_option(criteria)
        weights = weights_from_config(config)
    except click.BadParameter as exc:
        fail(exc.format_message())
    except (ConfigError, UnknownCriterion) as exc:
        fail(str(exc))
    for target in filter(None, (out, csv_path, html_path)):
        folder = os.path.dirname(os.path.abspath(target))
        if not os.path.isdir(folder):
            fail(f"{target}: folder {folder} does not exist")
    options = BatchOptions(tuple(wanted) if wanted else None, model=not no_model,
                           weights=tuple(sorted((weights or {}).items())), score_all=score_all)
    read_options = ReadOptions(text_column=text_column, text_field=text_field, id_column=id_column)
    stats = RunStats()
    try:
        run_batch(list(paths), out, read_options=read_options, options=options, jobs=jobs, resume=resume,
                  progress=sys.stderr.isatty(), stats=stats)
    except ArchiveError as exc:
        fail(f"{exc}" + (f" ({stats.written} rows written to {out})" if stats.written else ""))
    except KeyboardInterrupt:
        click.echo(f"drafter: interrupted: {stats.written} rows written to {out}; "
                   f"run again with --resume to continue", err=True)
        sys.exit(130)
    if stats.skipped:
        click.echo(f"drafter: resumed: {stats.skipped} messages were already in {out}", err=True)
    write_reports(out, csv_path, html_path, top=top, criterion_ids=wanted)


def write_reports(out: str, csv_path: str | None, html_path: str | None, *, top: int = 10,
                  criterion_ids: list[str] | None = None) -> None:
    """The terminal summary, and the CSV and HTML files, from the finished JSONL."""
    from drafter.checker import CRITERION_IDS
    from drafter.formatters.summary import Summary, render_text

    summary = Summary(top=top)
    for row in read_rows(out):
        summary.add(row)
    if csv_path:
        from drafter.formatters import csv as csv_format

        csv_format.write(read_rows(out), csv_path, criterion_ids or CRITERION_IDS)
    if html_path:
        from drafter.formatters import html as html_format

        html_format.write(lambda: read_rows(out), summary, html_path)
    click.echo(render_text(summary, out), nl=False)
