"""facts: say what happened without blaming a person, team, supplier or the reader."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from drafter.criteria.base import Criterion
from drafter.report import Finding
from drafter.signals import cues, role_probability
from drafter.suggest import collective_sentence, suggestion_for
from drafter.syntax import (
    is_prospective, is_reader, is_third_party, mentions_error, subjects, verbs_done_wrong, word_sets,
)

#: Model probability above which a sentence the rules passed over still counts as blame or excuse.
MODEL_THRESHOLD = 0.8


BLAMEABLE_PRONOUNS = {"that", "this", "it", "one", "which"}


def third_party_blame(sent: Span) -> tuple[Span, Token] | None:
    """A clause in which someone outside "we" did the wrong thing: (span, the culprit)."""
    doc = sent.doc
    wrong = list(verbs_done_wrong(sent))
    candidates = [(verb, subject) for verb in wrong for subject in subjects(verb)]
    if mentions_error(sent):
        # The parse often hangs the sign of error on another clause ("X did Y, so Z was wrong").
        candidates += [(verb, subject) for verb in sent if verb.pos_ == "VERB" and verb.tag_ in ("VBD", "VBN")
                       and not is_prospective(verb) and verb.lemma_.lower() not in word_sets()["experiencer_verbs"]
                       for subject in subjects(verb)]
    for verb, subject in candidates:
        if is_third_party(subject):
            start, end = sorted((subject.left_edge.i, verb.i))
            return doc[start:max(end, subject.i) + 1], subject
    for token in sent:
        if not is_third_party(token):
            continue
        head = token.head
        # "Tom's mistake", "the vendor's upgrade tooling failed"
        if token.dep_ == "poss" and (head.lemma_.lower() in word_sets()["fault_nouns"]
                                     or any(head in subjects(verb) for verb in wrong)):
            return doc[token.i:head.i + 1], token
        # "that one's on our ticketing partner"
        if token.dep_ == "pobj" and head.lower_ == "on" and head.head.lemma_ == "be" and any(
                c.dep_ == "nsubj" and (c.lower_ in BLAMEABLE_PRONOUNS or c.lemma_.lower() in word_sets()["fault_nouns"])
                for c in head.head.children):
            return doc[head.i:token.i + 1], token
    return None


def reader_blame(sent: Span) -> Span | None:
    """The reader, or someone on their side, as the one who did the wrong thing."""
    for verb in verbs_done_wrong(sent):
        if verb.tag_ not in ("VBD", "VBN"):
            continue
        for subject in subjects(verb):
            if is_reader(subject):
                return sent.doc[min(subject.left_edge.i, verb.i):verb.i + 1]
    return None


class Facts(Criterion):
    id = "facts"

    def check(self, doc: Doc) -> tuple[list[Finding], int]:
        findings: list[Finding] = []
        flagged_sents: set[int] = set()
        no_fault = cues(doc, "NO_FAULT")

        def add(rule: str, span: Span, culprit: Token | None = None, **slots) -> None:
            flagged_sents.add(span.sent.start)
            extra = {"impersonal": collective_sentence(span.sent, culprit)} if culprit is not None else {}
            suggestion = suggestion_for(doc, self.id, rule, span, **extra)
            findings.append(self.finding(doc, rule, span, suggestion=suggestion, **slots))

        for span in cues(doc, "READER_BLAME"):
            add("reader-blame", span)
        for span in cues(doc, "EXCUSE"):
            if span.sent.start not in flagged_sents:
                add("excuse", span)
        for span in cues(doc, "BLAME_PHRASE"):
            if not any(n.start <= span.start < n.end for n in no_fault) and span.sent.start not in flagged_sents:
                add("blame", span, target=span.text)
        for sent in doc._.body_sents:
            if sent.start in flagged_sents:
                continue
            on_reader = reader_blame(sent)
            if on_reader is not None:
                add("reader-blame", on_reader)
                continue
            blamed = third_party_blame(sent)
            if blamed is not None:
                span, culprit = blamed
                if cues(doc, "HEDGE", sent):
                    add("speculation", span)
                else:
                    add("blame", span, culprit, target=" ".join(t.text for t in culprit.subtree))
        for sent in doc._.body_sents:
            if sent.start in flagged_sents:
                continue
            for role in ("blame_other", "excuse"):
                probability = role_probability(doc, sent, role)
                if probability is not None and probability >= MODEL_THRESHOLD:
                    add("blame" if role == "blame_other" else "excuse", sent, target="someone else")
                    break
        return findings, self.score(findings)
