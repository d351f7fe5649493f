"""The fleet roll-up: one JSON, one HTML page with a sortable table, one PDF, from every store's result."""

from __future__ import annotations

import html
import json
from collections import Counter
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.core.model import Severity, Tier

ROLLUP_SCHEMA_VERSION = 1
TOP_RULES = 15
# The core's short verdict words (auditor/core/model.py), plus the fleet's own case of a store not audited.
VERDICT_LABEL: dict[str | None, str] = {**{tier.value: tier.short_label("en") for tier in Tier}, None: "Not audited"}


def build_rollup(run: Any) -> dict[str, Any]:
    """The fleet JSON document (a plain dict) from a FleetRun."""
    stores = []
    rules: dict[str, dict[str, Any]] = {}
    verdicts: Counter[str] = Counter()
    severity: Counter[str] = Counter()
    for state in run.stores:
        res = state.result or {"status": "failed", "problems": ["not run (interrupted)"]}
        entry: dict[str, Any] = {"id": state.spec.id, "config": _rel(state.spec.config, run),
                                 "status": res.get("status", "failed")}
        if res.get("status") == "ok":
            summary = res["summary"]
            entry.update({k: summary[k] for k in ("name", "country", "verdict", "dpia_required", "counts", "waived",
                                                  "questions", "cameras", "cameras_with_footage", "footage_hours",
                                                  "footage_errors", "contradictions")})
            entry["outputs"] = {name: f"stores/{state.spec.id}/{name}" for name in sorted(res.get("files", {}))}
            verdicts[summary["verdict"]] += 1
            for sev, n in summary["counts"].items():
                severity[sev] += n
            for rule in summary["rules"]:
                agg = rules.setdefault(rule["rule_id"], {"rule_id": rule["rule_id"], "title": rule["title"],
                                                         "severity": rule["severity"], "stores": 0, "findings": 0})
                agg["stores"] += 1
                agg["findings"] += rule["findings"]
        else:
            entry["problems"] = res.get("problems", [])
        stores.append(entry)
    ok = [s for s in stores if s["status"] == "ok"]
    top = sorted(rules.values(), key=lambda r: (-r["stores"], -Severity(r["severity"]).rank, -r["findings"],
                                                r["rule_id"]))[:TOP_RULES]
    return {
        "schema_version": ROLLUP_SCHEMA_VERSION,
        "tool_version": __version__,
        "generated_at": run.generated_at,
        "audit_date": run.audit_date,
        "summary": {
            "stores": len(stores),
            "audited": len(ok),
            "failed": len(stores) - len(ok),
            "by_verdict": {t.value: verdicts.get(t.value, 0) for t in Tier},
            "dpia_required": sum(1 for s in ok if s["dpia_required"]),
            "by_severity": {s.value: severity.get(s.value, 0) for s in Severity},
            "cameras": sum(s["cameras"] for s in ok),
            "footage_hours": round(sum(s["footage_hours"] for s in ok), 4),
            "top_rules": top,
            "stores_without_footage": [s["id"] for s in ok if s["cameras_with_footage"] == 0],
            "stores_contradicting_config": [s["id"] for s in ok if s["contradictions"]],
        },
        "stores": stores,
        "skipped": run.skipped,
    }


def run_facts(run: Any) -> dict[str, Any]:
    """How the run went (kept apart from the roll-up, whose content must not depend on the cluster)."""
    return {"wall_s": round(run.wall_s, 3), "camera_hours": round(run.camera_s / 3600, 4), "workers": run.workers,
            "scheduler": run.scheduler, "cached_chunks": run.cached_chunks, "cached_stores": run.cached_stores}


def _rel(path: Path, run: Any) -> str:
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return Path(path).name


