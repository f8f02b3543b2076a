"""next_steps: the reader learns what happens next or what they can do."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from drafter.criteria.base import Criterion
from drafter.report import Finding
from drafter.signals import body_tokens, cues, role_probability
from drafter.syntax import is_prospective
from drafter.suggest import suggestion_for

MODEL_THRESHOLD = 0.5


class NextSteps(Criterion):
    id = "next_steps"

    def check(self, doc: Doc) -> tuple[list[Finding], int]:
        if self.steps(doc):
            return [], 100
        sents = doc._.body_sents
        last_word = next((t for t in reversed(sents[-1]) if not t.is_space), None) if sents else None
        anchor = (last_word.idx + len(last_word),) * 2 if last_word is not None else (0, 0)
        finding = self.finding(doc, "missing", anchor,
                               suggestion=suggestion_for(doc, self.id, "missing", sents[-1] if sents else doc[:0]))
        return [finding], self.score([finding])

    def steps(self, doc: Doc) -> list[Span]:
        """Sentences that give the reader a next step."""
        vague = {s.sent.start for s in cues(doc, "VAGUE_PROGRESS")}
        found = [s.sent for s in cues(doc, "OFFER")]
        actions = set(self.lexicon["words"]["reader_actions"])
        vague_verbs = set(self.lexicon["words"]["vague_promises"])
        for sent in doc._.body_sents:
            for verb in body_tokens(sent):
                # A specific thing that will happen for the reader: "a fresh confirmation will reach your inbox".
                if (verb.pos_ == "VERB" and verb.lemma_.lower() not in vague_verbs and is_prospective(verb)
                        and any(c.lower_ in ("will", "'ll", "shall") for c in verb.children)
                        and not any(c.dep_ == "neg" for c in verb.children)
                        and any(t.lower_ in ("you", "your", "yours") for t in verb.subtree)):
                    found.append(sent)
                    break
        for sent in doc._.body_sents:
            if sent.start in vague and not any(f.start == sent.start for f in found):
                continue
            if self._imperative(sent, actions) or sent.text.rstrip().endswith("?") and self._asks_reader(sent):
                found.append(sent)
            probability = role_probability(doc, sent, "next_step")
            if probability is not None and probability >= MODEL_THRESHOLD:
                found.append(sent)
        return found

    @staticmethod
    def _imperative(sent: Span, actions: set[str]) -> bool:
        tokens = list(body_tokens(sent))
        for token in tokens:
            if token.tag_ != "VB" or token.lemma_.lower() not in actions:
                continue
            if any(c.dep_ in ("nsubj", "aux") for c in token.children):
                continue
            if token.dep_ in ("ROOT", "conj") or (token.dep_ == "xcomp" and token.head.lower_ == "please"):
                return True
        return False

    @staticmethod
    def _asks_reader(sent: Span) -> bool:
        return any(t.lower_ in ("you", "your") for t in sent)
