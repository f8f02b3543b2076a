"""Who the draft says caused the mistake: a named person, someone outside "we", or the reader.

facts, names and ownership all judge blame, so the parse is read for culprits in one place."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from drafter.cues import word_lists
from drafter.signals import cues, memo, sentence, token_in_letter_frame
from drafter.syntax import (
    auxiliaries, clause_tokens, common_words, is_prospective, is_reader, is_third_party, looks_like_person_name, marks_error, mentions_error, name_span,
    remedy, subjects, verbs_done_wrong, word_sets,
)


@dataclass(frozen=True)
class Culprit:
    span: Span        # the words to point at
    person: Token     # the culprit's head token
    kind: str         # "named", "third-party" or "reader"


def _is_person(token: Token) -> bool:
    """A name that stands for a person, not a firm or a product that happens to look like one."""
    if not (looks_like_person_name(token) or _lowercase_name(token)):
        return False
    if token.ent_type_ != "PERSON" and token.lower_ in _common_in_draft(token.doc):
        return False  # a headline word the draft also uses as a plain word ("Tracking updates delayed"), or
        # a name it also puts before a noun, as places and firms are ("the Northgate clinic")
    if any(t.lower_ in word_lists("names")["organisation_words"] for t in name_span(token)):
        return False  # "Human Resources", "Valley Transit"
    if any(ch.isupper() for ch in token.text[1:]) or token.nbor(1).text == ":" if token.i + 1 < len(token.doc) else False:
        return False  # "BrightSpark", "Summary:"
    if token.dep_ == "appos" and token.head.lemma_.lower() in word_lists("names")["organisation_roles"]:
        return False
    draft = token.doc._.draft
    if draft.greeting is not None and token.text in token.doc.text[draft.greeting.start:draft.greeting.end]:
        return False  # the addressed reader
    line = token.doc.text[token.doc.text.rfind("\n", 0, token.idx) + 1:token.idx]
    return line.count('"') % 2 == 0 and line.count("\u201c") <= line.count("\u201d")  # not inside a quotation


def _common_in_draft(doc: Doc) -> frozenset[str]:
    """Words the draft also uses as plain words (lower case mid-sentence, not auxiliaries like "will") or
    as labels on a thing ("the Northgate clinic", "the Jasper plan")."""
    return memo(doc, "common_in_draft", lambda: frozenset(
        t.lower_ for t in doc if t.is_alpha and not t.is_sent_start and t.ent_type_ != "PERSON"
        and ((t.is_lower and t.pos_ in ("NOUN", "VERB", "ADJ"))
             or (t.dep_ in ("compound", "amod") and t.head.pos_ == "NOUN" and t.head.i == t.i + 1))))


def _lowercase_name(token: Token) -> bool:
    """A first name typed in lower case in a draft written all in lower case ("jake sent the wrong list")."""
    if not (token.is_lower and token.is_alpha and token.pos_ == "PROPN" and len(token) > 2):
        return False
    if token.lower_ in common_words() or token.lower_ in word_sets()["third_parties"]:
        return False
    return memo(token.doc, "written_in_lower_case", lambda: _written_in_lower_case(token.doc))


def _written_in_lower_case(doc: Doc) -> bool:
    starts = [s[0] for s in doc._.body_sents if s[0].is_alpha]
    return bool(starts) and sum(t.is_lower for t in starts) * 2 >= len(starts)


def _narrates_culprit(token: Token) -> bool:
    """The person did something in the story of the mistake: the subject or passive agent of a past
    action that is not a fix or a helpful act ("Bilal gave you the wrong date", "posted by Priyesh")."""
    if token.dep_ == "pobj" and token.head.lower_ == "by" and token.head.dep_ == "prep":
        # The parse hung "by Tonya" on a noun: "was left logged in under one account by Tonya".
        passive = next((v for v in token.head.ancestors if any(c.dep_ == "auxpass" for c in v.children)), None)
        if passive is not None and passive.tag_ == "VBN" and remedy(passive) != "done" and not is_prospective(passive):
            return True
    for verb in (v for v in sentence(token) if v.pos_ in ("VERB", "AUX")):
        if token not in subjects(verb) or is_prospective(verb):
            continue
        lemma = verb.lemma_.lower()
        if lemma in word_lists("names")["credit_verbs"] and (lemma in word_lists("names")["rescue_verbs"] or not _in_causal_clause(verb)):
            continue
        if lemma in word_sets()["experiencer_verbs"] or lemma == "be" or _links(verb):
            continue
        if verb.tag_ == "VBN" and remedy(verb) == "done":
            continue  # "Sophie has refreshed it": a fix made, not the mistake
        if verb.dep_ == "acl" and not mentions_error(sentence(token)):
            continue  # "the records kept by Dana": a description, not the story of the mistake
        if verb.tag_ in ("VBD", "VBN") or any(c.lower_ in ("did", "had") for c in verb.children):
            return True
        if verb.tag_ == "VBG" and auxiliaries(verb) & {"was", "were"} and mentions_error(sentence(token)):
            return True  # "Wes was scanning two batches at once, and errors crept in"
    return False


def _links(verb: Token) -> bool:
    """A linking verb describing its subject ("Eastside looked overstocked"), not "looked up the record"."""
    return verb.lemma_.lower() in word_lists("names")["linking_verbs"] and not any(
        c.dep_ in ("prt", "dobj") for c in verb.children)


def _contact_cue_counts(span: Span) -> bool:
    """A contact cue that really offers a person to turn to: "reply to Maria", "Jonas will call you",
    "I've copied in Dara", not the noun in "the wrong client contact" or the past in "she copied the template"."""
    root = span.root
    if len(span) == 1 and root.pos_ not in ("VERB", "AUX"):
        return False
    if root.pos_ in ("VERB", "AUX") and root.tag_ == "VBD" and not is_prospective(root):
        return any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in root.children)
    return True


def _contacts(doc: Doc) -> set[int]:
    """Tokens of the sentences that name a contact for the next step."""
    return memo(doc, "contact_tokens", lambda: {t.i for span in cues(doc, "CONTACT_CUE") if _contact_cue_counts(span)
                                                for t in sentence(span)})


CAUSAL_MARKS = {"because", "since", "as", "cause", "'cause", "after"}
BECAUSE = {"because", "since", "cause", "'cause"}


def _in_causal_clause(verb: Token, marks: set[str] = CAUSAL_MARKS) -> bool:
    """The verb tells the cause of the mistake: "... because Tom picked the first match"."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in clause.children)


