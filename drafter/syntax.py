"""Dependency-parse helpers the criteria share: who did what, and was it the mistake."""
from __future__ import annotations

import functools

from spacy.tokens import Span, Token

from drafter.cues import lexicons

FIRST_PERSON = {"i", "we", "us", "me", "our", "my", "ours", "mine", "myself", "ourselves"}
FUTURE_OR_OFFER = {"will", "'ll", "can", "could", "shall", "would", "may", "might", "should", "going"}
PERSON_LABELS = {"PERSON"}
# spaCy's small model often tags a lone first name as an organisation or place.
NAME_LIKE_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "PRODUCT", "WORK_OF_ART", "FAC"}


@functools.lru_cache(maxsize=1)
def word_sets() -> dict[str, frozenset[str]]:
    common = lexicons()["common"]
    return {key: frozenset(value) for key, value in common.items() if isinstance(value, list)}


def subjects(verb: Token) -> list[Token]:
    """Active subjects and passive agents of a verb, following conjunctions to a shared subject."""
    found = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    found += [pobj for c in verb.children if c.dep_ == "agent" for pobj in c.children if pobj.dep_ == "pobj"]
    if not found and verb.dep_ in ("conj", "xcomp") and verb.head is not verb:
        found = [c for c in verb.head.children if c.dep_ == "nsubj"]
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


def marks_error(verb: Token) -> bool:
    """Whether the verb's clause says what was done was wrong ("sent the wrong file")."""
    words = word_sets()
    if verb.lemma_.lower() in words["fault_verbs_inherent"]:
        return True
    return any(t.lower_ in words["error_words"] or t.lemma_.lower() in words["fault_nouns"] for t in clause_tokens(verb))


def is_fault_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in word_sets()["fault_verbs"]


def is_prospective(verb: Token) -> bool:
    """Future, modal or imperative: an offer or a plan, not an account of what went wrong."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & FUTURE_OR_OFFER:
        return True
    return verb.tag_ == "VB" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and not aux


def looks_like_person_name(token: Token) -> bool:
    """A capitalised proper noun that NER calls a person, or a lone name it mislabels."""
    if token.pos_ != "PROPN" or not token.text[:1].isupper() or not token.is_alpha:
        return False
    if token.text.isupper() and len(token.text) > 1:
        return False  # acronyms: IT, QA, AWS
    if token.ent_type_ in PERSON_LABELS:
        return True
    if token.ent_type_ and token.ent_type_ not in NAME_LIKE_LABELS:
        return False
    # A name in a compound before a common noun names a thing: "the Madison office", "Jasper plan".
    if token.dep_ == "compound" and token.head.pos_ == "NOUN":
        return False
    return token.lower_ not in word_sets()["third_parties"]


def name_span(token: Token) -> Span:
    """The whole name a token belongs to ("Priya Nair"), from NER or adjacent proper nouns."""
    if token.ent_type_ and token.ent_iob_ in ("B", "I"):
        for ent in token.doc.ents:
            if ent.start <= token.i < ent.end:
                return ent
    start = token.i
    while start > token.sent.start and token.doc[start - 1].pos_ == "PROPN" and token.doc[start - 1].dep_ == "compound":
        start -= 1
    return token.doc[start:token.i + 1]


def is_third_party(token: Token) -> bool:
    """A subject outside the writer's "we": a named person or firm, a supplier, another team."""
    if token.lower_ in FIRST_PERSON:
        return False
    if any(c.lower_ in ("our", "my") for c in token.children) and token.lemma_.lower() not in word_sets()["third_parties"]:
        return False
    if token.pos_ == "PROPN" and token.text[:1].isupper():
        return True
    if token.lemma_.lower() in word_sets()["third_parties"] or token.lower_ in word_sets()["third_parties"]:
        return True
    return any(c.dep_ == "compound" and c.lower_ in word_sets()["third_parties"] for c in token.children)