def rollup_json(rollup: dict[str, Any]) -> bytes:
    return (json.dumps(rollup, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")


# --- HTML ---------------------------------------------------------------------------------------------------

_SORT_JS = """
document.querySelectorAll('table.sortable th').forEach(function (th, col) {
  th.tabIndex = 0;
  function sort() {
    var table = th.closest('table'), body = table.tBodies[0];
    var asc = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col].dataset.sort || a.cells[col].textContent;
      var y = b.cells[col].dataset.sort || b.cells[col].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  th.addEventListener('click', sort);
  th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
});
"""

_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #1d1d1f; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f0f0f0; cursor: pointer; user-select: none; }
th[aria-sort=ascending]::after { content: " \\25B2"; } th[aria-sort=descending]::after { content: " \\25BC"; }
td.n { text-align: right; }
.prohibited { background: #f8d7da; } .unlawful_until_fixed { background: #fff3cd; }
.lawful_with_conditions { background: #d1e7dd; } .failed { background: #e2e3e5; }
@media (prefers-color-scheme: dark) {
  body { background: #1d1d1f; color: #eee; } th { background: #333; } th, td { border-color: #555; }
  .prohibited { background: #5c1f25; } .unlawful_until_fixed { background: #5c4a10; }
  .lawful_with_conditions { background: #1f4d36; } .failed { background: #444; }
}
"""

_VERDICT_RANK = {Tier.PROHIBITED.value: 3, Tier.UNLAWFUL_UNTIL_FIXED.value: 2, Tier.LAWFUL_WITH_CONDITIONS.value: 1}


def rollup_html(rollup: dict[str, Any]) -> bytes:
    """A self-contained HTML page (no network): summary, sortable store table, top rules, lists."""
    e = html.escape
    s = rollup["summary"]
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           "<title>Fleet audit</title>", f"<style>{_CSS}</style></head><body>",
           f"<h1>Fleet audit — {s['stores']} stores</h1>",
           (f"<p>Audit date {e(rollup['audit_date'])}; generated {e(rollup['generated_at'])} by auditor "
           f"{e(rollup['tool_version'])}. {s['audited']} audited, {s['failed']} failed; {s['cameras']} cameras; "
           f"{s['footage_hours']:.2f} camera-hours of footage analysed.</p>"), "<ul>"]
    for tier in Tier:
        out.append(f"<li>{e(VERDICT_LABEL[tier.value])}: {s['by_verdict'][tier.value]}</li>")
    out.append(f"<li>DPIA required: {s['dpia_required']}</li></ul>")
    sev_heads = "".join(f"<th scope=col>{e(sev.value)}</th>" for sev in Severity)
    out += ["<h2>Stores</h2>", '<table class="sortable"><thead><tr><th scope=col>Store</th><th scope=col>Name</th>'
            "<th scope=col>Country</th><th scope=col>Verdict</th><th scope=col>DPIA</th>" + sev_heads +
            "<th scope=col>Questions</th><th scope=col>Cameras (footage)</th><th scope=col>Footage h</th>"
            "<th scope=col>Footage contradicts config</th><th scope=col>Report</th></tr></thead><tbody>"]
    for st in rollup["stores"]:
        if st["status"] != "ok":
            problems = "<br>".join(e(p) for p in st.get("problems", [])[:5])
            out.append(f'<tr class="failed"><td>{e(st["id"])}</td><td colspan="{9 + len(Severity)}">'
                       f"audit failed: {problems}</td></tr>")
            continue
        counts = "".join(f'<td class="n">{st["counts"][sev.value]}</td>' for sev in Severity)
        contra = ", ".join(e(str(c["camera"])) for c in st["contradictions"]) or "—"
        links = " ".join(f'<a href="{e(path)}">{e(name.rsplit(".", 1)[-1].upper())}</a>'
                         for name, path in st["outputs"].items())
        out.append(f'<tr class="{e(st["verdict"])}"><td>{e(st["id"])}</td><td>{e(str(st["name"] or ""))}</td>'
                   f"<td>{e(str(st['country'] or ''))}</td>"
                   f'<td data-sort="{_VERDICT_RANK.get(st["verdict"], 0)}">{e(VERDICT_LABEL[st["verdict"]])}</td>'
                   f"<td>{'yes' if st['dpia_required'] else 'no'}</td>{counts}"
                   f'<td class="n">{st["questions"]}</td>'
                   f'<td class="n" data-sort="{st["cameras"]}">{st["cameras"]} ({st["cameras_with_footage"]})</td>'
                   f'<td class="n">{st["footage_hours"]:.2f}</td><td>{contra}</td><td>{links}</td></tr>')
    out.append("</tbody></table>")
    out += ["<h2>Rules that fire most across the fleet</h2>",
            ('<table class="sortable"><thead><tr><th scope=col>Rule</th><th scope=col>Title</th>'
            "<th scope=col>Severity</th><th scope=col>Stores</th><th scope=col>Findings</th></tr></thead><tbody>")]
    for r in s["top_rules"]:
        out.append(f"<tr><td>{e(r['rule_id'])}</td><td>{e(r['title'])}</td><td>{e(r['severity'])}</td>"
                   f'<td class="n">{r["stores"]}</td><td class="n">{r["findings"]}</td></tr>')
    out.append("</tbody></table>")
    out += ["<h2>Stores without footage</h2>", _html_list(s["stores_without_footage"]),
            "<h2>Stores whose footage contradicts their config</h2>",
            ("<p>Cameras declared for anonymous purposes only (counting, occupancy, heatmaps, audience measurement) "
            "whose footage shows identification-grade faces.</p>"), _html_list(s["stores_contradicting_config"])]
    if rollup["skipped"]:
        out += ["<h2>YAML files skipped</h2>",
                _html_list([f"{x['path']}: {x['reason']}" for x in rollup["skipped"]])]
    out += [f"<script>{_SORT_JS}</script>", "</body></html>"]
    return ("\n".join(out) + "\n").encode("utf-8")


def _html_list(items: list[str]) -> str:
    if not items:
        return "<p>None.</p>"
    return "<ul>" + "".join(f"<li>{html.escape(str(i))}</li>" for i in items) + "</ul>"


# --- PDF ----------------------------------------------------------------------------------------------------

def write_rollup_pdf(rollup: dict[str, Any], path: Path) -> None:
    """The fleet report as a PDF (landscape A4): summary, stores table, top rules, lists."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer

    from auditor.report import atomic_writer
    from auditor.report.styles import register_fonts, styles, table_style

    register_fonts()
    st = styles()
    s = rollup["summary"]

    def p(text: str, style: str = "body") -> Paragraph:
        return Paragraph(html.escape(text), st[style] if style in st else st["body"])

    story: list[Any] = [p(f"Fleet audit — {s['stores']} stores", "h1"),
                        p(f"Audit date {rollup['audit_date']}; generated {rollup['generated_at']} by auditor "
                          f"{rollup['tool_version']}. {s['audited']} audited, {s['failed']} failed; {s['cameras']} "
                          f"cameras; {s['footage_hours']:.2f} camera-hours of footage analysed."),
                        p("; ".join(f"{VERDICT_LABEL[t.value]}: {s['by_verdict'][t.value]}" for t in Tier)
                          + f"; DPIA required: {s['dpia_required']}"), Spacer(1, 4 * mm), p("Stores", "h2")]
    head = ["Store", "Verdict", "DPIA", *[sev.value for sev in Severity], "Questions", "Cameras (footage)",
            "Contradiction"]
    rows: list[list[Any]] = [[p(h, "small") for h in head]]
    shades = []
    order = sorted(rollup["stores"], key=lambda x: (-_VERDICT_RANK.get(x.get("verdict"), 0), x["id"]))
    for i, stx in enumerate(order, start=1):
        if stx["status"] != "ok":
            rows.append([p(stx["id"], "small"), p("audit failed", "small"), "", *([""] * len(Severity)), "", "",
                         p("; ".join(stx.get("problems", [])[:2])[:300], "small")])
            continue
        rows.append([p(stx["id"], "small"), p(VERDICT_LABEL[stx["verdict"]], "small"),
                     "yes" if stx["dpia_required"] else "no",
                     *[str(stx["counts"][sev.value]) for sev in Severity], str(stx["questions"]),
                     f"{stx['cameras']} ({stx['cameras_with_footage']})",
                     p(", ".join(str(c["camera"]) for c in stx["contradictions"]) or "—", "small")])
        colour = {Tier.PROHIBITED.value: colors.HexColor("#f8d7da"),
                  Tier.UNLAWFUL_UNTIL_FIXED.value: colors.HexColor("#fff3cd")}.get(stx["verdict"])
        if colour is not None:
            shades.append(("BACKGROUND", (1, i), (1, i), colour))
    widths = [55 * mm, 38 * mm, 14 * mm] + [16 * mm] * len(Severity) + [18 * mm, 26 * mm, 60 * mm]
    table = LongTable(rows, colWidths=widths, repeatRows=1)
    table.setStyle(table_style(rows=len(rows)))
    for cmd in shades:
        table.setStyle([cmd])
    story += [table, Spacer(1, 4 * mm), p("Rules that fire most across the fleet", "h2")]
    rrows: list[list[Any]] = [[p(h, "small") for h in ("Rule", "Title", "Severity", "Stores", "Findings")]]
    for r in s["top_rules"]:
        rrows.append([p(r["rule_id"], "small"), p(r["title"], "small"), r["severity"], str(r["stores"]),
                      str(r["findings"])])
    rt = LongTable(rrows, colWidths=[75 * mm, 130 * mm, 22 * mm, 18 * mm, 20 * mm], repeatRows=1)
    rt.setStyle(table_style(rows=len(rrows)))
    story += [rt, Spacer(1, 4 * mm), p("Stores without footage", "h2"),
              p(", ".join(s["stores_without_footage"]) or "None."),
              p("Stores whose footage contradicts their config", "h2"),
              p(", ".join(s["stores_contradicting_config"]) or "None.")]
    with atomic_writer(path, "wb") as fh:
        doc = SimpleDocTemplate(fh, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                                topMargin=12 * mm, bottomMargin=12 * mm, title="Fleet audit",
                                author=f"auditor {__version__}", invariant=1)
        doc.build(story)
