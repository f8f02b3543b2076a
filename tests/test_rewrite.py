"""`drafter rewrite` with the real spaCy pipeline: each move, what must never change, placeholders, CLI."""
import json
from collections import Counter
from pathlib import Path

import pytest
from conftest import run_drafter, write_draft

import drafter
from drafter.draft import segment
from drafter.rewrite import apply, keeps_protected, protected_tokens, rewrite, rewrite_drafts
from drafter.suggest import placeholder_spans, templates

ROOT = Path(__file__).resolve().parent.parent

# (draft, rule whose finding must be gone, words that must stay, words the rewrite should say)
MOVES = [
    ("Hi Sam,\n\nTom deleted the shared Clients folder on Friday. We restored it from the backup.\n\nBest,\nLena\n",
     "names/blamed-person", ["Friday", "Clients folder"], ["We deleted the shared Clients folder by mistake on Friday"]),
    ("The export file was deleted by Marco on 3 May. We have restored it from last night's backup.",
     "facts/blame", ["3 May"], ["was deleted by mistake on 3 May"]),
    ("Yesterday's release broke the CSV export; it was Lukas's change to the download handler. It is fixed now.",
     "names/blamed-person", ["CSV export"], ["our change to the download handler"]),
    ("Our supplier printed the wrong label on order 4471. We have sent you the right one today.",
     "ownership/deflecting", ["4471"], ["We printed the wrong label"]),
    ("Due to staff shortages in our returns team, your refund of £40 went out late. It reached your card today.",
     "facts/excuse", ["£40"], ["Your refund of £40 went out late."]),
    ("Sorry for the wrong invoice. We have reissued it with the correct total of $120. Sorry again for the trouble.",
     "correction/repeated-apology", ["$120", "Sorry for the wrong invoice."], []),
    ("I feel terrible about this, and I'm sorry. We sent the wrong invoice and have reissued it.",
     "correction/self-abasement", ["reissued it"], ["I'm sorry."]),
    ("Some customers may have experienced a glitch at checkout on 2 June. Payments work normally again.",
     "ownership/minimising", ["2 June"], ["Some customers have experienced an error at checkout"]),
    ("The checkout was DOWN for 20 minutes this morning!!! It is working again now.",
     "calm/shouting", ["20 minutes"], ["The checkout was down for 20 minutes this morning."]),
    ("The checkout was down for 20 minutes this morning!!! It is working again now.",
     "calm/exclamations", ["20 minutes"], ["this morning. It is working"]),
    ("The duplicate charges were a total disaster for everyone. We refunded all of them on Monday.",
     "calm/catastrophising", ["Monday"], ["a total problem"]),
    ("I personally misread your spec, so the quote was wrong. The corrected quote is attached.",
     "names/self-singling", ["corrected quote"], ["We misread your spec"]),
]


@pytest.mark.parametrize("text, rule, kept, said", MOVES, ids=[m[1] + "-" + str(i) for i, m in enumerate(MOVES)])
def test_each_move_clears_its_finding_and_keeps_the_facts(rules_checker, text, rule, kept, said):
    before = rules_checker.check(text)
    assert rule in {f.rule for f in before.findings}, "the case no longer shows the finding it tests"
    result = rewrite(text, checker=rules_checker)
    after = rules_checker.check(result.text)
    assert rule not in {f.rule for f in after.findings}, result.text
    for words in kept + said:
        assert words in result.text, result.text


def test_edits_are_located_in_the_original_text(rules_checker):
    text = MOVES[0][0]
    result = rewrite(text, checker=rules_checker)
    assert result.edits
    for edit in result.edits:
        assert text[edit.start:edit.end] == edit.before
        assert edit.rule.startswith(edit.criterion + "/")
    assert apply(text, result.edits) == result.text
    data = result.to_dict()
    assert data["schema"] == "drafter.rewrite/1"
    assert {"start", "end", "before", "after", "criterion", "rule", "template"} <= set(data["edits"][0])


