"""`drafter batch`: being written (issue 6)."""
import click


@click.command()
def batch_command():
    """Check an archive of past incident emails (not yet available)."""
    raise click.ClickException("drafter batch is not available in this build")
