"""Rewrites a draft so that it passes drafter's own checks, from the template phrases.

The draft is linted with the rules-only checker; every finding becomes a *move* on its sentence
(the culprit becomes "we", an excuse clause goes, a hedge becomes plain ownership, shouting is
calmed...) or a line to add (next step, timeline, prevention). Moves on one sentence are merged
into one edit, edits are applied right to left, and the result is linted once more to fix what
the first pass left (two passes at most).

What the writer stated is never changed: numbers, amounts, dates, times, URLs, email addresses,
codes, and the greeting and sign-off. An edit that would lose one of those is not made.

    >>> from drafter.rewrite import rewrite
    >>> rewrite("Hi Sam,\\n\\nTom sent you the wrong invoice.\\n\\nBest,\\nLena\\n").text.splitlines()[2]
    'We sent you the wrong invoice.'
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from drafter.checker import CRITERION_IDS, Checker
from drafter.criteria.correction import apologies, has_fix
from drafter.cues import lexicons
from drafter.culprits import culprits, reader_blame, third_party_blame
from drafter.draft import Draft, segment
from drafter.report import Report
from drafter.signals import annotate, cues, in_body, sentence
from drafter.suggest import Template, choose, draft_slots, fill, placeholder_spans, register_of, templates
from drafter.syntax import FIRST_PERSON, is_fault_verb, marks_error

SCHEMA = "drafter.rewrite/1"
PASSES = 2

#: What the writer stated and a rewrite must keep: URLs, email addresses, anything with a digit
#: (amounts, dates, times, codes such as CAKE20 or INV-2031), and names of days and months.
PROTECTED = re.compile(
    r"https?://[^\s<>\"]+|www\.[^\s<>\"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|[^\s]*\d[^\s]*"
    r"|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
#: Sentence punctuation around a protected token is not part of it ("$120," keeps "$120").
EDGE_PUNCTUATION = ".,;:!?()[]\"'“”‘’*"
APOLOGY_WORDS = {"sorry", "apologise", "apologize", "apologies", "apology", "apologised", "apologized",
                 "regret", "pardon"}
MODALS = {"may", "might", "could"}
#: Clause heads whose whole subtree can go without leaving a broken sentence.
CLAUSE_DEPS = {"advcl", "conj", "relcl", "parataxis", "acl"}
#: Phrases that modify a clause and can go on their own ("due to staff shortages", "honestly").
ADVERBIAL_DEPS = {"prep", "npadvmod", "advmod", "agent"}
#: What completes a verb before "by mistake" can follow it ("pushed the handover back a week").
CORE_DEPS = {"dobj", "prt", "dative", "advmod", "npadvmod", "acomp", "oprd"}
LEADING_JOINERS = re.compile(r"^(?:and|but|so|because|as|since|or|which|that|then)\b[\s,]*", re.I)
#: Rules handled, in the order their moves win when they meet in one sentence.
PRIORITY = ("facts/excuse", "facts/reader-blame", "facts/speculation", "correction/repeated-apology",
            "correction/self-abasement", "prevention/vague-pledge", "ownership/minimising", "facts/blame",
            "ownership/deflecting", "names/blamed-person", "names/self-singling", "calm/catastrophising",
            "calm/shouting", "calm/exclamations", "correction/apology-without-fix")
#: Lines added to the end of the body, in reading order.
LINES = ("prevention/missing", "timeline/missing", "next_steps/missing")


def protected_tokens(text: str) -> Counter:
    """The multiset of protected tokens in ``text``."""
    found = (m.group(0).strip(EDGE_PUNCTUATION) for m in PROTECTED.finditer(text))
    return Counter(t for t in found if t)


def keeps_protected(before: str, after: str) -> bool:
    return not protected_tokens(before) - protected_tokens(after)


def _protected(token: Token) -> bool:
    return bool(PROTECTED.search(token.text))


@functools.lru_cache(maxsize=1)
def _words() -> dict:
    return templates()["words"]


@functools.lru_cache(maxsize=1)
def _not_shouting() -> frozenset[str]:
    """Capitals the calm criterion reads as labels: acronyms, and status words before a colon."""
    calm = lexicons()["calm"]["words"]
    return frozenset(w.upper() for w in calm["acronyms"] + calm["status_labels"])


@functools.lru_cache(maxsize=1)
def _acronyms() -> frozenset[str]:
    return frozenset(w.upper() for w in lexicons()["calm"]["words"]["acronyms"])


# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class Edit:
    """One change, located in the ORIGINAL text: ``text[start:end]`` was ``before`` and becomes ``after``.

    ``rule`` is the finding's rule ("names/blamed-person"); where moves for several findings met in
    one sentence, the one that decided the edit."""

    start: int
    end: int
    before: str
    after: str
    criterion: str
    rule: str
    template: str | None = None

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "before": self.before, "after": self.after,
                "criterion": self.criterion, "rule": self.rule, "template": self.template}


@dataclass
class Rewrite:
    original: str
    text: str
    edits: list[Edit] = field(default_factory=list)
    source: str = "<text>"

    @property
    def changed(self) -> bool:
        return self.text != self.original

    @property
    def placeholders(self) -> list[tuple[int, int, str]]:
        """Where the new text still needs facts only the writer has: (start, end, placeholder)."""
        return placeholder_spans(self.text)

    def to_dict(self) -> dict:
        return {"schema": SCHEMA, "source": self.source, "changed": self.changed, "text": self.text,
                "edits": [e.to_dict() for e in self.edits],
                "placeholders": [{"start": s, "end": e, "text": t} for s, e, t in self.placeholders]}


# ---------------------------------------------------------------------------------------------
# Moves: what one finding changes in its sentence


@dataclass
class Move:
    criterion: str
    rule: str
    #: The template or word table the new words came from.
    template: str | None = None
    sent: Span | None = None
    #: Token indices left out, and new text for tokens (whitespace after them is kept).
    drop: set[int] = field(default_factory=set)
    replace: dict[int, str] = field(default_factory=dict)
    #: The sentence's new text as a whole; "" leaves the sentence out.
    sentence: str | None = None
    #: A sentence added after this one.
    after: str = ""
    #: A line added at the end of the body instead of a change to a sentence.
    line: str | None = None

    @property
    def key(self) -> str:
        return f"{self.criterion}/{self.rule}"

    def add(self, replace: dict[int, str]) -> None:
        """Further word replacements; a word already replaced keeps its first replacement."""
        self.replace.update({i: v for i, v in replace.items() if i not in self.replace})

    def merged(self, removal: Move | None) -> Move | None:
        """This move with a clause removal added; the removal alone when it drops the sentence."""
        if removal is not None and removal.sentence == "":
            return removal
        if removal is not None:
            self.drop |= removal.drop
            self.add(removal.replace)
        return self if self.drop or self.replace else None

    def preview(self) -> str:
        """The sentence after this move alone (or the line it adds); "" when the sentence goes."""
        if self.line is not None:
            return self.line
        return render(self.sent, [self])


def region(sent: Span) -> Span | None:
    """The part of a sentence that is the writer's body text: no greeting, sign-off or quote."""
    doc = sent.doc
    inside = [t for t in sent if not t.is_space and in_body(doc, t.idx, t.idx + len(t))]
    return doc[inside[0].i:inside[-1].i + 1] if inside else None


