"""make_good: a gesture beyond the correction, reported when present (informational)."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from drafter.criteria.base import Criterion
from drafter.cues import word_lists
from drafter.report import Finding
from drafter.signals import body_tokens, cues, sentence
from drafter.syntax import FIRST_PERSON, auxiliaries, subjects

# Auxiliaries of a cost still to be dropped ("we won't bill", "we're not charging"), not a past account.
AHEAD = {"will", "'ll", "wo", "shall", "are", "'re", "am", "'m", "is", "be"}


def _objects(verb: Token) -> list[Token]:
    """What a verb acts on: its direct object or passive subject, or the object of its "for"."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    found += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" for p in c.children
              if p.dep_ == "pobj"]
    return found


def _by_us(verb: Token) -> bool:
    who = subjects(verb)
    return any(s.lower_ in FIRST_PERSON for s in who) or (not who and verb.tag_ == "VBN")


class MakeGood(Criterion):
    id = "make_good"
    kind = "presence"
    model_roles = ("make_good",)

    def __init__(self) -> None:
        super().__init__()
        self.words = word_lists(self.id)

    def gestures(self, doc: Doc) -> list[Span]:
        found = [span for span in cues(doc, "MAKE_GOOD") if self._cue_holds(span)]
        found += [span for span in cues(doc, "AMENDS_REASON") if self._gift_reason(span)]
        found += [doc[t.i:t.i + 1] for sent in doc._.body_sents for t in body_tokens(sent)
                  if self._verb_gesture(t) or self._free_thing(t)]
        for sent in doc._.body_sents:
            if self.model_says(doc, sent, "make_good") and not any(sentence(s).start == sent.start for s in found):
                found.append(sent)
        return sorted(found, key=lambda s: s.start)

    def _cue_holds(self, span: Span) -> bool:
        first = span[0]
        if first.pos_ == "VERB" and any(s.lower_ == "you" for s in subjects(first)):
            return False  # "when you upgraded your plan": the reader's own doing
        billing = next((t for t in (first, first.head) if t.lemma_.lower() in self.words["bill_verbs"]), None)
        if billing is not None:
            return not {t.lower_ for t in billing.subtree} & self.words["correction_money"]  # "won't charge you twice"
        if span.text.lower() not in self.words["needs_kept_object"]:
            return True
        sent = sentence(span)
        following = span.doc[span.end:min(span.end + 4, sent.end)]
        if any(t.is_currency or t.like_num for t in following):
            return True  # "honour the $40 you paid"
        words = {t.lower_ for t in following}
        if span.text.lower() in ("keep it", "keep them"):
            words |= {t.lower_ for t in sent}
        return bool(words & self.words["kept_things"])

    def _gift_reason(self, span: Span) -> bool:
        """"Donuts tomorrow for the trouble", "a credit for the hassle", not "we're sorry for the trouble"."""
        head = span[0].head
        heads = {head.lemma_.lower()} | {c.lemma_.lower() for c in head.children if c.dep_ == "acomp"}
        return not heads & self.words["amends_not_gifts"]

    def _free_thing(self, token: Token) -> bool:
        """"Delivery is free", "rides on the route are free through Friday": something offered at no cost,
        not a free slot or a system "free of errors"."""
        if token.lower_ != "free" or token.dep_ != "acomp":
            return False
        after = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
        return after not in ("of", "from", "to") and any(
            c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.lemma_.lower() not in self.words["free_not_gifts"]
            for c in token.head.children)

    def _verb_gesture(self, verb: Token) -> bool:
        """A cost the organisation takes on, written as a verb and its object: "we'll cover the late fee",
        "we won't bill for the extra hours", "we're taking $50 off", "keep the spare ones"."""
        if verb.pos_ != "VERB":
            return False
        lemma = verb.lemma_.lower()
        words = self.words
        objects = _objects(verb)
        if lemma in words["absorb_verbs"] and _by_us(verb) and verb.tag_ != "VBD":
            if {t.lower_ for t in verb.subtree} & words["correction_money"]:
                return False
            sent_words = {t.lower_ for t in sentence(verb)}
            for obj in objects:
                if obj.lower_ in words["cost_words"] or (obj.lower_ in ("it", "that", "them")
                                                         and sent_words & words["cost_words"]):
                    return True
        if (lemma in words["bill_verbs"] or (lemma in words["fee_verbs"]
                                             and any(o.lower_ in words["cost_words"] for o in objects))) \
                and any(c.dep_ == "neg" for c in verb.children) and auxiliaries(verb) & AHEAD:
            return not {t.lower_ for t in verb.subtree} & words["correction_money"]
        if lemma in words["reduce_verbs"]:
            off = [c for c in verb.children if c.lower_ == "off"]
            if off and (any(t.is_currency or t.text == "%" for t in sentence(verb))
                        or any(p.lemma_.lower() in words["bill_nouns"] for o in off for p in o.children)):
                return True
        if lemma == "extend" and _by_us(verb):
            return any(o.lower_ in words["extendable"] for o in objects)
        if lemma == "keep":
            return self._kept_gift(verb)
        return False

    def _kept_gift(self, verb: Token) -> bool:
        """"Keep the spare ones", "you can keep both": the reader keeps what was sent, not "keep an eye out"."""
        if verb.dep_ not in ("ROOT", "conj") or any(
                c.dep_ in ("xcomp", "ccomp", "acomp", "oprd", "prt", "advcl") for c in verb.children):
            return False  # "would you like to keep 10:00?", "keep you posted", "keep things running"
        who = subjects(verb)
        if who and not all(s.lower_ == "you" for s in who):
            return False
        if not who and verb.tag_ != "VB":
            return False
        return any(o.dep_ == "dobj" and o.lower_ not in self.words["kept_not_gifts"] and o.pos_ != "PRON"
                   and o.ent_type_ not in ("TIME", "DATE") for o in verb.children)

    def check(self, doc: Doc) -> tuple[list[Finding], int]:
        findings = [self.finding(doc, "present", span, severity="info", text=span.text.strip())
                    for span in self.gestures(doc)[:3]]
        return findings, self.score(findings)

    def score(self, findings: list[Finding]) -> int:
        # Presence is news, not a fault: a draft without a gesture only loses half.
        return 100 if findings else 50

    def verdict(self, findings: list[Finding], score: int) -> str:
        return "present" if findings else "absent"
