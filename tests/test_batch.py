"""`drafter batch`: input formats, error rows, --resume, CSV and HTML output, exit codes.

Runs the real spaCy pipeline rules-only (--no-model) in process through click's runner; one
test starts a real process pool."""
import csv
import json
import mailbox
import re
from email.message import EmailMessage

import pytest
from click.testing import CliRunner

from drafter.batch import batch_command
from drafter.checker import CRITERION_IDS
from drafter.mail import MAX_MESSAGE_BYTES, ReadOptions, read_archives

INCIDENT = ("Hi Sam,\n\nThe invoice we sent on 3 March listed the wrong amount. Sorry about that. We have "
            "reissued it with the correct total of $120, attached. Every invoice is now checked by a second "
            "person before it goes out.\n\nBest,\nLena\n")
LUNCH = "Hi all,\n\nLunch is at noon on Friday in the big meeting room. Bring your own mug.\n\nThanks,\nPriya\n"
XSS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' onmouseover='x"]


def email_bytes(body: str, subject: str = "Invoice correction", message_id: str | None = None,
                sender: str = "lena@example.com", charset: str = "utf-8", date: str = "Tue, 05 Mar 2024 10:00:00 +0000",
                subtype: str = "plain") -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "sam@example.com"
    message["Subject"] = subject
    message["Date"] = date
    if message_id:
        message["Message-ID"] = message_id
    message.set_content(body, subtype=subtype, charset=charset)
    return bytes(message)


def run_batch(*args):
    result = CliRunner().invoke(batch_command, ["--no-model", *map(str, args)], catch_exceptions=False)
    return result


def rows(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def write_mbox(path, messages):
    box = mailbox.mbox(str(path))
    for data in messages:
        box.add(data)
    box.flush()
    box.close()


# ------------------------------------------------------------------------------------------
# Input formats
# ------------------------------------------------------------------------------------------

def test_mbox_rows_stream_with_headers_scores_and_incident(tmp_path):
    archive = tmp_path / "archive.mbox"
    write_mbox(archive, [email_bytes(INCIDENT, message_id="<a@x>"), email_bytes(LUNCH, subject="Lunch")])
    out = tmp_path / "out.jsonl"
    result = run_batch(archive, "--out", out)
    assert result.exit_code == 0, result.output
    first, second = rows(out)
    assert first["id"] == "<a@x>" and first["source"] == f"{archive}#0"
    assert first["subject"] == "Invoice correction" and first["sender"] == "lena@example.com"
    assert first["date"] == "2024-03-05T10:00:00+00:00"
    assert first["is_incident"]["verdict"] is True and first["scored"] is True
    assert set(first["criteria"]) == set(CRITERION_IDS)
    assert {"score", "verdict", "findings"} <= set(first["criteria"]["facts"])
    assert isinstance(first["score"], int) and first["error"] is None
    assert set(first["finding_counts"]) == {"error", "warning", "info"}
    # Not an incident: classified, not scored; its id falls back to source and position.
    assert second["is_incident"]["verdict"] is False and second["scored"] is False and second["score"] is None
    assert second["id"] == f"{archive}#1"
    assert "criterion" in result.output and "lowest-scoring messages" in result.output


def test_all_scores_every_message(tmp_path):
    archive = tmp_path / "archive.mbox"
    write_mbox(archive, [email_bytes(LUNCH, subject="Lunch")])
    out = tmp_path / "out.jsonl"
    assert run_batch(archive, "--out", out, "--all").exit_code == 0
    assert rows(out)[0]["scored"] is True


def test_maildir_folder_csv_and_jsonl(tmp_path):
    maildir = mailbox.Maildir(str(tmp_path / "md"), create=True)
    maildir.add(email_bytes(INCIDENT, message_id="<md@x>"))
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "one.eml").write_bytes(email_bytes(INCIDENT, message_id="<eml@x>"))
    (folder / "two.txt").write_text(INCIDENT, encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not a message")
    table = tmp_path / "table.csv"
    with table.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["ref", "body", "subject"])
        writer.writerow(["c1", INCIDENT, "Sorry"])
    lines = tmp_path / "lines.jsonl"
    lines.write_text(json.dumps({"id": "j1", "message": INCIDENT, "from": "x@y"}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run_batch(tmp_path / "md", folder, table, lines, "--out", out,
                       "--text-column", "body", "--id-column", "ref", "--text-field", "message")
    assert result.exit_code == 0, result.output
    got = rows(out)
    assert [r["id"] for r in got] == ["<md@x>", "<eml@x>", str(folder / "two.txt"), "c1", f"{lines}#1"]
    assert all(r["error"] is None and r["scored"] for r in got)
    assert got[3]["subject"] == "Sorry"
    assert got[4]["sender"] == "x@y"


def test_html_email_is_read_as_text_and_quoted_reply_left_out(tmp_path):
    html = "<p>We sent the <b>wrong</b> invoice. Sorry! The corrected one is attached.</p>"
    reply = INCIDENT + "\nOn Mon, 4 Mar 2024, Sam wrote:\n> Why is my invoice wrong? You people are useless!!!\n"
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "a.eml").write_bytes(email_bytes(html, subtype="html", message_id="<h@x>"))
    (folder / "b.eml").write_bytes(email_bytes(reply, message_id="<r@x>"))
    messages = list(read_archives([str(folder)]))
    assert "<b>" not in messages[0].text and "wrong" in messages[0].text
    out = tmp_path / "out.jsonl"
    assert run_batch(folder, "--out", out).exit_code == 0
    quoted = rows(out)[1]
    assert quoted["scored"]
    # The reader's shouting in the quoted reply is not the writer's: calm is not failed for it.
    assert quoted["criteria"]["calm"]["verdict"] == "pass"
    assert all(f["start"] < quoted["text"].index("On Mon") for f in quoted["findings"])


# ------------------------------------------------------------------------------------------
# Robustness: error rows, the batch goes on
# ------------------------------------------------------------------------------------------

def test_bad_messages_become_error_rows_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "01_good.eml").write_bytes(email_bytes(INCIDENT, message_id="<good@x>"))
    (folder / "02_charset.eml").write_bytes(
        b"From: a@b\nSubject: x\nMessage-ID: <cs@x>\nContent-Type: text/plain; charset=x-no-such-charset\n\n"
        b"\xff\xfe sorry for the wrong invoice\n")
    (folder / "03_empty.eml").write_bytes(b"From: a@b\nSubject: empty\nMessage-ID: <empty@x>\n\n\n")
    (folder / "04_binary.eml").write_bytes(b"\x00\x01\x02garbage" * 100)
    (folder / "05_empty.txt").write_bytes(b"")
    big = email_bytes(INCIDENT, message_id="<big@x>")
    (folder / "06_big.eml").write_bytes(big + b"X" * (MAX_MESSAGE_BYTES + 1))
    (folder / "07_good.eml").write_bytes(email_bytes(INCIDENT, message_id="<good2@x>"))
    out = tmp_path / "out.jsonl"
    result = run_batch(folder, "--out", out)
    assert result.exit_code == 0, result.output
    got = {r["source"].rsplit("/", 1)[-1]: r for r in rows(out)}
    assert len(got) == 7
    assert got["01_good.eml"]["error"] is None and got["07_good.eml"]["error"] is None
    assert "charset" in got["02_charset.eml"]["error"]
    assert "no text body" in got["03_empty.eml"]["error"]
    assert "binary" in got["04_binary.eml"]["error"]
    assert "empty" in got["05_empty.txt"]["error"]
    assert "too large" in got["06_big.eml"]["error"]
    assert "5 unreadable" in result.output
    assert "msg/s" not in result.output  # no progress bar when output is not a terminal


