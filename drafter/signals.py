"""Signals shared by the criteria, computed once per document and kept as Doc extensions.

- ``doc._.draft``: the Draft (greeting, sign-off, excluded regions, audience).
- ``doc._.body_sents``: sentences of the writer's own text, greeting and sign-off left out.
- ``doc._.cues``: lexicon and Matcher hits by label, limited to the body.
- ``doc._.roles``: per body sentence, the sentence-role probabilities of the model, or None
  when the model is not used.
- ``doc._.evidence``: per body sentence, the evidence head's score for each criterion, or None
  when the model or its evidence head is not used.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from drafter.cues import cue_matcher
from drafter.draft import Draft

for _name in ("draft", "body_sents", "cues", "roles", "evidence", "body_token_ids"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def in_body(doc: Doc, start_char: int, end_char: int) -> bool:
    draft: Draft = doc._.draft
    if draft.in_letter_frame(start_char, end_char):
        return False
    return not any(r.start <= start_char < r.end for r in draft.excluded)


def annotate(doc: Doc, draft: Draft, nlp: Language) -> Doc:
    doc._.draft = draft
    # Which tokens are the writer's own body text, decided once: the criteria ask this very often.
    doc._.body_token_ids = frozenset(t.i for t in doc if not t.is_space and in_body(doc, t.idx, t.idx + len(t)))
    body = doc._.body_token_ids
    doc._.body_sents = [sent for sent in doc.sents if any(t.i in body and not t.is_punct for t in sent)]
    doc._.cues = {
        label: [s for s in spans if in_body(doc, s.start_char, s.end_char)]
        for label, spans in cue_matcher(nlp)(doc).items()
    }
    return doc


def cues(doc: Doc, label: str, within: Span | None = None) -> list[Span]:
    spans = doc._.cues.get(label, [])
    if within is None:
        return spans
    return [s for s in spans if within.start <= s.start and s.end <= within.end]


def body_tokens(sent: Span):
    body = sent.doc._.body_token_ids
    return (t for t in sent if t.i in body)


def remedies(doc: Doc, state: str | None = None) -> list[Token]:
    """Verbs in the body that report a fix as done or promise one (``state`` picks one kind)."""
    from drafter.syntax import remedy

    found = memo(doc, "remedies", lambda: [(t, remedy(t)) for s in doc._.body_sents for t in body_tokens(s)])
    return [t for t, kind in found if kind is not None and (state is None or kind == state)]


def sentence(item: Token | Span) -> Span:
    """The sentence a token or span starts in. spaCy's ``.sent`` walks the whole document on every
    call; the criteria ask for it thousands of times a draft, so the index is built once."""
    doc = item.doc
    index = memo(doc, "sentence_index", lambda: [sent for sent in doc.sents for _ in sent])
    return index[item.i if isinstance(item, Token) else item.start]


def memo(doc: Doc, key: str, compute):
    """A value computed once per document and shared by every criterion that asks for it."""
    store = doc.user_data.setdefault("drafter", {})
    if key not in store:
        store[key] = compute()
    return store[key]


def role_probability(doc: Doc, sent: Span, role: str) -> float | None:
    """The model's probability that ``sent`` plays ``role``, or None without the model."""
    if doc._.roles is None:
        return None
    by_start = memo(doc, "roles_by_sentence", lambda: {s.start: p for s, p in zip(doc._.body_sents, doc._.roles)})
    probabilities = by_start.get(sent.start)
    return None if probabilities is None else probabilities.get(role, 0.0)


def token_in_letter_frame(token: Token) -> bool:
    return token.doc._.draft.in_letter_frame(token.idx, token.idx + len(token))