def named_culprits(doc: Doc) -> list[Culprit]:
    """People named as the cause or owner of the mistake ("Priya sent the wrong file", "deleted by Tom")."""
    return memo(doc, "named_culprits", lambda: _find_named_culprits(doc))


def _find_named_culprits(doc: Doc) -> list[Culprit]:
    found: list[Culprit] = []
    flagged: set[int] = set()
    contacts = _contacts(doc)
    for sent in doc._.body_sents:
        for token in sent:
            if token.i in flagged or token_in_letter_frame(token):
                continue
            if not (_is_person(token) or _signs_the_draft(token)
                    or (looks_like_person_name(token) and _writer_names_self(token))):
                continue
            writer = _writer_names_self(token)
            if writer and _writer_at_fault_near(token):
                kind = "self"
            elif _tied_to_mistake(token, word_lists("names")["possessed_work"]) or _narrates_culprit(token):
                if token.i in contacts and not _is_culprit_subject(token):
                    continue
                kind = "self" if writer else "named"
            else:
                continue
            name = name_span(token)
            flagged.update(t.i for t in name)
            found.append(Culprit(name, token, kind))
    # Coordinated names share what the first of them did: "Hana and Rico handed the screens over late".
    for culprit in list(found):
        for token in culprit.person.conjuncts:
            if token.i not in flagged and token.i not in contacts and _is_person(token) and not token_in_letter_frame(token):
                name = name_span(token)
                flagged.update(t.i for t in name)
                found.append(Culprit(name, token, "named"))
    for pronoun, antecedent in _blamed_through_pronouns(doc, contacts):
        if antecedent.i not in flagged:
            name = name_span(antecedent)
            flagged.update(t.i for t in name)
            found.append(Culprit(name, antecedent, "self" if _writer_names_self(antecedent) else "named"))
    return found