def test_truncated_mbox_keeps_the_messages_before_the_cut(tmp_path):
    archive = tmp_path / "cut.mbox"
    write_mbox(archive, [email_bytes(INCIDENT, message_id=f"<{i}@x>") for i in range(3)])
    data = archive.read_bytes()
    archive.write_bytes(data[: data.rindex(b"Subject:") + 4])  # cut inside the last message's headers
    out = tmp_path / "out.jsonl"
    assert run_batch(archive, "--out", out).exit_code == 0
    got = rows(out)
    assert len(got) == 3
    assert [r["error"] for r in got[:2]] == [None, None]
    assert got[2]["error"]


def test_bad_csv_and_jsonl_rows_are_error_rows(tmp_path):
    lines = tmp_path / "in.jsonl"
    lines.write_bytes(b'{"text": "Sorry, the date was wrong: it is the 5th."}\n'
                      b'{not json\n'
                      b'[1, 2]\n'
                      b'{"text": ""}\n'
                      b'{"text": "caf\xff"}\n'
                      b'{"other": "x"}\n')
    table = tmp_path / "in.csv"
    table.write_bytes(b"text\n\"Sorry, we sent the wrong file.\"\n\"caf\xff\"\n")
    out = tmp_path / "out.jsonl"
    assert run_batch(lines, table, "--out", out).exit_code == 0
    errors = [r["error"] for r in rows(out)]
    assert errors[0] is None and errors[6] is None
    assert "JSON" in errors[1] and "object" in errors[2] and "empty" in errors[3]
    assert all(errors[i] for i in (4, 5, 7))


# ------------------------------------------------------------------------------------------
# --resume
# ------------------------------------------------------------------------------------------

def test_resume_continues_without_redoing_or_duplicating(tmp_path):
    archive = tmp_path / "archive.mbox"
    messages = [email_bytes(INCIDENT.replace("3 March", f"{i} March"), message_id=f"<{i}@x>") for i in range(1, 6)]
    write_mbox(archive, messages[:3])
    out = tmp_path / "out.jsonl"
    assert run_batch(archive, "--out", out).exit_code == 0
    # An interruption mid-write leaves a partial last line; the archive then grows.
    with out.open("a", encoding="utf-8") as file:
        file.write('{"schema": "drafter.batch/1", "id": "<4@x>", "sour')
    write_mbox(archive, messages[3:])
    before = out.read_text(encoding="utf-8").splitlines()[:3]
    result = run_batch(archive, "--out", out, "--resume")
    assert result.exit_code == 0, result.output
    got = rows(out)
    assert [r["id"] for r in got] == [f"<{i}@x>" for i in range(1, 6)]
    assert out.read_text(encoding="utf-8").splitlines()[:3] == before
    assert "3 messages were already in" in result.output
    assert "5 messages" in result.output  # the summary covers the whole file


