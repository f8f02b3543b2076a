"""timeline: the fix reported complete, or a concrete time for the next update."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from drafter.criteria.base import Criterion
from drafter.cues import word_lists
from drafter.report import Finding
from drafter.signals import body_tokens, cues, in_body, memo, sentence
from drafter.suggest import suggestion_for
from drafter.syntax import auxiliaries, clause_tokens

NOT_YET = {"not", "n't", "never", "until", "once", "when", "will", "'ll", "expect", "hope", "hopefully",
           "should", "would", "might", "may", "still", "yet", "if", "working", "trying", "aim"}
CLOCK = re.compile(r"\b(\d{1,2}(:\d{2})?\s?(am|pm|a\.m\.|p\.m\.)|\d{1,2}[:.]\d{2}\s?(utc|gmt|cet|est|pst|bst|cest)?"
                   r"|\d{3,4}\s?(utc|gmt|cet|est|pst|bst)|(half|quarter) (past|to)( \w+)?|noon|midday|midnight)\b", re.I)
NUMBER_WORDS = r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|24|48|72|a few|a couple of)"
DURATION = re.compile(rf"\b(within|in|inside|up to|over) (the next |about |around |roughly )?{NUMBER_WORDS}[ -]"
                      r"(minutes?|mins?|hours?|hrs?|days?|business days?|working days?|weeks?|months?)\b", re.I)
DAY_OF_MONTH = re.compile(r"\d{1,2}(st|nd|rd|th)", re.I)
# A bare hour after a preposition of time: "by 7", "at 10", "before 9".
BARE_HOUR = re.compile(r"\b(by|at|before|until|till|from) (\d{1,2})\b(?![:.,]?\d)", re.I)


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def verb_forms(token: Token) -> set[str]:
    """The lemma and the plain stems of a verb; the lemmatiser misses rarer ones ("couriered" -> "couriere")."""
    lower = token.lower_
    forms = {_lemma(token), lower}
    for suffix in ("ed", "d", "ing", "s", "es"):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            stem = lower[: -len(suffix)]
            forms.add(stem)
            if suffix in ("ed", "ing") and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
                forms.add(stem[:-1])  # "resubmitted" -> "resubmit"
    return forms


def _delivery_verb(token: Token) -> bool:
    return bool(verb_forms(token) & word_lists("timeline")["delivery_verbs"])


def _repair_verb(token: Token) -> bool:
    """A verb of repair, counting the "re-" family ("re-exported", "resubmitted") by its base."""
    words = word_lists("timeline")
    lemma = _lemma(token)
    if lemma in words["repair_verbs"] or token.lower_ in words["repair_verbs"]:
        return True
    if any(f"{lemma} {c.lower_}" in words["repair_verbs"] for c in token.children if c.dep_ in ("prt", "advmod")):
        return True  # "took the page down", "rolled it back"
    if _re_split(token) and verb_forms(token) & (words["re_bases"] | words["repair_verbs"]):
        return True  # "re-exported" split as "re - exported"
    for prefix in ("re-", "re"):
        if lemma.startswith(prefix) and lemma[len(prefix):] in words["re_bases"]:
            return True
    return False


def _re_split(token: Token) -> bool:
    """A "re-" verb the tokeniser split ("re - faxed"); the tagger often calls the last piece an adjective."""
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ == "re"


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("yet", "never", "not", "n't") for c in verb.children)


def _hedged(verb: Token) -> bool:
    """A verb under a modal, a condition or an infinitive: a plan or a wish, not a fact."""
    if auxiliaries(verb) & {"will", "'ll", "would", "'d", "should", "could", "can", "may", "might", "must", "shall", "to"}:
        return True
    if verb.dep_ in ("xcomp", "advcl", "csubj") and verb.dep_ != "conj":
        marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
        if verb.dep_ == "xcomp" or marks & {"if", "once", "when", "until", "unless", "before", "as", "because",
                                              "while", "since", "so"}:
            return True
    head = verb.head if verb.dep_ == "conj" else None
    return head is not None and head.i != verb.i and _hedged(head) and not auxiliaries(verb)


def _causative(verb: Token) -> bool:
    """The repair handed on and still to come: "we're getting the page corrected", "we'll have it reprinted"."""
    head = verb.head
    return verb.dep_ in ("ccomp", "xcomp", "oprd") and _lemma(head) in ("get", "have") \
        and (head.tag_ == "VBG" or _hedged(head))


def _error_clause(verb: Token) -> bool:
    """The clause says the action itself was the mistake: "sent to the wrong address", "charged twice"."""
    subject = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    marks = word_lists("timeline")["error_marks"]
    return any(t.lower_ in marks for t in clause_tokens(verb) if t.i not in subject)


def _corrected_argument(verb: Token) -> bool:
    """The verb moves the corrected thing: "corrected grades went out", "the right pot left the warehouse"."""
    corrected = word_lists("timeline")["corrected_words"]
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and any(t.lower_ in corrected for t in child.subtree):
            return True
    return False


def _settled(verb: Token) -> bool:
    """"added back", "working again", "paid in full", "returned to your account"."""
    lowers = {c.lower_ for c in verb.children}
    if lowers & {"back", "again"}:
        return True
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        objects = {t.lower_ for t in prep.subtree}
        if prep.lower_ == "in" and "full" in objects:
            return True
        if prep.lower_ in ("to", "into", "onto") and objects & {"account", "card", "bank", "balance", "wallet"}:
            return True
    return False


def _done_verb(verb: Token) -> bool:
    """A clause reporting the fix as made: past, perfect or passive repair, or the corrected thing moved."""
    split_participle = _re_split(verb) and verb.lower_.endswith("ed") and verb.dep_ == "acomp"
    if not split_participle and (verb.pos_ not in ("VERB", "AUX") or verb.tag_ not in ("VBD", "VBN", "VBZ", "VBP")):
        return False
    repair = _repair_verb(verb) or (verb.tag_ == "VBN" and _lemma(verb) in word_lists("timeline")["passive_repair_verbs"]
                                     and bool(auxiliaries(verb) & {"was", "were", "been"}))
    delivery = _delivery_verb(verb)
    if not repair and not delivery:
        return False
    if _negated(verb) or _hedged(verb) or "being" in auxiliaries(verb) or _causative(verb):
        return False
    if _error_clause(verb):
        return False  # "we sent the wrong file", "the prices were updated incorrectly"
    aux = auxiliaries(verb)
    sent = sentence(verb)
    if verb.tag_ in ("VBZ", "VBP"):
        return False  # "swaps", "sends": a habit or a plan
    if verb.tag_ == "VBN" and aux & {"is", "are", "'s", "'re", "am"} and not aux & {"been", "has", "have"}:
        # Present passive: "the typo is fixed" reports a fix, "every quote is checked" a habit.
        if _habitual(sent) or any(c.dep_ == "agent" for c in verb.children):
            return False
    if verb.tag_ == "VBN" and not aux and verb.dep_ in ("amod", "acl") and not verb.is_sent_start and not (
            any(c.lower_ == "now" for c in verb.children)
            or any(c.dep_ == "prep" and CLOCK.search(" ".join(t.text for t in c.subtree)) for c in verb.children)):
        return False  # "the corrected file", "the invoice sent on Monday"; but "route sheet fixed as of 06:50"
    if repair:
        return True
    moved_to = [o for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "for")
                for o in c.children if o.dep_ == "pobj"]
    if _lemma(verb) in ("move", "change", "put", "switch", "book", "set") and any(
            CLOCK.search(o.text) or o.ent_type_ in ("DATE", "TIME") for o in moved_to):
        return True  # "I've moved it to 9 AM": rescheduled, but not "moved to the Tuesday loop"
    if _lemma(verb) in ("move", "switch", "change") and moved_to and aux & {"has", "have", "'s", "'ve"} \
            and not any(c.dep_ == "dobj" or c.lower_ in ("we", "i") for c in verb.children):
        return True  # "the walkthrough has moved to room 4": the event itself relocated
    return _corrected_argument(verb) or _settled(verb)


def _restored_state(sent: Span) -> list[Span]:
    """The thing that broke is working again: "exports work again", "it's on now", "calls have been stable
    since", "all services are operating normally", "the page now has the right price"."""
    found = []
    corrected = word_lists("timeline")["corrected_words"]
    for token in body_tokens(sent):
        if token.pos_ not in ("VERB", "AUX") or _negated(token) or _hedged(token):
            continue
        if ("being" in auxiliaries(token) and not any(t.lower_ == "again" for t in token.children)) \
                or any(t.lower_ == "still" for t in token.children):
            continue  # "is being translated" is work under way; "is being delivered again" is service restored
        children = list(token.children)
        lowers = {c.lower_ for c in children}
        present_or_perfect = token.tag_ in ("VBZ", "VBP", "VBG", "VBN") or bool(auxiliaries(token) & {"has", "have", "'s", "'ve"})
        ran = token.tag_ == "VBD" and "successfully" in lowers  # "the backup ran successfully at 11:20"
        if not ran and (not present_or_perfect or token.tag_ == "VBD"):
            continue
        if token.tag_ == "VBG" and not auxiliaries(token) & {"is", "are", "'s", "'re", "am"}:
            continue
        states = {c.lower_ for c in children if c.dep_ in ("acomp", "advmod", "prt", "attr", "oprd")}
        working = _lemma(token) in word_lists("timeline")["working_verbs"]
        if _lemma(token) in word_lists("timeline")["instant_verbs"] and token.tag_ == "VBG" and auxiliaries(token) & PENDING_AUX \
                and any(c.dep_ == "nsubj" and c.lower_ in ("we", "i") for c in children):
            found.append(sent.doc[token.i:token.i + 1])  # "we're refunding the fee"
        elif working and (lowers & {"again", "successfully"} or ("normally" in lowers and token.tag_ == "VBG")):
            found.append(sent.doc[token.i:token.i + 1])
        elif _lemma(token) == "be" and states & word_lists("timeline")["state_words"] and (lowers & {"now", "again", "back"} or "back" in states):
            found.append(sent.doc[token.i:token.i + 1])
        elif lowers & {"now"} and _lemma(token) in ("have", "show", "point", "say", "list", "read", "display", "link", "go") \
                and any(t.lower_ in corrected for c in children if c.dep_ in ("dobj", "attr", "prep") for t in c.subtree):
            found.append(sent.doc[token.i:token.i + 1])
        elif lowers & {"now"} and _lemma(token) in ("have", "hold") and token.tag_ in ("VBZ", "VBP") \
                and any(c.dep_ == "nsubj" and {t.lower_ for t in c.subtree} & word_lists("timeline")["recipients"]
                        for c in children):
            found.append(sent.doc[token.i:token.i + 1])  # "every attendee now has a badge": the fix reached them
        elif _lemma(token) == "be" and any(c.dep_ == "nsubj" and any(t.lower_ in corrected | {"current"}
                                                                    for t in c.children if t.dep_ == "amod")
                                           for c in children) and token.tag_ in ("VBZ", "VBP") \
                and not any(t.lower_ in ("will", "'ll", "shall") for t in sent):
            # "the correct one is ...", "the new confirmations are in your inbox"
            found.append(sent.doc[token.i:token.i + 1])
    return found