def test_rewrite_is_reproducible_and_exported():
    text = MOVES[5][0]
    assert drafter.rewrite(text).text == drafter.rewrite(text).text
    assert isinstance(drafter.rewrite(text), drafter.Rewrite)


def test_missing_lines_are_added_before_the_sign_off_with_placeholders(rules_checker):
    text = "Hi Sam,\n\nThe invoice we sent on 3 March listed the wrong amount.\n\nBest,\nLena\n"
    result = rewrite(text, checker=rules_checker)
    body, signoff = result.text.rsplit("\n\nBest,", 1)
    assert signoff == "\nLena\n"
    found = placeholder_spans(result.text)
    assert "[what you changed]" in {p for _, _, p in found}
    assert all(result.text[s:e] == p for s, e, p in found)
    assert result.to_dict()["placeholders"]
    after = rules_checker.check(result.text)
    assert after.criteria["next_steps"].verdict == "pass"


def test_a_time_the_draft_gives_fills_the_slot_instead_of_a_placeholder(rules_checker):
    text = ("Hi Sam,\n\nThe invoice we sent listed the wrong amount. Tom sent the old version. "
            "We will send the corrected invoice by Friday.\n\nBest,\nLena\n")
    result = rewrite(text, checker=rules_checker)
    assert "Friday" in result.text
    assert result.text.count("Friday") >= 1 and keeps_protected(text, result.text)


def test_placeholder_pattern_matches_exactly_the_templates_placeholders():
    for placeholder in templates()["placeholders"].values():
        assert [p for _, _, p in placeholder_spans(f"We have {placeholder}.")] == [placeholder]
    assert placeholder_spans("See note [1], the [sic] spelling and [what happened here].") == []


def test_template_lines_pass_the_checks_they_are_meant_to_satisfy(rules_checker):
    """A line drafter adds must not itself be blame, grovelling, shouting or a vague pledge."""
    base = ("Hi Sam,\n\nThe invoice we sent on 3 March listed the wrong amount. We have reissued it with the "
            "correct total of $120.\n\n{line}\n\nBest,\nLena\n")
    from drafter.suggest import fill

    for move, registers in templates()["lines"].items():
        for variants in registers.values():
            for variant in variants:
                line = fill(variant, {})
                text = base.format(line=line)
                start = text.index(line)
                flagged = [f.rule for f in rules_checker.check(text).findings
                           if start <= f.start < start + len(line)
                           and not f.rule.startswith(("proportion/", "placeholders/"))]
                assert not flagged, (move, line, flagged)


def test_lint_suggestions_come_from_the_rewrite(rules_checker):
    report = rules_checker.check(MOVES[0][0])
    finding = next(f for f in report.findings if f.rule == "names/blamed-person")
    assert "We deleted the shared Clients folder by mistake on Friday" in finding.suggestion


def _corpus_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "corpora" / "drafts").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


def test_every_stated_fact_greeting_and_sign_off_survive_over_the_whole_corpus(rules_checker):
    texts = _corpus_texts()
    drafts = [segment(t) for t in texts]
    results = rewrite_drafts(drafts, checker=rules_checker)
    lost, invented, frame = [], [], []
    for draft, result in zip(drafts, results):
        before, after = protected_tokens(result.original), protected_tokens(result.text)
        if before - after:
            lost.append((draft.text[:60], before - after))
        if set(after) - set(before):
            invented.append((draft.text[:60], set(after) - set(before)))
        for region in (draft.greeting, draft.signoff):
            if region is not None and draft.text[region.start:region.end] not in result.text:
                frame.append(draft.text[region.start:region.end])
    assert len(results) == len(texts) > 300
    assert not lost and not invented and not frame


