"""Template phrases from data/templates.toml and the slots drafter fills from a draft.

``drafter rewrite`` and each lint finding's ``suggestion`` share this: a template is picked for the
move and the draft's register, and its slots are filled from the draft. Where the draft does not
say what a slot needs, a visible placeholder such as ``[what you changed]`` stays, and
``placeholder_spans`` finds it again so that lint can report it until the writer fills it in."""
from __future__ import annotations

import functools
import re
import string
import zlib
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from drafter.config import load_toml_resource

#: A group message about what readers bought or booked is to customers, not colleagues.
CUSTOMER_WORDING = re.compile(r"\byour (order|account|subscription|purchase|booking|parcel|delivery|card)\b"
                              r"|\b(anyone|everyone|those of you) who (ordered|bought|booked|paid|subscribed)\b")
REGISTERS = ("customer_email", "client_note", "internal_announcement", "status_update", "chat_message")


@functools.lru_cache(maxsize=1)
def templates() -> dict:
    return load_toml_resource("templates.toml")


@functools.lru_cache(maxsize=1)
def placeholder_pattern() -> re.Pattern:
    """Exactly the placeholders the templates write, and nothing a writer would type in brackets."""
    values = sorted(templates()["placeholders"].values(), key=len, reverse=True)
    return re.compile("|".join(re.escape(v) for v in values))


def placeholder_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, placeholder) for each placeholder still in ``text``."""
    return [(m.start(), m.end(), m.group(0)) for m in placeholder_pattern().finditer(text)]


def register_of(doc: Doc) -> str:
    """Which kind of message the draft is, from its frame and wording."""
    draft = doc._.draft
    words = len([t for t in doc if t.is_alpha])
    text = doc.text.lower()
    if draft.greeting is None and draft.signoff is None and words <= 60:
        return "chat_message"
    if draft.greeting is None and re.search(r"\b(utc|gmt|investigating|identified|monitoring|resolved|update:)\b", text):
        return "status_update"
    if draft.audience == "group":
        greeting = text[: draft.greeting.end] if draft.greeting else ""
        if re.search(r"\b(customers?|subscribers?|members|users|valued)\b", greeting) or CUSTOMER_WORDING.search(text):
            return "customer_email"
        return "internal_announcement"
    if draft.audience == "individual":
        return "client_note" if re.search(r"\b(project|deliverable|proposal|contract|deadline|brief|invoice)\b", text) else "customer_email"
    return "customer_email"


@dataclass(frozen=True)
class Template:
    #: Where it came from, e.g. "lines.timeline/missing.status_update#1"; reported with each edit.
    id: str
    text: str


def choose(move: str, register: str, seed: str = "") -> Template | None:
    """One line template for ``move`` ("criterion/rule") in ``register``, varied by ``seed``.

    The variant depends only on the seed (the draft's text), so a rewrite is reproducible."""
    by_register = templates()["lines"].get(move)
    if not by_register:
        return None
    key = register if register in by_register else "any"
    variants = by_register.get(key) or []
    if not variants:
        return None
    index = zlib.crc32(f"{move}\n{seed}".encode("utf-8")) % len(variants)
    return Template(f"lines.{move}.{key}#{index}", variants[index])


class Slots(dict):
    """Slot values; a missing one renders as its placeholder."""

    def __missing__(self, key: str) -> str:
        return templates()["placeholders"].get(key, f"[{key}]")


def fill(template: str, slots: dict) -> str:
    return " ".join(string.Formatter().vformat(template, (), Slots(slots)).split())


def draft_slots(doc: Doc) -> dict:
    """What the draft itself says about the fix and the time of the next update."""
    slots: dict[str, str] = {}
    fix = fix_phrase(doc)
    if fix:
        slots["fix"] = fix
    times = [e.text for e in doc.ents if e.label_ in ("DATE", "TIME") and _future_time(e)]
    if times:
        slots["time"] = times[0]
    return slots


def _future_time(ent: Span) -> bool:
    head = ent.root.head
    return any(t.lower_ in ("will", "'ll", "by", "until", "within", "next") for t in (*head.children, head, *ent))


def fix_phrase(doc: Doc) -> str | None:
    """The first clause in the draft that reports a correction, as a verb phrase ("reissued the invoice")."""
    for span in doc._.cues.get("FIX", []):
        verb = span.root if span.root.pos_ in ("VERB", "AUX") else None
        if verb is None or verb.tag_ not in ("VBN", "VBD"):
            continue
        objects = [c for c in verb.children if c.dep_ in ("dobj", "prt", "dative", "prep")]
        words = sorted({verb, *(t for child in objects for t in child.subtree)}, key=lambda t: t.i)
        return " ".join(t.text for t in words if not t.is_space)
    return None


def collective_sentence(sent: Span, culprit: Token) -> str:
    """The sentence with the named or singled-out culprit replaced by "we" (the rewrite's own move)."""
    # Imported here: drafter.rewrite imports the criteria, and the criteria import this module.
    from drafter.rewrite import culprit_move

    move = culprit_move(sent, culprit, "names", "blamed-person")
    return move.preview() if move is not None else sent.text.strip()


def suggestion_for(doc: Doc, criterion: str, rule: str, span: Span, **extra: str) -> str | None:
    """The finding's suggestion: what to do, and the sentence as ``drafter rewrite`` would write it.

    ``extra`` is accepted for the criteria's older slot names; the rewrite now supplies the text."""
    from drafter.rewrite import move_for

    advice = templates()["advice"]
    what = advice["moves"].get(f"{criterion}/{rule}")
    if what is None:
        return None
    move = move_for(doc, criterion, rule, span)
    if move is None:
        return advice["unchanged"].format(advice=what)
    rewritten = " ".join(move.preview().split())  # one line, however the draft was wrapped
    if not rewritten:
        return advice["dropped"].format(advice=what)
    return advice["rewritten"].format(advice=what, rewritten=rewritten)
