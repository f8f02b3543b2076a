"""Dependency-parse helpers the criteria share: who did what, and was it the mistake."""
from __future__ import annotations

import functools
from pathlib import Path

import textstat

from spacy.tokens import Span, Token

from drafter.cues import lexicons

FIRST_PERSON = {"i", "we", "us", "me", "our", "my", "ours", "mine", "myself", "ourselves"}
FUTURE_OR_OFFER = {"will", "'ll", "can", "could", "shall", "would", "may", "might", "should", "going"}
PERSON_LABELS = {"PERSON"}
# spaCy's small model often tags a lone first name as an organisation or place.
NAME_LIKE_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT", "LAW", "LANGUAGE"}


@functools.lru_cache(maxsize=1)
def word_sets() -> dict[str, frozenset[str]]:
    """The shared word lists, each widened by the ``[words]`` lists of the same name in the blame
    lexicons (facts, names), so a family of words can be added where the blame rules live."""
    common = lexicons()["common"]
    sets = {key: set(value) for key, value in common.items() if isinstance(value, list)}
    for stem in ("facts", "names"):
        for key, value in lexicons().get(stem, {}).get("words", {}).items():
            if isinstance(value, list):
                sets.setdefault(key, set()).update(value)
    return {key: frozenset(value) for key, value in sets.items()}


@functools.lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The Dale-Chall list of familiar English words that textstat ships."""
    path = Path(textstat.__file__).parent / "resources" / "en" / "easy_words.txt"
    return frozenset(w.strip().lower() for w in path.read_text(encoding="utf-8").split())


def subjects(verb: Token) -> list[Token]:
    """Active subjects and passive agents of a verb, following conjunctions to a shared subject."""
    found = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    found += [pobj for c in verb.children if c.dep_ == "agent" for pobj in c.children if pobj.dep_ == "pobj"]
    if not found and verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i and not any(
            c.dep_ == "nsubjpass" for c in verb.children):  # "X noticed it, and the letters were pulled"
        found = [c for c in verb.head.children if c.dep_ == "nsubj"]
        if not found and verb.dep_ == "conj" and not any(c.dep_ == "auxpass" for c in verb.children):
            # "Kasia wasn't shown the folder and assumed ...": an active verb shares the passive subject
            found = [c for c in verb.head.children if c.dep_ == "nsubjpass" and c.lower_ not in FIRST_PERSON | {"you"}]
    if verb.dep_ == "relcl" and verb.head.i != verb.i:
        # "our database team, who changed the settings": the relative pronoun stands for its noun
        found = [verb.head if c.tag_ in ("WP", "WDT") and c.dep_ == "nsubj" else c for c in found]
    expanded = []
    for subject in found:
        expanded.append(subject)
        expanded += [c for c in subject.children if c.dep_ in ("conj", "appos")]
    return expanded


def clause_tokens(verb: Token) -> list[Token]:
    """The verb's own clause: its subtree without subordinate or coordinated clauses."""
    stop = {"conj", "advcl", "relcl", "ccomp", "parataxis"}
    tokens = [verb]
    for child in verb.children:
        if child.dep_ not in stop:
            tokens.extend(child.subtree)
    return tokens


def marks_error(verb: Token, *, with_subject: bool = True) -> bool:
    """Whether the verb's clause says what was done was wrong ("sent the wrong file", "didn't check").

    Without the subject, "the missing points have been added back" is a fix, not an error."""
    words = word_sets()
    if verb.lemma_.lower() in words["fault_verbs_inherent"]:
        return True
    tokens = clause_tokens(verb)
    if not with_subject:
        subject_tokens = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        tokens = [t for t in tokens if t.i not in subject_tokens]
    for token in tokens:
        if token.lower_ in words["error_words"] or token.lemma_.lower() in words["fault_nouns"] or _is_mis_word(token):
            return True
        if token.dep_ == "neg":
            return True
    return False


def auxiliaries(verb: Token) -> set[str]:
    """The verb's auxiliaries, lower-cased: {"will"}, {"has", "been"}, {"is", "being"}."""
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def is_fault_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in word_sets()["fault_verbs"]


def is_prospective(verb: Token) -> bool:
    """Future, modal or imperative: an offer or a plan, not an account of what went wrong."""
    aux = auxiliaries(verb)
    if aux & FUTURE_OR_OFFER and not aux & {"have", "'ve"}:
        return True
    if verb.dep_ == "xcomp" and verb.head.lemma_ in ("go", "plan", "want", "need", "will"):
        return True
    return verb.tag_ == "VB" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and not aux


