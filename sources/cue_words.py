"""The words that attribute in English news copy, as lemmas with every inflection.

The lemmas were chosen from the cue words that PolNeAR's annotators marked in
the dev half of its training split (bench/attribution_eval.py), keeping the verbs
that attribute most of the times they follow a subject, plus their common
synonyms. Only the words are kept here: no text of the corpus.

- SPEECH: saying, writing and other acts of putting words out ("said", "tweeted",
  "accused", "praised").
- STANCE: what a party thinks, wants or holds ("believes", "wants", "supports").
- EVIDENCE: what a document or a count shows ("the poll found", "data show").
"""

from sources.sentences import word_set

SPEECH = word_set(
    "say tell add write note tweet post announce argue explain acknowledge declare insist claim warn "
    "reply respond recall remark concede admit allege assert suggest stress emphasize emphasise reiterate "
    "repeat complain joke predict quip confirm deny reveal testify comment mention boast promise pledge vow "
    "urge caution retort shout chant observe cite quote describe ask accuse criticize criticise "
    "praise attack blast slam defend reject dismiss denounce condemn blame question challenge mock thank "
    "endorse tout propose recommend demand estimate speculate lament muse concur agree disagree contend "
    "maintain assure inform remind advise decry hint imply signal indicate conclude continue "
    "characterize characterise dub call speak talk discuss express voice detail outline "
    "highlight underscore clarify protest plead lecture scold chide rebuke "
    "threaten vow swear hail applaud congratulate welcome lambast ridicule disparage belittle insult "
    "liken compare credit fault rip knock taunt tease lash whisper yell scream exclaim sigh "
    "interject summarize summarise reassure counsel "
    "notify recount narrate portray depict offer point echo list dub bemoan assail press encourage identify "
    "rail charge name order nominate issue release sign file publish unveil detail pitch tout lay "
    "acknowledge brag lament scoff sneer complain gripe muse ponder wager insinuate"
)
STANCE = word_set(
    "think believe know want hope fear worry feel expect see view support oppose back favor favour "
    "prefer doubt wonder plan seek consider intend wish dislike regret "
    "understand realize realise recognize recognise "
    "envision anticipate trust accept dispute contest deplore resent celebrate embrace champion advocate "
    "push demand seek learn vote"
)
EVIDENCE = word_set("show find report suggest indicate reveal estimate conclude project forecast predict")

# Verbs that attributed about half the time or less after a subject on the dev half ("he spoke at", "they
# want", "she signed"): more often an act than an attribution, so they are left out.
UNRELIABLE = word_set(
    "speak want sign attack vote file feel contest encourage charge demand issue comment unveil celebrate "
    "trust understand project clarify plan push back release advise detail welcome view characterize "
    "characterise voice recommend maintain outline underscore champion disagree plead congratulate"
)

IRREGULAR = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote written", "writing"),
    "speak": ("speaks", "spoke spoken", "speaking"),
    "think": ("thinks", "thought", "thinking"),
    "know": ("knows", "knew known", "knowing"),
    "see": ("sees", "saw seen", "seeing"),
    "find": ("finds", "found", "finding"),
    "feel": ("feels", "felt", "feeling"),
    "swear": ("swears", "swore sworn", "swearing"),
    "understand": ("understands", "understood", "understanding"),
    "rip": ("rips", "ripped", "ripping"),
    "seek": ("seeks", "sought", "seeking"),
    "lay": ("lays", "laid", "laying"),
}
DOUBLED = word_set("admit quip slam regret refer prefer plan chat rebut concur object")


def inflections(lemma: str) -> set[str]:
    """ "say" → say, says, said, saying; "deny" → denies, denied, denying; "admit" → admitted."""
    if lemma in IRREGULAR:
        third, past, participle = IRREGULAR[lemma]
        return {lemma, third, *past.split(), participle}
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return {lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    if lemma in DOUBLED:
        doubled = lemma + lemma[-1]
        return {lemma, lemma + "s", doubled + "ed", doubled + "ing"}
    if lemma.endswith("ee"):
        return {lemma, lemma + "s", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        return {lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s")
    return {lemma, third, lemma + "ed", lemma + "ing"}


def forms(lemmas: frozenset[str]) -> frozenset[str]:
    return frozenset(form for lemma in lemmas for form in inflections(lemma))


def lemma_of(word: str, lemmas: frozenset[str]) -> str:
    """The lemma among `lemmas` that `word` inflects, or ""."""
    return _LEMMA.get(word, "") if _LEMMA.get(word, "") in lemmas else ""


SPEECH -= UNRELIABLE
STANCE -= UNRELIABLE
EVIDENCE -= UNRELIABLE
_LEMMA = {form: lemma for lemma in SPEECH | STANCE | EVIDENCE for form in inflections(lemma)}
SPEECH_FORMS = forms(SPEECH)
STANCE_FORMS = forms(STANCE)
EVIDENCE_FORMS = forms(EVIDENCE)
PAST_PARTICIPLES = frozenset(
    form
    for lemma in SPEECH | STANCE | EVIDENCE
    for form in inflections(lemma)
    if form.endswith(("ed", "d", "n", "t")) and form not in (lemma, lemma + "s")
)
