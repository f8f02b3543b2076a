"""CSV: one row per message, with a score and a verdict column per criterion."""
from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence

BASE_COLUMNS = ["id", "source", "subject", "sender", "date", "is_incident", "incident_probability", "scored",
                "score", "passed", "findings", "errors", "warnings", "infos", "error"]


def columns(criterion_ids: Sequence[str]) -> list[str]:
    return BASE_COLUMNS[:-1] + [f"{cid}_{part}" for cid in criterion_ids for part in ("score", "verdict")] + ["error"]


def write(rows: Iterable[dict], path: str, criterion_ids: Sequence[str]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=columns(criterion_ids), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: neutralised(value) for key, value in flatten(row).items()})


def neutralised(value):
    """Text from an email that a spreadsheet would run as a formula ("=HYPERLINK(...)") is prefixed
    with an apostrophe, so opening the CSV never executes message content."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def flatten(row: dict) -> dict:
    incident = row.get("is_incident") or {}
    counts = row.get("finding_counts") or {}
    flat = {
        **{key: row.get(key) for key in ("id", "source", "subject", "sender", "date", "scored", "score", "passed",
                                         "error")},
        "is_incident": incident.get("verdict"),
        "incident_probability": incident.get("probability"),
        "findings": sum(counts.values()) if counts else None,
        "errors": counts.get("error"),
        "warnings": counts.get("warning"),
        "infos": counts.get("info"),
    }
    for cid, result in (row.get("criteria") or {}).items():
        flat[f"{cid}_score"] = result["score"]
        flat[f"{cid}_verdict"] = result["verdict"]
    return flat
