"""Labels beside the points of a scatter chart, placed so that they cover neither each other nor the points."""

from __future__ import annotations

import math

import numpy as np


def place_labels(ax, points, errors, labels, renderer, *, fontsize: float) -> list:
    """Write each label next to its point, away from the other labels, points and error bars.

    Each label tries offsets in 16 directions at growing distances and takes the cheapest: covering
    or touching another label, leaving the axes, sitting on another label's leader line or a leader
    crossing a label or another line cost most, covering a point or an error bar less, distance a
    little. Labels far from their point get a thin leader line. Greedy, most crowded points first, then
    two passes that move each label again. A label of None leaves its point unlabelled (it still counts
    as an obstacle); the texts are returned in the order of the labels, without the unlabelled ones.
    """
    px = ax.figure.dpi / 72.0
    f = ax.get_window_extent(renderer)
    frame = (f.x0, f.y0, f.x1, f.y1)
    n = len(points)
    xy = [tuple(ax.transData.transform(p)) for p in points]
    obstacles = []  # (owner, box, weight)
    for i, ((mx, my), (sx, sy)) in enumerate(zip(points, errors)):
        cx, cy = xy[i]
        obstacles.append((i, (cx - 6 * px, cy - 6 * px, cx + 6 * px, cy + 6 * px), 4.0))
        (x0, _), (x1, _) = ax.transData.transform([(mx - sx, my), (mx + sx, my)])
        (_, y0), (_, y1) = ax.transData.transform([(mx, my - sy), (mx, my + sy)])
        obstacles.append((i, (x0, cy - 3 * px, x1, cy + 3 * px), 1.0))
        obstacles.append((i, (cx - 3 * px, y0, cx + 3 * px, y1), 1.0))
    sizes = []
    for label in labels:
        if label is None:
            sizes.append((0.0, 0.0))
            continue
        t = ax.text(0, 0, label, fontsize=fontsize)
        e = t.get_window_extent(renderer)
        t.remove()
        sizes.append((e.width + 6 * px, e.height + 4 * px))  # with the white pad behind the text

    def overlap(a, b):
        w = min(a[2], b[2]) - max(a[0], b[0])
        h = min(a[3], b[3]) - max(a[1], b[1])
        return w * h if w > 0 and h > 0 else 0.0

    candidates = []
    for radius in (9, 16, 26, 40, 58, 80, 105, 135):
        for k in range(16):
            a = 2 * math.pi * k / 16
            c, s_ = math.cos(a), math.sin(a)
            ha = "left" if c > 0.38 else "right" if c < -0.38 else "center"
            va = "bottom" if s_ > 0.38 else "top" if s_ < -0.38 else "center"
            candidates.append((radius, radius * c, radius * s_, ha, va))

    def layout(i, cand):
        radius, dx, dy, ha, va = cand
        w, h = sizes[i]
        x = xy[i][0] + dx * px
        y = xy[i][1] + dy * px
        x0 = x if ha == "left" else x - w if ha == "right" else x - w / 2
        y0 = y if va == "bottom" else y - h if va == "top" else y - h / 2
        box = (x0, y0, x0 + w, y0 + h)
        line = (xy[i], (x, y)) if radius >= 16 else None  # the leader ends at the text's anchor, as drawn
        return box, line

    T = np.arange(1, 12)[None, :, None] / 12.0  # the 11 inner points of a segment cut in 12

    def overlap_many(B, b):  # overlap area of each box in B (C, 4) with the box b
        w = np.minimum(B[:, 2], b[2]) - np.maximum(B[:, 0], b[0])
        h = np.minimum(B[:, 3], b[3]) - np.maximum(B[:, 1], b[1])
        return np.where((w > 0) & (h > 0), w * h, 0.0)

    def inside(P, b):  # (..., 2) points inside the box b
        return (b[0] <= P[..., 0]) & (P[..., 0] <= b[2]) & (b[1] <= P[..., 1]) & (P[..., 1] <= b[3])

    def side(a, b, c):
        return (b[..., 0] - a[..., 0]) * (c[..., 1] - a[..., 1]) - (b[..., 1] - a[..., 1]) * (c[..., 0] - a[..., 0])

    def gap_many(B, q):  # distance from each box to the point q
        return np.hypot(np.maximum.reduce([B[:, 0] - q[0], np.zeros(len(B)), q[0] - B[:, 2]]),
                        np.maximum.reduce([B[:, 1] - q[1], np.zeros(len(B)), q[1] - B[:, 3]]))

    def costs(i, chosen):
        """The cost of every candidate place of label i, given the labels placed so far (one array)."""
        boxes, lines = zip(*(layout(i, cand) for cand in candidates))
        B = np.array(boxes)
        has_line = np.array([ln is not None for ln in lines])
        ends = np.array([ln[1] if ln is not None else xy[i] for ln in lines])
        start_pt = np.array(xy[i])
        on_line = start_pt[None, None, :] + (ends - start_pt)[:, None, :] * T  # (C, 11, 2)
        area = (B[:, 2] - B[:, 0]) * (B[:, 3] - B[:, 1])
        total = 400 * (area - overlap_many(B, frame))  # leaving the axes: worse than any other cost
        for j, (obox, oline) in chosen.items():
            if j == i:
                continue
            pad = 3 * px  # labels that touch read as one label
            total += 50 * overlap_many(B, (obox[0] - pad, obox[1] - pad, obox[2] + pad, obox[3] + pad))
            if oline is not None:
                pts = np.array(oline[0])[None, :] + (np.array(oline[1]) - np.array(oline[0]))[None, :] * T[0]
                hit = (B[:, None, 0] <= pts[None, :, 0]) & (pts[None, :, 0] <= B[:, None, 2]) & \
                      (B[:, None, 1] <= pts[None, :, 1]) & (pts[None, :, 1] <= B[:, None, 3])
                total += np.where(hit.any(axis=1), 20000 * px * px, 0.0)  # a label on another's leader: never
                q1, q2 = np.array(oline[0]), np.array(oline[1])
                a = np.broadcast_to(start_pt, ends.shape)
                cross = (side(a, ends, q1) * side(a, ends, q2) < 0) & \
                        (side(q1, q2, a) * side(q1, q2, ends) < 0)
                total += np.where(has_line & cross, 20000 * px * px, 0.0)  # crossed leaders: never
            total += np.where(has_line & inside(on_line, obox).any(axis=1), 20000 * px * px, 0.0)
        own = gap_many(B, xy[i])
        for j in range(n):  # a label nearer to another point than to its own reads as that point's label
            if j != i:
                total += np.where(gap_many(B, xy[j]) < np.minimum(own, 40 * px), 100000 * px * px, 0.0)
        for owner, obox, weight in obstacles:
            if owner != i or weight < 2:
                total += weight * overlap_many(B, obox) * (1 if owner != i else 0.3)
            if owner != i and weight > 2:
                total += np.where(has_line & inside(on_line, obox).any(axis=1), 150 * px * px, 0.0)
        return total + np.array([cand[0] for cand in candidates]) * px * px * 3, boxes, lines

    todo = [i for i in range(n) if labels[i] is not None]
    crowd = [sum(math.dist(xy[i], xy[j]) < 60 * px for j in range(n)) for i in range(n)]
    chosen: dict = {}
    choice: dict = {}
    for sweep in range(3):
        order = sorted(todo, key=lambda i: -crowd[i]) if sweep == 0 else todo
        for i in order:
            total, boxes, lines = costs(i, chosen)
            best = int(np.argmin(total))  # the first of equal costs, as a strict "<" scan would keep
            choice[i] = candidates[best]
            chosen[i] = (boxes[best], lines[best])
    texts = []
    for i in todo:
        radius, dx, dy, ha, va = choice[i]
        rel = ({"left": 0.0, "right": 1.0, "center": 0.5}[ha], {"bottom": 0.0, "top": 1.0, "center": 0.5}[va])
        arrow = (dict(arrowstyle="-", color="#666666", lw=0.9, shrinkA=0, shrinkB=5, relpos=rel)
                 if radius >= 16 else None)
        texts.append(ax.annotate(labels[i], points[i], xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                                 fontsize=fontsize, color="#1a1a1a", arrowprops=arrow, zorder=5,
                                 bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.75)))
    return texts
