"""Section 2 of the report: the systematic description of the processing (GDPR Art 35(7)(a)).
"""

from __future__ import annotations

from typing import Any

from auditor.core.i18n import N_
from auditor.report import i18n
from auditor.report.i18n import t
from auditor.report.sections.common import (
    Flowable,
    _Ctx,
    _Headings,
    _Raw,
    _dict,
    _e,
    _kv,
    _list,
    _p,
    _store,
    _table,
    store_name,
)


def _days(v: Any, lang: str) -> str:
    if v is None:
        return t(lang, "not declared")
    return t(lang, "{n} day(s)", n=i18n.format_number(v, lang))


def _no_activity_text(facts: dict, lang: str) -> str:
    """No activity declared: say so, and say that recording cameras are a processing operation all the same."""
    recording = [c for c in _list(facts.get("cameras")) if isinstance(c, dict) and c.get("recording")]
    if recording:
        return t(lang, "No processing activity is declared, but {n} camera(s) record images: the recording is "
                       "itself a processing operation (video surveillance). Declare it as an activity with its "
                       "purpose and legal basis.", n=i18n.format_number(len(recording), lang))
    return t(lang, "No processing activity is declared.")


def _description(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    r, lang = ctx.result, ctx.lang
    f = r.facts
    out = h.h1(ctx, "Systematic description of the processing", art=N_("GDPR Art 35(7)(a)"))
    out.append(_p(_e(t(lang, "This section describes the processing operations and their purposes, as declared in "
                             "the deployment configuration."))))
    store = _store(r)
    controller = _dict(f.get("controller"))
    out.append(h.h2(ctx, t(lang, "Context"), "context"))
    rows = [
        (t(lang, "Store"), store_name(r)),
        (t(lang, "Store type"), i18n.vocab("store_type", store.get("type"), lang)),
        (t(lang, "Address"), store.get("address") or t(lang, "not declared")),
        (t(lang, "Country"), i18n.country_name(store.get("country"), lang)),
        (t(lang, "Opening hours"), store.get("opening_hours") or t(lang, "not declared")),
        (t(lang, "Open to the public"), i18n.yes_no(store.get("open_to_public"), lang)),
        (t(lang, "Stores covered"), i18n.format_number(store.get("store_count", 1), lang)),
        (t(lang, "Visitors per day"), i18n.format_number(store.get("visitors_per_day"), lang)
         if store.get("visitors_per_day") is not None else t(lang, "not declared")),
        (t(lang, "Employees at the site"), i18n.format_number(store.get("employees"), lang)
         if store.get("employees") is not None else t(lang, "not declared")),
        (t(lang, "Controller"), ", ".join(str(x) for x in (controller.get("name"), controller.get("country") and
                                                                i18n.country_name(controller.get("country"), lang),
                                                                controller.get("contact")) if x) or "—"),
    ]
    joint = _list(f.get("joint_controllers"))
    if joint:
        rows.append((t(lang, "Joint controllers"), ", ".join(str(_dict(j).get("name")) for j in joint)))
    out.append(_kv(rows))

    acts = [a for a in _list(f.get("activities")) if isinstance(a, dict)]
    out.append(h.h2(ctx, t(lang, "Processing activities and purposes"), "activities"))
    if acts:
        rows2: list[list[Any]] = [[t(lang, "Activity"), t(lang, "Technique"), t(lang, "Purpose"),
                                   t(lang, "Legal basis"), t(lang, "Cameras"), t(lang, "AI Act type")]]
        for a in acts:
            purpose = i18n.vocab("purpose_category", a.get("purpose_category"),
                                 lang) if a.get("purpose_category") else ""
            if a.get("purpose"):
                purpose = f"{purpose}{i18n.colon(lang)}{a['purpose']}" if purpose else str(a["purpose"])
            basis = i18n.vocab("legal_basis", a.get("legal_basis"), lang)
            if a.get("art9_exceptions"):
                basis += f"; {t(lang, 'Art 9(2) exception')} {', '.join(a['art9_exceptions'])}"
            rows2.append([_Raw(f"<b>{_e(a.get('name'))}</b><br/><font size=6.8>{_e(a.get('id'))}</font>"),
                          i18n.vocab("technique", a.get("technique"), lang), purpose or "—", basis,
                          ", ".join(_list(a.get("cameras"))) or "—",
                          i18n.vocab("ai_type", _dict(a.get("derived")).get("aiact_type", "none"), lang)])
        out.append(_table(rows2, [3.1, 2.5, 3.4, 2.6, 1.6, 2.8]))
    else:
        out.append(_p(_e(_no_activity_text(f, lang))))

    out.append(h.h2(ctx, t(lang, "Data categories and data subjects"), "data"))
    if acts:
        rows3: list[list[Any]] = [[t(lang, "Activity"), t(lang, "Data categories"), t(lang, "Data subjects"),
                                   t(lang, "Special categories")]]
        for a in acts:
            rows3.append([a.get("name"), i18n.vocab_list("data_category", a.get("data_categories"), lang),
                          i18n.vocab_list("subject", a.get("subjects"), lang),
                          i18n.vocab_list("special_category", _dict(a.get("derived")).get("special_categories"), lang)])
        out.append(_table(rows3, [3, 4, 3, 3]))
    else:
        out.append(_p(_e(_no_activity_text(f, lang))))

    out.append(h.h2(ctx, t(lang, "Recipients and processors"), "recipients"))
    vendors = [v for v in _list(f.get("vendors")) if isinstance(v, dict)]
    if vendors:
        rows4: list[list[Any]] = [[t(lang, "Vendor"), t(lang, "Role"), t(lang, "Country"), t(lang, "Receives"),
                                   t(lang, "Art 28 contract"), t(lang, "Transfer mechanism")]]
        for v in vendors:
            rows4.append([v.get("name"), i18n.vocab("vendor_role", v.get("role"), lang),
                          i18n.country_name(v.get("country"), lang) if v.get("country") else "—",
                          i18n.vocab_list("data_category", v.get("receives"), lang),
                          i18n.yes_no(v.get("art28_contract"), lang),
                          i18n.vocab("mechanism", v.get("transfer_mechanism"), lang)
                          if v.get("transfer_mechanism") else "—"])
        out.append(_table(rows4, [3, 2.2, 1.5, 3.8, 1.6, 3]))
    else:
        out.append(_p(_e(t(lang, "No vendor or processor is declared."))))
    recipients = _list(f.get("recipients"))
    if recipients:
        out.append(_p(f"<b>{_e(t(lang, 'Other recipients of footage'))}</b>{i18n.colon(lang)}"
                      + _e(i18n.vocab_list("recipient", recipients, lang))))

    out.append(h.h2(ctx, t(lang, "Transfers outside the EEA"), "transfers"))
    transfers = []
    for a in acts:
        for tr in _list(_dict(a.get("derived")).get("transfers_outside_eea")):
            tr = _dict(tr)
            transfers.append([a.get("name"), i18n.country_name(tr.get("country"), lang) if tr.get("country") else "—",
                              tr.get("recipient") or "—",
                              i18n.vocab("mechanism", tr.get("mechanism") or "none", lang)])
        if not _dict(a.get("derived")).get("transfers_outside_eea"):
            for tr in _list(a.get("transfers")):
                tr = _dict(tr)
                transfers.append([a.get("name"), i18n.country_name(tr.get("country"),
                                                                   lang) if tr.get("country") else "—",
                              tr.get("recipient") or "—",
                                  i18n.vocab("mechanism", tr.get("mechanism") or "none", lang)])
    if transfers:
        out.append(_table([[t(lang, "Activity"), t(lang, "Country"), t(lang, "Recipient"),
                            t(lang, "Transfer mechanism")]] + transfers, [3, 1.4, 3, 3.5]))
    else:
        out.append(_p(_e(t(lang, "No transfer outside the EEA is declared or derived."))))

    cams = [c for c in _list(f.get("cameras")) if isinstance(c, dict)]
    out.append(h.h2(ctx, t(lang, "Retention periods"), "retention"))
    rows5: list[list[Any]] = [[t(lang, "Item"), t(lang, "Retention"), t(lang, "Automatic deletion"),
                               t(lang, "Justification")]]
    for c in cams:
        rows5.append([t(lang, "camera {id}", id=c.get("id")), _days(c.get("retention_days"), lang),
                      i18n.yes_no(c.get("auto_delete"), lang), c.get("retention_justification") or "—"])
    for a in acts:
        if a.get("retention_days") is not None:
            rows5.append([t(lang, "activity {id}", id=a.get("id")), _days(a.get("retention_days"), lang), "—", "—"])
    if len(rows5) > 1:
        out.append(_table(rows5, [2.6, 1.6, 1.6, 5]))
    else:
        out.append(_p(_e(t(lang, "No camera is declared."))))

    out.append(h.h2(ctx, t(lang, "Cameras"), "cameras"))
    if cams:
        rows6: list[list[Any]] = [[t(lang, "Camera"), t(lang, "Zone"), t(lang, "View"), t(lang, "Resolution"),
                                   t(lang, "Purposes"), t(lang, "Recording"), t(lang, "Retention"),
                                   t(lang, "Viewers")]]
        for c in cams:
            rec = i18n.yes_no(c.get("recording"), lang)
            if c.get("schedule"):
                rec += f" ({i18n.vocab('schedule', c.get('schedule'), lang)})"
            name = f"<b>{_e(c.get('id'))}</b>" + (f"<br/>{_e(c.get('name'))}" if c.get("name") else "")
            rows6.append([_Raw(name), i18n.vocab("zone", c.get("zone"), lang),
                          i18n.vocab("view", c.get("view"), lang) if c.get("view") else "—",
                          c.get("resolution") or "—", i18n.vocab_list("purpose", c.get("purposes"), lang), rec,
                          _days(c.get("retention_days"), lang) if c.get("retention_days") is not None else "—",
                          i18n.vocab_list("viewer", c.get("viewers"), lang)])
        out.append(_table(rows6, [2.1, 1.8, 1.4, 1.9, 2.8, 1.8, 1.6, 2.1]))
    else:
        out.append(_p(_e(t(lang, "No camera is declared."))))

    sensors = [x for x in _list(f.get("sensors")) if isinstance(x, dict)]
    if sensors:                  # WiFi probes, beacons, thermal sensors...: devices of the processing too
        out.append(h.h2(ctx, t(lang, "Other sensors"), "sensors"))
        rows7: list[list[Any]] = [[t(lang, "Sensor"), t(lang, "Kind"), t(lang, "Number"), t(lang, "Zone"),
                                   t(lang, "Purposes"), t(lang, "Vendor"), t(lang, "Used by")]]
        for x in sensors:
            name = f"<b>{_e(x.get('id'))}</b>" + (f"<br/>{_e(x.get('placement'))}" if x.get("placement") else "")
            users = [str(a.get("id")) for a in acts if x.get("id") in _list(a.get("sensors"))]
            rows7.append([_Raw(name), i18n.vocab("sensor_kind", x.get("kind"), lang),
                          i18n.format_number(x.get("count", 1), lang),
                          i18n.vocab("zone", x.get("zone"), lang) if x.get("zone") else "—",
                          i18n.vocab_list("purpose", x.get("purposes"), lang), x.get("vendor") or "—",
                          ", ".join(users) or "—"])
        out.append(_table(rows7, [3.0, 2.2, 1.7, 1.9, 2.8, 2.1, 1.8]))
    return out
