"""The Overview tab: verdict, DPIA decision, counts, top actions, risk map, camera tiles, what the audit missed."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QImage, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from auditor.core.model import AuditResult, Finding, Severity, Tier
from auditor.gui import services
from auditor.gui.findings_model import is_dark_palette, severity_colour

TIER_COLOURS = {Tier.PROHIBITED: "#8e0000", Tier.UNLAWFUL_UNTIL_FIXED: "#b71c1c",
                Tier.LAWFUL_WITH_CONDITIONS: "#2e7d32"}
TIER_COLOURS_DARK = {Tier.PROHIBITED: "#ff8a80", Tier.UNLAWFUL_UNTIL_FIXED: "#ffab91",
                     Tier.LAWFUL_WITH_CONDITIONS: "#a5d6a7"}
TOP_ACTIONS = 5


def risk_map_image(result: AuditResult, lang: str, *, scale: float = 1.15) -> QImage | None:
    """The report's own risk-map drawing, rasterised in memory (ReportLab -> PDF bytes -> pdfium -> QImage)."""
    try:
        from reportlab.graphics import renderPDF

        from auditor.report.raster import render_page
        from auditor.report.risk import assess, risk_map

        drawing = risk_map(assess(result), lang, width=300)
        image, _ = render_page(renderPDF.drawToString(drawing), scale=scale)
    except Exception:              # the tab still shows everything else; the report has the map
        return None
    data = image.tobytes()
    return QImage(data, image.width, image.height, 3 * image.width, QImage.Format.Format_RGB888).copy()


