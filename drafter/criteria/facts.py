"""facts: say what happened without blaming a person, team, supplier or the reader."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from drafter.criteria.base import Criterion
from drafter.report import Finding
from drafter.signals import cues, sentence
from drafter.suggest import collective_sentence, suggestion_for
from drafter.culprits import culprits
from drafter.syntax import FIRST_PERSON, subjects


SUPPOSING = {"if", "unless", "whether"}


def _owned_or_supposed(span: Span) -> bool:
    """A blame phrase said of the writer ("I dropped the ball on it": names, not facts, judges that) or
    only supposed ("if the delay costs you a fee on their side")."""
    clause = next((t for t in (span.root, *span.root.ancestors) if t.pos_ in ("VERB", "AUX")), None)
    if clause is None:
        return False
    if any(s.lower_ in FIRST_PERSON for s in subjects(clause)) and not any(c.dep_ == "neg" for c in clause.children):
        return True  # but "we are not to blame" denies it
    return any(c.dep_ == "mark" and c.lower_ in SUPPOSING for t in (clause, *clause.ancestors) for c in t.children)


class Facts(Criterion):
    id = "facts"
    model_roles = ("blame_other", "excuse")

    def check(self, doc: Doc) -> tuple[list[Finding], int]:
        findings: list[Finding] = []
        flagged_sents: set[int] = set()
        no_fault = cues(doc, "NO_FAULT")

        def add(rule: str, span: Span, culprit: Token | None = None, **slots) -> None:
            if self.model_doubts(doc, sentence(span), ("blame_other", "excuse")):
                return
            flagged_sents.add(sentence(span).start)
            extra = {"impersonal": collective_sentence(sentence(span), culprit)} if culprit is not None else {}
            suggestion = suggestion_for(doc, self.id, rule, span, **extra)
            findings.append(self.finding(doc, rule, span, suggestion=suggestion, **slots))

        for span in cues(doc, "READER_BLAME"):
            add("reader-blame", span)
        for span in cues(doc, "EXCUSE"):
            if sentence(span).start not in flagged_sents:
                add("excuse", span)
        for span in cues(doc, "BLAME_PHRASE"):
            if _owned_or_supposed(span):
                continue
            if not any(n.start <= span.start < n.end for n in no_fault) and sentence(span).start not in flagged_sents:
                add("blame", span, target=span.text)
        # Paraphrased blame of a named person: the model reads the sentence as blame and someone acts in it.
        for sent in doc._.body_sents:
            named = self.model_blames_someone(doc, sent) if sent.start not in flagged_sents else []
            if named:
                add("blame", named[0].span, named[0].person, target=named[0].span.text)
        for culprit in culprits(doc):
            if sentence(culprit.span).start in flagged_sents or culprit.kind == "self":
                continue
            if culprit.kind == "reader":
                add("reader-blame", culprit.span)
            elif cues(doc, "HEDGE", sentence(culprit.span)):
                add("speculation", culprit.span)
            else:
                add("blame", culprit.span, culprit.person, target=culprit.span.text if culprit.kind == "named"
                    else " ".join(t.text for t in culprit.person.subtree))
        for sent in doc._.body_sents:
            if sent.start in flagged_sents:
                continue
            for role in ("blame_other", "excuse"):
                if self.model_says(doc, sent, role):
                    add("blame" if role == "blame_other" else "excuse", sent, target="someone else")
                    break
        return findings, self.score(findings)
