"""next_steps: the reader learns what happens next or what they can do."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from drafter.criteria.base import Criterion
from drafter.report import Finding
from drafter.signals import body_tokens, cues, sentence
from drafter.syntax import is_prospective



class NextSteps(Criterion):
    id = "next_steps"

    def check(self, doc: Doc) -> tuple[list[Finding], int]:
        if self.steps(doc):
            return [], 100
        finding = self.missing(doc)
        return [finding], self.score([finding])

    def steps(self, doc: Doc) -> list[Span]:
        """Sentences that give the reader a next step."""
        vague = {sentence(s).start for s in cues(doc, "VAGUE_PROGRESS")}
        found = [sentence(s) for s in cues(doc, "OFFER") if sentence(s).start not in vague]
        not_steps = set(self.lexicon["words"]["not_steps"])
        vague_verbs = set(self.lexicon["words"]["vague_promises"])
        for sent in doc._.body_sents:
            if self._imperative(sent, not_steps) or sent.text.rstrip().endswith("?") and self._asks_reader(sent):
                found.append(sent)
                continue
            if sent.start in vague:
                continue
            for verb in body_tokens(sent):
                # A specific thing that will happen for the reader: "a fresh confirmation will reach your inbox",
                # "every affected account will receive a credit".
                if (verb.pos_ == "VERB" and verb.lemma_.lower() not in vague_verbs and is_prospective(verb)
                        and any(c.lower_ in ("will", "'ll", "shall") for c in verb.children)
                        and not any(c.dep_ == "neg" for c in verb.children)
                        and any(t.lower_ in READERS for t in verb.subtree)):
                    found.append(sent)
                    break
            if self.model_says(doc, sent, "next_step"):
                found.append(sent)
        return found

    @staticmethod
    def _imperative(sent: Span, not_steps: set[str]) -> bool:
        """An instruction to the reader: "reply to Amara", "please fill in the new form", "don't save there"."""
        for token in body_tokens(sent):
            if token.tag_ != "VB" or token.lemma_.lower() in not_steps:
                continue
            if token.dep_ not in ("ROOT", "conj", "ccomp") or (token.dep_ == "conj" and token.head.tag_ != "VB"):
                continue
            children = list(token.children)
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in children):
                continue
            if any(c.dep_ == "aux" and c.lower_ not in ("do", "n't", "please") for c in children):
                continue
            if token.i > sent.start and token.doc[token.i - 1].lower_ == "to":
                continue
            return True
        return False

    @staticmethod
    def _asks_reader(sent: Span) -> bool:
        return any(t.lower_ in ("you", "your") for t in sent)


READERS = {"you", "your", "yours", "anyone", "everyone", "customer", "customers", "account", "accounts",
           "member", "members", "guest", "guests", "subscriber", "subscribers", "user", "users", "families",
           "client", "clients", "staff", "family", "patients", "attendees", "participants", "everybody"}
