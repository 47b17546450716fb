"""Map other fact-checkers' rating labels onto our scale.

Fact-checkers rate in their own words and languages ("Falso", "Engañoso",
"pants on fire!", "زائف"). The table below is ours: the labels we have seen,
grouped into our verdicts the way the X-Fact study groups them (misleading and
half-true are Mixed; "cannot be checked" is Unproven). Satire, opinions and
labels we do not know stay unmapped rather than guessed; the label itself is
always kept verbatim beside the mapping.
"""

import re
import unicodedata

from claims.verdicts import Verdict

_LABELS: dict[Verdict, tuple[str, ...]] = {
    Verdict.TRUE: (
        "true",
        "correct",
        "accurate",
        "verdadero",
        "verdadeiro",
        "verdaderio",
        "vero",
        "vrai",
        "waar",
        "richtig",
        "wahr",
        "prawda",
        "pradwa",
        "prawfa",
        "istina",
        "e vërtetë",
        "doğru",
        "benar",
        "adevărat",
        "helt sant",
        "sant",
        "правда",
        "шындық",
        "صحيح",
        "درست",
        "სიმართლე",
        "सच",
        "सही",
        "globalement correct",
        "cierto",
        "certo",
        "it's true",
    ),
    Verdict.MOSTLY_TRUE: (
        "mostly true",
        "almost true",
        "true, but",
        "verdadero, pero",
        "verdadeiro, mas",
        "ta certo, mas peraí",
        "c'eri quasi",
        "skoro istina",
        "mostly correct",
        "მეტწილად სიმართლე",
        "правда (с неточностями)",
        "plutôt vrai",
        "casi verdadero",
    ),
    Verdict.MIXED: (
        "mixed",
        "mixture",
        "half true",
        "half-true",
        "half false",
        "partly true",
        "partly false",
        "partially true",
        "partially false",
        "partly true/misleading",
        "misleading",
        "mix",
        "not quite",
        "não é bem assim",
        "lacks context",
        "missing context",
        "false context",
        "out of context",
        "misplaced context",
        "sem contexto",
        "descontextualizado",
        "manipulated",
        "manipulated media",
        "manipulation",
        "manipulacja",
        "distorted",
        "distorcido",
        "exaggerated",
        "exagerado",
        "exagéré",
        "deceptive",
        "selective",
        "inaccurate",
        "impreciso",
        "imprecise",
        "contradictory",
        "contraditório",
        "engañoso",
        "enganoso",
        "trompeur",
        "trompeuse",
        "partiellement faux",
        "partiellement vrai",
        "deels onwaar",
        "deels waar",
        "halbrichtig",
        "teilweise falsch",
        "irreführend",
        "fuorviante",
        "parțial adevărat",
        "parțial fals",
        "trunchiat",
        "delvis feil",
        "delvis sant",
        "sebagian benar",
        "poluistina",
        "pjesërisht e vërtetë",
        "полуправда",
        "манипуляция",
        "жартылай шындық",
        "заблуждение",
        "مضلل",
        "انتقائي",
        "نیمه درست",
        "گمراه کننده",
        "ნახევრად სიმართლე",
        "भ्रामक",
        "आधा सच",
        "missing_context",
        "false_context",
        "partly_false",
        "needs context",
        "cherry picking",
    ),
    Verdict.MOSTLY_FALSE: (
        "mostly false",
        "almost false",
        "almost untrue",
        "skoro neistina",
        "mostly_false",
        "mayormente falso",
        "plutôt faux",
        "მეტწილად მცდარი",
    ),
    Verdict.FALSE: (
        "false",
        "fake",
        "fake news",
        "fabricated",
        "fabricated content",
        "total lie",
        "lie",
        "very false",
        "pants on fire",
        "pants on fire!",
        "incorrect",
        "wrong",
        "hoax",
        "scam",
        "falso",
        "falsa",
        "faux",
        "fausse",
        "falsch",
        "fals",
        "onwaar",
        "fałsz",
        "yanlış",
        "yanliş",
        "keliru",
        "neistina",
        "rrenë",
        "helt feil",
        "ложь",
        "фейк",
        "жалған",
        "زائف",
        "کذب",
        "نادرست",
        "مفبرک",
        "მცდარი",
        "ტყუილი",
        "झूठ",
        "गलत",
        "फर्जी",
        "फेक",
        "असत्य",
        "completely_false",
        "completely false",
        "bulo",
        "blefe",
        "panzana pazzesca",
        "pinocchio andante",
        "false claim",
        "false content",
        "errado",
        "错误",
        "虚假",
        "不实",
        "謠言",
        "错误信息",
        "誤り",
    ),
    Verdict.UNPROVEN: (
        "unproven",
        "not proven",
        "no evidence",
        "unverifiable",
        "uncheckable",
        "cannot be checked",
        "unsustainable",
        "untenable",
        "insustentável",
        "insostenible",
        "inchequeable",
        "no verdict",
        "too early to say",
        "ainda é cedo para dizer",
        "impossível provar",
        "non prouvé",
        "niet te checken",
        "nieweryfikowalne",
        "imposibil de verificat",
        "tidak terbukti",
        "ikke sikkert",
        "sonuçlandırılamadı",
        "без вердикта",
        "غیرقابل اثبات",
        "مشكوك فيه",
        "ვერდიქტის გარეშე",
        "debatable",
        "discutible",
        "discutível",
        "controverso",
        "doubtful",
        "unsupported",
        "sin evidencia",
        "unverified",
    ),
    Verdict.DISPUTED: ("disputed", "in dispute"),
}