def _blamed_through_pronouns(doc: Doc, contacts: set[int]) -> list[tuple[Token, Token]]:
    """"Our driver, Carl, ... He should have called ahead": a "he" or "she" who did the wrong thing,
    with the person named just before (same sentence or the two before it) it stands for."""
    sents = doc._.body_sents
    pairs = []
    for index, sent in enumerate(sents):
        for token in sent:
            if token.lower_ not in ("he", "she") or token.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if not (_tied_to_mistake(token, word_lists("names")["possessed_work"])
                    or (_narrates_culprit(token) and mentions_error(sent))):
                continue
            window = [t for s in sents[max(0, index - 2):index + 1] for t in s if t.i < token.i]
            people = [t for t in window if t.i not in contacts and not token_in_letter_frame(t) and _is_person(t)
                      and t.dep_ not in ("poss", "pobj", "dobj", "dative")]
            if people:
                pairs.append((token, people[-1]))
    return pairs


def _signs_the_draft(token: Token) -> bool:
    """A capitalised word inside a sentence that is also the name the draft is signed with, even
    when the tagger takes it for a common noun ("(Grace, reception)" signed "Grace")."""
    draft = token.doc._.draft
    if draft is None or draft.signoff is None or token.is_sent_start or not token.is_title or not token.is_alpha:
        return False
    if token.pos_ not in ("PROPN", "NOUN") or token.lower_ in word_sets()["third_parties"]:
        return False
    signed = token.doc.text[draft.signoff.start:draft.signoff.end].split()
    return token.text in signed


def _writer_names_self(token: Token) -> bool:
    """The writer giving their own name: "I, Rhys, sent", "this one was me, Declan", "I'm Lena",
    "Wen here", "it's Dana", "(Grace, reception)", or the name the draft is signed with."""
    if _names_the_writer(token):
        return True
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if following is not None and following.lower_ == "here" and following.head.i in (token.i, token.head.i):
        return True  # "Ollie here, ..."
    if token.i >= 2 and doc[token.i - 1].text == "," and doc[token.i - 2].lower_ in ("me", "i", "myself"):
        return True  # "from me, Farah:" when the parse misses the apposition
    head = token.head
    if (token.dep_ == "attr" and head.lemma_ == "be" and head.tag_ == "VBZ"
            and any(c.dep_ == "nsubj" and c.lower_ in ("it", "this") for c in head.children)
            and not any(c.dep_ == "relcl" for c in token.children)):
        return True  # "it's Dana", "this is Sam" (not the cleft "it was Sofia who ...")
    sent = sentence(token)
    before = doc.text[sent.start_char:token.idx]
    if before.count("(") > before.count(")") and any(t.lower_ in ("i", "me", "my") for t in sent):
        return True  # "That was my doing (Sinead, finance ops)."
    draft = doc._.draft
    if draft is not None and draft.signoff is not None:
        return token.text in doc.text[draft.signoff.start:draft.signoff.end].split()
    return False




def _writer_at_fault(sent: Span, *, near: bool = False) -> bool:
    """The writer alone as the one who got it wrong: "my mistake", "I sent the wrong file",
    "I packed this batch myself". ``near`` (a neighbouring sentence) asks for a plainer sign."""
    doc = sent.doc
    if cues(doc, "SELF_SINGLING", sent):
        return True
    for verb in verbs_done_wrong(sent):
        if any(s.lower_ in ("i", "me") for s in subjects(verb)):
            return True
    if near:
        return False
    error_told = (mentions_error(sent) or any(t.lemma_.lower() in APOLOGY_WORDS for t in sent)
                  or any(mentions_error(s) for s in doc._.body_sents[:3]))
    for verb in sent:
        if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBN") or is_prospective(verb):
            continue
        if verb.tag_ == "VBN" and remedy(verb) == "done":
            continue
        emphatic = any(t.lower_ == "myself" for t in clause_tokens(verb))  # "I packed it myself"
        if verb.lemma_.lower() in word_lists("names")["credit_verbs"] and not emphatic:
            continue
        mine = [s for s in subjects(verb) if s.lower_ in ("i", "me")
                or any(c.dep_ == "poss" and c.lower_ == "my" for c in s.children)]
        if mine and (error_told or emphatic):
            return True
    return False


APOLOGY_WORDS = {"sorry", "apology", "apologise", "apologize", "oops", "whoops", "apologies"}


def _writer_at_fault_near(token: Token) -> bool:
    """The writer at fault in the sentence that names them, or plainly so in the one before or after."""
    sent = sentence(token)
    if _writer_at_fault(sent):
        return True
    sents = token.doc._.body_sents
    index = next((i for i, s in enumerate(sents) if s.start == sent.start), None)
    if index is None:
        return False
    return any(_writer_at_fault(sents[j], near=True) for j in (index - 1, index + 1) if 0 <= j < len(sents))