def _reports_past(verb: Token) -> bool:
    """Past or perfect ("sent", "has broken", "didn't check", "should have spotted"), not a plan or a habit."""
    aux = auxiliaries(verb)
    if verb.tag_ in ("VBD", "VBN"):
        return True
    if verb.tag_ == "VB" and (aux & {"did", "had", "'d"} or {"should", "have"} <= aux or {"ought", "have"} <= aux):
        return True  # "didn't leave the record", "should have checked"
    if verb.tag_ in ("VB", "VBP", "VBZ") and any(c.dep_ == "nsubj" for c in verb.children):
        # "misread" looks the same in the past as in the present, and the tagger often takes it for a base form.
        return verb.lower_ in ("misread", "misheard", "mislaid", "misled", "misspelt")
    if verb.tag_ == "VB":
        return bool(aux & {"did", "had", "'d"}) or {"should", "have"} <= aux or {"ought", "have"} <= aux
    return verb.tag_ == "VBG" and bool(aux & {"was", "were"})


def verbs_done_wrong(sent: Span, *, with_experiences: bool = False):
    """Verbs in the sentence that report something done wrong in the past (not a plan or an offer).

    Verbs of undergoing ("received", "noticed") are left out unless ``with_experiences``: a person who
    received the wrong invoice is not its cause, but a supplier that "experienced an outage" is."""
    experienced = word_sets()["experiencer_verbs"]
    for token in sent:
        if token.pos_ not in ("VERB", "AUX") or is_prospective(token) or not _reports_past(token):
            continue
        if not with_experiences and token.lemma_.lower() in experienced:
            continue
        aux = {c.lower_ for c in token.children if c.dep_ == "aux"}
        if marks_error(token) or {"should", "have"} <= aux:
            yield token


def _is_mis_word(token: Token) -> bool:
    """Words like "misconfigured", "mislabelled", "misprinted" say an error happened."""
    lowered = token.lower_
    return lowered.startswith("mis") and len(lowered) > 6 and token.pos_ in ("VERB", "ADJ")


def _labels_a_thing(token: Token) -> bool:
    """An error word used as a label for another noun: "error rates", "error code 5012", "bug report"."""
    return token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN") and token.head.i > token.i


def mentions_error(span: Span) -> bool:
    """Whether a sentence talks about the mistake at all."""
    words = word_sets()
    return any((t.lower_ in words["error_words"] or t.lemma_.lower() in words["fault_nouns"]
                or t.lemma_.lower() in words["fault_verbs_inherent"] or _is_mis_word(t)) and not _labels_a_thing(t)
               for t in span)


def remedy(verb: Token) -> str | None:
    """"done" when the clause reports a fix as made, "planned" when it promises one, else None.

    Perfect and past clauses of the writer's own actions ("we've reinstated it", "it has been added
    back") count as done; future clauses with "we"/"I" or "will be ..." count as planned."""
    words = word_sets()
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() in words["not_remedies"]:
        return None
    if marks_error(verb, with_subject=False):
        return None
    children = list(verb.children)
    aux = auxiliaries(verb)
    subject = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
    ours = subject is not None and subject.lower_ in ("we", "i")
    if aux & FUTURE_OR_OFFER - {"should", "could", "would", "may", "might"} and not aux & {"have", "'ve"}:
        return "planned" if ours or "be" in aux or "been" in aux else None
    perfect = bool(aux & {"have", "'ve", "has", "'s", "had"}) and verb.tag_ == "VBN"
    # Chat style drops the subject: "Sent him the right one just now."
    unsaid_subject = subject is None and verb.tag_ == "VBD" and verb.is_sent_start
    if perfect or (ours and verb.tag_ == "VBD") or unsaid_subject:
        return "done"
    settled = {c.lower_ for c in children} & {"now", "again", "normally"}
    if settled and (verb.tag_ in ("VBN", "VBZ", "VBP") or (verb.tag_ == "VBG" and settled != {"now"})):
        return "done"
    return None


def looks_like_person_name(token: Token) -> bool:
    """A capitalised proper noun that NER calls a person, or a lone name it mislabels."""
    if not token.text[:1].isupper() or not token.is_alpha:
        return False
    if token.pos_ != "PROPN" and not (token.ent_type_ == "PERSON" and token.pos_ in ("NOUN", "VERB", "ADJ")
                                      and not token.is_sent_start):
        return False  # the tagger sometimes takes a name it cannot place ("Sinead", "Ahmed") for a noun
    if token.text.isupper():
        return False  # acronyms and letters: IT, QA, AWS, "revision B"
    if _labels_a_place_or_version(token):
        return False
    if token.ent_type_ in PERSON_LABELS:
        return True
    if token.ent_type_ and token.ent_type_ not in NAME_LIKE_LABELS:
        return False
    # A name in a compound before a common noun names a thing: "the Madison office", "Jasper plan".
    if token.dep_ == "compound" and token.head.pos_ == "NOUN":
        return False
    if token.is_sent_start and (token.lower_ in common_words() or token.tag_ == "NNPS"):
        # A capitalised first word that is a common word is a name only if it acts like a person.
        return token.dep_ == "nsubj" and token.head.lemma_.lower() in word_sets()["animate_verbs"]
    if token.lower_ in word_sets()["third_parties"]:
        return False
    return not any(c.lower_ in ("the", "a", "an", "our", "your", "their") for c in token.children)


