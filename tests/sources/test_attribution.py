"""Attribution detection: the phrases that name a source of information, and who they name."""

import pytest

from sources.attribution import detect_attributions, detect_mentions, same_name
from sources.models import Actor, CitationRelation
from sources.sentences import split_sentences, tokenize


def parties(text: str) -> dict[str, object]:
    return {party.name: party for party in detect_attributions(text)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Seventeen diplomats were spies, NOS reported.", "NOS"),
        ("According to EUobserver, eight Russians were expelled.", "EUobserver"),
        ("Mr. Stoltenberg told the German tabloid Bild that spies worked there.", "Bild"),
        ("The minister said in a letter to parliament that 17 were spies.", None),
        ("Russia expelled diplomats, citing intelligence sources.", "Intelligence sources"),
        ("The Kremlin confirmed that the talks had failed.", "Kremlin"),
        ("The AIVD said in a statement that both men were spies.", "AIVD"),
        ("Jens Stoltenberg said the allies were united.", "Jens Stoltenberg"),
        ("“We were evicting Russian personnel,” said Jens Stoltenberg.", "Jens Stoltenberg"),
        ("A joint investigation by the Dossier Center named them.", "Dossier Center"),
    ],
)
def test_each_kind_of_attribution_names_its_party(text, name):
    found = parties(text)

    if name is None:
        assert found == {}  # a description with nobody named before it to point back to
    else:
        assert name in found


def test_an_unnamed_group_is_a_party_of_its_own():
    found = parties("Dutch officials said on December 10 that the two Russians were spies.")

    assert found["Dutch officials"].kind == Actor.Kind.ANONYMOUS


def test_sources_of_an_outlet_named_before_are_that_outlets_sources():
    found = parties("According to NOS, they knew. He left, the broadcaster’s intelligence sources said.")

    assert found["NOS"].kind == Actor.Kind.OUTLET  # "the broadcaster" says what NOS is
    assert "Intelligence sources of NOS" in found
    assert "the broadcaster's intelligence sources" in found["Intelligence sources of NOS"].aliases


def test_an_institution_never_named_is_a_party_by_its_description():
    found = parties("Belgium expelled two Russian diplomats on Tuesday, the ministry said.")

    assert found["Ministry"].kind == Actor.Kind.MINISTRY


def test_a_description_points_back_to_the_party_named_before_it():
    found = parties(
        "Das Bild newspaper reported on Saturday. Mr. Stoltenberg told the German tabloid that spies worked there. "
        "“We are united,” said the NATO chief."
    )

    assert set(found) == {"Das Bild", "Stoltenberg"}
    assert len(found["Das Bild"].mentions) == 2
    assert len(found["Stoltenberg"].mentions) == 2  # "told", "said the NATO chief"


def test_plural_description_points_back_to_the_pair_named_before_it():
    found = parties(
        "The AIVD and MIVD refused to comment. However, the services confirmed that they watched them."
    )

    assert set(found) == {"AIVD", "MIVD"}


def test_a_surname_and_titles_meet_the_full_name():
    found = parties(
        "Dutch Home Secretary Cassia Olangren said that the ambassador was summoned. Olangren also said that damage was done."
    )

    assert list(found) == ["Cassia Olangren"]
    assert found["Cassia Olangren"].kind == Actor.Kind.OFFICIAL
    assert len(found["Cassia Olangren"].mentions) == 2


def test_a_list_of_subjects_names_each():
    found = parties(
        "NOS, Nieuwsuur, and the Belgian newspaper De Tijd reported that based on their own investigation."
    )

    assert list(found) == ["NOS", "Nieuwsuur", "De Tijd"]
    assert all(party.kind == Actor.Kind.OUTLET for party in found.values())


def test_an_acronym_in_brackets_is_an_alias():
    found = parties(
        "The Dutch General Intelligence and Security (AIVD) said in a statement that both men were spies."
    )

    party = found["Dutch General Intelligence and Security"]
    assert party.aliases == ["AIVD"]
    assert party.document == "statement"
    assert party.kind == Actor.Kind.INTELLIGENCE_SERVICE


def test_an_apposition_between_name_and_verb_is_passed_over():
    found = parties("Ben de Jong, an expert in Russian intelligence services, told NOS that secrets leaked.")

    assert set(found) == {"Ben de Jong", "NOS"}
    assert found["Ben de Jong"].kind == Actor.Kind.PERSON