def test_duplicate_message_ids_get_distinct_stable_ids(tmp_path):
    archive = tmp_path / "archive.mbox"
    write_mbox(archive, [email_bytes(INCIDENT, message_id="<same@x>")] * 2)
    ids = [m.id for m in read_archives([str(archive)])]
    assert ids == ["<same@x>", "<same@x>#2"]
    assert ids == [m.id for m in read_archives([str(archive)])]


# ------------------------------------------------------------------------------------------
# CSV and HTML
# ------------------------------------------------------------------------------------------

def test_csv_has_one_row_per_message_and_criterion_columns(tmp_path):
    archive = tmp_path / "archive.mbox"
    write_mbox(archive, [email_bytes(INCIDENT, message_id="<a@x>"),
                         email_bytes(LUNCH, subject="Lunch", message_id="<b@x>")])
    out, table = tmp_path / "out.jsonl", tmp_path / "out.csv"
    assert run_batch(archive, "--out", out, "--csv", table).exit_code == 0
    with table.open(newline="", encoding="utf-8") as file:
        got = list(csv.DictReader(file))
    assert [r["id"] for r in got] == ["<a@x>", "<b@x>"]
    for cid in CRITERION_IDS:
        assert got[0][f"{cid}_score"].isdigit() and got[0][f"{cid}_verdict"]
    assert got[1]["is_incident"] == "False" and got[1]["score"] == ""
    assert {"id", "source", "subject", "sender", "date", "incident_probability", "score", "error"} <= set(got[0])


def test_html_report_escapes_every_payload(tmp_path):
    folder = tmp_path / "mail"
    folder.mkdir()
    for number, payload in enumerate(XSS):
        body = f"Hi Sam,\n\nSorry, we sent the wrong invoice {payload} earlier. We were swamped!!!\n"
        (folder / f"{number}.eml").write_bytes(email_bytes(body, subject=f"Sorry {payload}",
                                                           sender=f"Lena {payload} <lena@example.com>"))
    out, page = tmp_path / "out.jsonl", tmp_path / "report.html"
    result = run_batch(folder, "--out", out, "--html", page)
    assert result.exit_code == 0, result.output
    assert all(r["scored"] for r in rows(out))
    html = page.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img" not in html and "onmouseover='" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3  # subject, sender and text
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&#39; onmouseover=&#39;x" in html
    # The only script is the report's own; it and the charts are inline (no network).
    assert len(re.findall(r"<script", html)) == 1
    assert "<svg" in html and "http://" not in html.replace("http-equiv", "") and "https://" not in html
    assert "<mark class=" in html


# ------------------------------------------------------------------------------------------
# Exit codes and parallel runs
# ------------------------------------------------------------------------------------------

def test_missing_path_and_missing_csv_column_are_usage_errors(tmp_path):
    result = run_batch(tmp_path / "nope.mbox", "--out", tmp_path / "out.jsonl")
    assert result.exit_code == 2
    expected = f"drafter: error: {tmp_path / 'nope.mbox'}: no such file or directory"
    assert result.output.strip().splitlines() == [expected]
    table = tmp_path / "t.csv"
    table.write_text("body\nhello\n", encoding="utf-8")
    result = run_batch(table, "--out", tmp_path / "out.jsonl")
    assert result.exit_code == 2 and "--text-column" in result.output
    result = run_batch(table, "--out", tmp_path / "no" / "such" / "out.jsonl", "--text-column", "body")
    assert result.exit_code == 2 and "does not exist" in result.output


def test_jobs_2_gives_the_same_rows_in_the_same_order(tmp_path):
    archive = tmp_path / "archive.mbox"
    write_mbox(archive, [email_bytes(INCIDENT, message_id=f"<{i}@x>") if i % 2
                         else email_bytes(LUNCH, subject="Lunch", message_id=f"<{i}@x>") for i in range(70)])
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run_batch(archive, "--out", one).exit_code == 0
    assert run_batch(archive, "--out", two, "--jobs", "2").exit_code == 0
    assert rows(one) == rows(two)


def test_read_options_default_to_text_fields(tmp_path):
    lines = tmp_path / "in.jsonl"
    lines.write_text(json.dumps({"id": 7, "text": "Sorry!", "date": "2024-05-01"}) + "\n", encoding="utf-8")
    (message,) = read_archives([str(lines)], ReadOptions())
    assert message.id == "7" and message.date == "2024-05-01T00:00:00" and message.text == "Sorry!"


def test_csv_cells_never_start_a_formula():
    from drafter.formatters.csv import neutralised

    assert neutralised('=HYPERLINK("http://x","click")') == '\'=HYPERLINK("http://x","click")'
    assert neutralised("@SUM(A1)") == "'@SUM(A1)"
    assert neutralised("Invoice correction") == "Invoice correction"
    assert neutralised(42) == 42
