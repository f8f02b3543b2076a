"""Reading the package's TOML data files and a user's drafter.toml (TOML only, never code)."""
from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


class ConfigError(ValueError):
    """A configuration file that cannot be used."""


def load_toml_resource(name: str) -> dict:
    """A TOML file shipped under drafter/data/."""
    text = resources.files("drafter").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return tomllib.loads(text)


def load_toml_file(path: Path) -> dict:
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read config {path}: {exc.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config {path} is not valid TOML: {exc}") from None