def _corrected_statement(sent: Span) -> list[Span]:
    """A figure, date or place set right in passing: "the plan includes 5 seats, not 10", "it's at 3pm, not 4pm";
    in a present statement also "it's 14 Mill Rd not 41", "the session is in Room B, NOT Room A", "closed
    Friday only, not all week"."""
    found = []
    tokens = list(body_tokens(sent))
    for i, token in enumerate(tokens[1:-1], start=1):
        if token.lower_ != "not":
            continue
        before, after = tokens[i - 1], tokens[i + 1]
        figure = after.like_num or after.is_currency or bool(CLOCK.match(after.text))
        if before.text == "," and figure:
            found.append(sent.doc[token.i:token.i + 1])
        elif _names_value(token) and (before.text in (",", "-", "–", "—") or before.like_num or before.tag_ == "NNP") \
                and _present_statement(_verb_above(token), token):
            found.append(sent.doc[token.i:token.i + 1])
    return found


def _names_value(contrast: Token) -> bool:
    """What follows "not" is a figure, date, time or name: "not 1240", "NOT the Oak suite", "not all week"."""
    doc = contrast.doc
    following = next((t for t in doc[contrast.i + 1:contrast.i + 3] if t.tag_ != "DT"), None)
    words = [following] if following is not None else []
    if contrast.head.pos_ not in ("VERB", "AUX"):
        words += [contrast.head, *(c for c in contrast.head.children if c.dep_ == "compound")]
    return any(t.like_num or t.is_currency or CLOCK.match(t.text) or t.tag_ == "NNP" or t.ent_type_ in ("DATE", "TIME")
               or t.lower_ in TIME_NAMES for t in words)


