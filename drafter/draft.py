"""A draft as drafter sees it: the text, which parts of it are scored, and where it came from.

Quoted replies, forwarded blocks and mail signatures are not the writer's draft. They stay in
``text`` so that offsets map back to the file, but ``scored_text`` blanks them out (newlines kept)
before spaCy reads it."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources

from mailparser_reply import EmailReplyParser

from drafter.config import load_toml_resource
from drafter.syntax import common_words

# Markdown emphasis and heading marks: blanked before parsing so "**Mark** forgot" reads as "Mark forgot".
MARKDOWN_MARKS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)|^#{1,6}[ \t]|`+", re.MULTILINE)
QUOTED_LINE = re.compile(r"^[ \t]*>.*$", re.MULTILINE)
FORWARD_MARKERS = re.compile(
    r"^[ \t]*(-{2,}\s*(Original Message|Forwarded message|Forwarded by)\b.*|Begin forwarded message:.*"
    r"|On .{5,200}wrote:\s*$|From: .+\n(Sent|Date): .+)",
    re.MULTILINE | re.IGNORECASE,
)


@dataclass(frozen=True)
class Region:
    start: int
    end: int


@dataclass
class Draft:
    """The text of one message and the parts of it that are not the writer's own argument."""

    text: str
    source: str = "<text>"
    #: Lines in the original file before ``text`` begins (the headers of an .eml file).
    line_offset: int = 0
    excluded: list[Region] = field(default_factory=list)
    greeting: Region | None = None
    signoff: Region | None = None
    #: "group" when the greeting or wording addresses many readers, "individual" for one, or "unknown".
    audience: str = "unknown"

    @property
    def scored_text(self) -> str:
        chars = list(self.text)
        for region in self.excluded:
            for i in range(region.start, region.end):
                if chars[i] != "\n":
                    chars[i] = " "
        return "".join(chars)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset, in the original file's numbering."""
        line_start = self.text.rfind("\n", 0, offset) + 1
        return self.text.count("\n", 0, offset) + 1 + self.line_offset, offset - line_start + 1

    def in_letter_frame(self, start: int, end: int) -> bool:
        """True when the span lies inside the greeting or the sign-off."""
        return any(r is not None and r.start <= start and end <= r.end for r in (self.greeting, self.signoff))


@functools.lru_cache(maxsize=1)
def _letter_words() -> dict:
    return load_toml_resource("letter.toml")


def segment(text: str, source: str = "<text>", line_offset: int = 0) -> Draft:
    """Find the quoted, forwarded and signature parts, the greeting and the sign-off."""
    draft = Draft(text=text, source=source, line_offset=line_offset)
    own_end = _end_of_own_text(text)
    excluded = [Region(m.start(), m.end()) for m in QUOTED_LINE.finditer(text, 0, own_end)]
    excluded += [Region(m.start(), m.end()) for m in MARKDOWN_MARKS.finditer(text, 0, own_end)]
    signature_start = _signature_start(text, own_end)
    if signature_start < own_end:
        excluded.append(Region(signature_start, own_end))
        own_end = signature_start
    if own_end < len(text):
        excluded.append(Region(own_end, len(text)))
    draft.excluded = excluded
    draft.greeting = _greeting(text, own_end)
    draft.signoff = _signoff(text, own_end)
    draft.audience = _audience(text, draft.greeting)
    return draft


def _end_of_own_text(text: str) -> int:
    """Where the writer's own message stops and a quoted or forwarded message starts."""
    cut = len(text)
    marker = FORWARD_MARKERS.search(text)
    if marker:
        cut = marker.start()
    replies = EmailReplyParser(languages=["en"]).read(text).replies
    if len(replies) > 1:
        header = (replies[1].headers or replies[1].content).strip().splitlines()
        if header:
            found = text.find(header[0].strip())
            if 0 < found < cut:
                cut = found
    return cut


def _lines(text: str, end: int):
    """(start, end, stripped text) of each line before ``end``."""
    pos = 0
    for raw in text[:end].split("\n"):
        yield pos, pos + len(raw), raw.strip()
        pos += len(raw) + 1


def _signature_start(text: str, end: int) -> int:
    words = _letter_words()
    for start, _, line in _lines(text, end):
        lowered = line.lower()
        if (lowered in ("--", "__") or text[start:start + 3] == "-- ") and lowered.strip("-_ ") == "":
            return start
        if lowered in words["signature_delimiters"]:
            return start
    return end


def _opener(line: str, openers: list[str]) -> str | None:
    lowered = line.lower()
    for opener in sorted(openers, key=len, reverse=True):
        if lowered == opener or re.match(re.escape(opener) + r"\b", lowered):
            return opener
    return None


def _greeting(text: str, end: int) -> Region | None:
    words = _letter_words()
    for start, line_end, line in _lines(text, end):
        if not line:
            continue
        lead = start + (len(text[start:line_end]) - len(text[start:line_end].lstrip()))
        bare = line.rstrip(",:;!.—- ").lower()
        if bare in words["group_greetings"]:
            return Region(lead, line_end)
        vocative = re.match(r"([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\s*,", line)
        if vocative and vocative.group(1).lower() not in common_words():
            return Region(lead, lead + vocative.end())  # "Ikaika, FYI the booking ..."
        if _opener(line, words["greeting_openers"]) is None:
            return None
        comma = re.search(r"[,:!]|\s[—–-]\s", line)
        if comma and comma.start() <= 60:
            return Region(lead, lead + comma.end())
        if len(line) <= 40:
            return Region(lead, line_end)
        return None
    return None


def _signoff(text: str, end: int) -> Region | None:
    words = _letter_words()
    lines = [entry for entry in _lines(text, end)]
    nonblank = [entry for entry in lines if entry[2]]
    tail = nonblank[-6:]
    for index, (start, _, line) in enumerate(tail):
        bare = line.rstrip(",.!").lower()
        closing = bare in words["closings"] or (bare.startswith(("thanks", "thank you", "best", "regards"))
                                                  and len(bare) <= 30 and line.endswith(","))
        dash_name = line.startswith(("—", "–", "- ", "-- ")) and len(line) <= 50 and index == len(tail) - 1
        if closing or dash_name:
            lead = start + text[start:].index(line[0])
            return Region(lead, tail[-1][1])
    if tail:
        start, line_end, line = tail[-1]
        if len(tail) > 1 and _looks_like_bare_name(line):
            lead = start + text[start:].index(line[0])
            return Region(lead, line_end)
    return None


def _looks_like_bare_name(line: str) -> bool:
    tokens = line.split()
    return 1 <= len(tokens) <= 3 and all(t[:1].isupper() for t in tokens) and not re.search(r"[.?!:;]$", line)


def _audience(text: str, greeting: Region | None) -> str:
    words = _letter_words()
    if greeting is not None:
        addressed = text[greeting.start:greeting.end].lower()
        if any(re.search(r"\b" + re.escape(w) + r"\b", addressed) for w in words["group_addressees"]):
            return "group"
        return "individual"
    return "unknown"
