"""JSON: the report's versioned dict, or a list of them for several inputs."""
from __future__ import annotations

import json

from drafter.report import Report


def render(reports: list[Report], *, single: bool) -> str:
    data = reports[0].to_dict() if single else [r.to_dict() for r in reports]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
