"""`drafter rewrite`: being written (issue 5)."""
import click


@click.command()
def rewrite_command():
    """Rewrite a draft from template phrases (not yet available)."""
    raise click.ClickException("drafter rewrite is not available in this build")
