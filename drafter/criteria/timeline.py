"""timeline: the fix reported complete, or a concrete time for the next update."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from drafter.criteria.base import Criterion
from drafter.report import Finding
from drafter.signals import cues, in_body, remedies, sentence
from drafter.suggest import suggestion_for

NOT_YET = {"not", "n't", "never", "until", "once", "when", "will", "'ll", "expect", "hope", "hopefully",
           "should", "would", "might", "may", "still", "yet", "if", "working", "trying", "aim"}
CLOCK = re.compile(r"\b(\d{1,2}(:\d{2})?\s?(am|pm|a\.m\.|p\.m\.)|\d{1,2}:\d{2}|\d{3,4}\s?(utc|gmt|cet|est|pst|bst))\b", re.I)
DURATION = re.compile(r"\bwithin (the next )?(\d+|a|an|one|two|three|four|five|six|twelve|24|48|72) "
                      r"(minutes?|hours?|days?|business days?|working days?|weeks?)\b", re.I)


def completed(doc: Doc) -> list[Span]:
    """Cues reporting the fix as done, unless negated or hedged earlier in the sentence."""
    done = [doc[t.i:t.i + 1] for t in remedies(doc, "done")]
    for span in cues(doc, "COMPLETED"):
        before = doc[sentence(span).start:span.start]
        if any(t.lower_ in NOT_YET or t.dep_ == "neg" for t in before) or any(t.dep_ == "neg" for t in span):
            continue
        done.append(span)
    return done


TIME_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tomorrow",
              "tonight", "weekend", "week", "afternoon", "evening", "noon", "midday", "midnight", "january",
              "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "eod", "end", "hour", "hours", "minutes", "days", "mon", "tue", "wed",
              "thu", "fri", "sat", "sun", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
              "oct", "nov", "dec"}
PAST_TIME = {"yesterday", "ago", "last", "earlier", "morning", "overnight", "previous", "since"}
CONDITIONAL = {"when", "once", "soon", "until", "if", "after"}


def _future_anchor(token: Token) -> bool:
    """A verb that looks ahead ("we'll send", "expect", "is due") or the noun "update"."""
    if token.lemma_.lower() in ("update", "expect", "due", "eta", "aim", "plan", "schedule", "deadline", "target"):
        return True
    if token.pos_ not in ("VERB", "AUX"):
        return False
    aux = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    going_to = token.dep_ == "xcomp" and token.head.lower_ == "going"
    return (bool(aux & {"will", "'ll", "shall", "should"}) or going_to) and token.tag_ in ("VB", "VBN")


def _time_words(sent: Span) -> list[Span]:
    doc = sent.doc
    spans = [e for e in sent.ents if e.label_ in ("DATE", "TIME")]
    for pattern in (CLOCK, DURATION):
        for match in pattern.finditer(sent.text):
            span = doc.char_span(sent.start_char + match.start(), sent.start_char + match.end(), alignment_mode="expand")
            if span is not None:
                spans.append(span)
    return [s for s in spans if not {t.lower_ for t in s} & PAST_TIME and in_body(doc, s.start_char, s.end_char)
            and (CLOCK.search(s.text) or DURATION.search(s.text) or _names_a_time(s))]


def _names_a_time(span: Span) -> bool:
    """A date entity that names a day or time, or follows "by", "before", "within" ("by Thursday")."""
    words = {t.lower_ for t in span}
    if words & TIME_NAMES or any(t.like_num and len(t.text) <= 2 and t.i > span.start for t in span):
        return True
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return before in ("by", "before", "until", "within", "on", "at", "from")


def concrete_times(doc: Doc) -> list[Span]:
    """Dates and times that say when the next update or the fix comes ("next update at 16:00 UTC",
    "we'll send it by Thursday", "within two days"), not times in the past or a reader's deadline."""
    found = []
    for sent in doc._.body_sents:
        if "next update" in sent.text.lower() and _time_words(sent):
            found.append(sent)
            continue
        for span in _time_words(sent):
            anchor = span.root
            while anchor.head.i != anchor.i and not _future_anchor(anchor):
                if anchor.dep_ in ("advcl", "relcl") or anchor.lower_ in CONDITIONAL:
                    break
                anchor = anchor.head
            if _future_anchor(anchor) and not any(c.lower_ in CONDITIONAL for c in anchor.children if c.dep_ == "mark"):
                found.append(span)
                break
    return found


ONGOING_VERBS = {"work", "look", "investigate", "try", "fix", "restore", "replace", "rebuild", "redraw", "repair",
                 "recover", "reprocess", "correct", "chase", "trace", "review", "check", "follow", "ship", "send"}
PENDING_AUX = {"will", "'ll", "shall", "am", "is", "are", "'re", "'m", "'s"}


def pending(doc: Doc) -> list:
    """Work still to come: future or in-progress fixes ("we'll replace it", "engineers are replacing the
    controller", "the switch is still down"). A draft with pending work has not reported the fix complete."""
    from drafter.syntax import word_sets

    not_remedies = word_sets()["not_remedies"]
    found = []
    for sent in doc._.body_sents:
        if any(t.lower_ == "if" for t in sent):
            continue  # "if you still see it, we'll check": an offer, not unfinished work
        for verb in sent:
            if verb.pos_ != "VERB" or (verb.lemma_.lower() in not_remedies and verb.lemma_.lower() not in ONGOING_VERBS):
                continue
            aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
            settled = any(c.lower_ in ("again", "normally", "fine") for c in verb.children)
            future = bool(aux & {"will", "'ll", "shall"}) or (verb.tag_ == "VBG" and bool(aux & PENDING_AUX)
                                                              and not settled)
            if future and not any(c.dep_ == "neg" for c in verb.children) and verb.dep_ not in ("advcl", "relcl"):
                found.append(verb)
        if any(t.lower_ == "still" for t in sent) and any(t.lower_ in ("down", "broken", "failing", "missing",
                                                                      "affected", "unavailable", "seeing")
                                                         for t in sent):
            found.append(sent.root)
    return found


class Timeline(Criterion):
    id = "timeline"

    def check(self, doc: Doc) -> tuple[list[Finding], int]:
        times = concrete_times(doc)
        # A vague promise beside a dated one ("the rest will follow as soon as we can; Pieter calls at 3pm")
        # still leaves the main fix open-ended.
        vague = [v for v in cues(doc, "VAGUE_TIME") if not any(sentence(v).start == sentence(t).start for t in times)]
        if (times or self._model_says_timed(doc)) and not vague:
            return [], 100
        if completed(doc) and not vague and not pending(doc):
            return [], 100
        if vague:
            findings = [self.finding(doc, "vague", vague[0], text=vague[0].text,
                                     suggestion=suggestion_for(doc, self.id, "vague", vague[0]))]
        else:
            findings = [self.missing(doc)]
        return findings, self.score(findings)

    def _model_says_timed(self, doc: Doc) -> bool:
        return any(self.model_says(doc, s, "timeline") for s in doc._.body_sents)
