"""Reading drafts from files, standard input and .eml messages, with one-line errors."""
from __future__ import annotations

import email
import email.policy
import sys
from email.message import EmailMessage
from pathlib import Path

import html2text

from drafter.draft import Draft, segment

MAX_BYTES = 5 * 1024 * 1024
EMAIL_SUFFIXES = {".eml", ".msg_rfc822", ".mbox_message"}


class InputError(Exception):
    """Input drafter cannot read; the message is one line for the user."""


def html_to_text(html: str) -> str:
    converter = html2text.HTML2Text()
    converter.body_width = 0
    converter.ignore_images = True
    converter.ignore_emphasis = True
    converter.ignore_links = False
    return converter.handle(html).strip() + "\n"


def decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise InputError(f"{name}: empty input, nothing to check")
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: {len(data) / 1e6:.1f} MB is too large for a draft (limit {MAX_BYTES // 1024 // 1024} MB)")
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like binary data, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_like_email(data: bytes) -> bool:
    head = data[:2048].decode("latin-1").lstrip().split("\n\n", 1)[0]
    fields = [line.split(":", 1)[0].lower() for line in head.splitlines() if ":" in line and not line.startswith((" ", "\t"))]
    return sum(f in ("from", "to", "subject", "date", "message-id", "mime-version", "content-type") for f in fields) >= 2


def message_body(message: EmailMessage) -> str | None:
    """The text/plain part, else the HTML part as text; None when there is no text at all."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return None
    try:
        content = part.get_content()
    except (LookupError, UnicodeDecodeError, ValueError, AssertionError):
        payload = part.get_payload(decode=True) or b""
        content = payload.decode("utf-8", errors="replace")
    if isinstance(content, bytes):
        content = content.decode("utf-8", errors="replace")
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    return html_to_text(content) if part.get_content_type() == "text/html" else content


def draft_from_email(data: bytes, name: str) -> Draft:
    message = email.message_from_bytes(data, policy=email.policy.default)
    body = message_body(message)
    if body is None or not body.strip():
        raise InputError(f"{name}: the message has no text body")
    raw = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
    header_end = raw.find("\n\n")
    # Line numbers count from the file's first line; exact when the body is not transfer-encoded.
    probe = body.strip().split("\n", 1)[0][:60]
    found = raw.find(probe, max(header_end, 0)) if probe else -1
    anchor = found if found >= 0 else header_end + 2
    line_offset = raw.count("\n", 0, anchor)
    leading = body.find(probe) if found >= 0 and probe else 0
    line_offset -= body.count("\n", 0, max(leading, 0))
    return segment(body, source=name, line_offset=max(line_offset, 0))


def draft_from_bytes(data: bytes, name: str) -> Draft:
    if name.lower().endswith(tuple(EMAIL_SUFFIXES)) or looks_like_email(data):
        if len(data) > MAX_BYTES * 4:
            raise InputError(f"{name}: {len(data) / 1e6:.1f} MB is too large for one message")
        return draft_from_email(data, name)
    return segment(decode(data, name), source=name)


def read_draft(path: str) -> Draft:
    """A draft from a path, or from standard input for ``-``."""
    if path == "-":
        return draft_from_bytes(sys.stdin.buffer.read(), "<stdin>")
    file = Path(path)
    if not file.exists():
        raise InputError(f"{path}: no such file")
    if file.is_dir():
        raise InputError(f"{path}: is a directory; give a file (use `drafter batch` for folders)")
    try:
        size = file.stat().st_size
        if size > MAX_BYTES * 4:
            raise InputError(f"{path}: {size / 1e6:.1f} MB is too large for a draft (limit {MAX_BYTES // 1024 // 1024} MB)")
        data = file.read_bytes()
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return draft_from_bytes(data, path)