def render(sent: Span, moves: Sequence[Move]) -> str:
    """The new text of the sentence's body region after the moves, ordered by ``PRIORITY``."""
    part = region(sent)
    if part is None:
        return ""
    moves = sorted(moves, key=_rank)
    wholes = [m.sentence for m in moves if m.sentence is not None]
    if wholes:
        text = "" if "" in wholes else wholes[0]
    else:
        drop = set().union(*(m.drop for m in moves))
        replace: dict[int, str] = {}
        for move in moves:
            for i, value in move.replace.items():
                replace.setdefault(i, value)
        pieces = []
        for token in part:
            # A dropped word leaves its space behind, so "Tom's change" -> "our" + " " + "change";
            # tidy() collapses the doubles.
            word = "" if token.i in drop else replace.get(token.i, token.text)
            pieces.append(word + token.whitespace_)
        text = tidy("".join(pieces), part.text)
    afters = [m.after for m in moves if m.after]
    return " ".join(p for p in [text, *afters] if p)


def _rank(move: Move) -> int:
    return PRIORITY.index(move.key) if move.key in PRIORITY else len(PRIORITY)


def tidy(text: str, original: str) -> str:
    """Mend spacing, punctuation and capitals after words were taken out of a sentence."""
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"[ \t]+([,.;:!?)])", r"\1", text)
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r"[,;:—–-]\s*([,.;:!?])", r"\1", text)
    text = re.sub(r",(\s*,)+", ",", text)
    text = text.strip()
    while True:
        stripped = text.lstrip(",;:—– ")
        if not LEADING_JOINERS.match(original):
            stripped = LEADING_JOINERS.sub("", stripped)
        if stripped == text:
            break
        text = stripped
    if not re.search(r"[,;:—–-]$", original):
        text = re.sub(r"[\s,;:—–-]+$", "", text)
    if not re.search(r"[A-Za-z0-9]", text):
        return ""
    if original[:1].isupper() and text[:1].islower():
        text = text[0].upper() + text[1:]
    ending = re.search(r"[.!?][\"'”’)]*$", original)
    if ending and not re.search(r"[.!?][\"'”’)]*$", text):
        text += "."
    return text


def _capitalised_like(token: Token, word: str) -> str:
    """``word`` with a capital when it replaces the first word of the sentence."""
    part = region(sentence(token))
    first = part is not None and token.i == part.start
    return word[:1].upper() + word[1:] if first and word else word


def _article(token: Token, replacement: str) -> dict[int, str]:
    """"a"/"an" before a replacement word, agreeing with it."""
    if token.i == 0 or not replacement:
        return {}
    previous = token.doc[token.i - 1]
    if previous.lower_ not in ("a", "an"):
        return {}
    article = "an" if replacement[0].lower() in "aeiou" else "a"
    if previous.text[0].isupper():
        article = article.capitalize()
    return {previous.i: article}


def _phrase_swap(span: Span, replacement: str) -> tuple[set[int], dict[int, str]]:
    """Replace a span's words with ``replacement`` ("" removes them)."""
    if not replacement:
        return {t.i for t in span}, {}
    first = span[0]
    replace = {first.i: _capitalised_like(first, replacement), **_article(first, replacement)}
    return {t.i for t in span[1:]}, replace


# --- clause removal


def _unit(span: Span) -> Token | None:
    """The clause or adverbial phrase carrying all of ``span``; None when that is the main clause."""
    node = span.root
    while node.head.i != node.i:
        covers = node.left_edge.i <= span.start and span.end - 1 <= node.right_edge.i
        if covers and node.dep_ in CLAUSE_DEPS and node.pos_ in ("VERB", "AUX", "ADJ"):
            return node
        if covers and node.dep_ in ADVERBIAL_DEPS and node.head.pos_ in ("VERB", "AUX"):
            return node
        node = node.head
    return None


