"""`drafter rewrite`: print, diff or save the draft rewritten from the template phrases."""
from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path

import click

from drafter.sources import InputError, read_draft

EXIT_USAGE = 2


def _fail(message: str) -> None:
    click.echo(f"drafter: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


@click.command()
@click.argument("path")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff instead of the new draft.")
@click.option("--in-place", is_flag=True, help="Write the rewritten draft back to PATH.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              help="json prints the new text with every edit (schema drafter.rewrite/1).")
def rewrite_command(path, show_diff, in_place, output_format):
    """Rewrite a draft (a file, or - for standard input) from template phrases.

    Facts only the writer knows are left as placeholders such as [when]; `drafter lint` reports
    them until they are filled in."""
    from drafter.rewrite import rewrite_drafts

    if show_diff and output_format == "json":
        _fail("--diff and --format json cannot be combined")
    if in_place and path == "-":
        _fail("--in-place needs a file, not standard input")
    try:
        draft = read_draft(path)
    except InputError as exc:
        _fail(str(exc))
    if in_place and Path(path).read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n") != draft.text:
        # An .eml file's body is only part of the file; writing the body back would drop the headers.
        _fail(f"{path}: only plain-text drafts can be rewritten in place")
    result = rewrite_drafts([draft])[0]
    if in_place and result.changed:
        Path(path).write_text(result.text, encoding="utf-8")
    if show_diff:
        click.echo("".join(difflib.unified_diff(result.original.splitlines(keepends=True),
                                                result.text.splitlines(keepends=True),
                                                fromfile=draft.source, tofile=f"{draft.source} (rewritten)")), nl=False)
    elif output_format == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    elif in_place:
        click.echo(f"drafter: {path}: {len(result.edits)} edit(s)", err=True)
    else:
        click.echo(result.text, nl=False)
