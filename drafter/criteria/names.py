"""names: no individual named in connection with the mistake, the writer included."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from drafter.criteria.base import Criterion
from drafter.report import Finding
from drafter.signals import cues, role_probability, token_in_letter_frame
from drafter.suggest import collective_sentence, suggestion_for
from drafter.syntax import (
    is_prospective, looks_like_person_name, marks_error, mentions_error, name_span, subjects, verbs_done_wrong,
    word_sets,
)

MODEL_THRESHOLD = 0.8


class Names(Criterion):
    id = "names"

    def check(self, doc: Doc) -> tuple[list[Finding], int]:
        findings: list[Finding] = []
        flagged: set[int] = set()
        contacts = {t.i for span in cues(doc, "CONTACT_CUE") for t in span.sent}
        possessed_work = set(self.lexicon["words"]["possessed_work"])

        for sent in doc._.body_sents:
            for token in sent:
                if token.i in flagged or not looks_like_person_name(token) or token_in_letter_frame(token):
                    continue
                if not self._tied_to_mistake(token, possessed_work):
                    continue
                if token.i in contacts and not self._is_culprit_subject(token):
                    continue
                name = name_span(token)
                flagged.update(t.i for t in name)
                findings.append(self.finding(
                    doc, "blamed-person", name, name=name.text,
                    suggestion=suggestion_for(doc, self.id, "blamed-person", name,
                                              collective=collective_sentence(sent, token)),
                ))

        singling = cues(doc, "SELF_SINGLING")
        seen_sents: set[int] = set()
        for span in sorted(singling, key=lambda s: s.start):
            if span.sent.start in seen_sents:
                continue
            seen_sents.add(span.sent.start)
            first_person = next((t for t in span if t.lower_ in ("i", "my", "me")), span[0])
            findings.append(self.finding(
                doc, "self-singling", span,
                suggestion=suggestion_for(doc, self.id, "self-singling", span,
                                          collective=collective_sentence(span.sent, first_person)),
            ))
        for sent in doc._.body_sents:
            probability = role_probability(doc, sent, "self_singling")
            if probability is not None and probability >= MODEL_THRESHOLD and sent.start not in seen_sents:
                findings.append(self.finding(doc, "self-singling", sent))
        return findings, self.score(findings)

    @staticmethod
    def _is_culprit_subject(token: Token) -> bool:
        verb = token.head
        return token.dep_ == "nsubj" and not is_prospective(verb) and marks_error(verb)

    def _tied_to_mistake(self, token: Token, possessed_work: set[str]) -> bool:
        head = token.head
        wrong_verbs = set(verbs_done_wrong(token.sent))
        # Subject or passive agent of a verb that did the wrong thing: "Priya sent the wrong file",
        # "the file was deleted by Tom".
        if any(token in subjects(verb) for verb in wrong_verbs):
            return True
        # A name in apposition to a culprit or to the writer: "our engineer, Tom, forgot", "that was me, Karan".
        if token.dep_ == "appos" and (any(head in subjects(verb) for verb in wrong_verbs)
                                      or head.lower_ in ("me", "i")):
            return True
        # Possessor of the faulty work: "Tom's mistake", "Ravi's script double-charged", "that was Gareth's copy".
        if token.dep_ == "poss":
            if head.lemma_.lower() in word_sets()["fault_nouns"]:
                return True
            if head.dep_ == "attr" and head.head.lemma_ == "be" and head.lemma_.lower() in possessed_work:
                return True
            if any(head in subjects(verb) for verb in wrong_verbs):
                return True
        # Agent of any passive in a sentence about the mistake: "a change pushed by Bogdan caused the outage".
        if token.dep_ == "pobj" and head.dep_ == "agent" and mentions_error(token.sent):
            return True
        # "That one's on Dev", "this was on Sam".
        if token.dep_ == "pobj" and head.lower_ == "on" and head.head.lemma_ == "be":
            return True
        # A cleft that points at someone: "it was Sofia who approved the discount".
        if token.dep_ == "attr" and head.lemma_ == "be" and any(
                c.dep_ == "nsubj" and c.lower_ in ("it", "that", "this") for c in head.children):
            return mentions_error(token.sent)
        # Someone the mistake got past, or came from: "slipped past Hannah", "a spreadsheet from Megan".
        if token.dep_ == "pobj" and head.lower_ in ("past", "by", "from") and mentions_error(token.sent):
            return not is_prospective(head.head)
        # "Blame Tom", "Tom is to blame", "Tom was responsible".
        if token.dep_ == "dobj" and head.lemma_ == "blame":
            return True
        if token.dep_ == "nsubj" and head.lemma_ == "be":
            return any(c.lower_ in ("responsible", "fault", "blame") or c.lemma_ in word_sets()["fault_nouns"]
                       for c in head.subtree if c.i > token.i)
        return False
