"""Reading drafts: plain text, Markdown, .eml (plain and HTML), quoted replies, signatures, positions."""
from email.message import EmailMessage

import pytest

from drafter.draft import segment
from drafter.sources import InputError, read_draft

REPLY = """Hi Sam,

Tom sent you the wrong invoice. We have reissued it.

Best,
Lena

On Tue, 3 Mar 2020 at 10:00, Sam Jones <sam@example.com> wrote:
> Priya told me the invoice was wrong.
> Why did Mark do this?
"""


def test_quoted_reply_is_not_scored(rules_checker):
    report = rules_checker.check(REPLY)
    flagged = [f.text for f in report.criteria["names"].findings]
    assert flagged == ["Tom"]


def test_greeting_and_signoff_are_recognised():
    draft = segment(REPLY)
    assert REPLY[draft.greeting.start:draft.greeting.end] == "Hi Sam,"
    assert REPLY[draft.signoff.start:draft.signoff.end] == "Best,\nLena"
    assert draft.audience == "individual"


def test_signature_block_is_excluded():
    text = "Team,\nthe deploy broke login. It is fixed now.\n\n-- \nMark Evans\nHead of Ops, blamed by nobody\n"
    draft = segment(text)
    assert "Mark" not in draft.scored_text and draft.audience == "group"


def test_forwarded_block_is_excluded():
    text = "Hi all,\nQuick correction below.\n\n---------- Forwarded message ---------\nFrom: Tom\nTom deleted it.\n"
    assert "deleted" not in segment(text).scored_text


def _eml(tmp_path, body, subtype="plain"):
    message = EmailMessage()
    message["From"] = "Lena <lena@example.com>"
    message["To"] = "sam@example.com"
    message["Subject"] = "Your invoice"
    message.set_content(body, subtype=subtype)
    path = tmp_path / "draft.eml"
    path.write_bytes(bytes(message))
    return path


def test_eml_plain_body_maps_lines_to_the_file(tmp_path, rules_checker):
    path = _eml(tmp_path, "Hi Sam,\n\nPriya sent you the wrong invoice.\n\nBest,\nLena\n")
    draft = read_draft(str(path))
    report = rules_checker.check_draft(draft)
    finding = report.criteria["names"].findings[0]
    file_lines = path.read_text().splitlines()
    assert file_lines[finding.line - 1][finding.column - 1:].startswith("Priya")


def test_eml_html_body_becomes_text(tmp_path, rules_checker):
    path = _eml(tmp_path, "<p>Hi Sam,</p><p>Our courier <b>lost</b> your parcel &amp; we are sorry.</p>", "html")
    draft = read_draft(str(path))
    assert "<b>" not in draft.text and "&amp;" not in draft.text and "courier" in draft.text
    assert rules_checker.check_draft(draft).criteria["facts"].verdict == "fail"


def test_eml_without_text_is_an_input_error(tmp_path):
    message = EmailMessage()
    message["From"] = "a@example.com"
    message["Subject"] = "x"
    message.add_attachment(b"\x00\x01", maintype="application", subtype="octet-stream", filename="a.bin")
    path = tmp_path / "empty.eml"
    path.write_bytes(bytes(message))
    with pytest.raises(InputError, match="no text body"):
        read_draft(str(path))


def test_markdown_draft(tmp_path, rules_checker):
    path = tmp_path / "draft.md"
    path.write_text("# Correction\n\n**Mark** forgot to update the links in the newsletter.\n", encoding="utf-8")
    report = rules_checker.check_draft(read_draft(str(path)))
    assert [f.text for f in report.criteria["names"].findings] == ["Mark"]


def test_library_check_reuses_the_pipeline():
    import drafter
    from drafter.nlp import load_pipeline

    first = drafter.check("We sent the wrong file. Reply and we'll resend it.", model=False)
    second = drafter.check("Sorry, so sorry, I feel terrible.", model=False)
    assert load_pipeline.cache_info().currsize == 1
    assert first.to_dict()["schema"] == "drafter.report/1"
    assert second.criteria["correction"].verdict == "fail"


def test_check_with_chosen_criteria():
    import drafter

    report = drafter.check("Tom deleted the file.", criteria=["names"], model=False)
    assert list(report.criteria) == ["names"]