def _present_statement(verb: Token, contrast: Token) -> bool:
    """"it's ...", "the garage is closed ...": the right value stated now, not "we sent 5" or "it may be 3".
    The contrasting "not" itself may hang on the verb ("is in Room B, NOT Room A")."""
    return (verb.tag_ in ("VBZ", "VBP") or bool(auxiliaries(verb) & {"is", "are", "'s", "'re", "am"})) \
        and not _hedged(verb) and not any(c.i != contrast.i and (c.dep_ == "neg" or c.lower_ in ("yet", "never", "n't"))
                                          for c in verb.children)


def completed(doc: Doc) -> list[Span]:
    """Cues reporting the fix as done, unless negated or hedged earlier in the sentence."""
    return memo(doc, "timeline_completed", lambda: _completed(doc))


def _completed(doc: Doc) -> list[Span]:
    done = []
    for sent in doc._.body_sents:
        done += [sent.doc[t.i:t.i + 1] for t in body_tokens(sent) if _done_verb(t)]
        done += _restored_state(sent)
        done += _corrected_statement(sent)
    for span in cues(doc, "COMPLETED"):
        before = doc[sentence(span).start:span.start]
        if any(t.lower_ in NOT_YET or t.dep_ == "neg" for t in before) or any(t.dep_ == "neg" for t in span):
            continue
        after = doc[span.end] if span.end < len(doc) else None
        if span[-1].lower_ == "now" and after is not None and (after.lower_ in ("being", "part") or after.tag_ == "VBG"
                                                               or (after.tag_ == "VBN" and not _repair_verb(after))):
            continue  # "is now being translated", "are now checked by a second person", "is now part of"
        done.append(span)
    return done


