#!/usr/bin/env python3
"""Benchmark: load every built-in rule pack, then evaluate a generated 50-camera, 20-activity deployment.

Prints a table of milliseconds (best of N runs; the first, cold load is shown apart). Target: well under 1 s.
Run with `python3 dev.py bench`.
"""

from __future__ import annotations

import statistics
import sys
import time

from auditor.core.deployment import Deployment
from auditor.rules import packs as packs_module
from auditor.rules.derive import build_facts
from auditor.rules.engine import evaluate

ZONES = ["entrance", "sales_floor", "checkout", "self_checkout", "stockroom", "car_park", "fitting_room_area"]
TECHNIQUES = ["security_recording", "people_count", "heatmap", "reid_tracking", "demographic_age", "emotion",
              "face_id_vip", "face_verification_payment", "vital_signs_heart_rate", "wifi_mac",
              "ble_beacon_app", "mood_music", "age_estimation_sale_control", "behaviour_detection"]


def deployment(cameras: int = 50, activities: int = 20) -> Deployment:
    cams = [{"id": f"CAM-{i:02d}", "zone": ZONES[i % len(ZONES)], "recording": i % 3 != 0,
             "retention_days": [1, 3, 7, 30, 90][i % 5], "purposes": ["theft_prevention"] if i % 2 else ["people_count"],
             "cashier_in_view": i % 4 == 2, "viewers": ["security", "management"], "audio": False, "hidden": False}
            for i in range(cameras)]
    acts = [{"id": f"act-{j:02d}", "name": f"Activity {j}", "technique": TECHNIQUES[j % len(TECHNIQUES)],
             "cameras": [cams[(j * 3 + k) % cameras]["id"] for k in range(3)],
             "signals": ["face"] if j % 2 else [], "subjects": ["customers", "employees"] if j % 3 else ["customers"],
             "legal_basis": ["6(1)(f)", "6(1)(a)"][j % 2]}
            for j in range(activities)]
    return Deployment.model_validate({
        "store": {"name": "Bench store", "country": "FR", "open_to_public": True, "store_count": 3,
                  "visitors_per_day": 4000},
        "controller": {"name": "Bench SA"}, "cameras": cams, "activities": acts,
        "signage": {"present": True, "fields": ["controller", "purposes"]},
    })


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, (time.perf_counter() - start) * 1000


def main(runs: int = 5) -> int:
    dep = deployment()
    packs, cold_load = timed(packs_module.load_builtin_packs)
    rules = sum(len(p.rules) for p in packs)
    rows = []
    for _ in range(runs):
        packs_module._CACHE.clear()                       # measure a real load, not the in-process cache
        packs, load_ms = timed(packs_module.load_builtin_packs)
        facts, derive_ms = timed(lambda: build_facts(dep, audit_date="2026-11-23"))
        findings, eval_ms = timed(lambda facts=facts, packs=packs: evaluate(facts, packs))
        rows.append((load_ms, derive_ms, eval_ms, load_ms + derive_ms + eval_ms))
    best = min(rows, key=lambda r: r[3])
    median_total = statistics.median(r[3] for r in rows)
    print(f"{len(packs)} packs, {rules} rules; deployment: 50 cameras, 20 activities; "
          f"{len(findings)} findings; best of {runs} runs")
    print(f"{'step':<22}{'ms':>10}")
    print(f"{'load packs (cold)':<22}{cold_load:>10.1f}   (first load in this process, imports warm)")
    print(f"{'load packs':<22}{best[0]:>10.1f}")
    print(f"{'derive facts':<22}{best[1]:>10.1f}")
    print(f"{'evaluate':<22}{best[2]:>10.1f}")
    print(f"{'total':<22}{best[3]:>10.1f}   (median {median_total:.1f})")
    target = 1000.0
    print(f"target: < {target:.0f} ms -> {'OK' if best[3] < target else 'TOO SLOW'}")
    return 0 if best[3] < target else 1


if __name__ == "__main__":
    sys.exit(main())
