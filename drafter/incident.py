"""Does a message apologise for or correct a mistake? A small logistic model over cue counts.

Most mail in an archive is neither, so ``drafter batch`` asks this before it runs the criteria.
The detector reads the writer's own text (``Draft.scored_text``: quoted replies, forwards and
signatures blanked) and the subject, with spaCy's tokenizer and a PhraseMatcher only: no tagger
or parser, so a message that is not an incident costs next to nothing.

Signals, each counted with a cap so that one long message cannot shout its way in:
- apology words (drafter's APOLOGY lexicon), unless they sit inside sympathy ("sorry to hear",
  "sorry for your loss") or bad news ("sorry to report");
- explicit correction acts ("correction", "should read", "sent in error", "please disregard");
- error words ("wrong", "typo", "mistake") and remedy phrases (drafter's FIX and COMPLETED
  lexicons), which only count for much together;
- the same cues in the subject line;
- against: sympathy, and length beyond a few hundred words (digests and newsletters quote
  "corrections" from articles).
Cues inside a boilerplate sentence ("if you have received this e-mail in error ...") are
ignored. The weights are set by hand from the meaning of each signal, not fitted; see
``benchmarks/incident.py`` for precision and recall on real mail.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from drafter.cues import lexicons
from drafter.draft import Draft

THRESHOLD = 0.5

# Detector-only phrase lists. Drafter's own lexicons serve the criteria (which assume the text
# *is* an incident message), so the lists that separate incidents from other mail live here.
PHRASES = {
    "APOLOGY_EXTRA": [
        "apoligize", "apologise for", "appologize", "appologies", "apolgize", "my bad", "oops",
        "forgive the", "excuse my", "excuse me for", "regret any", "regret the",
    ],
    "CORRECTION": [
        "correction", "corrections", "corrected", "correcting", "corrigendum", "errata", "erratum",
        "should read", "should have read", "should have said", "should say", "should be corrected",
        "in error", "by mistake", "by error", "mistakenly", "erroneous", "erroneously",
        "inadvertently", "inadvertent", "accidentally", "please disregard", "disregard the",
        "disregard my", "disregard this", "disregard that", "ignore the previous", "ignore my previous",
        "ignore the earlier", "ignore my earlier", "ignore the last", "ignore my last",
        "ignore the prior", "ignore that message", "ignore this message", "my mistake",
        "our mistake", "my error", "our error", "my fault", "our fault", "my oversight", "our oversight",
        "i forgot to", "we forgot to", "forgot to attach", "forgot to include", "neglected to",
        "failed to attach", "failed to include", "left off", "was omitted", "were omitted",
        "the correct", "the corrected", "correct version", "corrected version", "the right version",
        "revised version", "got it wrong", "a typo", "the typo", "typos", "misspelled", "misspelt",
        "misprint", "misprinted", "second delivery", "sent twice", "received twice", "duplicate message",
        "resending", "re-sending", "mix-up", "mixup", "mixed up", "messed up", "screwed up",
    ],
    "ERROR": [
        "error", "errors", "mistake", "mistakes", "wrong", "incorrect", "incorrectly", "typo",
        "oversight", "glitch", "outage", "outages", "bug", "problem", "problems", "confusion",
        "inconvenience", "delay", "delayed", "late", "missed", "forgot", "failed", "failure", "down",
        "unavailable", "interrupted", "interruption", "lost", "broke", "broken", "crashed", "crashes",
        "omitted", "omission", "instead of", "should have", "out of date", "outdated", "expired",
        "overran", "overwritten", "deleted", "mislabelled", "mislabeled", "duplicate", "twice",
        "missing", "not sending", "not arriving", "stopped working", "didn't go through", "leaked",
        "exposed", "overcharged", "double-charged", "charged twice",
    ],
    # A fix reported or promised: drafter's COMPLETED lexicon plus the plain verbs of repair.
    "REMEDY": [
        "fixed", "corrected", "rolled back", "rolling back", "rolled it back", "restored", "restoring",
        "reverted", "reverting", "reissued", "refunded", "refund", "resent", "re-sent", "patched", "patch",
        "replaced", "swapped", "redrawing", "reprinted", "rerouted", "re-exported", "back to normal",
        "replacement", "the right one", "the correct one", "recovered", "reversed", "re-run", "rerun",
        "working again", "back online", "we're fixing", "we are fixing", "fix is", "fix has",
    ],
    # Incident status-page and post-mortem markers.
    "STATUS": [
        "resolved :", "investigating :", "identified :", "monitoring :", "postmortem", "post-mortem",
        "incident report", "root cause",
    ],
    # Sympathy and bad news: "sorry" that apologises for nothing the writer did.
    "SYMPATHY": [
        "sorry to hear", "sorry to learn", "sorry to read", "sorry for your loss", "sorry about your loss",
        "sorry to report", "sorry to inform", "sorry to announce", "sorry to tell",
        "sorry to see you", "sorry to see him", "sorry to see her", "sorry to see them",
        "sorry to lose", "sorry for you", "sorry about your",
        "condolence", "condolences", "sympathy", "sympathies", "passed away", "saddened", "sad news",
        "our thoughts are with", "in memory of", "memorial service", "get well",
    ],
    # Sentences with these are legal or mailing-list boilerplate, whose "in error" means nothing.
    "BOILERPLATE": [
        "intended recipient", "intended only for", "intended solely for", "received this e-mail in error",
        "received this email in error", "received this message in error", "received this communication in error",
        "received this transmission in error", "received this in error", "confidential and privileged",
        "privileged and confidential", "unsubscribe", "to be removed from", "remove you from",
        "this e-mail and any attachments", "this email and any attachments", "this message and any attachments",
        "notify the sender", "strictly prohibited", "all rights reserved", "disclaimer",
    ],
}
SUBJECT_STRONG = ["correction", "corrected", "apology", "apologies", "apologize", "apologise", "sorry", "oops",
                  "errata", "erratum", "corrigendum", "in error", "disregard", "please ignore", "wrong",
                  "error", "mistake", "second delivery", "resend", "resent"]
SUBJECT_WEAK = ["revised", "revision", "update", "updated", "change", "changed", "new date", "new time",
                "postponed", "cancelled", "canceled", "rescheduled"]

# Hand-set weights. With no cue the log-odds is the bias (p ~ 0.05). One apology, one explicit
# correction, an apology or correction in the subject, or a status-page marker alone passes 0.5;
# error words and remedies need each other (an incident narrative: what broke and what was done).
BIAS = -3.0
WEIGHTS = {
    "apology": (3.6, 0.6),  # first and second apology
    "correction": (3.6, 0.6),
    "status": (3.2,),
    "self_abasement": (1.0,),
    "error": (1.0, 0.6, 0.4),
    "remedy_with_error": (2.2, 0.4),  # a remedy in a message that also names an error
    "subject_strong": (3.2, 0.5),
    "subject_weak": (0.8,),
    "sympathy": (-2.5, -1.0),
}
LENGTH_FREE_WORDS = 600  # longer than this looks like a digest, a newsletter or a memo
LENGTH_WEIGHT = -1.0  # per doubling beyond LENGTH_FREE_WORDS
EMPTY_WORDS = 3  # fewer own words than this ("FYI", "see below") is no message of the writer's


@dataclass(frozen=True)
class IncidentResult:
    probability: float
    cues: tuple[str, ...]

    @property
    def verdict(self) -> bool:
        return self.probability >= THRESHOLD

    def to_dict(self) -> dict:
        return {"probability": round(self.probability, 3), "verdict": self.verdict, "cues": list(self.cues)}


class IncidentDetector:
    def __init__(self, nlp: Language):
        self.nlp = nlp
        self.body = PhraseMatcher(nlp.vocab, attr="LOWER")
        # drafter's FIX lexicon is left out: inside an incident message "is attached" or "updated"
        # signal a fix, but in ordinary mail they are everywhere.
        shared = {"APOLOGY": ("correction", "APOLOGY"), "SELF_ABASEMENT": ("correction", "SELF_ABASEMENT"),
                  "REMEDY": ("timeline", "COMPLETED")}
        for label, (stem, key) in shared.items():
            self.body.add(label, list(nlp.tokenizer.pipe(lexicons()[stem]["phrases"][key])))
        self.body.add("APOLOGY", list(nlp.tokenizer.pipe(PHRASES["APOLOGY_EXTRA"])))
        for label in ("CORRECTION", "ERROR", "REMEDY", "STATUS", "SYMPATHY", "BOILERPLATE"):
            self.body.add(label, list(nlp.tokenizer.pipe(PHRASES[label])))
        self.subject = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.subject.add("SUBJECT_STRONG", list(nlp.tokenizer.pipe(SUBJECT_STRONG)))
        self.subject.add("SUBJECT_WEAK", list(nlp.tokenizer.pipe(SUBJECT_WEAK)))

    def __call__(self, draft: Draft, subject: str | None = None) -> IncidentResult:
        doc = self.nlp.make_doc(draft.scored_text)
        words = sum(1 for t in doc if t.is_alpha)
        if words < EMPTY_WORDS:
            return IncidentResult(_sigmoid(BIAS - 2.0), ())
        found = self._cues(doc)
        if subject:
            for label, spans in self._match(self.subject, self.nlp.make_doc(subject)).items():
                found[label.lower()] = spans
        counts = {name: len(found.get(name, [])) for name in WEIGHTS}
        named_error = counts["error"] or counts["correction"] or counts["subject_strong"]
        counts["remedy_with_error"] = len(found.get("remedy", [])) if named_error else 0
        logit = BIAS + sum(sum(weights[:counts[name]]) for name, weights in WEIGHTS.items())
        if words > LENGTH_FREE_WORDS:
            logit += LENGTH_WEIGHT * math.log2(words / LENGTH_FREE_WORDS)
        shown = [s.text.lower() for name in ("apology", "correction", "status", "subject_strong", "sympathy",
                                             "error", "remedy")
                 for s in found.get(name, [])]
        return IncidentResult(_sigmoid(logit), tuple(dict.fromkeys(shown))[:6])

    def _cues(self, doc: Doc) -> dict[str, list[Span]]:
        """Body cues by feature name, without those in boilerplate sentences or inside sympathy."""
        matches = self._match(self.body, doc)
        boilerplate = [_sentence(doc.text, span) for span in matches.pop("BOILERPLATE", [])]
        sympathy = matches.get("SYMPATHY", [])

        def keep(span: Span, label: str) -> bool:
            if any(start <= span.start_char < end for start, end in boilerplate):
                return False
            return label == "SYMPATHY" or not any(s.start <= span.start < s.end for s in sympathy)

        return {label.lower(): [s for s in spans if keep(s, label)] for label, spans in matches.items()}

    @staticmethod
    def _match(matcher: PhraseMatcher, doc: Doc) -> dict[str, list[Span]]:
        found: dict[str, list[Span]] = defaultdict(list)
        for match_id, start, end in sorted(matcher(doc), key=lambda m: (m[1], -m[2])):
            spans = found[doc.vocab.strings[match_id]]
            # Overlapping phrases of one label ("sorry" inside "sorry for") count once, the longest.
            if not spans or spans[-1].end <= start:
                spans.append(doc[start:end])
        return found


def _sentence(text: str, span: Span) -> tuple[int, int]:
    """Character range of the sentence around ``span``, by punctuation and blank lines: the
    detector runs without the parser, and a disclaimer is one or two plain sentences."""
    start = max(text.rfind(mark, 0, span.start_char) for mark in (". ", "! ", "? ", "\n\n"))
    ends = [i for i in (text.find(mark, span.end_char) for mark in (". ", "! ", "? ", "\n\n")) if i >= 0]
    return (start + 1 if start >= 0 else 0), min(ends, default=len(text))


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))