TIME_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tomorrow",
              "tonight", "weekend", "week", "afternoon", "evening", "noon", "midday", "midnight", "january",
              "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "eod", "end", "hour", "hours", "minutes", "days", "mon", "tue", "wed",
              "thu", "fri", "sat", "sun", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
              "oct", "nov", "dec", "month", "day", "morning", "weeks", "months", "fortnight", "lunchtime", "am", "pm"}
PAST_TIME = {"yesterday", "ago", "last", "earlier", "previous", "since", "overnight"}
CONDITIONAL = {"when", "once", "soon", "until", "if", "after", "unless"}
# Times that can only lie ahead: "tomorrow", "next week", "tonight".
AHEAD = {"tomorrow", "tonight", "next", "upcoming", "coming"}


PLANNING = ("expect", "due", "aim", "plan", "schedule", "scheduled", "booked", "set", "intend", "hope")


def _future_anchor(token: Token) -> bool:
    """A verb that looks ahead ("we'll send", "expect", "is due", "is bringing", "ships on") or "update"."""
    if token.lemma_.lower() in PLANNING:
        return True
    if token.dep_ == "ccomp" and _lemma(token.head) == "let" \
            and any(c.lower_ in ("'s", "us") for c in (*token.children, *token.head.children)):
        return True  # "let's talk Wednesday": a proposal
    if token.pos_ not in ("VERB", "AUX"):
        return False
    aux = auxiliaries(token)
    going_to = token.dep_ == "xcomp" and token.head.lower_ == "going"
    if (aux & {"will", "'ll", "shall", "should", "wo"} or going_to) and token.tag_ in ("VB", "VBN"):
        return True
    # Present progressive with a time is a plan: "a driver is bringing them by 7", "is being fitted Thursday".
    present = aux & {"is", "are", "'s", "'re", "am"}
    if present and (token.tag_ == "VBG" or (token.tag_ == "VBN" and "being" in aux)):
        return True
    # Present simple with a time: "the bench ships on Wednesday", "the studio is free on the 14th".
    return token.tag_ in ("VBZ", "VBP") and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children)


