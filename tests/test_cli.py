"""The command line through a real subprocess: exit codes, JSON shape, bad input."""
import json

import pytest
from conftest import run_drafter, write_draft

from drafter.checker import CRITERION_IDS

BAD_DRAFT = "Hi Sam,\n\nTom sent you the wrong invoice. We were swamped!!! Sorry, so sorry.\n\nBest,\nLena\n"
GOOD_DRAFT = (
    "Hi Sam,\n\nThe invoice we sent on 3 March listed the wrong amount. We have reissued it with the "
    "correct total of $120, attached. Every invoice is now checked by a second person before it goes out. "
    "If anything else looks off, reply to this email and we will sort it out.\n\nBest,\nLena\n"
)


run = run_drafter


@pytest.fixture()
def bad_file(tmp_path):
    return write_draft(tmp_path, "bad.txt", BAD_DRAFT)


@pytest.fixture()
def good_file(tmp_path):
    return write_draft(tmp_path, "good.txt", GOOD_DRAFT)


def test_lint_failing_draft_exits_1_with_located_findings(bad_file):
    result = run("lint", "--no-model", str(bad_file))
    out = result.stdout.decode()
    assert result.returncode == 1, result.stderr
    assert f"{bad_file}:3:1: error names/blamed-person" in out
    assert "facts/excuse" in out and "calm/exclamations" in out
    assert "criterion" in out and "overall" in out


def test_lint_passing_draft_exits_0(good_file):
    result = run("lint", "--no-model", str(good_file))
    assert result.returncode == 0, result.stdout.decode()


def test_lint_reads_stdin():
    result = run("lint", "--no-model", "--format", "json", "-", stdin=BAD_DRAFT.encode())
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["source"] == "<stdin>"


def test_json_shape_is_the_versioned_contract(bad_file):
    data = json.loads(run("lint", "--no-model", "--format", "json", str(bad_file)).stdout)
    assert data["schema"] == "drafter.report/1"
    assert 0 <= data["score"] <= 100
    assert set(data["criteria"]) == set(CRITERION_IDS)
    for cid, result in data["criteria"].items():
        assert set(result) >= {"score", "verdict", "findings"}
        assert result["verdict"] in (("present", "absent") if cid == "make_good" else ("pass", "fail"))
    finding = next(f for f in data["findings"] if f["rule"] == "names/blamed-person")
    assert set(finding) >= {"criterion", "rule", "severity", "start", "end", "line", "column", "text",
                            "message", "rationale", "suggestion"}
    assert finding["text"] == "Tom" and finding["line"] == 3 and finding["column"] == 1
    assert BAD_DRAFT[finding["start"]:finding["end"]] == "Tom"
    assert finding["rationale"].startswith("003_dc8ad60ec496d1e0.txt: ")


def test_json_for_several_files_is_a_list(bad_file, good_file):
    data = json.loads(run("lint", "--no-model", "--format", "json", str(bad_file), str(good_file)).stdout)
    assert isinstance(data, list) and len(data) == 2


def test_criteria_option_limits_the_report(bad_file):
    data = json.loads(run("lint", "--no-model", "--format", "json", "--criteria", "facts,names", str(bad_file)).stdout)
    assert set(data["criteria"]) == {"facts", "names"}


def test_unknown_criterion_is_a_usage_error(bad_file):
    result = run("lint", "--no-model", "--criteria", "facts,spelling", str(bad_file))
    assert result.returncode == 2
    assert b"spelling" in result.stderr and b"Traceback" not in result.stderr


def _write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize("make_input, expected", [
    (lambda tmp: str(tmp / "missing.txt"), b"no such file"),
    (lambda tmp: str(tmp), b"is a directory"),
    (lambda tmp: _write(tmp, "blob.bin", b"\x00\x01\x02binary\x00" * 100), b"binary"),
    (lambda tmp: _write(tmp, "latin.txt", "Caf\u00e9 d\u00e9j\u00e0 vu, sorry.".encode("latin-1")), b"UTF-8"),
    (lambda tmp: _write(tmp, "empty.txt", b"  \n\n"), b"empty"),
    (lambda tmp: _write(tmp, "huge.txt", b"We sent the wrong file. " * 900_000), b"too large"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, make_input, expected):
    result = run("lint", "--no-model", make_input(tmp_path))
    assert result.returncode == 2
    err = result.stderr.strip()
    assert expected in err
    assert len(err.splitlines()) == 1 and b"Traceback" not in err


def test_missing_config_is_one_line(bad_file, tmp_path):
    result = run("lint", "--no-model", "--config", str(tmp_path / "nope.toml"), str(bad_file))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1


def test_config_weights_change_the_overall_score(bad_file, tmp_path):
    config = tmp_path / "drafter.toml"
    config.write_text("[weights]\nfacts = 0\nnames = 0\ncorrection = 0\nnext_steps = 0\nownership = 0\n"
                      "prevention = 0\ntimeline = 0\ncalm = 0\nproportion = 0\nmake_good = 1\n")
    data = json.loads(run("lint", "--no-model", "--format", "json", "--config", str(config), str(bad_file)).stdout)
    assert data["score"] == data["criteria"]["make_good"]["score"]


def test_config_that_is_not_toml_is_rejected(bad_file, tmp_path):
    config = tmp_path / "drafter.toml"
    config.write_text("weights = {facts: __import__('os')}\n")
    result = run("lint", "--no-model", "--config", str(config), str(bad_file))
    assert result.returncode == 2 and b"not valid TOML" in result.stderr


def test_usage_error_exit_2():
    assert run("lint").returncode == 2
    assert run("nonsense").returncode == 2


def test_unfilled_placeholder_is_reported(tmp_path):
    path = tmp_path / "rewritten.txt"
    path.write_text("We sent the wrong file and have resent it. To stop this happening again, we have "
                    "[what you changed]. Reply if anything is missing.\n", encoding="utf-8")
    result = run("lint", "--no-model", "--format", "json", str(path))
    data = json.loads(result.stdout)
    assert result.returncode == 1
    assert data["criteria"]["placeholders"]["findings"][0]["text"] == "[what you changed]"
