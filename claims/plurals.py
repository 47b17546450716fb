"""A unit that agrees with its number in English: "1 Russian diplomat", "17 Russian diplomats".

Units are recorded as editors write them, usually in the plural ("intelligence
officers"). Only the head noun changes: the last word, or the word before "of"
("members of parliament"). Abbreviations, symbols and words that do not change
("percent", "personnel") are left as they are.
"""

from decimal import Decimal

IRREGULAR = {
    "person": "people",
    "man": "men",
    "woman": "women",
    "child": "children",
    "foot": "feet",
    "tooth": "teeth",
    "mouse": "mice",
    "goose": "geese",
    "life": "lives",
    "wife": "wives",
    "knife": "knives",
    "leaf": "leaves",
    "half": "halves",
    "criterion": "criteria",
    "phenomenon": "phenomena",
}
SINGULAR_OF = {plural: singular for singular, plural in IRREGULAR.items()}
# Words whose singular and plural are the same, or that are not counted one by one.
INVARIANT = {
    "aircraft",
    "cent",
    "data",
    "deer",
    "fish",
    "media",
    "news",
    "percent",
    "personnel",
    "police",
    "series",
    "sheep",
    "species",
    "staff",
}
SIBILANT_ENDINGS = ("s", "sh", "ch", "x", "z")


def _changes(word: str) -> bool:
    """Whether `word` is an English noun we inflect: letters only, not an abbreviation ("EUR", "km")."""
    return word.isalpha() and len(word) > 2 and not word.isupper() and word.lower() not in INVARIANT


def _irregular(word: str, table: dict[str, str]) -> str | None:
    other = table.get(word.lower())
    return None if other is None else _same_case(word, other)


def _same_case(model: str, word: str) -> str:
    return word.capitalize() if model[:1].isupper() else word


def singular(word: str) -> str:
    """diplomats → diplomat, casualties → casualty, people → person, boxes → box."""
    if not _changes(word):
        return word
    if (irregular := _irregular(word, SINGULAR_OF)) is not None:
        return irregular
    lower = word.lower()
    if lower.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if lower.endswith(tuple(f"{end}es" for end in SIBILANT_ENDINGS)) and not lower.endswith("ses"):
        return word[:-2]
    if lower.endswith("sses"):
        return word[:-2]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def plural(word: str) -> str:
    """diplomat → diplomats, casualty → casualties, person → people; a plural stays as it is."""
    if not _changes(word) or singular(word) != word:
        return word
    if (irregular := _irregular(word, IRREGULAR)) is not None:
        return irregular
    lower = word.lower()
    if lower.endswith("y") and lower[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if lower.endswith(SIBILANT_ENDINGS):
        return word + "es"
    return word + "s"


def agree(unit: str, *, one: bool) -> str:
    """`unit` in the singular when it counts one thing, else in the plural."""
    words = unit.split(" ")
    head = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    if head < 0 or not words[head]:
        return unit
    words[head] = singular(words[head]) if one else plural(words[head])
    return " ".join(words)


def is_one(value: Decimal | int | None) -> bool:
    return value is not None and abs(Decimal(value)) == 1