def _verb_above(token: Token) -> Token:
    while token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        token = token.head
    return token


def _past_anchor(token: Token) -> bool:
    aux = auxiliaries(token)
    if token.tag_ == "VBN" and not aux and token.dep_ == "ROOT":
        return True  # chat style: "Updated the invite at 08:45."
    return token.tag_ == "VBD" or (token.tag_ == "VBN" and bool(aux & {"has", "have", "had", "was", "were", "'ve"}))


UNITS = {"minutes", "minute", "hours", "hour", "days", "day", "weeks", "week", "months", "month", "the", "a"}
# Words that leave a date open-ended: "over the coming weeks", "in a few days", "at some point".
OPEN_ENDED = {"coming", "few", "several", "some", "near", "couple", "future", "later", "soon"}


def _time_words(sent: Span) -> list[Span]:
    doc = sent.doc
    spans = [e for e in sent.ents if e.label_ in ("DATE", "TIME")]
    # "on the 3rd", "by the 14th": a day of the month that the tagger calls an ordinal
    spans += [e for e in sent.ents if e.label_ == "ORDINAL" and DAY_OF_MONTH.fullmatch(e.text)
              and _preposition(e) in ("on", "by", "before", "until", "till", "from")]
    for pattern in (CLOCK, DURATION):
        for match in pattern.finditer(sent.text):
            span = doc.char_span(sent.start_char + match.start(), sent.start_char + match.end(), alignment_mode="expand")
            if span is not None:
                spans.append(span)
    hours = []
    for match in BARE_HOUR.finditer(sent.text):
        span = doc.char_span(sent.start_char + match.start(2), sent.start_char + match.end(2), alignment_mode="expand")
        following = doc[span.end] if span is not None and span.end < len(doc) else None
        if span is not None and int(match.group(2)) <= 24 and not (following is not None and following.pos_ in ("NOUN", "PROPN", "SYM")
                                                                    or following is not None and following.text in ("%", "£", "$")):
            hours.append(span)
    spans += hours
    # "on your next invoice", "in the next newsletter": a dated occasion the reader knows
    occasions = [doc[t.i - 1:t.i + 1] for t in sent if t.i > sent.start and doc[t.i - 1].lower_ == "next"
                 and t.lemma_.lower() in word_lists("timeline")["next_occasions"]]
    spans += occasions
    for token in sent:
        if token.lower_ in ("tomorrow", "tonight") and not any(s.start <= token.i < s.end for s in spans):
            spans.append(doc[token.i:token.i + 1])
    keep = []
    for s in spans:
        words = {t.lower_ for t in s}
        if words & PAST_TIME or words & OPEN_ENDED or not in_body(doc, s.start_char, s.end_char):
            continue
        if _preposition(s) in ("every", "through", "about", "of", "each") or "every" in words:
            continue  # "every five minutes" is a routine; "walk through Tuesday" a topic
        if _preposition(s) == "for" and not words & AHEAD and (words <= UNITS | {"today", "this"} or "this" in words):
            continue  # "a credit for today", "no charge for this month": the period covered, not a time ahead
        if words <= UNITS:
            continue  # "within minutes", "for hours": no number, no commitment
        if CLOCK.search(s.text) or DURATION.search(s.text) or s in hours or s in occasions or _names_a_time(s):
            keep.append(s)
    return keep


