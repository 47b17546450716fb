"""Lay out a provenance graph for a server-side SVG: one column per hop from the quoted sources."""

from dataclasses import dataclass

from claims.provenance.graph import Provenance

COLUMN, ROW = 300, 74  # 90 px between columns leaves room for a relation label
BOX_WIDTH, BOX_HEIGHT = 210, 50
MARGIN = 16
LABEL_CHARS = 30


@dataclass(frozen=True)
class Box:
    key: str
    x: int
    y: int
    lines: tuple[str, ...]
    kind: str
    classes: str


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
            boxes.append(Box(key, x, y, _wrap(node.label), node.kind, classes))
    arrows = []
    for edge in graph.edges:
        (x1, y1), (x2, y2) = position[edge.origin], position[edge.target]
        start = (x1 + BOX_WIDTH, y1 + BOX_HEIGHT // 2)
        end = (x2, y2 + BOX_HEIGHT // 2)
        if x2 > x1:
            path = (
                f"M{start[0]},{start[1]} C{start[0] + 20},{start[1]} {end[0] - 20},{end[1]} {end[0]},{end[1]}"
            )
            label = (end[0] - 10, end[1] - 5)  # ending at the arrowhead, where fanned-out lines have parted
        else:  # back to an earlier column: a loop, drawn below the boxes
            bottom = max(y1, y2) + BOX_HEIGHT + 24
            start, end = (x1 + BOX_WIDTH // 2, y1 + BOX_HEIGHT), (x2 + BOX_WIDTH // 2, y2 + BOX_HEIGHT)
            path = f"M{start[0]},{start[1]} C{start[0]},{bottom} {end[0]},{bottom} {end[0]},{end[1]}"
            label = ((start[0] + end[0]) // 2, bottom - 6)
            arrows.append(Arrow(path, edge.relation, *label, anchor="middle"))
            continue
        arrows.append(Arrow(path, edge.relation, *label))
    width = MARGIN * 2 + (max(columns, default=0) * COLUMN) + BOX_WIDTH
    height = MARGIN * 2 + max((len(keys) for keys in columns.values()), default=1) * ROW + 30
    return Drawing(width, height, boxes, arrows)


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
