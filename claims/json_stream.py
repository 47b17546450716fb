"""A JSON document with one long list, written item by item: the same text json.dumps would write.

The document is laid out once with a marker in the list's place; the text before and after the
marker frames the items, each encoded alone and indented to the list's depth. A string in JSON
never holds a raw line break, so indenting an item's lines cannot touch its values.
"""

import json
from collections.abc import Iterable, Iterator
from itertools import chain

_MARKER = "\x00items\x00"


def dump_with_list(document: dict, key: str, items: Iterable, *, encoder: json.JSONEncoder) -> Iterator[str]:
    """The text of `document` with `items` as its list under `key`, in pieces of about one item each."""
    items = iter(items)
    first = next(items, _MARKER)
    if first is _MARKER:  # an empty list is "[]" whatever the indent
        yield encoder.encode({**document, key: []})
        return
    text = encoder.encode({**document, key: [_MARKER]})
    marker = encoder.encode(_MARKER)
    head, tail = text.split(marker)
    # With an indent the marker stands alone on its line, after the list's indent.
    indent = head[head.rfind("\n") + 1 :] if encoder.indent is not None else ""
    between = encoder.item_separator + ("\n" + indent if encoder.indent is not None else "")
    yield head
    for number, item in enumerate(chain([first], items)):
        text = encoder.encode(item)
        if indent:
            text = text.replace("\n", "\n" + indent)
        yield between + text if number else text
    yield tail