AGENT_DEPS = {"nsubj", "poss", "appos", "attr"}


def people_acting_in(sent: Span) -> list[Culprit]:
    """Names that act in a sentence (subject, possessor, apposition, passive agent), outside the
    greeting, sign-off and contact lines: the people a sentence of blame would be about."""
    contacts = _contacts(sent.doc)
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
    wrong_verbs = [v for v in verbs_done_wrong(sentence(token)) if not _safeguard_missed(v)]
    # Subject or passive agent of a verb that did the wrong thing: "Priya sent the wrong file",
    # "the file was deleted by Tom".
    if any(token in subjects(verb) for verb in wrong_verbs):
        return True
    # A name in apposition to a culprit or to the writer: "our engineer, Tom, forgot", "that was me, Karan".
    if token.dep_ == "appos" and (any(head in subjects(verb) for verb in wrong_verbs)
                                  or head.lower_ in ("me", "i")):
        return True
    # A name set off by commas just before the verb, however the parse attached it: "our analyst, Ben,
    # linked the wrong tab", "a deploy by one of our engineers, Marco, skipped the step".
    if _verb_after_bracketed_name(token) in wrong_verbs:
        return True
    # "That was down to Kyle", "it came down to Kyle".
    if token.dep_ == "pobj" and head.lower_ == "to":
        verb = head.head.head if head.head.lower_ == "down" else head.head
        if verb.lemma_ in ("be", "come") and (head.head.lower_ == "down" or any(c.lower_ == "down" for c in verb.children)):
            return verb.lemma_ == "come" or _points_at_the_mistake(verb) or any(
                mentions_error(s.doc[s.left_edge.i:s.right_edge.i + 1]) for s in verb.children if s.dep_ == "nsubj")
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
    # A cleft that points at someone: "it was Sofia who approved the discount", or the answer to a
    # "who ...?" about the mistake ("Who left the door open? It was Tariq").
    if token.dep_ == "attr" and head.lemma_ == "be" and any(
            c.dep_ == "nsubj" and c.lower_ in ("it", "that", "this") for c in head.children):
        return mentions_error(sentence(token)) or (head.tag_ == "VBD" and _answers_who(token))
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


def _verb_after_bracketed_name(token: Token) -> Token | None:
    """The verb right after ", Name," that follows a noun: "our analyst, Ben, linked"."""
    doc = token.doc
    name = name_span(token)
    if name.start < 2 or name.end + 1 >= len(doc) or doc[name.start - 1].text != ",":
        return None
    if doc[name.start - 2].pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    end = name.end
    if doc[end].lower_ in ("from", "at", "of", "with"):  # "our plumber, Luis from Ace Drain, left ..."
        end = next((t.i for t in doc[end:min(end + 6, len(doc))] if t.text == ","), end)
    if doc[end].text != "," or end + 1 >= len(doc):
        return None
    verb = doc[end + 1]
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_ == "be" or verb.lemma_.lower() in word_sets()["experiencer_verbs"]:
        return None  # "the CV for our candidate, Wen, was out of date" describes the CV
    return None if any(c.dep_ == "auxpass" for c in verb.children) else verb


def _answers_who(token: Token) -> bool:
    """The sentence follows (or contains) a question that starts with "who"."""
    sent = sentence(token)
    earlier = token.doc[max(0, sent.start - 40):token.i]
    questions = [t for t in earlier if t.text.startswith("?")]
    return bool(questions) and any(t.lower_ == "who" and t.i < questions[-1].i for t in earlier)


BLAMEABLE_PRONOUNS = {"that", "this", "it", "one", "which"}
GROUPS = {"team", "department", "staff", "crew", "desk", "office", "group", "company", "firm", "shift", "side"}


def _safeguard_missed(verb: Token) -> bool:
    """A check or tool that did not catch the mistake ("Outlook didn't warn me", "the bank's duplicate
    check didn't catch it"): a fact about the safeguard, not blame, unless a person is the subject."""
    if verb.lemma_.lower() not in word_sets()["safeguard_verbs"] or not any(c.dep_ == "neg" for c in verb.children):
        return False
    return not any(s.ent_type_ == "PERSON" or s.lower_ in ("he", "she", "they") for s in subjects(verb))


