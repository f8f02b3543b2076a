"""Who the draft says caused the mistake: a named person, someone outside "we", or the reader.

facts, names and ownership all judge blame, so the parse is read for culprits in one place."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from drafter.cues import lexicons
from drafter.signals import cues, memo, sentence, token_in_letter_frame
from drafter.syntax import (
    is_prospective, is_reader, is_third_party, looks_like_person_name, marks_error, mentions_error, name_span,
    remedy, subjects, verbs_done_wrong, word_sets,
)


@dataclass(frozen=True)
class Culprit:
    span: Span        # the words to point at
    person: Token     # the culprit's head token
    kind: str         # "named", "third-party" or "reader"


@functools.lru_cache(maxsize=1)
def _possessed_work() -> frozenset[str]:
    return frozenset(lexicons()["names"]["words"]["possessed_work"])


@functools.lru_cache(maxsize=1)
def _name_words() -> dict[str, frozenset[str]]:
    words = lexicons()["names"]["words"]
    return {key: frozenset(value) for key, value in words.items()}


def _is_person(token: Token) -> bool:
    """A name that stands for a person, not a firm or a product that happens to look like one."""
    if not looks_like_person_name(token):
        return False
    if any(ch.isupper() for ch in token.text[1:]) or token.nbor(1).text == ":" if token.i + 1 < len(token.doc) else False:
        return False  # "BrightSpark", "Summary:"
    if token.dep_ == "appos" and token.head.lemma_.lower() in _name_words()["organisation_roles"]:
        return False
    draft = token.doc._.draft
    if draft.greeting is not None and token.text in token.doc.text[draft.greeting.start:draft.greeting.end]:
        return False  # the addressed reader
    line = token.doc.text[token.doc.text.rfind("\n", 0, token.idx) + 1:token.idx]
    return line.count('"') % 2 == 0 and line.count("\u201c") <= line.count("\u201d")  # not inside a quotation


def _narrates_culprit(token: Token) -> bool:
    """The person did something in the story of the mistake: the subject or passive agent of a past
    action that is not a fix or a helpful act ("Bilal gave you the wrong date", "posted by Priyesh")."""
    for verb in (v for v in sentence(token) if v.pos_ in ("VERB", "AUX")):
        if token not in subjects(verb) or is_prospective(verb):
            continue
        lemma = verb.lemma_.lower()
        if lemma in _name_words()["credit_verbs"] or lemma in word_sets()["experiencer_verbs"] or lemma == "be":
            continue
        if verb.tag_ in ("VBD", "VBN") or any(c.lower_ in ("did", "had") for c in verb.children):
            return True
    return False


def named_culprits(doc: Doc) -> list[Culprit]:
    """People named as the cause or owner of the mistake ("Priya sent the wrong file", "deleted by Tom")."""
    return memo(doc, "named_culprits", lambda: _find_named_culprits(doc))


def _find_named_culprits(doc: Doc) -> list[Culprit]:
    found: list[Culprit] = []
    flagged: set[int] = set()
    contacts = {t.i for span in cues(doc, "CONTACT_CUE") for t in sentence(span)}
    for sent in doc._.body_sents:
        for token in sent:
            if token.i in flagged or not _is_person(token) or token_in_letter_frame(token):
                continue
            if not (_tied_to_mistake(token, _possessed_work()) or _narrates_culprit(token)):
                continue
            if token.i in contacts and not _is_culprit_subject(token):
                continue
            name = name_span(token)
            flagged.update(t.i for t in name)
            found.append(Culprit(name, token, "self" if _names_the_writer(token) else "named"))
    return found


AGENT_DEPS = {"nsubj", "poss", "appos", "attr"}


def people_acting_in(sent: Span) -> list[Culprit]:
    """Names that act in a sentence (subject, possessor, apposition, passive agent), outside the
    greeting, sign-off and contact lines: the people a sentence of blame would be about."""
    contacts = {t.i for span in cues(sent.doc, "CONTACT_CUE") for t in sentence(span)}
    found = []
    for token in sent:
        if token.i in contacts or not _is_person(token) or token_in_letter_frame(token):
            continue
        agent = token.dep_ == "pobj" and token.head.dep_ == "agent"
        if token.dep_ in AGENT_DEPS or agent:
            found.append(Culprit(name_span(token), token, "self" if _names_the_writer(token) else "named"))
    return found


def _names_the_writer(token: Token) -> bool:
    """"That was me, Karan", "I'm Tomás": the writer giving their own name."""
    head = token.head
    if token.dep_ == "appos" and head.lower_ in ("me", "i", "myself"):
        return True
    return token.dep_ in ("attr", "acomp") and any(c.dep_ == "nsubj" and c.lower_ == "i" for c in head.children)


def _is_culprit_subject(token: Token) -> bool:
    verb = token.head
    return token.dep_ == "nsubj" and not is_prospective(verb) and marks_error(verb)


def _tied_to_mistake(token: Token, possessed_work: frozenset[str]) -> bool:
    head = token.head
    wrong_verbs = set(verbs_done_wrong(sentence(token)))
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
    if token.dep_ == "pobj" and head.dep_ == "agent" and mentions_error(sentence(token)):
        return True
    # "That one's on Dev", "this was on Sam" (not "the entrance is on Carver Street").
    if token.dep_ == "pobj" and head.lower_ == "on" and head.head.lemma_ == "be":
        return _points_at_the_mistake(head.head)
    # A cleft that points at someone: "it was Sofia who approved the discount".
    if token.dep_ == "attr" and head.lemma_ == "be" and any(
            c.dep_ == "nsubj" and c.lower_ in ("it", "that", "this") for c in head.children):
        return mentions_error(sentence(token))
    # Someone the mistake got past, or came from: "slipped past Hannah", "a spreadsheet from Megan".
    if token.dep_ == "pobj" and head.lower_ in ("past", "by", "from") and mentions_error(sentence(token)):
        return not is_prospective(head.head)
    # "Blame Tom", "Tom is to blame", "Tom was responsible".
    if token.dep_ == "dobj" and head.lemma_ == "blame":
        return True
    if token.dep_ == "nsubj" and head.lemma_ == "be":
        return any(c.lower_ in ("responsible", "fault", "blame") or c.lemma_ in word_sets()["fault_nouns"]
                   for c in head.subtree if c.i > token.i)
    return False


BLAMEABLE_PRONOUNS = {"that", "this", "it", "one", "which"}
GROUPS = {"team", "department", "staff", "crew", "desk", "office", "group", "company", "firm", "shift", "side"}


def third_party_blame(sent: Span) -> Culprit | None:
    """A clause in which someone outside "we" did the wrong thing: (span, the culprit)."""
    doc = sent.doc
    wrong = list(verbs_done_wrong(sent, with_experiences=True))
    candidates = [(verb, subject) for verb in wrong for subject in subjects(verb)]
    if mentions_error(sent):
        # The parse often hangs the sign of error on another clause ("X did Y, so Z was wrong").
        credited = _name_words()["credit_verbs"]
        candidates += [(verb, subject) for verb in sent if verb.pos_ == "VERB" and verb.tag_ in ("VBD", "VBN")
                       and not is_prospective(verb) and verb.lemma_.lower() not in credited
                       and remedy(verb) is None for subject in subjects(verb)]
    for verb in wrong:
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            # "mislabelled by the night shift", "posted by a member of the QA team"
            for pobj in agent.children:
                if (pobj.dep_ == "pobj" and not token_in_letter_frame(pobj)
                        and (is_third_party(pobj) or pobj.lemma_.lower() in GROUPS | {"member", "someone", "one"})):
                    return Culprit(doc[agent.i:pobj.right_edge.i + 1], pobj, "third-party")
    for verb, subject in candidates:
        if is_third_party(subject):
            start, end = sorted((subject.left_edge.i, verb.i))
            return Culprit(doc[start:max(end, subject.i) + 1], subject, "third-party")
    for token in sent:
        if not is_third_party(token):
            continue
        head = token.head
        # "Tom's mistake", "the vendor's upgrade tooling failed"
        if token.dep_ == "poss" and (head.lemma_.lower() in word_sets()["fault_nouns"]
                                     or any(head in subjects(verb) for verb in wrong)):
            return Culprit(doc[token.i:head.i + 1], token, "third-party")
    for token in sent:
        # "that one's on our ticketing partner", "that one's on the design team"
        if not (is_third_party(token) or token.lemma_.lower() in GROUPS):
            continue
        head = token.head
        if token.dep_ == "pobj" and head.lower_ == "on" and head.head.lemma_ == "be" and _points_at_the_mistake(head.head):
            return Culprit(doc[head.i:token.i + 1], token, "third-party")
        # "The bank was the real culprit"
        if token.dep_ == "nsubj" and head.lemma_ == "be" and any(
                c.dep_ == "attr" and c.lemma_.lower() in word_sets()["fault_nouns"] for c in head.children):
            return Culprit(doc[token.left_edge.i:head.i + 1], token, "third-party")
    return None


def _points_at_the_mistake(be_verb: Token) -> bool:
    """"That one's on ...", "the mistake was on ...": the subject of "be" is the mistake itself."""
    return any(c.dep_ == "nsubj" and (c.lower_ in BLAMEABLE_PRONOUNS or c.lemma_.lower() in word_sets()["fault_nouns"])
               for c in be_verb.children)


READER_FAULT_VERBS = {"give", "provide", "choose", "select", "use", "fill", "put", "type", "enter", "tell"}


def reader_blame(sent: Span) -> Culprit | None:
    """The reader, or someone on their side, as the one who did the wrong thing ("you typed your old
    postcode", "your assistant gave us the wrong address"); not what the reader did innocently."""
    for verb in verbs_done_wrong(sent):
        lemma = verb.lemma_.lower()
        if verb.tag_ not in ("VBD", "VBN") or not marks_error(verb, with_subject=False):
            continue
        if lemma not in word_sets()["fault_verbs"] and lemma not in READER_FAULT_VERBS:
            continue
        for subject in subjects(verb):
            if is_reader(subject):
                return Culprit(sent.doc[min(subject.left_edge.i, verb.i):verb.i + 1], subject, "reader")
    return None




def culprits(doc: Doc) -> list[Culprit]:
    """Every culprit in the draft's body: named people, then one other per sentence (computed once)."""
    return memo(doc, "culprits", lambda: _find_culprits(doc))


def _find_culprits(doc: Doc) -> list[Culprit]:
    found = list(named_culprits(doc))
    named_sents = {sentence(c.span).start for c in found}
    for sent in doc._.body_sents:
        if sent.start in named_sents:
            continue
        other = reader_blame(sent) or third_party_blame(sent)
        if other is not None:
            found.append(other)
    return found