# A few fact-checkers use words that mean something else elsewhere.
_SITE_LABELS: dict[str, dict[str, Verdict | None]] = {
    "politifact.com": {"full flop": None, "half flip": None, "no flip": None},
    "correctiv.org": {"false_context": Verdict.MIXED},
    "apublica.org": {"subestimado": None},
    "factnameh.com": {"نیمه درست": Verdict.MOSTLY_TRUE},
    # Factcheck.kz pairs verdicts ("ложь и манипуляция"); a pair with a lie or a half-truth is Mixed.
    "factcheck.kz": {
        "правда (с неточностями)": Verdict.TRUE,
        "шындық, жартылай шындық": Verdict.MIXED,
        "правда, техническая ошибка": Verdict.MOSTLY_TRUE,
        "правда и техническая ошибка": Verdict.MOSTLY_TRUE,
        "манипуляция, техническая ошибка": Verdict.MOSTLY_TRUE,
        "техническая ошибка, искажение информации": Verdict.MOSTLY_TRUE,
        "фейк и теория заговора": Verdict.FALSE,
        "үкім: жалған": Verdict.FALSE,
    },
}
# Words that settle a label however it goes on: "misleading video", "fabricated news".
_LEADING_WORDS = {
    "misleading": Verdict.MIXED,
    "manipulated": Verdict.MIXED,
    "fabricated": Verdict.FALSE,
    "false": Verdict.FALSE,
    "fake": Verdict.FALSE,
}
_PAIRED = re.compile(r"^(\w+) и (\w+)$")


def normalise(label: str) -> str:
    """Fold a label for lookup: Unicode form, case, underscores and surrounding punctuation."""
    text = unicodedata.normalize("NFKC", label).casefold().replace("_", " ").replace("…", "")
    text = text.replace("\u200c", " ")  # Persian's zero-width non-joiner: "نیمه‌درست" is "نیمه درست"
    if bracketed := re.match(r"^\d+\s*\[(.+)\]$", text.strip()):  # "2 [misleading content]"
        text = bracketed.group(1)
    text = " ".join(text.split())
    return text.strip(" .:;!?¡¿\"'“”‘’«»-–—[]()")


# Regional and misspelt labels seen in real feeds.
_LABELS[Verdict.MOSTLY_TRUE] += ("globalement correct", "техническая ошибка")
_LABELS[Verdict.MIXED] += (
    "sesat",
    "apresurado",
    "nì",
    "karma",
    "commotion",
    "إثارة",
    "misplaced",
    "subestimado",
    "sous-estimé/exagéré",
    "imposter image",
    "manipulcja",
    "maniplacja",
    "contraditorio",
    "misleaiding",
    "распространённое заблуждение",
    "ფაქტებით მანიპულირება",
    "რიცხვებით მანიპულირება",
    "ложь и манипуляции",
    "манипаляция и ложь",
    "кликбейт и манипуляция",
    "кликбейт, ложь и манипуляция",
)
_LABELS[Verdict.MOSTLY_FALSE] += ("me kos",)
_LABELS[Verdict.FALSE] += (
    "flase",
    "fałśz",
    "дезинформация",
    "شاخ دار",
    "kratke noge",
    "pimenta na língua",
    "rrenë e kryptë",
    "false connection",
    "false context",
    "this claim is 'false'",
)
_LABELS[Verdict.UNPROVEN] += ("niewryfikowalne", "de olho", "hetimet vazhdojnë")

TABLE: dict[str, Verdict] = {
    normalise(label): rating for rating, labels in _LABELS.items() for label in labels
}
# The verdict word that opens a longer label: "FALSO: As imagens…", "prawda. według…".
LEADING_VERDICT = re.compile(r"^([^:.,;(/\n]{1,40}?)\s*[:.,;(/\n]")


def map_label(label: str, *, site: str = "") -> Verdict | None:
    """Our verdict for another fact-checker's label, or None when the label is not one we know."""
    key = normalise(label)
    if not key:
        return None
    site = site.lower().removeprefix("www.")
    overrides = {normalise(known): rating for known, rating in _SITE_LABELS.get(site, {}).items()}
    if key in overrides:
        return overrides[key]
    if key in TABLE:
        return TABLE[key]
    if match := LEADING_VERDICT.match(key):
        return TABLE.get(normalise(match.group(1)))
    if pair := _PAIRED.match(key):
        verdicts = {TABLE.get(word) for word in pair.groups()}
        if None not in verdicts:
            return verdicts.pop() if len(verdicts) == 1 else Verdict.MIXED
    return _LEADING_WORDS.get(key.split()[0])