class OverviewPage(QScrollArea):
    """Read first by a DPO: what the audit means, in large type, then what to do."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.setWidget(body)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 12)
        self.verdict = QLabel()
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.verdict.setFont(font)
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason = self._text()
        self.counts = self._text()
        self.dpia = self._text()
        self.actions_title = QLabel()
        self.top_actions = self._text()
        self.risk_title = QLabel()
        self.risk = QLabel()
        self.risk.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.cameras_title = QLabel()
        self.tiles = QGridLayout()
        self.tiles.setSpacing(8)
        self.unseen_title = QLabel()
        self.unseen = self._text()
        for w in (self.verdict, self.reason, self.counts, self.dpia, self.actions_title, self.top_actions):
            layout.addWidget(w)
        row = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.risk_title)
        left.addWidget(self.risk)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.cameras_title)
        right.addLayout(self.tiles)
        right.addStretch(1)
        row.addLayout(left)
        row.addLayout(right, 1)
        layout.addLayout(row)
        layout.addWidget(self.unseen_title)
        layout.addWidget(self.unseen)
        layout.addStretch(1)
        self._risk_cache: dict[tuple[int, str, float], QImage | None] = {}

    @staticmethod
    def _text() -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # --- wording --------------------------------------------------------------------------------------------

    def tier_text(self, tier: Tier) -> str:
        return {Tier.PROHIBITED: self.tr("Prohibited: cannot be made lawful as designed"),
                Tier.UNLAWFUL_UNTIL_FIXED: self.tr("Unlawful until fixed: must not start or go on as it is"),
                Tier.LAWFUL_WITH_CONDITIONS: self.tr("Lawful with conditions")}[tier]

    def _severity(self, s: Severity) -> str:
        return {Severity.BLOCKER: self.tr("blocker"), Severity.MAJOR: self.tr("major"),
                Severity.MINOR: self.tr("minor"), Severity.INFO: self.tr("info")}[s]

    # --- filling --------------------------------------------------------------------------------------------

    def set_result(self, result: AuditResult | None, lang: str, previews: services.PreviewCache | None = None) -> None:
        e = html.escape
        if result is None:
            self.verdict.setText(self.tr("No audit yet"))
            self.verdict.setStyleSheet("")
            self.reason.setText(self.tr("Run the audit (F5) to see the verdict, the DPIA decision and what to do."))
            for w in (self.counts, self.dpia, self.top_actions, self.unseen, self.actions_title, self.risk_title,
                      self.cameras_title, self.unseen_title):
                w.clear()
            self.risk.clear()
            self._fill_tiles(None, lang, previews)
            return
        tier = result.verdict()
        self.verdict.setText(self.tier_text(tier))
        dark = is_dark_palette()
        self.verdict.setStyleSheet(f"color: {(TIER_COLOURS_DARK if dark else TIER_COLOURS)[tier]};")
        self.reason.setText(self._reason(result, tier, lang))
        c = result.counts()
        questions = sum(1 for f in result.findings if f.question and not f.is_waived)
        waived = sum(result.counts(waived=True).values())
        parts = [f'<span style="color:{severity_colour(s)}"><b>{c[s.value]}</b> {e(self._severity(s))}</span>'
                 for s in Severity]
        self.counts.setText(" · ".join(parts) + " · " + e(self.tr("%1 open question(s), %2 waived")
                                                            .replace("%1", str(questions)).replace("%2", str(waived))))
        self.dpia.setText(self._dpia(result, lang))
        self.actions_title.setText("<b>" + e(self.tr("Top actions")) + "</b>")
        self.top_actions.setText(self._actions(result, lang))
        self.risk_title.setText("<b>" + e(self.tr("Risk map (before → after the measures)")) + "</b>")
        ratio = self.devicePixelRatioF()
        key = (id(result), lang, ratio)
        if key not in self._risk_cache:
            image = risk_map_image(result, lang, scale=1.15 * ratio)     # sharp on HiDPI screens
            if image is not None:
                image.setDevicePixelRatio(ratio)
            self._risk_cache = {key: image}
        image = self._risk_cache[key]
        if image is not None:
            self.risk.setPixmap(QPixmap.fromImage(image))
        else:
            self.risk.setText(self.tr("The risk map could not be drawn; it is in the report."))
        self.cameras_title.setText("<b>" + e(self.tr("Cameras")) + "</b>")
        self._fill_tiles(result, lang, previews)
        self.unseen_title.setText("<b>" + e(self.tr("What the audit could not see")) + "</b>")
        self.unseen.setText(self._unseen(result, lang))

    def _reason(self, result: AuditResult, tier: Tier, lang: str) -> str:
        e = html.escape
        if tier is Tier.LAWFUL_WITH_CONDITIONS:
            c = result.counts()
            return e(self.tr("No decided blocker. %1 major and %2 minor finding(s) remain to address.")
                     .replace("%1", str(c["major"])).replace("%2", str(c["minor"])))
        decisive = [f for f in result.findings if f.verdict_tier is tier]
        items = "".join(f"<li>{e(f.title.get(lang))} <small>({e(f.rule_id)}, "
                        f"{e(services.subject_text(f.subject, lang))})</small></li>" for f in decisive[:4])
        more = len(decisive) - 4
        tail = ("<p>" + e(self.tr("and %1 more.").replace("%1", str(more))) + "</p>") if more > 0 else ""
        return e(self.tr("Because of:")) + f"<ul>{items}</ul>{tail}"

    def _dpia(self, result: AuditResult, lang: str) -> str:
        e = html.escape
        derived = result.facts.get("derived") or {}
        wp = derived.get("wp248") or {}
        met = [c for c in wp.get("criteria") or [] if c.get("met")]
        head = self.tr("DPIA required.") if derived.get("dpia_required") else self.tr("No DPIA requirement derived.")
        text = f"<b>{e(head)}</b> " + e(self.tr("%1 of 9 WP248 criteria met").replace("%1", str(len(met))))
        if met:
            colon, semicolon = (" : ", " ; ") if lang == "fr" else (": ", "; ")
            text += colon + e(semicolon.join(f"{c.get('number')}. {services.criterion_name(c, lang)}" for c in met))
        text += "."
        extra = [r for r in derived.get("dpia_reasons") or [] if not str(r).startswith("WP248")]
        if extra and lang == "en":
            text += "<br><small>" + "<br>".join(e(str(r)) for r in extra) + "</small>"
        elif derived.get("art35_3"):
            text += "<br><small>" + e(self.tr("GDPR Art 35(3)(%1) applies.")
                                      .replace("%1", ")(".join(derived["art35_3"]))) + "</small>"
        return text

    def _actions(self, result: AuditResult, lang: str) -> str:
        e = html.escape
        todo = sorted((f for f in result.findings if not f.is_waived and not f.question),
                      key=lambda f: (-f.severity.rank, -(f.verdict_tier.rank), f.rule_id, f.subject))
        if not todo:
            return e(self.tr("No action required by the rules."))
        rows = []
        for f in _unique_by_rule(todo)[:TOP_ACTIONS]:
            rows.append(f'<li><span style="color:{severity_colour(f.severity)}"><b>{e(self._severity(f.severity))}'
                        f"</b></span> {e(f.remediation.get(lang))} <small>({e(f.rule_id)})</small></li>")
        return f"<ol>{''.join(rows)}</ol>"

    def _unseen(self, result: AuditResult, lang: str) -> str:
        e = html.escape
        lines = []
        for cam in result.facts.get("cameras", []):
            if not cam.get("footage"):
                lines.append(self.tr("Camera %1: no footage analysed; its findings rest on the declared configuration.")
                             .replace("%1", str(cam.get("id"))))
        for err in result.footage_errors:
            text = (self.tr("Camera %1: %2 was only partly read (%3).") if err.get("partial")
                    else self.tr("Camera %1: %2 could not be read (%3)."))
            lines.append(text.replace("%1", str(err.get("camera", "")))
                         .replace("%2", str(err.get("path", "")).rsplit("/", 1)[-1])
                         .replace("%3", str(err.get("message", ""))))
        questions = sum(1 for f in result.findings if f.question and not f.is_waived)
        if questions:
            lines.append(self.tr("%1 point(s) the rules could not decide: see the Questions tab.")
                         .replace("%1", str(questions)))
        if not lines:
            lines.append(self.tr("Every camera's footage was analysed and every rule could decide."))
        return "<ul>" + "".join(f"<li>{e(x)}</li>" for x in lines) + "</ul>"

    def _fill_tiles(self, result: AuditResult | None, lang: str, previews: services.PreviewCache | None) -> None:
        while self.tiles.count():
            item = self.tiles.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        if result is None:
            return
        for i, cam in enumerate(result.facts.get("cameras", [])):
            self.tiles.addWidget(self._tile(cam, lang, previews), i, 0)

    def _tile(self, cam: dict[str, Any], lang: str, previews: services.PreviewCache | None) -> QFrame:
        e = html.escape
        tile = QFrame()
        tile.setFrameShape(QFrame.Shape.StyledPanel)
        tile.setObjectName(f"tile-{cam.get('id')}")
        row = QHBoxLayout(tile)
        thumb = QLabel()
        thumb.setFixedSize(services.THUMB_SIZE)
        frames = (cam.get("footage") or {}).get("evidence_frames") or []
        image = previews.thumbnail(frames[0]) if previews is not None and frames else None
        if image is not None:
            thumb.setPixmap(QPixmap.fromImage(image))
        row.addWidget(thumb)
        footage = cam.get("footage") or {}
        derived = cam.get("derived") or {}
        zone = services.zone_text(str(cam.get("zone", "")), lang)
        lines = [f"<b>{e(str(cam.get('id')))}</b> · {e(zone)}"]
        if footage:
            lines.append(e(self.tr("DORI: %1").replace("%1", str(footage.get("dori_class", "?")))))
            id_grade = bool(derived.get("id_grade_capture"))
            flag = self.tr("identification-grade faces: yes") if id_grade else \
                self.tr("identification-grade faces: no")
            colour = ("#ff8a80" if id_grade else "#a5d6a7") if is_dark_palette() else \
                ("#b71c1c" if id_grade else "#2e7d32")
            lines.append(f'<span style="color:{colour}">{e(flag)}</span>')
        else:
            lines.append(e(self.tr("no footage analysed")))
        text = QLabel("<br>".join(lines))
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setWordWrap(True)
        row.addWidget(text, 1)
        return tile


def _unique_by_rule(findings: list[Finding]) -> list[Finding]:
    seen: set[str] = set()
    out = []
    for f in findings:
        if f.rule_id not in seen:
            seen.add(f.rule_id)
            out.append(f)
    return out
