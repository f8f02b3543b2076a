"""prevention: a concrete change to process, checks or systems so it does not happen again."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from drafter.criteria.base import Criterion
from drafter.cues import word_lists
from drafter.report import Finding
from drafter.signals import cues, sentence
from drafter.suggest import suggestion_for
from drafter.syntax import auxiliaries, clause_tokens, remedy


def _describes_present(verb: Token) -> bool:
    """A present-tense statement of how things work ("labels are now checked", "lists now go out from the
    system"), not an instruction and not a fix just completed ("invoices have now been reissued")."""
    aux = auxiliaries(verb)
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    if any(c.lower_ == "please" for c in verb.children):
        return False  # "everyone please check your payslips now"
    if verb.tag_ in ("VBZ", "VBP"):
        return has_subject
    if verb.tag_ == "VB" and not aux and has_subject:
        return True  # the tagger reads "price lists now only go out" as a bare verb
    return bool(aux & {"is", "are", "can", "cannot", "ca", "will", "'ll", "get", "gets"})


def _new_or_planned(verb: Token) -> bool:
    """A change made since the mistake or promised: perfect, present or future, not the past narrative."""
    if verb.pos_ != "VERB":
        return False
    aux = auxiliaries(verb)
    if aux & {"have", "'ve", "has", "will", "'ll", "are", "'re", "am", "'m", "is"}:
        return remedy(verb) is not None or verb.tag_ in ("VBG", "VB")
    return False


def _dated_from(sent: Span) -> bool:
    """"From July we'll submit the file early": a change dated from a coming time."""
    return any(t.lower_ in ("from", "starting", "beginning") and any(
        c.dep_ == "pobj" and c.ent_type_ == "DATE" for c in t.children) and _describes_present(t.head)
        for t in sent)


def _contrast(sent: Span) -> bool:
    """"Labels now print from the order, not the saved profile": the new source set against the old one."""
    return any(t.lower_ == "not" and t.i > sent.start and t.doc[t.i - 1].text in (",", "-", "–", "—")
               for t in sent)


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
        words = word_lists(self.id)
        markers, change_verbs, process = words["standing_markers"], words["change_verbs"], words["process_words"]
        noun_only, restored, routine = words["noun_only"], words["restoration_markers"], words["routine_markers"]
        source_verbs = words["source_verbs"]

        def restores(verb: Token) -> bool:
            return any(c.lower_ in restored and c.dep_ in ("advmod", "prt") for c in verb.children)

        def narrative(sent: Span) -> bool:
            """How things ran or what happened: "alerting fired at 2:07", "it normally goes out from a checklist"."""
            root = sent.root
            if any(t.lower_ in routine for t in sent):
                return True
            return root.tag_ == "VBD" and root.lemma_.lower() not in change_verbs

        def gift(verb: Token) -> bool:
            """A gesture in the verb's own clause ("coffee is on me"), which says nothing of the process."""
            clause = {t.i for t in clause_tokens(verb)}
            return any(s.start in clause for s in cues(doc, "MAKE_GOOD", sentence(verb)))

        found = [sentence(s) for s in cues(doc, "PROCESS_CHANGE")
                 if not narrative(sentence(s)) and not cues(doc, "MAKE_GOOD", sentence(s))]
        for sent in doc._.body_sents:
            if cues(doc, "VAGUE_PLEDGE", sent) or narrative(sent):
                continue
            in_gift = {i for g in cues(doc, "MAKE_GOOD", sent) for i in range(g.start, g.end)}
            tokens = {t.lower_ for t in sent if t.i not in in_gift and not (t.lower_ in noun_only and t.pos_ == "VERB")
                      and not (t.lower_ == "only" and t.head.pos_ not in ("VERB", "ADP", "SCONJ"))}
            standing_verbs = [t.head for t in sent if t.lower_ in markers and _describes_present(t.head)]
            standing_verbs = [v for v in standing_verbs if not restores(v) and not gift(v)]
            standing = bool(standing_verbs) or _dated_from(sent) or (
                bool(cues(doc, "STANDING_CHANGE", sent)) and not cues(doc, "MAKE_GOOD", sent))
            changed = any(t.lemma_.lower() in change_verbs and _new_or_planned(t) and not restores(t)
                          and not gift(t) for t in sent)
            sourced = any(v.lemma_.lower() in source_verbs and any(c.lower_ == "from" for c in v.children)
                          for v in standing_verbs)
            # "Our packers now scan each item's barcode before sealing", "we've changed the checkout so a
            # second click is ignored": a standing change or a changed process, plus how the work is checked.
            if (standing or changed) and (tokens & process or (standing and _contrast(sent)) or sourced):
                found.append(sent)
        for sent in doc._.body_sents:
            if self.model_says(doc, sent, "prevention"):
                found.append(sent)
        return found
