"""The ``drafter`` command line."""
from __future__ import annotations

import os
import sys

import click

from drafter.checker import CRITERION_IDS, Checker, UnknownCriterion
from drafter.config import ConfigError, load_toml_file
from drafter.formatters import json as json_format
from drafter.formatters import text as text_format
from drafter.sources import InputError, read_draft

EXIT_FAIL = 1
EXIT_USAGE = 2


def criteria_option(value: str | None) -> list[str] | None:
    if value is None:
        return None
    wanted = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [v for v in wanted if v not in CRITERION_IDS]
    if unknown or not wanted:
        raise click.BadParameter(f"unknown criterion {', '.join(unknown) or '(none)'}; choose from {', '.join(CRITERION_IDS)}")
    return wanted


def weights_from_config(path: str | None) -> dict[str, float] | None:
    if path is None:
        return None
    weights = load_toml_file(path).get("weights", {})
    bad = [k for k, v in weights.items() if k not in CRITERION_IDS or not isinstance(v, (int, float)) or v < 0]
    if bad:
        raise ConfigError(f"config {path}: bad [weights] entries {', '.join(bad)} (criterion ids, numbers >= 0)")
    return {k: float(v) for k, v in weights.items()}


def fail(message: str) -> None:
    click.echo(f"drafter: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


common_options = [
    click.option("--criteria", "criteria", default=None, help="Comma-separated criteria to check (default: all)."),
    click.option("--no-model", is_flag=True, help="Rules only: do not load the sentence-role model."),
    click.option("--config", "config", type=click.Path(dir_okay=False), default=None,
                 help="A drafter.toml with a [weights] table."),
]


def with_common_options(function):
    for option in reversed(common_options):
        function = option(function)
    return function


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="drafter")
def main() -> None:
    """Check apology and correction messages before they go out."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
@with_common_options
def lint(paths, output_format, criteria, no_model, config):
    """Lint drafts (files, .eml, or - for standard input)."""
    try:
        checker = Checker(criteria_option(criteria), model=not no_model, weights=weights_from_config(config))
    except (ConfigError, UnknownCriterion, click.BadParameter) as exc:
        fail(str(exc.format_message() if isinstance(exc, click.BadParameter) else exc))
    reports, errors = [], []
    for path in paths:
        try:
            reports.append(checker.check_draft(read_draft(path)))
        except InputError as exc:
            errors.append(str(exc))
    for message in errors:
        click.echo(f"drafter: error: {message}", err=True)
    if reports:
        if output_format == "json":
            click.echo(json_format.render(reports, single=len(paths) == 1), nl=False)
        else:
            click.echo(text_format.render(reports), nl=False)
    if errors:
        sys.exit(EXIT_USAGE)
    sys.exit(0 if all(r.passed for r in reports) else EXIT_FAIL)


@main.command()
@click.argument("corpus", type=click.Path(dir_okay=False))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
@click.option("--errors", "show_errors", is_flag=True, help="List the misjudged drafts with their spans.")
@click.option("--ablation", is_flag=True, help="Compare rules only, model only and combined.")
@with_common_options
def evaluate(corpus, output_format, show_errors, ablation, criteria, no_model, config):
    """Measure accuracy against a labelled JSONL corpus."""
    from drafter.evaluate import CorpusError, evaluate_corpus, load_corpus
    from drafter.formatters import evaluation

    try:
        items = load_corpus(corpus)
        wanted = criteria_option(criteria)
    except (CorpusError, click.BadParameter) as exc:
        fail(str(exc.format_message() if isinstance(exc, click.BadParameter) else exc))
    variants = ["rules", "model", "combined"] if ablation else ["rules" if no_model else "combined"]
    results = {variant: evaluate_corpus(items, variant=variant, criteria=wanted) for variant in variants}
    if output_format == "json":
        click.echo(evaluation.render_json(results), nl=False)
    else:
        click.echo(evaluation.render_text(results, show_errors=show_errors), nl=False)


def _register_subcommands() -> None:
    # Each lives in its own module so the lint path does not import mail, HTML or diff machinery.
    from drafter.batch import batch_command
    from drafter.rewrite_cli import rewrite_command

    main.add_command(batch_command, "batch")
    main.add_command(rewrite_command, "rewrite")


def run() -> None:
    """Entry point that turns any unexpected failure into one line (DRAFTER_DEBUG=1 shows the traceback)."""
    try:
        _register_subcommands()
        main(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("drafter: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the user gets one line, never a traceback
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        click.echo(f"drafter: error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(EXIT_USAGE)