@pytest.mark.parametrize(
    "text",
    [
        "A Big Data expert revealed the identities of 8 Russians.",  # an object, not what was said
        "NATO never said that.",  # a negation
        "The AIVD refused to comment on the names.",
        "Reporters were told nothing, according to reports.",
    ],
)
def test_what_is_not_an_attribution_names_nobody(text):
    assert parties(text) == {}


def test_words_in_quotation_marks_make_a_quotation():
    quoted = parties("Hoekstra stated, “The Netherlands has taken this decision.”")["Hoekstra"]
    reported = parties("Eight were SVR officers, NOS reported.")["NOS"]
    paraphrased = parties("Olangren said that the network was cracked.")["Olangren"]

    assert quoted.relation == CitationRelation.QUOTES
    assert reported.relation == CitationRelation.REPORTS
    assert paraphrased.relation == CitationRelation.PARAPHRASES


def test_mentions_are_offsets_into_the_text():
    text = "Intro line.\nSeventeen diplomats were spies, NOS reported."

    mention = detect_attributions(text)[0].mentions[0]

    assert text[mention.start : mention.end] == mention.text == "NOS reported"


@pytest.mark.parametrize(
    ("name", "names", "same"),
    [
        ("Olangren", ["Cassia Olangren"], True),
        ("Slutsky", ["Leonidslutsky"], True),
        ("Leonidslutsky", ["Leonid Slutsky"], True),
        ("Das Bild", ["Bild"], True),
        ("Dutch General Intelligence and Security Agency", ["Dutch General Intelligence and Security"], True),
        ("MIVD", ["AIVD"], False),
        ("Bild", ["BBC"], False),
    ],
)
def test_other_spellings_of_one_name(name, names, same):
    assert same_name(name, names) is same


def test_sentences_keep_their_offsets_and_abbreviations():
    text = "Mr. Stoltenberg spoke. “We act,” he said.\nU.S. officials agreed? Yes."

    sentences = split_sentences(text)

    assert [s.text for s in sentences] == [
        "Mr. Stoltenberg spoke.",
        "“We act,” he said.",
        "U.S. officials agreed?",
        "Yes.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert [s.paragraph for s in sentences] == [0, 0, 1, 1]


def test_possessives_are_tokens_of_their_own():
    assert [token.text for token in tokenize("the broadcaster’s sources weren’t")] == [
        "the",
        "broadcaster",
        "'s",
        "sources",
        "weren’t",
    ]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("“We will win,” said a senior official.", "Senior official", Actor.Kind.ANONYMOUS),
        ("Campaign aides said the governor would sign.", "Campaign aides", Actor.Kind.ANONYMOUS),
        ("Officials said two diplomats left.", "Officials", Actor.Kind.ANONYMOUS),
        # the place after the description is not who speaks
        (
            "Protest organizers in Cleveland say the rules are strict.",
            "Protest organizers",
            Actor.Kind.ANONYMOUS,
        ),
        ("The Sanders campaign said it raised money.", "Sanders campaign", Actor.Kind.ORGANISATION),
        ("Politico.com reported that he left.", "Politico.com", Actor.Kind.OUTLET),
        ("The deal was done, reuters.com reported.", "reuters.com", Actor.Kind.OUTLET),
        ("Reuters reported a deal.", "Reuters", Actor.Kind.OUTLET),
        ("Saudi Arabia said it would act.", "Saudi Arabia", Actor.Kind.MINISTRY),
        ("The State Department said two left.", "State Department", Actor.Kind.MINISTRY),
        (
            "According to Human Rights Watch's statement, two left.",
            "Human Rights Watch",
            Actor.Kind.ORGANISATION,
        ),
    ],
)
def test_descriptions_domains_and_kinds_from_evidence(text, name, kind):
    found = parties(text)

    assert name in found, list(found)
    assert found[name].kind == kind


def test_a_pronoun_points_back_to_the_last_person_named_even_if_not_cited():
    found = parties("Donald Trump arrived late in Iowa. He said he was tired.")

    assert list(found) == ["Donald Trump"]
    assert found["Donald Trump"].kind == Actor.Kind.PERSON
    assert found["Donald Trump"].mentions[0].text == "He said"


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ("Clinton, who said she was tired, left.", ["Clinton, who said"]),
        ("Critics who say the law is unfair protested.", ["Critics who say"]),
        ("Carlos Guerrero, 55, said he had been willing.", ["Carlos Guerrero, 55, said"]),
        ("Sen. Bernie Sanders (I-Vt.) said he will run.", ["Sen. Bernie Sanders (I-Vt.) said"]),
        ("Trump attacked Clinton on Monday, saying she lied.", ["saying"]),
        ("Hayek smiled and said she was hurt.", ["said"]),
        ("They’ve suggested that turnout will be high.", ["They’ve suggested"]),
        ("The poll shows that Clinton leads.", ["The poll shows"]),
        ("Graham: Trump's rhetoric is hateful.", ["Graham:"]),
        ("Trump declined to comment on the report.", ["Trump declined"]),
    ],
)
def test_each_form_of_attribution_is_a_mention(text, mentions):
    assert [mention.text for mention in detect_mentions(text)] == mentions