def _labels_a_place_or_version(token: Token) -> bool:
    """Part of a street, building or versioned thing, not a person: "Mill Lane", "Brook Road",
    "Revision B", "Phase 2"."""
    doc = token.doc
    suffixes = word_sets().get("place_suffixes", frozenset())
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if token.lower_ in suffixes and token.i > 0 and doc[token.i - 1].pos_ == "PROPN":
        return True
    if following is not None and following.lower_ in suffixes and following.text[:1].isupper():
        return True
    if token.head.i != token.i and token.dep_ == "compound" and token.head.lower_ in suffixes:
        return True
    if following is not None and ((following.like_num and token.ent_type_ != "PERSON")
                                  or (len(following.text) == 1 and following.text.isupper())):
        return following.i + 1 >= len(doc) or doc[following.i + 1].text != "."
    return False


def name_span(token: Token) -> Span:
    """The whole name a token belongs to ("Priya Nair"), from NER or adjacent proper nouns."""
    if token.ent_type_ and token.ent_iob_ in ("B", "I"):
        for ent in token.doc.ents:
            if ent.start <= token.i < ent.end:
                return ent
    start = token.i
    doc = token.doc
    while start > 0 and not doc[start].is_sent_start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound":
        start -= 1
    return token.doc[start:token.i + 1]


def is_third_party(token: Token) -> bool:
    """A subject outside the writer's "we": a named person or firm, a supplier, another team.

    Blame detection asks this of every token of every sentence, some several times; each token is
    judged once per document."""
    # The per-document store of signals.memo (which this module cannot import: draft.py imports it).
    judged = token.doc.user_data.setdefault("drafter", {}).setdefault("third_party", {})
    if token.i not in judged:
        judged[token.i] = _judge_third_party(token)
    return judged[token.i]


def _judge_third_party(token: Token) -> bool:
    if token.lower_ in FIRST_PERSON or token.lower_ == "you":
        return False
    if token.doc._.draft is not None and token.doc._.draft.in_letter_frame(token.idx, token.idx + len(token)):
        return False
    if token.is_sent_start and token.lower_ in common_words():
        return False
    doc = token.doc
    if token.i + 1 < len(doc) and doc[token.i + 1].text == ":" and token.i - token.sent.start < 4:
        return False  # the sender's label: "Valley Transit: the 7:15 bus skipped ..."
    words = word_sets()["third_parties"]
    collective = {"team", "staff", "people", "colleague", "colleagues", "teammate", "crew", "side", "end"}
    if (token.lemma_.lower() in collective and any(c.lower_ in ("our", "my") for c in token.children)
            and not any(c.dep_ in ("compound", "amod") for c in token.children)):
        return False  # "our team" is the organisation owning it, not someone else
    if token.lemma_.lower() in words or token.lower_ in words:
        return True
    outside = word_sets().get("outside_businesses", frozenset())
    if token.lemma_.lower() in outside and token.pos_ == "NOUN" and not any(
            c.lower_ in ("our", "my", "your", "this") for c in token.children):
        return True  # "the restaurant that prepared it", not "our shop"
    roles = word_sets().get("outside_roles", frozenset())
    if token.pos_ == "NOUN" and any(c.dep_ == "compound" and c.lemma_.lower() in roles for c in token.children):
        return True  # "our partner hub", "the courier driver"
    if token.lower_ in ("one", "some", "several", "many", "each", "any", "all", "none", "two", "both"):
        # "one of our contractors"
        return any(c.dep_ == "prep" and c.lower_ == "of" and any(is_third_party(p) for p in c.children)
                   for c in token.children)
    if token.pos_ == "PROPN" and (looks_like_person_name(token) or token.ent_type_ in ("ORG", "PERSON")):
        return True
    groups = {"team", "department", "staff", "crew", "side", "desk", "office", "group", "company", "firm",
              "people", "folks", "guys", "squad", "unit", "division", "shift", "lot"}
    # "the sales team", and another named unit of the organisation: "the financial aid office"
    units = {"office", "department", "desk", "division", "unit"}
    return token.lemma_.lower() in groups and any(
        (c.dep_ in ("compound", "amod") and c.lower_ in words)
        or (c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in units)
        for c in token.children)


def is_reader(token: Token) -> bool:
    """The reader or someone on their side: "you", "your assistant", "your team"."""
    if token.lower_ == "you":
        return True
    people = word_sets()["third_parties"]
    return token.lemma_.lower() in people and any(c.lower_ == "your" and c.dep_ == "poss" for c in token.children)