def third_party_blame(sent: Span) -> Culprit | None:
    """A clause in which someone outside "we" did the wrong thing: (span, the culprit)."""
    doc = sent.doc
    wishes = word_sets()["wish_verbs"]
    wrong = [v for v in verbs_done_wrong(sent, with_experiences=True) if not _safeguard_missed(v)
             and not _undergone(v) and not _found_it(v) and not _generic(v) and v.lemma_.lower() not in wishes]
    candidates = [(verb, subject) for verb in wrong for subject in subjects(verb)]
    credited = word_lists("names")["credit_verbs"]
    told = [verb for verb in sent if verb.pos_ == "VERB" and not is_prospective(verb) and not _generic(verb)
            and verb.lemma_.lower() not in credited | wishes and not _undergone(verb)
            and not _links(verb)]
    if mentions_error(sent):
        # The parse often hangs the sign of error on another clause ("X did Y, so Z was wrong").
        candidates += [(verb, subject) for verb in told if verb.tag_ in ("VBD", "VBN") and remedy(verb) is None
                       and not _describes_a_thing(verb) for subject in subjects(verb)]
    # What someone else did, given as the cause: "arrived wilted because the courier left them in the sun".
    candidates += [(verb, subject) for verb in told if verb.tag_ == "VBD" and _in_causal_clause(verb, BECAUSE)
                   and verb.lemma_.lower() not in word_sets()["experiencer_verbs"] for subject in subjects(verb)]
    # Trouble still going on at someone else's end: "our hosting provider is having issues".
    candidates += [(verb, subject) for verb in sent if _ongoing_trouble(verb) for subject in subjects(verb)]
    for verb in wrong:
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            # "mislabelled by the night shift", "posted by a member of the QA team"
            for pobj in agent.children:
                if (pobj.dep_ == "pobj" and not token_in_letter_frame(pobj) and not _made_by_us(pobj)
                        and (is_third_party(pobj) or pobj.lemma_.lower() in GROUPS | {"member", "someone", "one"})):
                    return Culprit(doc[agent.i:pobj.right_edge.i + 1], pobj, "third-party")
    for verb, subject in candidates:
        if is_third_party(subject) and not _made_by_us(subject):
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


def _made_by_us(agent: Token) -> bool:
    """A phrase that says we got the faulty thing wrong: "caused by a carrier setting we had misrouted"
    (not "the courier we use")."""
    return any(t.dep_ == "nsubj" and t.lower_ in ("we", "i") and marks_error(t.head) for t in agent.subtree)


def _found_it(verb: Token) -> bool:
    """Someone who noticed or flagged the mistake ("someone on our team spotted the old logo"), unless
    they did not ("the courier didn't notice the damage", "Sales should have spotted it")."""
    words = word_sets()
    if verb.lemma_.lower() not in words["discovery_verbs"] or auxiliaries(verb) & {"should", "could", "would", "might"}:
        return False
    # "flagged your account by mistake" is the mistake itself
    return not any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in words["error_words"])
                   or (c.dep_ == "prep" and any(g.lemma_.lower() in words["fault_nouns"] for g in c.children))
                   for c in verb.children)


def _generic(verb: Token) -> bool:
    """A clause under a habit ("a timeout usually means the bank didn't respond"): how things work, not
    who erred this time."""
    return any(v.tag_ in ("VBZ", "VBP") and any(c.lower_ in word_sets()["habitual_adverbs"] for c in v.children)
               for v in [verb, *verb.ancestors])


def _describes_a_thing(verb: Token) -> bool:
    """A participle that describes a noun ("the records kept by HR") when that noun did nothing wrong."""
    if verb.dep_ != "acl":
        return False
    owner = verb.head
    return not (owner.dep_ in ("nsubj", "nsubjpass") and marks_error(owner.head))


def _ongoing_trouble(verb: Token) -> bool:
    """A present, continuing fault: "is having issues", "are failing", "has been dropping requests"."""
    if verb.tag_ != "VBG" or not auxiliaries(verb) & {"is", "are", "'s", "'re", "been"}:
        return False
    words = word_sets()
    return verb.lemma_.lower() in words["fault_verbs_inherent"] or any(
        t.lemma_.lower() in words["error_words"] or t.lemma_.lower() in words["fault_nouns"] for t in clause_tokens(verb))