@pytest.mark.parametrize(
    "text",
    [
        "“I think we will win,” he said.",  # only "he said": what is inside the quotation is the speaker's
        "The Paris attacks shocked the world, he said.",  # a noun, not a verb of its subject
        "He was told to leave, he said.",  # the passive: he did not tell
        "Clinton's support among voters grew, he said.",  # a possessive is not a subject
    ],
)
def test_what_only_looks_like_an_attribution_is_no_mention(text):
    assert [mention.text for mention in detect_mentions(text)] == ["he said"]


def test_a_negated_attribution_is_a_mention_that_cites_nobody():
    assert parties("NATO never said that.") == {}
    assert [mention.text for mention in detect_mentions("NATO never said that.")] == ["NATO never said"]


def test_a_description_before_the_name_it_describes_is_one_party():
    found = parties(
        "The agency said on Monday that the vaccine was safe. "
        "The European Medicines Agency (EMA) later confirmed that two batches were recalled."
    )

    assert list(found) == ["European Medicines Agency"]
    assert [mention.text for mention in found["European Medicines Agency"].mentions] == [
        "The agency said",
        "The European Medicines Agency (EMA) later confirmed",
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("People familiar with the matter said two diplomats left.", "People familiar with the matter"),
        ("A person close to the campaign said two left.", "A person close to the campaign"),
        (
            "Two Republican officials familiar with the talks said two left.",
            "Two Republican officials familiar with the talks",
        ),
    ],
)
def test_an_anonymous_source_stays_the_description_it_is(text, name):
    found = parties(text)

    assert list(found) == [name]  # not "the matter", "the campaign" or "the talks"
    assert found[name].kind == Actor.Kind.ANONYMOUS


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Bernie Sanders spoke in Iowa on Monday. The senator said he would win.", "Bernie Sanders"),
        ("Mr. Trump arrived late. The billionaire said he was tired.", "Trump"),
    ],
)
def test_a_description_of_a_person_points_back_to_the_person_named_before(text, name):
    found = parties(text)

    assert list(found) == [name]
    assert len(found[name].mentions) == 1


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("The Kyodo news agency said two diplomats left.", "Kyodo", Actor.Kind.OUTLET),
        ("Two diplomats left, the Kremlin said.", "Kremlin", Actor.Kind.ORGANISATION),
        ("The United Arab Emirates said it would act.", "United Arab Emirates", Actor.Kind.MINISTRY),
        ("The Democratic Party said it would win.", "Democratic Party", Actor.Kind.ORGANISATION),
        ("Agence France-Presse reported that two left.", "Agence France-Presse", Actor.Kind.OUTLET),
    ],
)
def test_kinds_come_from_evidence_not_a_default_person(text, name, kind):
    found = parties(text)

    assert list(found) == [name]
    assert found[name].kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "Officials in South Korea said two diplomats left.",
        "In New South Wales, officials said two diplomats left.",
        "Two diplomats left Saudi Arabia, officials said.",
    ],
)
def test_no_party_is_made_from_part_of_a_place_name(text):
    found = parties(text)

    assert list(found) == ["Officials"]


def test_a_noun_after_a_determiner_is_no_verb_of_saying():
    assert [mention.text for mention in detect_mentions("The talks ended late, officials said.")] == [
        "officials said"
    ]


