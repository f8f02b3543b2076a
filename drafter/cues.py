"""Phrase lexicons and spaCy Matcher patterns, read from data files and run once per draft.

Every criterion reads the spans it cares about by label from ``doc._.cues``, so the matchers
pass over each document once however many criteria use them."""
from __future__ import annotations

import functools
import json
from collections import defaultdict
from importlib import resources

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from drafter.config import load_toml_resource


def _data_files(folder: str, suffix: str):
    root = resources.files("drafter").joinpath("data").joinpath(folder)
    return sorted((p for p in root.iterdir() if p.name.endswith(suffix)), key=lambda p: p.name)


@functools.lru_cache(maxsize=1)
def lexicons() -> dict[str, dict]:
    """Every lexicon file under data/lexicons/, by file stem."""
    return {p.name[: -len(".toml")]: load_toml_resource(f"lexicons/{p.name}") for p in _data_files("lexicons", ".toml")}


@functools.lru_cache(maxsize=None)
def word_lists(stem: str) -> dict[str, frozenset[str]]:
    """The ``[words]`` table of one lexicon: families of single words the parse rules look up."""
    return {key: frozenset(value) for key, value in lexicons()[stem].get("words", {}).items()}


class CueMatcher:
    """All phrase lists (``[phrases]`` tables of the lexicons) and token patterns of the package."""

    def __init__(self, nlp: Language):
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.patterns = Matcher(nlp.vocab, validate=True)
        for stem, lexicon in lexicons().items():
            for label, phrases in lexicon.get("phrases", {}).items():
                self.phrases.add(label.upper(), list(nlp.tokenizer.pipe(phrases)))
        for path in _data_files("patterns", ".json"):
            for label, patterns in json.loads(path.read_text(encoding="utf-8")).items():
                self.patterns.add(label.upper(), patterns)

    def __call__(self, doc: Doc) -> dict[str, list[Span]]:
        found: dict[str, list[Span]] = defaultdict(list)
        for matcher in (self.phrases, self.patterns):
            for match_id, start, end in matcher(doc):
                found[doc.vocab.strings[match_id]].append(doc[start:end])
        # Overlapping matches of one label collapse to the longest, so a phrase is counted once.
        return {label: sorted(filter_spans(spans), key=lambda s: s.start) for label, spans in found.items()}


@functools.lru_cache(maxsize=2)
def cue_matcher(nlp: Language) -> CueMatcher:
    return CueMatcher(nlp)