def _names_a_time(span: Span) -> bool:
    """A date entity that names a day or time, or follows "by", "before", "within" ("by Thursday")."""
    words = {t.lower_ for t in span}
    if words & TIME_NAMES or any(t.like_num and len(t.text) <= 2 and t.i > span.start for t in span):
        return True
    return _preposition(span) in ("by", "before", "until", "within", "on", "at", "from")


def _preposition(span: Span) -> str:
    """The word before a time, looking past "the" ("on the 14th")."""
    i = span.start - 1
    if i >= 0 and span.doc[i].lower_ == "the":
        i -= 1
    return span.doc[i].lower_ if i >= 0 else ""


def _habitual(tokens) -> bool:
    words = word_lists("timeline")
    habit = words["habitual"] | words["frequency"]
    return any(t.lower_ in habit for t in tokens)


def _frequent(tokens) -> bool:
    frequency = word_lists("timeline")["frequency"]
    return any(t.lower_ in frequency for t in tokens)


def _ahead(span: Span) -> bool:
    """A time that can only lie ahead: "tomorrow", "tonight", "next Tuesday", "tomorrow's 9:40 flight"."""
    doc = span.doc
    window = doc[max(span.start - 1, 0):span.end]
    return any(t.lower_ in AHEAD for t in window)


def _point_in_time(span: Span) -> bool:
    """A day, date or clock time rather than a bare length of time ("after a few minutes")."""
    if _preposition(span) in ("for", "after", "every"):
        return False
    return bool(CLOCK.search(span.text)) or _preposition(span) in ("by", "before", "until", "till", "within", "on", "at") \
        or bool({t.lower_ for t in span} & (TIME_NAMES - {"hour", "hours", "minutes", "days", "weeks", "months", "day"}))


def concrete_times(doc: Doc) -> list[Span]:
    """Dates and times that say when the next update or the fix comes ("next update at 16:00 UTC",
    "we'll send it by Thursday", "within two days"), not times in the past or a reader's deadline."""
    return memo(doc, "timeline_concrete_times", lambda: _concrete_times(doc))


def _anchor(span: Span) -> Token | None:
    """The verb a time belongs to, or None when a condition or a past clause comes first."""
    anchor = span.root
    while anchor.head.i != anchor.i and not _future_anchor(anchor):
        if anchor.dep_ in ("advcl", "relcl") or (anchor.lower_ in CONDITIONAL and anchor.dep_ in ("mark", "advmod")):
            return None
        if anchor.pos_ in ("VERB", "AUX") and (_past_anchor(anchor)
                                               or any(c.dep_ == "mark" and c.lower_ in CONDITIONAL | {"whether"}
                                                      for c in anchor.children)):
            return anchor
        anchor = anchor.head
    return anchor


