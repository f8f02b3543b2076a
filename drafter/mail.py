"""Reading archives lazily: mbox, maildir, folders of .eml/.txt files, CSV and JSONL.

Each reader yields one ``Message`` at a time, so a batch over a large archive holds one message
in memory at a time. A message that cannot be read becomes a ``Message`` with ``error`` set
instead of an exception: one bad message never stops the batch. Only a problem with a whole
input (a missing path, a CSV without the text column) raises ``ArchiveError``."""
from __future__ import annotations

import codecs
import csv
import email
import email.policy
import email.utils
import json
import mailbox
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from drafter.sources import MAX_BYTES, InputError, decode, looks_like_email, message_body

#: The same ceiling `drafter lint` puts on one email file: above it the message (usually a large
#: attachment) gets an error row without being parsed.
MAX_MESSAGE_BYTES = MAX_BYTES * 4
MBOX_SUFFIXES = {".mbox", ".mbx"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
EMAIL_SUFFIXES = {".eml"}
TEXT_SUFFIXES = {".txt"}
SENDER_KEYS = ("from", "sender")
HEADER_END = re.compile(rb"\r?\n\r?\n")


class ArchiveError(Exception):
    """An input that cannot be read at all; the message is one line for the user."""


@dataclass
class Message:
    """One message of an archive: where it came from, its headers, and its text or an error."""

    source: str
    key: str | None = None  # Message-ID header or id column, when the archive gives one
    subject: str | None = None
    sender: str | None = None
    date: str | None = None  # ISO 8601 when the date could be parsed, else as written
    text: str | None = None
    error: str | None = None
    id: str = ""


@dataclass(frozen=True)
class ReadOptions:
    text_column: str = "text"  # CSV
    text_field: str = "text"  # JSONL
    id_column: str | None = None  # CSV column or JSONL field; "id" when present if not given


def read_archives(paths: Iterable[str], options: ReadOptions = ReadOptions()) -> Iterator[Message]:
    """Every message of every path, in a stable order, each with a unique, stable ``id``."""
    seen: Counter[str] = Counter()
    for path in paths:
        for message in read_path(Path(path), options):
            # The same message can sit in two folders of one archive (inbox and all_documents);
            # the n-th repeat of an id gets "#n", which is stable as long as the order is.
            base = message.key or message.source
            seen[base] += 1
            message.id = base if seen[base] == 1 else f"{base}#{seen[base]}"
            yield message


def count_messages(paths: Iterable[str], options: ReadOptions = ReadOptions()) -> int:
    """How many messages ``read_archives`` will yield, without parsing them (for the ETA)."""
    return sum(_count_path(Path(p), options) for p in paths)


def check_paths(paths: Iterable[str], options: ReadOptions = ReadOptions()) -> None:
    """Raise ArchiveError for the first path that cannot be read at all, before any work starts."""
    for path in map(Path, paths):
        if not path.exists():
            raise ArchiveError(f"{path}: no such file or directory")
        if path.is_file() and detect(path, options) == "csv":
            _csv_columns(path, options)


# ------------------------------------------------------------------------------------------
# Detection
# ------------------------------------------------------------------------------------------

def detect(path: Path, options: ReadOptions) -> str:
    """The kind of input at ``path``, by extension first and then by content."""
    if path.is_dir():
        return "maildir" if (path / "cur").is_dir() and (path / "new").is_dir() else "folder"
    suffix = path.suffix.lower()
    if suffix in MBOX_SUFFIXES:
        return "mbox"
    if suffix == ".csv":
        return "csv"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in EMAIL_SUFFIXES:
        return "email"
    head = _head(path)
    if head.startswith(b"From "):
        return "mbox"
    if head.lstrip().startswith(b"{"):
        return "jsonl"
    if looks_like_email(head):
        return "email"
    first_line = head.decode("utf-8", errors="replace").splitlines()[:1]
    if suffix not in TEXT_SUFFIXES and first_line and options.text_column in next(csv.reader(first_line), []):
        return "csv"
    return "text"


def _head(path: Path, size: int = 4096) -> bytes:
    try:
        with path.open("rb") as file:
            return file.read(size)
    except OSError as exc:
        raise ArchiveError(f"{path}: cannot read ({exc.strerror})") from None


# ------------------------------------------------------------------------------------------
# Readers
# ------------------------------------------------------------------------------------------

def read_path(path: Path, options: ReadOptions) -> Iterator[Message]:
    if not path.exists():
        raise ArchiveError(f"{path}: no such file or directory")
    yield from READERS[detect(path, options)](path, options)


def _read_mbox(path: Path, options: ReadOptions) -> Iterator[Message]:
    box = _open_mailbox(mailbox.mbox, path)
    # Keys of an mbox are message positions: stable for an archive that is only appended to.
    for key in box.iterkeys():
        yield _read_mailbox_entry(box, key, f"{path}#{key}")


def _read_maildir(path: Path, options: ReadOptions) -> Iterator[Message]:
    box = _open_mailbox(mailbox.Maildir, path)
    # Maildir keys are unique file names; sorted so that runs (and --resume) see one order.
    for key in sorted(box.iterkeys()):
        yield _read_mailbox_entry(box, key, f"{path}#{key}")


def _open_mailbox(kind, path: Path):
    try:
        return kind(str(path), factory=None, create=False)
    except (OSError, mailbox.Error) as exc:
        raise ArchiveError(f"{path}: cannot open as {kind.__name__} ({exc})") from None


def _read_mailbox_entry(box, key: str, source: str) -> Message:
    try:
        with box.get_file(key) as file:
            data = file.read(MAX_MESSAGE_BYTES + 1)
    except (OSError, KeyError, mailbox.Error) as exc:
        return Message(source, error=f"cannot read message ({exc})")
    return parse_email(data, source)


def _folder_entries(path: Path, options: ReadOptions) -> Iterator[tuple[Path, str]]:
    """The readable entries of a folder with their kinds, in name order; hidden ones left out."""
    for entry in sorted(path.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_file() and entry.suffix.lower() in TEXT_SUFFIXES:
            yield entry, "text"
            continue
        kind = detect(entry, options)
        if kind != "text":  # a folder holds mail and text; other files (PDFs, notes) are not messages
            yield entry, kind


def _read_folder(path: Path, options: ReadOptions) -> Iterator[Message]:
    for entry, kind in _folder_entries(path, options):
        try:
            yield from READERS[kind](entry, options)
        except ArchiveError as exc:
            # Inside a folder, one unreadable archive is one error row, not the end of the batch.
            yield Message(str(entry), error=str(exc).removeprefix(f"{entry}: "))


def _read_single_file(path: Path, parse: Callable[[bytes, str], Message]) -> Iterator[Message]:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_MESSAGE_BYTES:
            yield Message(source, error=_too_large(size))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Message(source, error=f"cannot read ({exc.strerror})")
        return
    yield parse(data, source)


def _read_email_file(path: Path, options: ReadOptions) -> Iterator[Message]:
    yield from _read_single_file(path, parse_email)


def _read_text_file(path: Path, options: ReadOptions) -> Iterator[Message]:
    def parse(data: bytes, source: str) -> Message:
        # A .txt file that is a saved email is read as one, so its headers are not scored as text.
        return parse_email(data, source) if looks_like_email(data) else parse_text(data, source)

    yield from _read_single_file(path, parse)


def _read_csv(path: Path, options: ReadOptions) -> Iterator[Message]:
    columns = _csv_columns(path, options)
    id_column = _pick(columns, [options.id_column] if options.id_column else ["id"])
    subject, sender, date = (_pick(columns, keys) for keys in (["subject"], SENDER_KEYS, ["date"]))
    csv.field_size_limit(MAX_MESSAGE_BYTES)
    # surrogateescape keeps undecodable bytes so that one bad row becomes an error row instead
    # of a UnicodeDecodeError that would end the whole file.
    with path.open(newline="", encoding="utf-8-sig", errors="surrogateescape") as file:
        reader = csv.DictReader(file)
        row_number = 0
        while True:
            row_number += 1
            source = f"{path}#{row_number}"
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield Message(source, error=f"malformed CSV row ({exc})")
                continue
            yield _record_message(row, source, options.text_column, id_column, subject, sender, date)


def _csv_columns(path: Path, options: ReadOptions) -> list[str]:
    with path.open(newline="", encoding="utf-8-sig", errors="replace") as file:
        header = next(csv.reader(file), [])
    if options.text_column not in header:
        raise ArchiveError(f"{path}: no column {options.text_column!r} (columns: {', '.join(header) or 'none'}); "
                           f"name the text column with --text-column")
    if options.id_column and options.id_column not in header:
        raise ArchiveError(f"{path}: no column {options.id_column!r} for --id-column")
    return header


def _read_jsonl(path: Path, options: ReadOptions) -> Iterator[Message]:
    id_keys = [options.id_column] if options.id_column else ["id"]
    with path.open("rb") as file:
        for number, line in enumerate(file, 1):
            if not line.strip():
                continue
            source = f"{path}#{number}"
            try:
                record = json.loads(line)
            except (UnicodeDecodeError, ValueError) as exc:
                yield Message(source, error=f"not a JSON line ({type(exc).__name__}: {exc})")
                continue
            if not isinstance(record, dict):
                yield Message(source, error="not a JSON object")
                continue
            keys = list(record)
            yield _record_message(record, source, options.text_field, _pick(keys, id_keys),
                                  *(_pick(keys, k) for k in (["subject"], SENDER_KEYS, ["date"])))


def _pick(keys: list[str], wanted: Iterable[str]) -> str | None:
    """The first of ``keys`` that matches one of ``wanted``, ignoring case."""
    lowered = {k.lower(): k for k in keys if isinstance(k, str)}
    return next((lowered[w.lower()] for w in wanted if w.lower() in lowered), None)


def _record_message(record: dict, source: str, text_key: str, id_key: str | None, subject_key: str | None,
                    sender_key: str | None, date_key: str | None) -> Message:
    def field(key: str | None) -> str | None:
        value = record.get(key) if key else None
        return None if value in (None, "") else _clean(str(value))

    message = Message(source, key=field(id_key), subject=field(subject_key), sender=field(sender_key),
                      date=normalise_date(field(date_key)))
    text = record.get(text_key)
    if not isinstance(text, str):
        message.error = f"no text in {text_key!r}"
    elif _has_undecodable_bytes(text):
        message.error = "not valid UTF-8 text"
    elif len(text.encode("utf-8", errors="surrogateescape")) > MAX_MESSAGE_BYTES:
        message.error = _too_large(len(text))
    elif not text.strip():
        message.error = "empty text, nothing to check"
    else:
        message.text = text.replace("\r\n", "\n").replace("\r", "\n")
    return message


def _has_undecodable_bytes(text: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def _clean(value: str) -> str:
    """A header-like field with undecodable bytes shown as replacement characters."""
    if not _has_undecodable_bytes(value):
        return value
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


# ------------------------------------------------------------------------------------------
# Parsing one message
# ------------------------------------------------------------------------------------------

def parse_email(data: bytes, source: str) -> Message:
    """Headers and body text of one RFC 822 message; an error Message when there is no readable text."""
    if len(data) > MAX_MESSAGE_BYTES:
        return Message(source, error=_too_large(len(data)))
    if not data.strip():
        return Message(source, error="empty message")
    if b"\x00" in data[:8192]:
        return Message(source, error="binary data, not an email message")
    if not HEADER_END.search(data):
        # The headers never end: the message was cut off (a truncated mbox or a partial download).
        return Message(source, error="no blank line after the headers: truncated message")
    try:
        parsed = email.message_from_bytes(data, policy=email.policy.default)
        message = Message(source, key=_header(parsed, "message-id"), subject=_header(parsed, "subject"),
                          sender=_header(parsed, "from"), date=normalise_date(_header(parsed, "date")))
        if not any(k in parsed for k in ("from", "subject", "date", "message-id")):
            message.error = "no mail headers: not an email message"
            return message
        part = parsed.get_body(preferencelist=("plain", "html"))
        charset = part.get_content_charset() if part is not None else None
        if charset and not _known_charset(charset):
            message.error = f"unknown charset {charset!r}: cannot decode the text"
            return message
        body = message_body(parsed)
    except Exception as exc:  # noqa: BLE001 - the email package raises many kinds on broken input
        return Message(source, error=f"malformed message ({type(exc).__name__}: {exc})")
    if body is None or not body.strip():
        defects = ", ".join(type(d).__name__ for d in parsed.defects)
        message.error = "no text body" + (f" ({defects})" if defects else "")
    else:
        message.text = body
    return message


def parse_text(data: bytes, source: str) -> Message:
    try:
        return Message(source, text=decode(data, source))
    except InputError as exc:
        # decode() names the source first; the row already carries it.
        return Message(source, error=str(exc).removeprefix(f"{source}: "))


def _header(message, name: str) -> str | None:
    try:
        value = message.get(name)
    except Exception:  # noqa: BLE001 - a malformed header must not lose the message
        return None
    if value is None:
        return None
    return " ".join(str(value).split()) or None


def _known_charset(charset: str) -> bool:
    try:
        codecs.lookup(charset)
    except LookupError:
        return False
    return True


def normalise_date(value: str | None) -> str | None:
    """ISO 8601 for an RFC 2822 or ISO date, so reports can group by month; else the text as it is."""
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).isoformat()
    except ValueError:
        return value


def _too_large(size: int) -> str:
    return f"{size / 1e6:.1f} MB is too large for one message (limit {MAX_MESSAGE_BYTES // 1024 // 1024} MB)"


# ------------------------------------------------------------------------------------------
# Counting, for the progress bar
# ------------------------------------------------------------------------------------------

def _count_path(path: Path, options: ReadOptions) -> int:
    return _count(path, detect(path, options), options) if path.exists() else 0


def _count(path: Path, kind: str, options: ReadOptions) -> int:
    try:
        if kind == "mbox":
            return len(_open_mailbox(mailbox.mbox, path))
        if kind == "maildir":
            return len(_open_mailbox(mailbox.Maildir, path))
        if kind == "folder":
            return sum(_count(entry, sub, options) for entry, sub in _folder_entries(path, options))
        if kind == "jsonl":
            with path.open("rb") as file:
                return sum(1 for line in file if line.strip())
        if kind == "csv":
            csv.field_size_limit(MAX_MESSAGE_BYTES)
            with path.open(newline="", encoding="utf-8", errors="replace") as file:
                return max(sum(1 for _ in csv.reader(file)) - 1, 0)
    except (ArchiveError, OSError, csv.Error):
        return 0  # only an estimate for the progress bar; reading reports the problem
    return 1


READERS: dict[str, Callable[[Path, ReadOptions], Iterator[Message]]] = {
    "mbox": _read_mbox,
    "maildir": _read_maildir,
    "folder": _read_folder,
    "email": _read_email_file,
    "text": _read_text_file,
    "csv": _read_csv,
    "jsonl": _read_jsonl,
}
