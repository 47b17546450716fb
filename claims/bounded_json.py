"""JSON read within a nesting bound, from API bodies and imported feeds alike.

Python's parser recurses once per level, so a document nested some thousands deep
raises RecursionError, and one just under the interpreter's limit still breaks the
recursive code that walks it later. Nothing we read nests more than a dozen levels.
"""

import json
from typing import Any

MAX_DEPTH = 64


class TooDeeplyNested(ValueError):
    def __init__(self, limit: int = MAX_DEPTH):
        super().__init__(f"The JSON is nested more than {limit} levels deep.")


def check_depth(document: Any, *, limit: int = MAX_DEPTH) -> None:
    """Raise TooDeeplyNested when lists and objects in `document` nest deeper than `limit`."""
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            raise TooDeeplyNested(limit)
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))


def loads(text: str, *, limit: int = MAX_DEPTH) -> Any:
    """json.loads, refusing documents nested deeper than `limit` with TooDeeplyNested."""
    try:
        document = json.loads(text)
    except RecursionError:
        raise TooDeeplyNested(limit) from None
    check_depth(document, limit=limit)
    return document