def _unit_tokens(unit: Token, without: Iterable[Token] = ()) -> set[int]:
    """The unit's subtree, less the subtrees of ``without``, with the joining word and the commas
    that would be left dangling."""
    doc = unit.doc
    kept = {t.i for child in without for t in child.subtree}
    tokens = {t.i for t in unit.subtree} - kept
    start, end = min(tokens), max(tokens)
    left_comma = False
    while start > sentence(unit).start and (doc[start - 1].dep_ == "cc" or doc[start - 1].text in (",", "—", "–")):
        start -= 1
        left_comma = left_comma or doc[start].text == ","
        tokens.add(start)
    part = region(sentence(unit))
    opens_sentence = part is not None and start <= part.start
    if end + 1 < sentence(unit).end and doc[end + 1].text in (",", "—", "–") and (left_comma or opens_sentence):
        tokens.add(end + 1)
    return tokens


def _top(token: Token) -> Token:
    while token.head.i != token.i:
        token = token.head
    return token


def _coordinates_kept(root: Token, *, reported: bool = False) -> tuple[set[int], dict[int, str]] | None:
    """Leave out the main clause but keep the clauses coordinated with it ("..., and I'm sorry"), or
    with ``reported`` the fact it reports ("I am mortified that you were charged twice" -> "You were
    charged twice").

    A kept clause without its own subject borrows the main clause's pronoun ("we")."""
    if reported:
        holders = [root] + [c for c in root.children if c.dep_ in ("acomp", "attr")]
        kept = [c for h in holders for c in h.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")
                and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
    else:
        kept = [c for c in root.children if c.dep_ in ("conj", "parataxis") and c.pos_ in ("VERB", "AUX")]
    part = region(sentence(root))
    if not kept or part is None:
        return None
    keep = {t.i for c in kept for t in c.subtree}
    drop = {t.i for t in part if t.i not in keep}
    replace = {}
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("we", "i")), None)
    first = kept[0]
    if subject is not None and not any(c.dep_ in ("nsubj", "nsubjpass") for c in first.children):
        opener = first.doc[min(keep)]
        replace[opener.i] = f"{subject.text} {opener.text}"
    return drop, replace


def _removal(sent: Span, spans: Iterable[Span], criterion: str, rule: str, keep: Span | None = None) -> Move | None:
    """Take out the clauses carrying ``spans``; the whole sentence when they are its main clause.

    Protected tokens, and the words of ``keep``, decide: a clause holding one stays, and a
    sentence holding one is trimmed, never dropped."""
    part = region(sent)
    if part is None:
        return None
    kept = {t.i for t in keep} if keep is not None else set()

    def removable(indices: Iterable[int]) -> bool:
        return not any(i in kept or _protected(sent.doc[i]) for i in indices)

    move = Move(criterion, rule, sent=sent)
    main = False
    top = None
    for span in spans:
        unit = _unit(span)
        if unit is None:
            main, top = True, _top(span.root)
            continue
        tokens = _unit_tokens(unit)
        if not removable(tokens):
            # Keep the clause that holds the fact: "and frankly mortified(, that the hedging
            # delivered on Tuesday was wrong)".
            facts = [c for c in unit.children if c.dep_ in ("ccomp", "advcl", "xcomp")
                     and not removable(t.i for t in c.subtree)]
            tokens = _unit_tokens(unit, without=facts)
        if removable(tokens):
            move.drop |= tokens
    if main:
        # Coordinated clauses are kept when they can be; the whole sentence goes when nothing in it
        # must stay; otherwise the fact the main clause reports is kept.
        coordinated = _coordinates_kept(top)
        if coordinated is None or not removable(coordinated[0]):
            if removable(t.i for t in part):
                move.sentence = ""
                return move
            coordinated = _coordinates_kept(top, reported=True)
        if coordinated is not None and removable(coordinated[0]):
            move.drop |= coordinated[0]
            move.replace.update(coordinated[1])
    if not move.drop:
        return None
    if all(t.i in move.drop for t in part if not t.is_punct and not t.is_space):
        move.drop = set()
        move.sentence = ""
    return move


def _apology_words(sent: Span, spans: list[Span], first: Span) -> Move | None:
    """The repeated apology in the sentence of the first: "Sorry, so sorry." -> "Sorry.",
    "Sorry for the confusion, and apologies to anyone who ..." -> "Sorry for the confusion." """
    doc = sent.doc
    move = Move("correction", "repeated-apology", sent=sent)
    for span in spans:
        root = span.root
        if root.dep_ == "conj" and not any(_protected(doc[i]) or first.start <= i < first.end
                                           for i in _unit_tokens(root)):
            move.drop |= _unit_tokens(root)
            continue
        start = min([span.start] + [c.i for c in root.children if c.dep_ == "advmod" and c.i < span.start])
        while start > sent.start and (doc[start - 1].dep_ == "cc" or doc[start - 1].text == ","):
            start -= 1
        move.drop |= set(range(start, span.end))
    return move if move.drop else None


# --- the culprit becomes "we"


def _singular(subject: Token) -> bool:
    """Whether a subject takes "has"/"is"; a relative pronoun follows the noun it stands for."""
    if subject.lower_ in ("which", "that", "who") and subject.head.dep_ == "relcl":
        subject = subject.head.head
    if subject.lower_ in ("he", "she", "it", "this", "that", "one"):
        return True
    quantified = any(c.lower_ in ("some", "many", "several", "all", "few", "most") for c in subject.children)
    return subject.morph.get("Number") == ["Sing"] and subject.pos_ != "PRON" and not quantified


