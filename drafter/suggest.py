"""Suggested rewrites from the template phrases in data/templates.toml.

The same functions serve a lint finding's ``suggestion`` and ``drafter rewrite``: a template is
picked for the move and the draft's register, and its slots are filled from the draft. Where the
draft does not say what a slot needs, a visible placeholder such as ``[what you changed]`` stays."""
from __future__ import annotations

import functools
import re
import string

from spacy.tokens import Doc, Span, Token

from drafter.config import load_toml_resource
from drafter.syntax import FIRST_PERSON

REGISTERS = ("customer_email", "client_note", "internal_announcement", "status_update", "chat_message")
PLACEHOLDER = re.compile(r"\[(what|when|who)[^\]]*\]")
AGREEMENT = {"was": "were", "is": "are", "has": "have", "wasn't": "weren't", "isn't": "aren't",
             "hasn't": "haven't", "does": "do", "doesn't": "don't"}


@functools.lru_cache(maxsize=1)
def templates() -> dict:
    return load_toml_resource("templates.toml")


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
        if re.search(r"\b(customers?|subscribers?|members|users|valued)\b", text[: draft.greeting.end] if draft.greeting else ""):
            return "customer_email"
        return "internal_announcement"
    if draft.audience == "individual":
        return "client_note" if re.search(r"\b(project|deliverable|proposal|contract|deadline|brief|invoice)\b", text) else "customer_email"
    return "customer_email"


def choose(move: str, register: str, seed: str = "") -> str | None:
    """One template for ``move`` ("criterion.rule") in ``register``, varied by ``seed``."""
    criterion, rule = move.split(".", 1)
    variants_by_register = templates().get(criterion, {}).get(rule)
    if not variants_by_register:
        return None
    variants = variants_by_register.get(register) or variants_by_register.get("any") or []
    if not variants:
        return None
    return variants[sum(map(ord, seed)) % len(variants)]


class Slots(dict):
    """Slot values; a missing one renders as its placeholder."""

    def __missing__(self, key: str) -> str:
        return templates()["placeholders"].get(key, f"[{key}]")


def fill(template: str, slots: dict) -> str:
    return string.Formatter().vformat(template, (), Slots(slots))


def draft_slots(doc: Doc) -> dict:
    """What the draft itself says about the fix, the time and the reader."""
    slots: dict[str, str] = {}
    fix = fix_phrase(doc)
    if fix:
        slots["fix"] = fix
        slots["fix_sentence"] = f"We have {fix}."
    times = [e.text for e in doc.ents if e.label_ in ("DATE", "TIME") and _future_time(e)]
    if times:
        slots["time"] = times[0]
    return slots


def _future_time(ent: Span) -> bool:
    head = ent.root.head
    return any(t.lower_ in ("will", "'ll", "by", "until", "within", "next") for t in (*ent.root.head.children, head, *ent))


def fix_phrase(doc: Doc) -> str | None:
    """The first clause in the draft that reports a correction, as a verb phrase ("reissued the invoice")."""
    for span in doc._.cues.get("FIX", []):
        verb = span.root if span.root.pos_ in ("VERB", "AUX") else None
        if verb is None or verb.tag_ not in ("VBN", "VBD"):
            continue
        objects = [c for c in verb.children if c.dep_ in ("dobj", "prt", "dative", "prep")]
        words = [verb] + [t for child in objects for t in child.subtree]
        words = sorted(set(words), key=lambda t: t.i)
        return " ".join(t.text for t in words if not t.is_space)
    return None


def collective_sentence(sent: Span, culprit: Token) -> str:
    """The sentence with the named or singled-out culprit replaced by "we"."""
    doc = sent.doc
    culprit_span = _culprit_span(culprit)
    pieces = []
    replaced = False
    for token in sent:
        if culprit_span.start <= token.i < culprit_span.end:
            if not replaced:
                if culprit.dep_ == "poss" or token.lower_ in ("my", "his", "her", "their"):
                    pieces.append("our" + token.whitespace_)
                elif culprit.dep_ == "pobj" and culprit.head.dep_ == "agent":
                    pieces.append("us" + culprit_span[-1].whitespace_)
                else:
                    pieces.append(("We" if culprit_span.start == sent.start else "we") + culprit_span[-1].whitespace_)
                replaced = True
            continue
        text = token.text
        if replaced and token.head == culprit.head and token.lower_ in AGREEMENT and token.i > culprit_span.end - 1:
            text = AGREEMENT[token.lower_]
        if token.dep_ == "case" and token.head == culprit:
            continue
        pieces.append(text + token.whitespace_)
    return "".join(pieces).strip()


def _culprit_span(culprit: Token) -> Span:
    doc = culprit.doc
    if culprit.dep_ == "poss":
        end = culprit.i + 1
        if end < len(doc) and doc[end].dep_ == "case":
            end += 1
        start = culprit.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head == culprit:
            start -= 1
        return doc[start:end]
    if culprit.lower_ in FIRST_PERSON:
        # "I personally" -> "we"
        end = culprit.i + 1
        if end < len(doc) and doc[end].lower_ in ("personally", "alone", "myself"):
            end += 1
        return doc[culprit.i:end]
    return doc[culprit.left_edge.i:culprit.right_edge.i + 1]


def suggestion_for(doc: Doc, criterion: str, rule: str, span: Span, **extra: str) -> str | None:
    template = choose(f"{criterion}.{rule}", register_of(doc), seed=doc.text[:40])
    if template is None:
        return None
    slots = draft_slots(doc)
    slots.update(extra)
    return " ".join(fill(template, slots).split())
