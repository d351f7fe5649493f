"""The IoU/centroid tracker and temporal smoothing of redaction boxes."""

from auditor.footage.tracking import Tracker, iou, smooth_boxes


def test_iou() -> None:
    assert iou((0, 0, 10, 10), (0, 0, 10, 10)) == 1.0
    assert iou((0, 0, 10, 10), (20, 20, 5, 5)) == 0.0
    assert abs(iou((0, 0, 10, 10), (5, 0, 10, 10)) - 50 / 150) < 1e-9


def test_tracker_follows_two_walkers_and_ends_tracks() -> None:
    tr = Tracker(max_gap_s=2.0)
    for k in range(5):                                  # two people walking in opposite directions
        t = k * 0.5
        ids = tr.update(t, [(100 + 40 * k, 100, 30, 36), (600 - 40 * k, 300, 30, 36)])
        assert ids == [0, 1]
    tr.update(10.0, [(100, 100, 30, 36)])               # long after: a new person
    tracks = tr.all_tracks()
    assert len(tracks) == 3
    assert [t.hits for t in tracks[:2]] == [5, 5] and tracks[0].dwell_s == 2.0


def test_tracker_does_not_merge_far_apart_faces() -> None:
    tr = Tracker()
    tr.update(0.0, [(0, 0, 20, 20)])
    assert tr.update(0.5, [(900, 500, 20, 20)]) == [1]


def test_tracker_keeps_identity_with_sparse_sampling() -> None:
    tr = Tracker()
    ids = [tr.update(2.0 * k, [(100 + 200 * k, 300, 30, 36)])[0] for k in range(4)]   # 0.5 fps, walking
    assert ids == [0, 0, 0, 0]


def test_smoothing_covers_frames_where_detection_flickered() -> None:
    face = (100.0, 100.0, 20.0, 20.0)
    frames = [[face], [], [face], [], [], [], [face]]
    out = smooth_boxes(frames, radius=2)
    for t in (1, 3, 4, 5):                             # missed at t, found at t-1/t-2 or t+1/t+2
        assert out[t], f"frame {t} left unmasked"
        x, y, w, h = out[t][0]
        assert x <= 100 and y <= 100 and x + w >= 120 and y + h >= 120
    assert smooth_boxes([[face], [], [], [], []], radius=2)[3] == []   # beyond the radius: nothing invented


def test_smoothing_grows_with_distance() -> None:
    out = smooth_boxes([[(100.0, 100.0, 20.0, 20.0)], [], []], radius=2, grow=0.25)
    assert out[2][0][2] > out[1][0][2] > 20.0