def _concrete_times(doc: Doc) -> list[Span]:
    found = []
    for sent in doc._.body_sents:
        times = _time_words(sent)
        if not times:
            continue
        if "next update" in sent.text.lower() or any(
                s.root.head.dep_ == "prep" and s.root.head.head.lemma_.lower() in ("update", "eta", "deadline")
                and s.root.head.head.pos_ == "NOUN" for s in times):
            found.append(sent)  # "next update at 16:00", "an update by 3pm"
            continue
        for span in times:
            if span.root.dep_ in ("compound", "amod", "nmod", "poss") and span.root.head.lower_ not in TIME_NAMES \
                    and not _ahead(span):
                continue  # "the Saturday slots", "Tuesday's email": a time naming a thing, not when
            if span.root.dep_ in ("nsubj", "nsubjpass"):
                continue  # "an extra month will be added": the time is the gift, not when
            anchor = _anchor(span)
            if anchor is None or _negated(anchor):
                continue
            if span.root.dep_ == "attr" and _lemma(anchor) in ("remain", "stay"):
                continue  # "the renewal date remains 14 May": a fact that stands
            if any(c.lower_ in CONDITIONAL | {"whether", "because", "since", "as"} for c in anchor.children
                   if c.dep_ == "mark"):
                continue
            if _past_anchor(anchor) or not _future_anchor(anchor):
                # "we've booked you on tomorrow's 9:40 flight": the time itself lies ahead
                subject = {t.i for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
                ours = any(c.dep_ == "nsubj" and c.lower_ in ("we", "i") for c in anchor.children)
                perfect = bool(auxiliaries(anchor) & {"has", "have", "'ve", "'s"}) and anchor.tag_ == "VBN"
                if _ahead(span) and anchor.pos_ in ("VERB", "AUX") and span.root.i not in subject and (perfect or ours):
                    found.append(span)
                    break
                continue
            aux = auxiliaries(anchor)
            plain_present = anchor.tag_ in ("VBZ", "VBP") and not aux
            if anchor.pos_ not in ("VERB", "AUX") and _past_anchor(_verb_above(anchor)):
                continue  # "reports due at 06:00 were not sent"
            if plain_present and not _ahead(span) and anchor.dep_ == "ccomp" and _past_anchor(anchor.head):
                continue
            if plain_present and _lemma(anchor) not in ("be",) + PLANNING and not _ahead(span) \
                    and not verb_forms(anchor) & word_lists("timeline")["scheduled_verbs"]:
                continue  # a present-tense time needs a verb of schedule: "the bench ships on Wednesday"
            if plain_present and not _ahead(span) and (anchor.dep_ == "relcl" or _preposition(span) == "from"
                                                      or span.root.dep_ in ("compound", "amod", "nmod")):
                continue  # "Sean, who runs the morning shift"; "from this month the tool flags ...": not a time for the fix
            progressive = anchor.tag_ in ("VBG", "VBN") and not aux & {"will", "'ll", "shall", "should", "wo"}
            if (plain_present or progressive) and not (_point_in_time(span) or _ahead(span)):
                continue  # "calls are dropping after a few minutes": a symptom, not a time for the fix
            if plain_present and _habitual(clause_tokens(anchor)) and not _ahead(span):
                continue  # "we now check every booking 72 hours before departure": a habit
            if plain_present and _lemma(anchor) == "be" \
                    and _preposition(span) not in ("by", "from", "until", "within", "till") \
                    and not any(t.lower_ in ("free", "available", "ready", "due", "back", "up", "live", "open")
                                for t in anchor.children):
                continue  # "the class is on Monday" is a fact; "the studio is free on the 14th" a slot for the fix
            found.append(span)
            break
    return found


PENDING_AUX = {"am", "is", "are", "'re", "'m", "'s"}


def _prevention_sentence(sent: Span) -> bool:
    text = sent.text.lower()
    return (any(t.lower_ in word_lists("timeline")["prevention"] for t in sent)
            or any(p in text for p in ("from now on", "going forward", "in future", "from today", "from this week")))


def pending(doc: Doc) -> list:
    """Work on the fix still to come: future or in-progress repair ("we'll replace it", "engineers are
    replacing the controller", "section 4 is being translated", "while we repair the lists", "the switch is
    still down"). A draft with pending work has not reported the fix complete."""
    timed = {sentence(t).start for t in concrete_times(doc)}
    found = []
    for sent in doc._.body_sents:
        if any(t.lower_ in ("if", "unless") for t in sent) or _prevention_sentence(sent) or sent.start in timed:
            continue  # "if you still see it, we'll check": an offer; "we're adding checks so ...": prevention
        for verb in body_tokens(sent):
            if verb.pos_ != "VERB" or _negated(verb):
                continue
            repair = _repair_verb(verb) or _lemma(verb) in word_lists("timeline")["ongoing_verbs"]
            delivery = _delivery_verb(verb) and (
                _corrected_argument(verb) or (verb.dep_ == "conj" and _corrected_argument(verb.head)))
            if not (repair or delivery):
                continue
            aux = auxiliaries(verb)
            lowers = {c.lower_ for c in verb.children}
            # "it's working now" is the service restored; "we're working now on a fix" is not
            settled = bool(lowers & {"again", "normally", "fine"}) or ("now" in lowers and not lowers & {"we", "i"}
                                                                       and not any(c.dep_ in ("prep", "xcomp") for c in verb.children))
            future = bool(aux & {"will", "'ll", "shall"}) or (verb.dep_ == "xcomp" and verb.head.lower_ == "going") \
                or (verb.dep_ == "conj" and bool(auxiliaries(verb.head) & {"will", "'ll", "shall"}) and not aux)
            ongoing = ((verb.tag_ == "VBG" and bool(aux & PENDING_AUX) and not settled) or "being" in aux) \
                and _lemma(verb) not in word_lists("timeline")["instant_verbs"]
            meanwhile = verb.dep_ == "advcl" and any(c.lower_ == "while" for c in verb.children if c.dep_ == "mark") \
                and verb.tag_ in ("VBZ", "VBP", "VBG")
            if _lemma(verb) in word_lists("timeline")["commitment_verbs"]:
                continue  # "we'll honour the price": a promise kept by saying it, not work to come
            if ongoing and _frequent(clause_tokens(verb)):
                continue  # "TAs are checking the forum twice a day": a routine, not the fix under way
            if (future and verb.dep_ not in ("advcl", "relcl")) or ongoing or meanwhile or _causative(verb):
                found.append(verb)
        if any(t.lower_ == "still" for t in sent) and any(t.lower_ in ("down", "broken", "failing", "missing",
                                                                      "affected", "unavailable", "seeing", "wrong")
                                                         for t in sent):
            found.append(sent.root)
    return found


def _refers_back(span: Span) -> bool:
    """"as soon as it is", "once they're through": news tied to a fix already given a time."""
    doc = span.doc
    following = doc[span.end:min(span.end + 3, sentence(span).end)]
    return any(t.lower_ in ("it", "they", "that", "this", "it's", "they're") for t in following)


def _past_clause(span: Span) -> bool:
    """A vague word inside a clause about the past: "as soon as our monitoring flagged it", "shortly before 17:00"."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in ("before", "after", "afterwards", "afterward", "thereafter"):
        return True
    sent = sentence(span)
    if span[-1].lower_ in ("soon", "as") or span.text.lower().startswith("as soon"):
        # The clause the "as soon as" opens: "as soon as our monitoring flagged the download" is past,
        # "as soon as we've restocked" is not.
        following = [t for t in doc[span.end:sent.end] if t.pos_ in ("VERB", "AUX")]
        return bool(following) and following[0].tag_ == "VBD" and following[0].lower_ not in ("'d", "did")
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            aux = auxiliaries(token)
            return (token.tag_ == "VBD" or (token.tag_ == "VBN" and bool(aux & {"was", "were", "had"}))) \
                and not aux & {"will", "'ll", "would"}
        if token.head.i == token.i:
            break
        token = token.head
    return False


class Timeline(Criterion):
    id = "timeline"

    def check(self, doc: Doc) -> tuple[list[Finding], int]:
        times = concrete_times(doc)
        # A vague promise beside a dated one ("the rest will follow as soon as we can; Pieter calls at 3pm")
        # still leaves the main fix open-ended.
        # A time in the sentence or just before it covers "I'll ping you as soon as it is" after "up by 4pm".
        timed = {sentence(t).start for t in times}
        sents = doc._.body_sents
        near = timed | {sents[i + 1].start for i, s in enumerate(sents[:-1]) if s.start in timed}
        vague = [v for v in cues(doc, "VAGUE_TIME") if not _past_clause(v) and sentence(v).start not in timed
                 and not (sentence(v).start in near and _refers_back(v))]
        if (times or self._model_finds(doc, "timeline")) and not vague:
            return [], 100
        if (completed(doc) or self._model_finds(doc, "resolved")) and not vague and not pending(doc):
            return [], 100
        if vague:
            findings = [self.finding(doc, "vague", vague[0], text=vague[0].text,
                                     suggestion=suggestion_for(doc, self.id, "vague", vague[0]))]
        else:
            findings = [self.missing(doc)]
        return findings, self.score(findings)

    def _model_finds(self, doc: Doc, role: str) -> bool:
        """Whether the model puts any body sentence in ``role``: "timeline" for a concrete time,
        "resolved" for a fix reported done in wording the parse rules do not know."""
        return any(self.model_says(doc, s, role) for s in doc._.body_sents)
