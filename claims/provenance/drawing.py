"""Lay out a provenance graph for a server-side SVG: one column per hop from the quoted sources."""

from dataclasses import dataclass

from claims.provenance.graph import Provenance

COLUMN, ROW = 300, 74  # 90 px between columns leaves room for a relation label halfway
BOX_WIDTH, BOX_HEIGHT = 210, 50
MARGIN = 16
LABEL_CHARS = 30
LABEL_HEIGHT = 13  # an edge label's line at font-size 11, and the step by which one is moved off another
CHAR_WIDTH = 6.2  # a generous average width of a character at font-size 11


@dataclass(frozen=True)
class Box:
    key: str
    x: int
    y: int
    lines: tuple[str, ...]
    kind: str
    classes: str
    label: str = ""  # whole, for the tooltip, when the lines shorten it


@dataclass(frozen=True)
class Arrow:
    path: str
    label: str
    label_x: int
    label_y: int
    anchor: str = "end"


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    boxes: list[Box]
    arrows: list[Arrow]
    box_width: int = BOX_WIDTH
    box_height: int = BOX_HEIGHT


def _wrap(label: str) -> tuple[str, ...]:
    words, lines, line = label.split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > LABEL_CHARS and line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    if len(lines) > 2:
        lines = [lines[0], lines[1][: LABEL_CHARS - 1] + "…"]
    return tuple(lines)


def draw(graph: Provenance) -> Drawing:
    columns: dict[int, list[str]] = {}
    for key in sorted(graph.nodes, key=lambda key: (graph.hops[key], graph.nodes[key].label)):
        columns.setdefault(graph.hops[key], []).append(key)
    origins = {key for origin in graph.origins for key in origin}
    looped = {key for cycle in graph.cycles for key in cycle}
    position: dict[str, tuple[int, int]] = {}
    boxes = []
    for column, keys in columns.items():
        for row, key in enumerate(keys):
            x, y = MARGIN + column * COLUMN, MARGIN + row * ROW
            position[key] = (x, y)
            node = graph.nodes[key]
            classes = " ".join(
                name
                for name, applies in [
                    ("source" if node.is_source else "actor", True),
                    ("origin", key in origins),
                    ("primary", node.primary),
                    ("loop", key in looped),
                ]
                if applies
            )
            boxes.append(Box(key, x, y, _wrap(node.label), node.kind, classes, node.label))
    arrows = []
    placed: list[tuple[float, float, float, float]] = []
    for edge in graph.edges:
        (x1, y1), (x2, y2) = position[edge.origin], position[edge.target]
        start = (x1 + BOX_WIDTH, y1 + BOX_HEIGHT // 2)
        end = (x2, y2 + BOX_HEIGHT // 2)
        if x2 > x1:
            path = (
                f"M{start[0]},{start[1]} C{start[0] + 20},{start[1]} {end[0] - 20},{end[1]} {end[0]},{end[1]}"
            )
            # Halfway between the columns, where neither fanned-out nor converging lines meet, then
            # moved down past any label already there.
            label = _free_spot(placed, (start[0] + end[0]) // 2, (start[1] + end[1]) // 2 - 4, edge.relation)
        else:  # back to an earlier column: a loop, drawn below the boxes
            bottom = max(y1, y2) + BOX_HEIGHT + 24
            start, end = (x1 + BOX_WIDTH // 2, y1 + BOX_HEIGHT), (x2 + BOX_WIDTH // 2, y2 + BOX_HEIGHT)
            path = f"M{start[0]},{start[1]} C{start[0]},{bottom} {end[0]},{bottom} {end[0]},{end[1]}"
            label = _free_spot(placed, (start[0] + end[0]) // 2, bottom - 6, edge.relation)
        arrows.append(Arrow(path, edge.relation, *label, anchor="middle"))
    width = MARGIN * 2 + (max(columns, default=0) * COLUMN) + BOX_WIDTH
    height = MARGIN * 2 + max((len(keys) for keys in columns.values()), default=1) * ROW + 30
    height = max(height, *(int(top + LABEL_HEIGHT) + MARGIN for _, top, _, _ in placed), 0)
    return Drawing(width, height, boxes, arrows)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _free_spot(placed: list, x: int, y: int, text: str) -> tuple[int, int]:
    """Where a label centred at (x, baseline y) overlaps no label placed before it; records its box."""
    half = len(text) * CHAR_WIDTH / 2
    while True:
        box = (x - half, y - LABEL_HEIGHT + 2, x + half, y + 2)
        if not any(_overlap(box, other) for other in placed):
            placed.append(box)
            return x, y
        y += LABEL_HEIGHT


def provenance_context(graph: Provenance) -> dict:
    """What templates/claims/_provenance.html needs: the graph, its drawing, origins and chains in words."""
    looped = {key for cycle in graph.cycles for key in cycle}
    origins = [
        {
            "label": " ↔ ".join(graph.nodes[key].label for key in origin),
            "kind": graph.nodes[origin[0]].kind,
            "primary": any(graph.nodes[key].primary for key in origin),
            "loop": any(key in looped for key in origin),
            "hops": graph.origin_hops(origin),
        }
        for origin in graph.origins
    ]
    return {"provenance": graph, "drawing": draw(graph), "origins": origins, "chains": graph.chains()}
