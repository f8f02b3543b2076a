"""proportion: short, readable, and not dominated by how the mistake happened."""
from __future__ import annotations

import textstat
from spacy.tokens import Doc, Span

from drafter.criteria.base import Criterion
from drafter.report import Finding
from drafter.signals import body_tokens, cues, memo, remedies, sentence
from drafter.suggest import suggestion_for



def body_text(doc: Doc) -> str:
    return " ".join(" ".join(t.text for t in body_tokens(s)) for s in doc._.body_sents)


class Proportion(Criterion):
    id = "proportion"
    model_roles = ("how_it_happened",)

    def __init__(self) -> None:
        super().__init__()
        self.limits = self.lexicon["limits"]

    def how_sentences(self, doc: Doc) -> list[Span]:
        return memo(doc, "how_sentences", lambda: self._how_sentences(doc))

    def _how_sentences(self, doc: Doc) -> list[Span]:
        """Sentences that tell how the mistake came about: past-tense narrative or explicit causes, after the
        first statement of what went wrong, leaving out the fix, the apology and what the reader can do."""
        cued = {sentence(s).start for s in cues(doc, "HOW_IT_HAPPENED")}
        other_business = {sentence(s).start for label in ("APOLOGY", "OFFER", "PROCESS_CHANGE", "MAKE_GOOD")
                          for s in cues(doc, label)}
        other_business |= {sentence(t).start for t in remedies(doc)}
        found = []
        stated = False
        for sent in doc._.body_sents:
            if self.model_says(doc, sent, "how_it_happened") and sent.start not in other_business:
                found.append(sent)
                continue
            narrative = any(t.tag_ in ("VBD", "VBN") and t.dep_ in ("ROOT", "conj", "advcl", "ccomp") for t in sent)
            if sent.start in other_business or not (narrative or sent.start in cued):
                continue
            if not stated and sent.start not in cued:
                stated = True  # the first plain account is the statement of what went wrong
                continue
            found.append(sent)
        return found

    def measures(self, doc: Doc) -> dict:
        return memo(doc, "proportion_measures", lambda: self._measure(doc))

    def _measure(self, doc: Doc) -> dict:
        text = body_text(doc)
        words = sum(1 for s in doc._.body_sents for t in body_tokens(s) if t.is_alpha or t.like_num)
        sentences = max(1, len(doc._.body_sents))
        how = self.how_sentences(doc)
        how_words = sum(1 for s in how for t in body_tokens(s) if t.is_alpha or t.like_num)
        major = bool(cues(doc, "MAJOR"))
        return {
            "words": words,
            "sentences": len(doc._.body_sents),
            "words_per_sentence": round(words / sentences, 1),
            "flesch_reading_ease": round(textstat.flesch_reading_ease(text), 1) if words else None,
            "flesch_kincaid_grade": round(textstat.flesch_kincaid_grade(text), 1) if words else None,
            "how_it_happened_sentences": len(how),
            "how_it_happened_share": round(how_words / words, 3) if words else 0.0,
            "mistake_size": "major" if major else "minor",
            "word_budget": self.limits["words_major"] if major else self.limits["words_minor"],
        }

    def check(self, doc: Doc) -> tuple[list[Finding], int]:
        m = self.measures(doc)
        findings: list[Finding] = []
        how = self.how_sentences(doc)
        share = m["how_it_happened_share"]
        long_major = m["mistake_size"] == "major" and m["words"] > self.limits["words_long_major"]
        if ((len(how) >= self.limits["how_sentences"] and share >= self.limits["how_share"])
                or (long_major and len(how) >= 2 and share >= self.limits["how_share_long_major"])):
            span = doc[how[0].start:how[-1].end]
            findings.append(self.finding(doc, "how-it-happened", span, count=len(how), total=m["sentences"],
                                         share=m["how_it_happened_share"],
                                         suggestion=suggestion_for(doc, self.id, "how-it-happened", span)))
        # A long notice about a large mistake passes while it is mostly what the reader needs.
        over_budget = m["words"] > m["word_budget"] and (
            m["mistake_size"] == "minor" or share >= self.limits["how_share_long_major"] / 2
            or m["words"] > 2 * m["word_budget"])
        if over_budget:
            span = doc[doc._.body_sents[0].start:doc._.body_sents[-1].end]
            findings.append(self.finding(doc, "too-long", span, words=m["words"], size=m["mistake_size"],
                                         budget=m["word_budget"],
                                         suggestion=suggestion_for(doc, self.id, "too-long", span)))
        grade = m["flesch_kincaid_grade"]
        if grade is not None and grade > self.limits["grade"] and m["words"] >= self.limits["grade_min_words"]:
            span = doc[doc._.body_sents[0].start:doc._.body_sents[-1].end]
            findings.append(self.finding(doc, "hard-to-read", span, grade=grade,
                                         words_per_sentence=m["words_per_sentence"],
                                         suggestion=suggestion_for(doc, self.id, "hard-to-read", span)))
        return findings, self.score(findings)