def test_a_count_and_a_nationality_in_capitals_are_no_person_to_point_back_to():
    found = parties(
        "Seventeen Russian diplomats were expelled, NOS reported.\nThe minister said that 15 left."
    )

    assert list(found) == ["NOS"]


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        # what shows by itself: records, data, findings, also after another cue and as a participle
        ("The vote was close, records show.", ["records show"]),
        ("Data show that incomes rose.", ["Data show"]),
        ("The authors found that wages fell.", ["The authors found"]),
        ("Despite polls showing her behind, she campaigned.", ["Despite polls showing"]),
        ("Footage from the game shows that students dressed up.", ["Footage from the game shows"]),
        ("Polls in the state show the race is close.", ["Polls in the state show"]),
        ("Analysis shows that the suits are his tools.", ["Analysis shows"]),
        # verbs that take what was said as their object
        ("Ms. Reyes denied the charges through her lawyer.", ["Ms. Reyes denied"]),
        ("The mayor acknowledged the limits of the plan.", ["The mayor acknowledged"]),
        # a sentence that opens with a pronoun and a view
        ("She thinks the plan will fail.", ["She thinks"]),
        # a name that is also a modal
        ("In particular, Will wrote, the plan is bad.", ["Will wrote"]),
        # what a written thing reads
        ("“Vote early,” the email read.", ["the email read"]),
        ("“Go home,” read one sign.", ["read one"]),
        # a participle whose subject is not found, followed by what was said
        ("By noon the mayor had arrived in town, saying that the roads were open.", ["saying"]),
        ("By noon the mayor had arrived in town, telling reporters the roads were open.", ["telling"]),
    ],
)
def test_more_forms_of_attribution_are_mentions(text, mentions):
    assert [mention.text for mention in detect_mentions(text)] == mentions


@pytest.mark.parametrize(
    "text",
    [
        "He found it hard to win.",  # "found" with no finding and no "that"
        "She read the report aloud.",  # a person reading, not a written thing's words
        "Smith won 45 percent support among voters.",  # a share of support, a noun
        "Taxes rose sooner than expected.",  # a comparison, not who expected it
        "It will not hurt, say, a small firm.",  # an aside between commas
        "By noon the mayor had arrived in town, visiting the mall.",  # a participle that says nothing
    ],
)
def test_words_that_attribute_elsewhere_are_no_mention_here(text):
    assert detect_mentions(text) == []


def test_a_participle_whose_subject_is_unknown_cites_nobody():
    assert parties("By noon the mayor had arrived in town, saying that the roads were open.") == {}


def test_a_pronoun_and_a_view_attribute_only_when_they_open_the_sentence():
    assert [mention.text for mention in detect_mentions("She doubts the plan will work.")] == ["She doubts"]
    assert [mention.text for mention in detect_mentions("So she doubts the plan, he said.")] == ["he said"]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        # A day or month after the verb is when, not who: the subject before it speaks.
        (
            "Jan Peeters, a harbour engineer, said Tuesday morning that the quay would close.",
            "Jan Peeters",
            None,
        ),
        ("Marta Vos said Friday the plan was dead.", "Marta Vos", None),
        # A description in commas before the verb; anonymity keeps the source unnamed.
        (
            "A port official, speaking on condition of anonymity, said Wednesday that the cranes were old.",
            "Official",
            "anonymous",
        ),
        ("The mayor, who spoke on condition of anonymity, said the vote was lost.", "The mayor", "anonymous"),
        # The name in commas after a description is who speaks, with the description as its kind.
        ("A spokeswoman, Anna Grey, said the quay would close.", "Anna Grey", "official"),
        ("Ruth Klein, a baker from Dover, Delaware, said the bridge was closed.", "Ruth Klein", None),
    ],
)
def test_a_date_or_an_apposition_is_never_who_speaks(text, name, kind):
    found = parties(text)
    assert name in found, found
    assert not {"Tuesday", "Wednesday", "Friday", "Dover", "Delaware", "Spokeswoman"} & set(found)
    if kind:
        assert found[name].kind == kind


def test_a_month_after_a_preposition_is_no_subject():
    found = parties("The leak was first reported in March and some lawmakers had mentioned the contractor.")
    assert "March" not in found
    found = parties("Asked about the plan, Theresa May said she was confident.")
    assert "Theresa May" in found


def test_a_dated_document_is_still_what_speaks():
    texts = [
        "A harbour poll in January shows most sailors want the quay open.",
        "The report published Tuesday showed that the cranes were old.",
    ]
    for text in texts:
        mentions = detect_mentions(text)
        assert mentions, text
    assert not {"January", "Tuesday"} & set(parties(" ".join(texts)))


def test_some_of_a_people_is_a_description_and_to_is_no_name():
    found = parties(
        "Some Portlanders are questioning whether the quay is safe. Many Republicans say it is.\n\n"
        "To publicly endorse, play down or justify the strike can be punished. Jones said so."
    )
    assert found["Some Portlanders"].kind == found["Many Republicans"].kind == Actor.Kind.ANONYMOUS
    assert found["Jones"].kind == Actor.Kind.PERSON
    assert "To" not in found


def test_a_role_before_a_name_a_legislature_and_a_day_after_a_name():
    found = parties(
        "Journalist Carl Vos said the port was quiet.\n\n"
        "The deal was confirmed by the Harbour Senate on Monday.\n\nThe White House said it was pleased."
    )
    assert "Carl Vos" in found and "Journalist Carl Vos" not in found
    assert found["Harbour Senate"].kind == found["White House"].kind == Actor.Kind.ORGANISATION


