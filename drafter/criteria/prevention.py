"""prevention: a concrete change to process, checks or systems so it does not happen again."""
from __future__ import annotations

from spacy.tokens import Doc

from drafter.criteria.base import Criterion
from drafter.report import Finding
from drafter.signals import cues, sentence
from drafter.suggest import suggestion_for
from drafter.syntax import auxiliaries, remedy



def _describes_present(verb) -> bool:
    """A present-tense statement of how things work ("labels are now checked"), not an instruction."""
    aux = auxiliaries(verb)
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    return bool(aux & {"is", "are", "can", "cannot", "ca", "will", "'ll", "has", "have"})


def _new_or_planned(verb) -> bool:
    """A change made since the mistake or promised: perfect, present or future, not the past narrative."""
    if verb.pos_ != "VERB":
        return False
    aux = auxiliaries(verb)
    if aux & {"have", "'ve", "has", "will", "'ll", "are", "'re", "am", "'m", "is"}:
        return remedy(verb) is not None or verb.tag_ in ("VBG", "VB")
    return False


class Prevention(Criterion):
    id = "prevention"

    def check(self, doc: Doc) -> tuple[list[Finding], int]:
        if self.changes(doc):
            return [], 100
        findings = [
            self.finding(doc, "vague-pledge", span, text=span.text,
                         suggestion=suggestion_for(doc, self.id, "vague-pledge", span))
            for span in cues(doc, "VAGUE_PLEDGE")[:1]
        ]
        if not findings:
            findings.append(self.missing(doc))
        return findings, self.score(findings)

    def changes(self, doc: Doc) -> list:
        found = [sentence(s) for s in cues(doc, "PROCESS_CHANGE")]
        markers = set(self.lexicon["words"]["standing_markers"])
        change_verbs = set(self.lexicon["words"]["change_verbs"])
        process = set(self.lexicon["words"]["process_words"])
        for sent in doc._.body_sents:
            if cues(doc, "VAGUE_PLEDGE", sent) or cues(doc, "MAKE_GOOD", sent):
                continue
            words = {t.lower_ for t in sent}
            standing = bool(cues(doc, "STANDING_CHANGE", sent)) or any(
                t.lower_ in markers and _describes_present(t.head) for t in sent)
            changed = any(t.lemma_.lower() in change_verbs and _new_or_planned(t) for t in sent)
            # "Our packers now scan each item's barcode before sealing", "we've changed the checkout so a
            # second click is ignored": a standing change or a changed process, plus how the work is checked.
            if (standing or changed) and words & process:
                found.append(sent)
        for sent in doc._.body_sents:
            if self.model_says(doc, sent, "prevention"):
                found.append(sent)
        return found