def test_protected_tokens_cover_numbers_dates_urls_emails_and_codes():
    text = ("Order INV-2031 (£19.99) ships on Friday 3 May at 10:30, see https://ex.com/t?id=7 "
            "or mail help@ex.com, code CAKE20.")
    assert protected_tokens(text) == Counter({"INV-2031": 1, "£19.99": 1, "Friday": 1, "3": 1, "May": 1,
                                              "10:30": 1, "https://ex.com/t?id=7": 1, "help@ex.com": 1,
                                              "CAKE20": 1})


# --- the command line


BAD = "Hi Sam,\n\nTom sent you the wrong invoice for $120. We were swamped!!! Sorry, so sorry.\n\nBest,\nLena\n"


def run(*args, stdin=None):
    return run_drafter("rewrite", *args, stdin=stdin)


@pytest.fixture()
def bad_file(tmp_path):
    return write_draft(tmp_path, "draft.txt", BAD)


def test_cli_prints_the_new_draft_and_a_diff(bad_file):
    result = run(str(bad_file))
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert out.startswith("Hi Sam,\n") and "We sent you the wrong invoice for $120." in out and "Tom" not in out
    diff = run("--diff", str(bad_file)).stdout.decode()
    assert diff.startswith("---") and "-Tom sent you" in diff and "+We sent you" in diff


def test_cli_json_and_stdin():
    result = run("--format", "json", "-", stdin=BAD.encode())
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "drafter.rewrite/1" and data["source"] == "<stdin>"
    assert data["edits"] and all(BAD[e["start"]:e["end"]] == e["before"] for e in data["edits"])


def test_cli_in_place_writes_the_file(bad_file):
    result = run("--in-place", str(bad_file))
    assert result.returncode == 0, result.stderr
    assert bad_file.read_text(encoding="utf-8").startswith("Hi Sam,\n\nWe sent you the wrong invoice")


def test_cli_bad_input_is_one_line_and_exit_2(tmp_path):
    missing = run(str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and missing.stderr.decode().count("\n") == 1
    assert "no such file" in missing.stderr.decode()
    stdin_in_place = run("--in-place", "-", stdin=BAD.encode())
    assert stdin_in_place.returncode == 2 and "standard input" in stdin_in_place.stderr.decode()
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    assert run(str(empty)).returncode == 2


class _MarkerSensitiveChecker:
    """Lints with the real rules, except that next_steps fails whenever either marked edit is in the
    text: a regression that no single undone edit clears."""

    def __init__(self, markers):
        from drafter.rewrite import default_checker

        self.real, self.markers = default_checker(), markers

    def check(self, text, source="<text>"):
        from drafter.report import CriterionResult

        report = self.real.check(text, source=source)
        if any(marker in text for marker in self.markers):
            report.criteria["next_steps"] = CriterionResult("next_steps", 0, "fail")
        return report


def test_a_regression_needing_several_edits_undone_is_cleared():
    from drafter.rewrite import Edit, Rewrite, _regressed, _undo_regressions

    original = "Tom broke the export. It is fixed. Reply if anything is missing. Lena sent it late."
    edits = [Edit(0, 3, "Tom", "We", "facts", "facts/blame"),
             Edit(original.index("Lena"), original.index("Lena") + 4, "Lena", "We", "facts", "facts/blame"),
             Edit(len(original), len(original), "", " We now test every export.", "prevention", "prevention/missing")]
    checker = _MarkerSensitiveChecker(["We broke", "We sent"])
    result = Rewrite(original=original, text=apply(original, edits), edits=list(edits))
    before = checker.check(original)
    assert before.criteria["next_steps"].verdict == "pass"
    after = checker.check(result.text)
    assert _regressed(before, after) == {"next_steps"}
    _undo_regressions(result, before, after, checker)
    assert not _regressed(before, checker.check(result.text))
    # Both culprit edits had to go; the added line, taken back on the way, returns.
    assert [e.rule for e in result.edits] == ["prevention/missing"]
    assert result.text == apply(original, result.edits)
    assert "We now test every export." in result.text
