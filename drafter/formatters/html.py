"""The HTML report of a batch: one self-contained file (inline CSS, JS and SVG; no network).

Every piece of message text, header and finding reaches the page through Jinja2 with
autoescaping on; highlighted text is built from escaped segments, never by pasting text into
markup. Rows are read from the JSONL twice (table, then texts) as the page is written, so the
report of a large archive is not held in memory."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import jinja2

from drafter.formatters.summary import BINS, Summary

SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}
BAR_CHART_WIDTH = 320  # px for a 100% bar
HIST_WIDTH, HIST_HEIGHT = 150, 60
MONTH_BAR, MONTH_HEIGHT = 18, 100


def environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("drafter", "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def write(rows: Callable[[], Iterable[dict]], summary: Summary, path: str) -> None:
    """Render the report to ``path``; ``rows`` is called once per pass over the results."""
    template = environment().get_template("report.html.j2")
    stream = template.generate(
        summary=summary,
        fail_bars=fail_bars(summary),
        histograms=histograms(summary),
        months=month_bars(summary),
        criterion_ids=[cid for cid, *_ in summary.fail_rates()],
        table_rows=table_rows(rows()),
        details=detail_rows(rows()),
        bins=BINS,
    )
    with open(path, "w", encoding="utf-8") as file:
        for chunk in stream:
            file.write(chunk)


def fail_bars(summary: Summary) -> list[dict]:
    return [{"label": cid, "rate": rate, "width": round(rate * BAR_CHART_WIDTH, 1), "failed": failed, "total": total}
            for cid, rate, failed, total in summary.fail_rates()]


def histograms(summary: Summary) -> list[dict]:
    """One small histogram per score series: overall first, then each criterion."""
    keys = ["overall"] + sorted(k for k in summary.histograms if k != "overall")
    charts = []
    for key in keys:
        counts = summary.histograms.get(key)
        if not counts:
            continue
        peak = max(counts) or 1
        width = HIST_WIDTH / BINS
        bars = [{"x": round(i * width, 1), "width": round(width - 1, 1), "height": round(c / peak * HIST_HEIGHT, 1),
                 "y": round(HIST_HEIGHT - c / peak * HIST_HEIGHT, 1), "count": c,
                 "range": f"{i * BINS}-{i * BINS + BINS - 1 if i < BINS - 1 else 100}"}
                for i, c in enumerate(counts)]
        charts.append({"label": key, "bars": bars})
    return charts


def month_bars(summary: Summary) -> list[dict]:
    return [{"month": month, "n": n, "mean": mean, "failed": failed, "x": i * (MONTH_BAR + 4),
             "height": round(mean / 100 * MONTH_HEIGHT, 1), "y": round(MONTH_HEIGHT - mean / 100 * MONTH_HEIGHT, 1)}
            for i, (month, n, mean, failed) in enumerate(summary.month_rows())]


def table_rows(rows: Iterable[dict]) -> Iterator[dict]:
    for number, row in enumerate(rows, 1):
        yield {**row, "number": number, "anchor": f"m{number}" if row.get("scored") else None,
               "incident_p": (row.get("is_incident") or {}).get("probability"),
               "finding_total": sum((row.get("finding_counts") or {}).values())}


def detail_rows(rows: Iterable[dict]) -> Iterator[dict]:
    for number, row in enumerate(rows, 1):
        if row.get("scored") and row.get("text") is not None:
            yield {**row, "anchor": f"m{number}",
                   "segments": segments(row["text"], row.get("findings", []), row.get("excluded", []))}


def segments(text: str, findings: list[dict], excluded: list[list[int]]) -> list[dict]:
    """``text`` cut at every finding and excluded-region boundary. Each piece carries the most
    severe finding over it (for the highlight colour), every message over it (for the tooltip)
    and whether it is quoted or signature text. The template escapes each piece."""
    bounds = {0, len(text)}
    for f in findings:
        bounds.update((max(0, min(f["start"], len(text))), max(0, min(f["end"], len(text)))))
    for start, end in excluded:
        bounds.update((start, end))
    edges = sorted(bounds)
    pieces = []
    for start, end in zip(edges, edges[1:]):
        over = [f for f in findings if f["start"] <= start and end <= f["end"] and f["start"] < f["end"]]
        severity = max((f["severity"] for f in over), key=lambda s: SEVERITY_RANK.get(s, 0), default=None)
        pieces.append({
            "text": text[start:end],
            "severity": severity,
            "note": "; ".join(f"{f['rule']}: {f['message']}" for f in over),
            "excluded": any(a <= start and end <= b for a, b in excluded),
        })
    return pieces