def _points_at_the_mistake(be_verb: Token) -> bool:
    """"That one's on ...", "the mistake was on ...": the subject of "be" is the mistake itself."""
    return any(c.dep_ == "nsubj" and (c.lower_ in BLAMEABLE_PRONOUNS or c.lemma_.lower() in word_sets()["fault_nouns"])
               for c in be_verb.children)


READER_FAULT_VERBS = {"give", "provide", "choose", "select", "use", "fill", "put", "type", "enter", "tell"}


def _undergone(verb: Token) -> bool:
    """What the reader lost or spent rather than did: "the time your team lost", "you lost a day"."""
    if verb.lemma_.lower() not in ("lose", "waste", "spend", "miss"):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if verb.dep_ == "relcl":
        objects.append(verb.head)
    return any(o.ent_type_ in ("TIME", "DATE", "MONEY") or o.lemma_.lower() in TIME_OR_MONEY for o in objects)


TIME_OR_MONEY = {"time", "hour", "day", "week", "morning", "afternoon", "evening", "money", "sleep", "effort",
                 "deadline", "appointment", "flight", "train", "slot", "chance", "sale", "window"}


def reader_blame(sent: Span) -> Culprit | None:
    """The reader, or someone on their side, as the one who did the wrong thing ("you typed your old
    postcode", "your assistant gave us the wrong address", "you weren't signed in"); not what the
    reader did innocently."""
    doc = sent.doc
    for verb in verbs_done_wrong(sent):
        lemma = verb.lemma_.lower()
        if verb.tag_ not in ("VBD", "VBN") or not marks_error(verb, with_subject=False) or _undergone(verb):
            continue
        if lemma not in word_sets()["fault_verbs"] and lemma not in READER_FAULT_VERBS:
            continue
        for subject in subjects(verb):
            if is_reader(subject):
                return Culprit(doc[min(subject.left_edge.i, verb.i):verb.i + 1], subject, "reader")
    for verb in sent:
        blamed = _reader_work_wrong(verb) or _never_sent_by_reader(verb)
        if blamed is not None:
            return Culprit(doc[min(blamed.left_edge.i, verb.i):verb.i + 1], blamed, "reader")
    actions = word_sets()["reader_actions"]
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in actions or is_prospective(verb):
            continue
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children):
            continue
        readers = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and is_reader(c)]
        if not readers:
            continue
        # "you didn't select", "you weren't signed in": the reader left out a step.
        if any(c.dep_ == "neg" for c in verb.children):
            return Culprit(doc[min(readers[0].i, verb.i):verb.i + 1], readers[0], "reader")
        # "the timesheet you approved had the wrong code": the reader's own work carried the error.
        if verb.dep_ == "relcl" and verb.tag_ in ("VBD", "VBN"):
            work = verb.head
            owner = work.head
            if work.dep_ in ("nsubj", "nsubjpass") and owner.pos_ in ("VERB", "AUX") and marks_error(
                    owner, with_subject=False):
                return Culprit(doc[work.left_edge.i:verb.i + 1], readers[0], "reader")
    return None




def _reader_work_wrong(verb: Token) -> Token | None:
    """Something the reader sent in carried the error: "your PO came in with the wrong SKU"."""
    if verb.pos_ != "VERB" or verb.tag_ != "VBD" or any(c.dep_ == "auxpass" for c in verb.children):
        return None
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        if (subject.lemma_.lower() in word_sets()["reader_work"] and _reader_owned(subject)
                and marks_error(verb, with_subject=False)):
            return subject
    return None


def _never_sent_by_reader(verb: Token) -> Token | None:
    """"We did not receive a change form from you", "we never got your form": the gap put on the reader."""
    if verb.lemma_.lower() not in ("receive", "get") or not any(
            c.dep_ == "neg" or c.lower_ == "never" for c in verb.children):
        return None
    if not (auxiliaries(verb) & {"did", "had", "have", "'ve", "'d"} or verb.tag_ in ("VBD", "VBN")):
        return None
    if any(c.dep_ == "mark" for c in verb.children) and not _in_causal_clause(verb, BECAUSE):
        return None  # "if we don't receive it by Friday"
    if not any(s.lower_ in ("we", "i") for s in subjects(verb)):
        return None
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "from":
            return next((p for p in child.children if p.dep_ == "pobj" and is_reader(p)), None)
        if child.dep_ == "dobj" and _reader_owned(child):
            return child
    return None


def _reader_owned(token: Token) -> bool:
    return any(c.dep_ == "poss" and c.lower_ == "your" for c in token.children)


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