@pytest.mark.parametrize(
    "text",
    [
        "The city is cold, according to a poll by Harbour Research.",
        "The city is cold, according to a poll released Friday by Harbour Research.",
        "The city is cold, according to a poll of 400 registered voters released on Friday by Harbour Research.",
        "A survey conducted by Harbour Research found the city cold.",
    ],
)
def test_who_conducted_a_poll_is_cited(text):
    assert "Harbour Research" in parties(text)


def test_a_poll_by_phone_names_no_author():
    assert "Phone" not in parties("A survey of 900 adults by phone found the city cold.")


def test_who_conducted_a_poll_is_an_organisation_unless_titled():
    found = parties(
        "The city is cold, according to a poll by Harbour Decisions. A survey by Professor Jane Doe agreed."
    )
    assert found["Harbour Decisions"].kind == Actor.Kind.ORGANISATION
    assert found["Jane Doe"].kind == Actor.Kind.PERSON


def test_a_verb_aimed_at_its_object_after_a_comma_is_no_inversion():
    found = parties(
        "Grey, in particular, has slammed Vos's plan for the harbour.\n\n"
        "The resort, now called Harbour Links, opened in May.\n\n"
        '"It is dead," said Piet Mol.'
    )
    assert "Vos" not in found and "Harbour Links" not in found
    assert "Grey" in found and "Piet Mol" in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("People said the new bridge would flood the valley.", "People"),
        ("Proponents said the new bridge would help the valley.", "Proponents"),
        ("Backers say the new bridge will pay for itself.", "Backers"),
        ("Detractors say the new bridge will never open.", "Detractors"),
        ("Skeptics say the new bridge costs too much.", "Skeptics"),
    ],
)
def test_a_plural_role_without_a_name_is_a_description_not_a_person(text, name):
    found = parties(text)

    assert found[name].kind == Actor.Kind.ANONYMOUS  # like "Critics said": nobody named


def test_a_party_adjective_before_a_plural_noun_is_no_person():
    found = parties("The flood renewed Democratic calls for a new dam, the mayor said.")

    assert all(party.kind != Actor.Kind.PERSON for party in found.values())  # "Democratic" names nobody


def test_a_full_name_with_another_given_name_is_another_person():
    found = parties(
        "Tobias Ferrand said the ferry was late. Ferrand said it was cold. "
        "His sister, Helene Ferrand, said he was tired."
    )

    assert "Helene Ferrand" in found  # not merged into Tobias Ferrand by the surname they share
    assert "Helene Ferrand" not in found["Tobias Ferrand"].aliases
    assert not same_name("Helene Ferrand", ["Tobias Ferrand", "Ferrand"])
    assert same_name("Ferrand", ["Tobias Ferrand"])


@pytest.mark.parametrize(
    "text",
    [
        "A spokeswoman for Green party leader Ida Varga called the poll misleading.",
        "A spokeswoman for Ida Varga called the poll misleading.",
    ],
)
def test_a_role_for_a_described_name_is_that_role_not_the_person(text):
    found = parties(text)

    assert list(found) == ["Spokeswoman for Ida Varga"]  # her spokeswoman speaks, not Ida Varga
    assert found["Spokeswoman for Ida Varga"].kind == Actor.Kind.ANONYMOUS


def test_the_common_noun_that_opens_a_headline_is_no_person():
    found = parties(
        "Orchard talks stall\n\nThe talks stalled on Friday, Lena Hartwig said.\n\nGrowers went home."
    )

    assert "Orchard" not in found  # capitalised only because it opens the headline
    assert "Lena Hartwig" in found


def test_a_name_that_opens_a_headline_is_still_a_party():
    found = parties(
        "Hartwig calls for calm\n\nThe talks stalled on Friday, said Lena Hartwig.\n\nGrowers went home."
    )

    assert found["Lena Hartwig"].kind == Actor.Kind.PERSON
    assert "Hartwig calls" in [mention.text for mention in found["Lena Hartwig"].mentions]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Critics of Ida Varga said the poll was misleading.", "Critics of Ida Varga"),
        ("Spokesmen for Mayor Ida Varga said the poll was misleading.", "Spokesmen for Ida Varga"),
    ],
)
def test_a_role_of_a_name_that_opens_a_sentence_is_that_role(text, name):
    found = parties(text)

    assert list(found) == [name]  # not a person "of Ida Varga"
    assert found[name].kind == Actor.Kind.ANONYMOUS