def _plural_verbs(verb: Token) -> dict[int, str]:
    """Verb forms agreeing with "we" for a verb, its auxiliaries and the verbs coordinated with it."""
    plural = _words()["plural_verbs"]
    verbs = [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                      and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
    replace = {}
    for v in verbs:
        for token in [v] + [c for c in v.children if c.dep_ in ("aux", "auxpass")]:
            lowered = token.lower_
            if lowered == "'s":
                replace[token.i] = "'ve" if token.lemma_ == "have" else "'re"
            elif lowered in plural:
                replace[token.i] = plural[lowered]
            elif token.tag_ == "VBZ":
                replace[token.i] = token.lemma_
    return replace


def _by_mistake(verb: Token) -> dict[int, str]:
    """Add "by mistake" after the verb's object and particles when the verb is one that can be the
    mistake ("deleted", "sent") and nothing else in the clause says it was wrong."""
    coordinated = [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    if not is_fault_verb(verb) or any(marks_error(v) for v in [verb, *coordinated]):
        return {}
    last = verb
    for child in (c for c in verb.children if c.i > verb.i):
        if child.dep_ not in CORE_DEPS:
            break
        last = child.right_edge
    if _protected(last) or last.is_punct:
        return {}
    return {last.i: f"{last.text} {_words()['error_marker']['after_verb']}"}


def culprit_move(sent: Span, culprit: Token, criterion: str, rule: str) -> Move | None:
    """The named or singled-out culprit replaced by "we" (or "us", "our"), with the verb agreeing.

    "Tom deleted the file" -> "We deleted the file by mistake"; "deleted by Marco" -> "deleted by
    mistake"; "Tom's change" -> "our change"; "It was Sofia who approved it" -> "We approved it".
    "he" and "his" later in the sentence go the same way ("Arjun tried ..., but the snapshot he
    picked ..."), so one pass settles the sentence."""
    doc = sent.doc
    move = Move(criterion, rule, template="words.collective", sent=sent)
    part = region(sent)
    if part is None or not part.start <= culprit.i < part.end:
        return None
    # Follow a name to the phrase it names: "our developer, Arjun, ran" -> "our developer, Arjun,".
    if culprit.dep_ == "appos":
        if culprit.head.lower_ in FIRST_PERSON:
            move.drop |= _unit_tokens_of_appos(culprit)
            return move
        culprit = culprit.head
    while culprit.dep_ == "conj" and culprit.head.pos_ in ("NOUN", "PROPN", "PRON"):
        culprit = culprit.head
    if culprit.dep_ in ("npadvmod", "intj", "ROOT") and culprit.i == part.start:
        return None  # "Ikaika, FYI the booking ...": the reader addressed, not a culprit
    if any(c.lower_ == "your" for c in culprit.children) or culprit.lower_ == "your":
        return None  # "your team's dashboards": the reader's side, not ours to own
    if _quoted(culprit):
        return None  # a name quoted from the mistake itself ('"Kemi" appeared on the certificate')
    if any(c.start <= culprit.i < c.end for c in cues(doc, "MINIMISING", sent)):
        return None  # "a handful of accounts may have seen errors": the ones it happened to
    if culprit.lower_ in FIRST_PERSON and culprit.dep_ != "poss":
        return _first_person(move, culprit)
    if culprit.text in _acronyms():
        return None  # "FYI the booking went in for 9 PM": a parse, not a person
    move = _owned(move, culprit)
    if move is None:
        return None
    for token in part:
        if token.i in move.drop or token.i in move.replace or token.i == culprit.i:
            continue
        if token.lower_ in ("he", "she") and token.dep_ in ("nsubj", "nsubjpass"):
            _owned(move, token)
        elif token.lower_ in ("his", "her") and token.dep_ == "poss":
            _owned(move, token)
    return move


def _owned(move: Move, culprit: Token) -> Move | None:
    """``move`` with one culprit phrase swapped for the owning "we", "us" or "our"."""
    doc = culprit.doc
    subtree = doc[culprit.left_edge.i:culprit.right_edge.i + 1]
    if culprit.dep_ == "poss":
        end = culprit.i + 1
        if end < len(doc) and doc[end].dep_ == "case":
            end += 1
        return _swap(move, doc[culprit.left_edge.i:end], "our")
    if culprit.dep_ == "pobj" and culprit.head.dep_ == "agent":
        agent = culprit.head
        tokens = doc[agent.i:culprit.right_edge.i + 1]
        if marks_error(agent.head) or not is_fault_verb(agent.head):
            return _swap(move, tokens, "")
        return _swap(move, tokens, _words()["error_marker"]["after_verb"])
    cleft = _cleft(culprit)
    if cleft is not None:
        return _swap_many(move, cleft)
    if culprit.dep_ not in ("nsubj", "nsubjpass"):
        return _swap(move, subtree, "us")
    if _swap(move, subtree, "we") is None:
        return None
    for extra in (_plural_verbs(culprit.head), _by_mistake(culprit.head) if culprit.dep_ == "nsubj" else {}):
        move.add(extra)
    return move


def _quoted(token: Token) -> bool:
    line = token.doc.text[token.doc.text.rfind("\n", 0, token.idx) + 1:token.idx]
    return line.count('"') % 2 == 1 or line.count("“") > line.count("”")


def _unit_tokens_of_appos(name: Token) -> set[int]:
    """A name in apposition with its commas: "me, Karan, approving" -> "me approving"."""
    doc = name.doc
    start, end = name.left_edge.i, name.right_edge.i
    if start > 0 and doc[start - 1].text == ",":
        start -= 1
    if end + 1 < len(doc) and doc[end + 1].text == "," and doc[start].text == ",":
        end += 1
    return set(range(start, end + 1))


def _cleft(culprit: Token) -> list[tuple[Span, str]] | None:
    """ "It was Sofia who approved it" -> [("It was Sofia who", "we")] plus the relative verb's agreement."""
    be = culprit.head
    if culprit.dep_ != "attr" or be.lemma_ != "be":
        return None
    subject = next((c for c in be.children if c.dep_ == "nsubj" and c.lower_ in ("it", "that", "this")), None)
    clause = next((c for c in culprit.children if c.dep_ == "relcl"), None)
    if subject is None or clause is None or subject.i > culprit.i:
        return None
    relative = next((c for c in clause.children if c.dep_ == "nsubj" and c.lower_ in ("who", "that")), None)
    if relative is None:
        return None
    doc = culprit.doc
    swaps = [(doc[subject.i:relative.i + 1], "we")]
    swaps += [(doc[i:i + 1], v) for i, v in _plural_verbs(clause).items()]
    return swaps


def _first_person(move: Move, culprit: Token) -> Move | None:
    """Self-singling: the first-person-singular words of the culprit's clause (and the clauses
    coordinated with it) become plural; "I'm Tomás, and the deploy was mine" keeps "I'm"."""
    collective = _words()["collective"]
    clause = culprit.head if culprit.dep_ != "ROOT" else culprit
    within = {t.i for t in region(sentence(culprit))}
    for token in sorted(clause.subtree, key=lambda t: t.i):
        if token.i not in within:
            continue
        if token.lower_ in collective:
            move.replace[token.i] = _capitalised_like(token, collective[token.lower_])
            if token.lower_ == "i":
                move.add(_plural_verbs(token.head))
        elif token.lower_ in ("personally", "alone") and token.i > 0 and token.doc[token.i - 1].lower_ == "i":
            move.drop.add(token.i)
    return move if move.replace else None


def _swap(move: Move, span: Span, word: str) -> Move | None:
    return _swap_many(move, [(span, word)])


def _swap_many(move: Move, swaps: list[tuple[Span, str]]) -> Move | None:
    for span, word in swaps:
        if any(_protected(t) for t in span):
            return None
        drop, replace = _phrase_swap(span, word)
        move.drop |= drop
        move.replace.update(replace)
    return move


# --- per-finding moves


def _words_move(sent: Span, spans: Iterable[Span], table: str, criterion: str, rule: str) -> Move:
    """Swap each span found in the word table ``table``; the others are returned unswapped."""
    move = Move(criterion, rule, template=f"words.{table}", sent=sent)
    words = _words()[table]
    for span in spans:
        replacement = words.get(span.text.lower())
        if replacement is None or any(_protected(t) for t in span):
            continue
        if isinstance(replacement, dict):
            perfect = span.start > 0 and sent.doc[span.start - 1].lower_ in ("have", "has", "had", "'ve", "'s")
            replacement = replacement["perfect" if perfect else "finite"]
        drop, replace = _phrase_swap(span, replacement)
        move.drop |= drop
        move.replace.update(replace)
    return move


def _swapped(move: Move, span: Span) -> bool:
    return span[0].i in move.replace or span[0].i in move.drop


def _minimising(doc: Doc, sent: Span) -> Move | None:
    spans = cues(doc, "MINIMISING", sent)
    move = _words_move(sent, spans, "plain", "ownership", "minimising")
    rest = []
    for span in spans:
        if _swapped(move, span):
            continue
        modal = next((t for t in span if t.lower_ in MODALS and t.i + 1 < len(doc)
                      and doc[t.i + 1].lower_ in ("have", "'ve", "be")), None)
        if modal is not None:
            # "may have been charged" -> "have been charged": the hedge goes, the fact stays.
            auxiliary = doc[modal.i + 1]
            if auxiliary.i + 1 < len(doc) and _swapped(move, doc[auxiliary.i + 1:auxiliary.i + 2]):
                # "may have got mixed up" -> "were wrong": the swapped words bring their own verb.
                move.drop |= {modal.i, auxiliary.i}
                continue
            verb = modal.head
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            singular = subject is not None and _singular(subject)
            forms = {"have": "has" if singular else "have", "'ve": "has" if singular else "have",
                     "be": "is" if singular else "are"}
            move.drop.add(modal.i)
            move.replace[auxiliary.i] = _capitalised_like(modal, forms[auxiliary.lower_])
        elif len(span) == 1 and span[0].pos_ in ("ADV", "ADJ"):
            move.drop.add(span[0].i)
        else:
            rest.append(span)
    return move.merged(_removal(sent, rest, "ownership", "minimising") if rest else None)


def _calm(doc: Doc, sent: Span, rule: str, span: Span | None) -> Move | None:
    move = Move("calm", rule, sent=sent)
    if rule == "catastrophising":
        # "disaster recovery" names a practice, not a catastrophe.
        spans = [c for c in cues(doc, "CATASTROPHISING", sent) if c.root.dep_ != "compound"]
        move = _words_move(sent, spans, "neutral", "calm", rule)
        for span in spans:
            if not _swapped(move, span) and len(span) == 1 and span[0].pos_ in ("ADV", "ADJ"):
                move.drop.add(span[0].i)
    elif rule == "shouting" and span is not None:
        for token in span:
            following = doc[token.i + 1].text if token.i + 1 < len(doc) else ""
            label = token.text in _not_shouting() and (token.text in _acronyms() or following in (":", "-", "—"))
            if token.is_alpha and token.text.isupper() and not label:
                move.replace[token.i] = _capitalised_like(token, token.lower_)
    elif rule == "exclamations" and span is not None:
        marks = [t for t in span if not t.is_space]
        if not marks:
            return None
        move.replace[marks[0].i] = "?" if any("?" in t.text for t in marks) else "."
        move.drop |= {t.i for t in marks[1:]}
        following = doc[marks[-1].i + 1] if marks[-1].i + 1 < sent.end else None
        if following is not None and following.is_alpha and following.text.islower():
            move.replace[following.i] = following.text.capitalize()
    return move if move.drop or move.replace else None


def _self_abasement(doc: Doc, sent: Span) -> Move | None:
    """Trim the intensifiers off an apology ("so, so sorry" -> "sorry"); take out an emotional clause;
    or put the correction in place of a sentence that is only feelings."""
    move = Move("correction", "self-abasement", sent=sent)
    abasing = cues(doc, "SELF_ABASEMENT", sent)
    feelings = []
    for cue in abasing:
        apology = [t for t in cue if t.lower_ in APOLOGY_WORDS]
        nearby = doc[cue.end] if cue.end < sent.end else None
        intensifiers_only = all(t.pos_ in ("ADV", "PUNCT", "PART") or t.lower_ in APOLOGY_WORDS for t in cue)
        if apology or (intensifiers_only and nearby is not None and nearby.lower_ in APOLOGY_WORDS):
            keep = apology[0].i if apology else None
            move.drop |= {t.i for t in cue if t.i != keep and (t.lower_ in APOLOGY_WORDS or t.pos_ in
                                                                ("ADV", "ADJ", "PART", "PUNCT", "AUX", "NUM")
                                                                or t.lower_ in ("a", "an"))}
        else:
            feelings.append(cue)
    if not feelings:
        return move.merged(None)
    removal = _removal(sent, feelings, "correction", "self-abasement")
    if removal is not None and removal.sentence == "":
        line = _correction_line(doc, sent)
        if line is not None:
            removal.sentence, removal.template = line.text, line.id
    return move.merged(removal)


def _correction_line(doc: Doc, sent: Span) -> Template | None:
    """The correction sentence that replaces the first self-abasing sentence, when nothing else in
    the draft says what was fixed (with an apology, ``apology-without-fix`` adds it instead)."""
    if has_fix(doc) or apologies(doc):
        return None
    first = cues(doc, "SELF_ABASEMENT")
    if not first or first[0].sent.start != sent.start:
        return None
    return _line(doc, "correction/self-abasement")


def _line(doc: Doc, key: str) -> Template | None:
    """The line template for ``key`` in the draft's register, its slots filled from the draft."""
    template = choose(key, register_of(doc), seed=doc.text)
    return Template(template.id, fill(template.text, draft_slots(doc))) if template is not None else None


def _culprits(doc: Doc) -> list:
    """The draft's culprits, found once per document however many findings ask."""
    if "drafter.culprits" not in doc.user_data:
        doc.user_data["drafter.culprits"] = culprits(doc)
    return doc.user_data["drafter.culprits"]


def _blame(doc: Doc, sent: Span, criterion: str, rule: str, span: Span) -> Move | None:
    """A culprit becomes "we"; a blaming phrase with no culprit is reworded, or its clause goes."""
    overlapping = [c for c in _culprits(doc) if c.span.start < span.end and span.start < c.span.end]
    if any(c.kind == "reader" for c in overlapping):
        return _reader_blame(doc, sent, criterion, rule, span)
    found = [c.person for c in overlapping]
    for person in found:
        move = culprit_move(sent, person, criterion, rule)
        if move is not None:
            return move
    phrases = [s for s in cues(doc, "BLAME_PHRASE", sent) + cues(doc, "READER_BLAME", sent)
               if s.start < span.end and span.start < s.end]
    if phrases:
        return _reword_or_remove(sent, phrases, "owned", criterion, rule)
    return culprit_move(sent, span.root, criterion, rule) if not found else None


def _reader_blame(doc: Doc, sent: Span, criterion: str, rule: str, span: Span) -> Move | None:
    """What the reader did wrong is reworded ("your mistake" -> "a mistake") or its clause goes."""
    phrases = cues(doc, "READER_BLAME", sent)
    if not phrases and reader_blame(sent) is not None:
        phrases = [reader_blame(sent).span]
    return _reword_or_remove(sent, phrases or [span], "owned", criterion, rule)


def _reword_or_remove(sent: Span, spans: list[Span], table: str, criterion: str, rule: str) -> Move | None:
    """Spans found in the word table are reworded; the clauses of the others go."""
    move = _words_move(sent, spans, table, criterion, rule)
    rest = [s for s in spans if not _swapped(move, s)]
    return move.merged(_removal(sent, rest, criterion, rule) if rest else None)


def move_for(doc: Doc, criterion: str, rule: str, span: Span | None) -> Move | None:
    """The change that answers one finding, or None when drafter cannot make it safely."""
    key = f"{criterion}/{rule}"
    if key in LINES:
        line = _line(doc, key)
        return Move(criterion, rule, template=line.id, line=line.text) if line is not None else None
    if span is None or len(span) == 0:
        return None
    sent = sentence(span)
    if key == "names/blamed-person":
        return culprit_move(sent, span.root, criterion, rule)
    if key == "names/self-singling":
        first_person = next((t for t in span if t.lower_ in FIRST_PERSON), span[0])
        return culprit_move(sent, first_person, criterion, rule)
    if key in ("facts/blame", "ownership/deflecting"):
        return _blame(doc, sent, criterion, rule, span)
    if key == "facts/reader-blame":
        return _reader_blame(doc, sent, criterion, rule, span)
    if key == "facts/excuse":
        return _removal(sent, cues(doc, "EXCUSE", sent) or [span], criterion, rule)
    if key == "facts/speculation":
        removal = _removal(sent, [span], criterion, rule)
        blamed = third_party_blame(sent)
        if removal is None and blamed is not None:
            return culprit_move(sent, blamed.person, criterion, rule)
        return removal
    if key == "correction/repeated-apology":
        first, *others = apologies(doc)
        later = [s for s in others if sentence(s).start == sent.start] or [span]
        removal = _removal(sent, later, criterion, rule, keep=first)
        if removal is None and sentence(first).start == sent.start:
            return _apology_words(sent, later, first)
        return removal
    if key == "correction/self-abasement":
        return _self_abasement(doc, sent)
    if key == "correction/apology-without-fix":
        line = _line(doc, key)
        return Move(criterion, rule, template=line.id, sent=sent, after=line.text) if line is not None else None
    if key == "ownership/minimising":
        return _minimising(doc, sent)
    if key == "prevention/vague-pledge":
        line = _line(doc, key)
        removal = _removal(sent, [span], criterion, rule)
        if line is None or removal is None:
            return None
        removal.template = line.id
        if removal.sentence == "":
            removal.sentence = line.text
        else:
            removal.after = line.text
        return removal
    if criterion == "calm":
        return _calm(doc, sent, rule, span)
    return None


# ---------------------------------------------------------------------------------------------
# Planning and applying edits


@dataclass(frozen=True)
class Change:
    """An edit in the coordinates of the text it was planned on."""

    start: int
    end: int
    after: str
    criterion: str
    rule: str
    template: str | None


def plan(doc: Doc, report: Report, *, add_lines: bool = True,
         frozen: Sequence[tuple[int, int]] = ()) -> list[Change]:
    """One change per sentence with findings, and the missing lines before the sign-off.

    Sentences inside ``frozen`` ranges (lines an earlier pass added) are left as they are."""
    by_sentence: dict[int, list[Move]] = {}
    lines: list[Move] = []
    for finding in report.findings:
        criterion, rule = finding.rule.split("/", 1)
        span = doc.char_span(finding.start, finding.end, alignment_mode="expand") if finding.end > finding.start else None
        move = move_for(doc, criterion, rule, span)
        if move is None:
            continue
        if move.line is not None:
            if add_lines and move.key not in {m.key for m in lines}:
                lines.append(move)
        elif move.sent is not None and not any(a <= move.sent.start_char < b for a, b in frozen):
            by_sentence.setdefault(move.sent.start, []).append(move)
    changes = []
    dropped: set[int] = set()
    for moves in by_sentence.values():
        sent = moves[0].sent
        part = region(sent)
        after = render(sent, moves)
        if part is None or after == part.text or not keeps_protected(part.text, after):
            continue
        lead = min(moves, key=_rank)
        template = next((m.template for m in sorted(moves, key=_rank) if m.template), None)
        start, end = (part.start_char, part.end_char) if after else _drop_range(doc._.draft.text, part)
        if not after:
            dropped.add(sent.start)
        changes.append(Change(start, end, after, lead.criterion, lead.key, template))
    if lines:
        changes += _line_changes(doc, sorted(lines, key=lambda m: LINES.index(m.key)), dropped)
    return changes


def _drop_range(text: str, part: Span) -> tuple[int, int]:
    """A sentence to leave out, with the whitespace that would otherwise double up."""
    start, end = part.start_char, part.end_char
    after = len(text[end:]) - len(text[end:].lstrip(" \t"))
    before = len(text[:start]) - len(text[:start].rstrip(" \t"))
    if end + after < len(text) and text[end + after] != "\n":
        return start, end + after  # more text follows on the same line
    if start - before > 0 and text[start - before - 1] != "\n":
        return start - before, end  # more text precedes on the same line
    newlines = len(text[end:]) - len(text[end:].lstrip(" \t\n"))
    if end + newlines < len(text):
        return start, end + newlines  # a line of its own: the line goes with it
    return start, end


def _line_changes(doc: Doc, lines: list[Move], dropped: set[int]) -> list[Change]:
    """Insert the lines after the last sentence of the body that stays.

    A last line without sentence punctuation under a paragraph of sentences is taken for a sign-off
    that segmentation did not recognise ("Deputy Head (Academic)"), and the lines go above it."""
    kept = [region(s) for s in doc._.body_sents if s.start not in dropped and region(s) is not None]
    if not kept:
        return []
    last = kept[-1]
    ended = [r for r in kept if re.search(r"[.!?][\"'”’)]*$", r.text)]
    if ended and ended[-1] is not last and "\n" in doc.text[ended[-1].end_char:last.start_char]:
        last = ended[-1]
    anchor = last.end_char
    body_start = kept[0].start_char
    separator = "\n\n" if "\n\n" in doc.text[body_start:anchor] else " "
    if not re.search(r"[.!?:][\"'”’)]*$", last.text):
        separator = "." + separator
    text = separator + " ".join(m.line for m in lines)
    lead = lines[0]
    return [Change(anchor, anchor, text, lead.criterion, lead.key,
                    ", ".join(m.template for m in lines if m.template))]


def apply(text: str, changes: Sequence[Change]) -> str:
    """Apply changes right to left; at one offset, a removal goes before an insertion.

    Two removals planned on neighbouring clauses can share the space between them; the left one is
    clipped where the right one starts, so no character beyond either is lost."""
    limit = len(text)
    for change in sorted(changes, key=lambda c: (c.start, c.end), reverse=True):
        end = min(change.end, limit)
        text = text[:change.start] + change.after + text[end:]
        limit = change.start
    return text


def compose(original: str, edits: list[Edit], middle: str, changes: Sequence[Change]) -> list[Edit]:
    """Edits on the original text, given edits that made ``middle`` and changes planned on ``middle``.

    A change that touches text an earlier edit wrote merges with it into one edit."""
    located = []  # (start in middle, end in middle, edit)
    shift = 0
    for edit in sorted(edits, key=lambda e: e.start):
        start = edit.start + shift
        located.append((start, start + len(edit.after), edit))
        shift += len(edit.after) - (edit.end - edit.start)

    def to_original(position: int) -> int:
        offset = 0
        for start, end, edit in located:
            if end <= position:
                offset = (edit.end - edit.start) - (end - start) + offset
        return position + offset

    result = list(edits)
    for change in changes:
        overlapping = [(s, e, edit) for s, e, edit in located
                       if s < change.end and change.start < e or s == e == change.start]
        if not overlapping:
            start, end = to_original(change.start), to_original(change.end)
            result.append(Edit(start, end, original[start:end], change.after, change.criterion, change.rule,
                               change.template))
            continue
        first = min(overlapping, key=lambda x: x[0])
        mid_start = min(change.start, first[0])
        mid_end = max(change.end, max(e for _, e, _ in overlapping))
        start = min(first[2].start, to_original(mid_start))
        end = max(max(edit.end for _, _, edit in overlapping), to_original(mid_end))
        after = middle[mid_start:change.start] + change.after + middle[change.end:mid_end]
        for item in overlapping:
            result.remove(item[2])
        lead = first[2]
        result.append(Edit(start, end, original[start:end], after, lead.criterion, lead.rule, lead.template))
    return sorted((e for e in result if e.before != e.after), key=lambda e: e.start)


@functools.lru_cache(maxsize=1)
def default_checker():
    """The rules-only checker the rewrite lints with, loaded once per process."""
    return Checker(model=False)


def _failing(report: Report) -> set[str]:
    """Rubric criteria the report fails; the rewrite's own placeholders are meant to be there."""
    return {cid for cid, result in report.criteria.items() if result.verdict == "fail" and cid in CRITERION_IDS}


def _regressed(before: Report, after: Report) -> set[str]:
    """Criteria the draft passed before the rewrite and fails after it."""
    return _failing(after) - _failing(before)


def _undo_regressions(result: Rewrite, before: Report, after: Report, checker) -> None:
    """Take back edits until no criterion that passed before the rewrite fails after it.

    Taking out a sentence can remove the one that carried a next step, or make the account of how
    it happened a larger share of a shorter draft; the writer is better served by the edit undone.
    First one edit at a time; when a regression needs several edits undone, they are taken back in
    the same order until it clears, and then each one that can return without it comes back."""
    regressed = _regressed(before, after)
    # Added lines go first: they are the least the draft needs from the rewrite.
    order = sorted(result.edits, key=lambda e: e.start != e.end)

    def regressions(edits: list[Edit]) -> set[str]:
        return _regressed(before, checker.check(apply(result.original, edits), source=result.source))

    for edit in order:
        if not regressed:
            break
        trial = [e for e in result.edits if e is not edit]
        left = regressions(trial)
        if left < regressed:
            result.edits, regressed = trial, left
    if not regressed:
        result.text = apply(result.original, result.edits)
        return
    taken_back: list[Edit] = []
    for edit in [e for e in order if e in result.edits]:
        result.edits = [e for e in result.edits if e is not edit]
        taken_back.append(edit)
        if not regressions(result.edits):
            break
    for edit in taken_back:
        trial = sorted(result.edits + [edit], key=lambda e: (e.start, e.end))
        if not regressions(trial):
            result.edits = trial
    result.text = apply(result.original, result.edits)


def rewrite_drafts(drafts: Sequence[Draft], *, checker=None, batch_size: int = 32) -> list[Rewrite]:
    """Rewrite several drafts, linting each pass in batches."""
    checker = checker or default_checker()
    results = [Rewrite(original=d.text, text=d.text, source=d.source) for d in drafts]
    before: list[Report | None] = [None] * len(drafts)
    latest: list[Report | None] = [None] * len(drafts)
    added: list[list[str]] = [[] for _ in drafts]
    current = {i: draft for i, draft in enumerate(drafts)}
    # Each pass lints the drafts the previous one changed; the last lint only checks the result.
    for number in range(PASSES + 1):
        indices = list(current)
        docs = checker.nlp.pipe((current[i].scored_text for i in indices), batch_size=batch_size)
        changed = {}
        for index, doc in zip(indices, docs):
            draft = current[index]
            doc = annotate(doc, draft, checker.nlp)
            latest[index] = checker.report(doc)
            before[index] = before[index] or latest[index]
            if number == PASSES:
                continue
            result = results[index]
            changes = plan(doc, latest[index], add_lines=number == 0,
                           frozen=[_found(result.text, line) for line in added[index]])
            text = apply(result.text, changes)
            if text == result.text:
                continue
            added[index] += [c.after.strip() for c in changes if c.start == c.end]
            result.edits = compose(result.original, result.edits, result.text, changes)
            result.text = text
            changed[index] = segment(text, source=draft.source, line_offset=draft.line_offset)
        current = changed
        if not current:
            break
    for result, first, last in zip(results, before, latest):
        _undo_regressions(result, first, last, checker)
    return results


def _found(text: str, part: str) -> tuple[int, int]:
    start = text.find(part)
    return (start, start + len(part)) if start >= 0 else (0, 0)


def rewrite(text: str, *, checker=None) -> Rewrite:
    """The draft rewritten from the template phrases, with the list of edits."""
    return rewrite_drafts([segment(text)], checker=checker)[0]
