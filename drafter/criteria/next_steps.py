"""next_steps: the reader learns what happens next or what they can do."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from drafter.criteria.base import Criterion
from drafter.criteria.timeline import concrete_times, verb_forms
from drafter.cues import word_lists
from drafter.report import Finding
from drafter.signals import body_tokens, cues, sentence
from drafter.syntax import auxiliaries, is_prospective

FUTURE = {"will", "'ll", "shall"}
# Words that open an instruction without being part of it: "please reply", "just quote the code", "do call".
LEAD_INS = {"please", "just", "simply", "kindly", "then", "so", "and", "or", "also", "now", "do", "feel", "instead",
            "meanwhile", "otherwise", "first", "again"}
CONDITIONS = {"if", "when", "once", "should", "whenever", "until", "in", "for", "any", "questions", "anyone"}


class NextSteps(Criterion):
    id = "next_steps"

    def check(self, doc: Doc) -> tuple[list[Finding], int]:
        if self.steps(doc):
            return [], 100
        finding = self.missing(doc)
        return [finding], self.score([finding])

    def steps(self, doc: Doc) -> list[Span]:
        """Sentences that give the reader a next step."""
        words = word_lists(self.id)
        vague = {sentence(s).start for s in cues(doc, "VAGUE_PROGRESS")}
        not_steps, vague_verbs, news_only, empty = (words["not_steps"], words["vague_promises"], words["news_only"],
                                                    words["empty_objects"])
        actions = words["reader_actions"] - not_steps
        timed = {sentence(t).start for t in concrete_times(doc)}
        found = [sentence(s) for s in cues(doc, "OFFER") if sentence(s).start not in vague and self._real_offer(s)]
        for sent in doc._.body_sents:
            if self._imperative(sent, not_steps) or self._instruction(sent, actions) \
                    or sent.text.rstrip().endswith("?") and self._asks_reader(sent):
                found.append(sent)
                continue
            if self._reader_can(sent) or self._reader_receives(sent) or self._guidance_for_asks(sent):
                found.append(sent)
                continue
            # A specific thing that will happen at a stated time: "the pallets will be collected tomorrow at
            # 7:30", "new worktops will be fitted on 21 May", "next update at 11:15".
            if sent.start in timed and not self._news_only(sent, news_only, empty):
                found.append(sent)
                continue
            if self._gesture_ahead(doc, sent):
                found.append(sent)
                continue
            for verb in body_tokens(sent):
                if self._promised_action(verb, vague_verbs, news_only, empty, sent.start in vague):
                    found.append(sent)
                    break
            if self.model_says(doc, sent, "next_step"):
                found.append(sent)
        return found

    @staticmethod
    def _real_offer(span: Span) -> bool:
        """A loose offer cue counts only at the head of an instruction or with a first or second person
        ("we recommend", "you may want to"), and "you may have noticed" is no offer."""
        doc = span.doc
        text = span.text.lower()
        after = doc[span.end] if span.end < len(doc) else None
        if text in ("you may", "you might") and after is not None and after.lower_ in ("have", "'ve", "be", "notice",
                                                                                        "remember", "know", "recall"):
            return False
        before3 = {t.lower_ for t in doc[max(sentence(span).start, span.start - 3):span.start]}
        if before3 & {"nothing", "no", "not", "never", "n't", "anything"}:
            return False  # "there was nothing we could do"
        if text not in word_lists("next_steps")["loose_offers"]:
            return True
        if span.root.dep_ == "relcl" or after is None or after.is_punct:
            return False  # "the fine salt we recommend."
        if text in ("you may",):
            return True
        before = [t for t in doc[sentence(span).start:span.start] if not t.is_punct]
        if not before or before[-1].lower_ in LEAD_INS | {"you", "we", "i", "can", "could"}:
            return True
        return False

    @staticmethod
    def _imperative(sent: Span, not_steps: set[str]) -> bool:
        """An instruction to the reader: "reply to Amara", "please fill in the new form", "don't save there"."""
        for token in body_tokens(sent):
            if token.tag_ != "VB" or token.lemma_.lower() in not_steps:
                continue
            if token.dep_ not in ("ROOT", "conj", "ccomp") or (token.dep_ == "conj" and token.head.tag_ != "VB"):
                continue
            children = list(token.children)
            if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "please" for c in children):
                continue  # a shouted "PLEASE" is sometimes parsed as the subject
            if any(c.dep_ == "aux" and c.lower_ not in ("do", "n't", "please") for c in children):
                continue
            if token.dep_ == "conj" and any(c.dep_ in ("aux", "nsubj") and c.lower_ not in ("do", "please")
                                            for c in token.head.children):
                continue  # "calls would connect and then time out": the modal and subject are shared
            if token.i > sent.start and token.doc[token.i - 1].lower_ == "to":
                continue
            return True
        return False

    @staticmethod
    def _instruction(sent: Span, actions: set[str]) -> bool:
        """An instruction the tagger misses: a verb of reader action at the head of the sentence, after "please"
        or "just", or right after an opening condition ("If it's still in your inbox, delete it";
        "Questions? Reply to ..."; "Any questions, just message here")."""
        tokens = [t for t in body_tokens(sent) if not t.is_space]
        starts = []
        i = 0
        while i < len(tokens) and (tokens[i].is_punct or tokens[i].lower_ in LEAD_INS):
            i += 1
        if i < len(tokens):
            starts.append(i)
        if tokens and tokens[0].lower_ in CONDITIONS:
            # the first word after the comma that closes the opening clause
            for j, token in enumerate(tokens[1:], start=1):
                if token.text in (",", ";", ":", "—", "-"):
                    k = j + 1
                    while k < len(tokens) and (tokens[k].is_punct or tokens[k].lower_ in LEAD_INS):
                        k += 1
                    if k < len(tokens):
                        starts.append(k)
                    break
        polite = set()
        for j, token in enumerate(tokens):
            if token.lower_ in ("please", "just", "simply", "kindly") and j + 1 < len(tokens):
                starts.append(j + 1)
                if token.lower_ in ("please", "kindly"):
                    polite.add(j + 1)
        for k in starts:
            token = tokens[k]
            if token.lower_ not in actions and token.lemma_.lower() not in actions and not (
                    k in polite and token.lemma_.lower() in word_lists("next_steps")["polite_only"]):
                continue
            if not token.is_lower and k > 0 and token.text[:1].isupper() and not tokens[k - 1].is_punct:
                continue  # a capitalised name inside the sentence
            if token.tag_ in ("VBD", "VBN", "VBZ", "VBG", "MD", "PRP", "DT", "NNS", "NNPS") or token.lower_.endswith("ed"):
                continue  # "Heads up:", "Reported: ..."
            if token.tag_ in ("NN", "NNP") and _heading(tokens[k + 1:k + 5]):
                continue  # "Update 2:40pm ET: ...", "Update 7:40am - ..."
            following = tokens[k + 1] if k + 1 < len(tokens) else None
            if following is not None and (following.text in (":", "-", "–") or following.tag_ in ("VBD", "VBZ", "MD")
                                          or following.lower_ in ("is", "are", "was", "were", "has", "have")):
                continue  # "Update: ...", "Call volumes were high"
            if token.dep_ in ("nsubj", "nsubjpass") or (token.dep_ == "compound" and token.head.dep_ in ("nsubj", "nsubjpass")):
                continue
            return True
        return False

    @staticmethod
    def _reader_can(sent: Span) -> bool:
        """What the reader is able to do: "anyone who was charged can send proof to HR", "cards can be used in
        store as normal", "you'll be able to log in again", "returns will be accepted until May"."""
        requests = word_lists("next_steps")["reader_requests"]
        for verb in body_tokens(sent):
            if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ == "neg" for c in verb.children):
                continue
            aux = auxiliaries(verb)
            if aux & (FUTURE | {"can"}) and "be" in aux and verb.tag_ == "VBN" \
                    and not any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in verb.children) and any(
                    c.dep_ == "nsubjpass" and c.lemma_.lower() in requests for c in verb.children):
                return True  # what the reader may ask for will be granted
            if not aux & {"can", "could"} or aux & {"have", "'ve"} or verb.tag_ == "VBG" \
                    or any(c.lower_ in ("longer", "never") for c in verb.children):
                continue  # "some users may be experiencing ...", "staff can no longer pick it"
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if any(s.lower_ in READERS or s.lower_ in ("anyone", "whoever", "those", "people") for s in subjects):
                return True
            if "be" in aux and subjects and subjects[0].pos_ in ("NOUN", "PROPN") \
                    and _base(verb) & PASSIVE_STEPS:
                return True  # "cards can be used in store", "failed exports can be re-run"
        return False

    @staticmethod
    def _reader_receives(sent: Span) -> bool:
        """Something reaches the reader: "everyone who signed up gets a new link", "you now have until Friday",
        "the corrected copy is in your inbox", "we're taking the fee off your bill"."""
        words = word_lists("next_steps")
        timeline_words = word_lists("timeline")
        corrected = timeline_words["corrected_words"]
        routines = timeline_words["habitual"] | timeline_words["frequency"]
        for verb in body_tokens(sent):
            if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ == "neg" for c in verb.children):
                continue
            aux = auxiliaries(verb)
            lowers = {c.lower_ for c in verb.children}
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subjects and verb.dep_ == "conj":
                subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]  # "is confirmed and keeps"
            present = verb.tag_ in ("VBZ", "VBP") and not aux
            future = bool(aux & FUTURE) and verb.tag_ == "VB"
            lemma = verb.lemma_.lower()
            reader = any(s.lower_ in READERS or s.lemma_.lower() in READERS for s in subjects)
            routine = any(t.lower_ in routines for t in verb.subtree)  # "customers get a text whenever ..."
            if reader and (present or future) and not routine and (
                    (lemma in words["receipt_verbs"] and "now" not in lowers) or (lemma == "have" and "now" in lowers)):
                return True  # but "customers now get a receipt" is a changed process
            if lemma == "be" and present and any(any(t.lower_ in corrected for t in s.subtree) for s in subjects) \
                    and any(c.dep_ == "prep" and any(t.lower_ == "your" for t in c.subtree) for c in verb.children):
                return True
            if verb.tag_ == "VBG" and aux & {"'re", "are", "am", "'m"} and lowers & {"we", "i"} \
                    and lemma not in words["vague_promises"] | words["news_only"] | {"tell", "say"} and not routine \
                    and any(c.dep_ in ("dobj", "dative", "prep") and any(t.lower_ in READERS for t in c.subtree)
                            for c in verb.children):
                return True
        return False

    @staticmethod
    def _guidance_for_asks(sent: Span) -> bool:
        """What to say when someone asks: "if a customer asks, the old price stands"."""
        tokens = [t for t in body_tokens(sent) if not t.is_punct]
        if not tokens or tokens[0].lower_ not in ("if", "when", "should"):
            return False
        clause = tokens[0].head
        return clause.dep_ == "advcl" and clause.lemma_.lower() in word_lists("next_steps")["enquiry_verbs"] \
            and clause.tag_ in ("VB", "VBZ", "VBP") and clause.head.tag_ not in ("VBD", "VBN")

    def _gesture_ahead(self, doc: Doc, sent: Span) -> bool:
        """A credit, discount or gift still to come or standing ("breakfast is on us", "we'll take 20% off"),
        not one already given ("we've waived the fees")."""
        if not cues(doc, "MAKE_GOOD", within=sent):
            return False
        root = sent.root
        aux = auxiliaries(root)
        if root.tag_ == "VBD" or aux & {"have", "'ve", "has", "had", "was", "were"}:
            return False
        if any(c.dep_ == "neg" for c in root.children):
            return False  # "we won't charge for it": nothing for the reader to take up
        return True

    @staticmethod
    def _promised_action(verb: Token, vague_verbs: set[str], news_only: set[str], empty: set[str],
                         vague_sentence: bool) -> bool:
        """A concrete thing the writer will do for the reader: "we'll send the balance", "we will of course
        replace it", "the campaign will go live", not "we'll share more once we know" or "we're looking into it"."""
        if verb.pos_ != "VERB" or any(c.dep_ == "neg" for c in verb.children):
            return False
        lemma = verb.lemma_.lower()
        if lemma in vague_verbs:
            return False
        if lemma in word_lists("next_steps")["generic_fixes"] and not any(t.lower_ in READERS for t in verb.subtree):
            return False  # "we'll correct the intranet copy": work on our side, nothing for the reader
        aux = auxiliaries(verb)
        head_aux = auxiliaries(verb.head) if verb.dep_ == "conj" else set()
        going = verb.dep_ == "xcomp" and verb.head.lower_ == "going"
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and not aux:
            head_aux = set()  # "it will be fixed, and changes now get a check": the second clause has its own tense
        if not (aux & FUTURE or (not aux and head_aux & FUTURE) or going):
            return False
        if verb.dep_ in ("advcl", "relcl", "ccomp") and not going:
            return False
        sent = sentence(verb)
        if any(t.lower_ in ("future", "again", "forward", "never", "henceforth") for t in sent):
            return False  # a pledge about the future, not a step
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(s.lower_ in ("it", "this", "that") for s in subjects) and lemma in ("happen", "occur", "recur"):
            return False
        objects = {t.lemma_.lower() for c in verb.children if c.dep_ in ("dobj", "prt", "advmod", "prep") for t in c.subtree}
        content = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.pos_ in ("NOUN", "PROPN")
                   and c.lemma_.lower() not in empty]
        news = (lemma in news_only and not content) or (lemma in ("be", "get", "come") and objects & {"touch", "back"})
        if news or objects & empty and not objects & READERS:
            # news alone counts only with a purpose: "we'll call you to rebook"
            return any(c.dep_ in ("advcl", "xcomp") and any(g.lower_ == "to" for g in c.children) for c in verb.children)
        if vague_sentence and not any(t.lower_ in READERS for t in verb.subtree):
            return False
        return is_prospective(verb) or going or bool(head_aux & FUTURE)

    @staticmethod
    def _news_only(sent: Span, news_only: set[str], empty: set[str]) -> bool:
        """A time for more news only ("next update within 30 minutes"), not for something done for the reader."""
        lemmas = {t.lemma_.lower() for t in sent}
        idle = news_only | word_lists("next_steps")["vague_promises"] | {"be", "have"}
        return bool(lemmas & empty) and not any(
            t.pos_ == "VERB" and t.lemma_.lower() not in idle
            and not any(c.dep_ == "dobj" and c.lemma_.lower() in empty for c in t.children) for t in sent)

    @staticmethod
    def _asks_reader(sent: Span) -> bool:
        return any(t.lower_ in ("you", "your") for t in sent)


def _heading(following: list[Token]) -> bool:
    """Words after a status word that make it a heading: a time or code, then a colon or dash."""
    for token in following:
        if token.text in (":", "-", "–", "—"):
            return True
        if not (any(ch.isdigit() for ch in token.text) or token.is_upper):
            return False
    return False


# Passive forms a reader can act on beyond the instructions list: "seats can be exchanged".
PASSIVE_STEPS = {"use", "collect", "claim", "redeem", "return", "exchange", "book", "download", "cancel", "changed",
                 "change", "refund", "reissue", "run", "submit", "print"}


def _base(verb: Token) -> set[str]:
    """A verb's forms and, for the "re-" family, their bases: "resubmitted" is a reader step as "submit" is."""
    forms = verb_forms(verb)
    return forms | {f[len(p):] for f in forms for p in ("re-", "re") if f.startswith(p) and len(f) > len(p) + 2}


READERS = {"you", "your", "yours", "anyone", "everyone", "customer", "customers", "account", "accounts",
           "member", "members", "guest", "guests", "subscriber", "subscribers", "user", "users", "families",
           "client", "clients", "staff", "family", "patients", "attendees", "participants", "everybody"}
