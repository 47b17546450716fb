"""The demo's records: three real articles on Russian diplomats expelled as spies, as an editor would record them.

The article texts in articles/ are captured verbatim from ../shared/seeds/. The
files carry no URL, publisher or date line, so none is invented for them: the
first article's title is its own first line, the NATO article's follows its
closing hashtags, the 2020 article's (which has no headline) describes it, and
the only date filled in for them is one the text itself states ("on December
10", 2020). The documents they cite are recorded with the publisher and date
the articles give them; the pages say when a publisher, date or address is
not recorded.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from claims.models import Claim, Quote
from claims.quantities import Comparator
from claims.verdicts import Verdict
from sources.models import Actor, Source

ARTICLES = Path(__file__).parent / "articles"
Kind = Actor.Kind


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    group: str


DEMO_USERS = [
    DemoUser("editor", "demo-editor-2026", "editor"),
    DemoUser("reviewer", "demo-reviewer-2026", "reviewer"),
]

ACTORS = [
    ("NOS", Kind.OUTLET, "Dutch public broadcaster", ["Nederlandse Omroep Stichting"]),
    ("Nieuwsuur", Kind.OUTLET, "Dutch current affairs programme (NOS and NTR)", []),
    ("De Tijd", Kind.OUTLET, "Belgian newspaper", []),
    ("Wopke Hoekstra", Kind.OFFICIAL, "Dutch Minister of Foreign Affairs in 2022", []),
    (
        "Kajsa Ollongren",
        Kind.OFFICIAL,
        "Dutch Minister of the Interior in 2020",
        ["Cassia Olangren", "Olangren"],
    ),
    ("Ministry of Foreign Affairs of the Netherlands", Kind.MINISTRY, "", ["Dutch Foreign Ministry"]),
    (
        "AIVD",
        Kind.INTELLIGENCE_SERVICE,
        "Dutch General Intelligence and Security Service",
        ["General Intelligence and Security Service", "Dutch General Intelligence and Security"],
    ),
    ("MIVD", Kind.INTELLIGENCE_SERVICE, "Dutch Military Intelligence and Security Service", []),
    (
        "Unnamed Dutch intelligence sources",
        Kind.ANONYMOUS,
        "Intelligence sources that NOS relied on without naming them",
        ["the broadcaster's intelligence sources"],
    ),
    ("Unnamed Dutch officials", Kind.ANONYMOUS, "Officials quoted without a name", []),
    ("Russian government", Kind.MINISTRY, "The Russian side, as quoted in the press", ["The Russian side"]),
    ("Ben de Jong", Kind.PERSON, "Expert on Russian intelligence services, Leiden University", []),
    (
        "OPCW",
        Kind.ORGANISATION,
        "Organisation for the Prohibition of Chemical Weapons",
        ["Organization for the Prohibition of Chemical Weapons", "OPWC"],
    ),
    ("NATO", Kind.ORGANISATION, "North Atlantic Treaty Organization", []),
    ("Jens Stoltenberg", Kind.OFFICIAL, "NATO Secretary General", ["Stoltenberg"]),
    ("Bild", Kind.OUTLET, "German tabloid newspaper", ["Das Bild"]),
    ("EUobserver", Kind.OUTLET, "Brussels-based news site", []),
    (
        "Dossier Center",
        Kind.ORGANISATION,
        "London-based investigative project",
        ["Michael Khodorkovsky Dossier Center"],
    ),
    ("Leonid Slutsky", Kind.OFFICIAL, "Russian politician", ["Leonidslutsky", "Slutsky"]),
    ("BBC", Kind.OUTLET, "British broadcaster", []),
]


@dataclass(frozen=True)
class DemoSource:
    key: str
    kind: str
    title: str
    article: str = ""
    publisher: str = ""
    authors: tuple[str, ...] = ()
    published_on: date | None = None


SOURCES = [
    DemoSource(
        "nl17",
        Source.Kind.ARTICLE,
        "Russians expelled from NL were spying on high-tech sector, recruiting informants: report",
        article="nl-17-expelled-spying-high-tech.txt",
    ),
    DemoSource(
        "nl2",
        Source.Kind.ARTICLE,
        "Two Russian diplomats expelled from the Netherlands for targeting high-tech industries",
        article="nl-2-expelled-high-tech-2020.txt",
        published_on=date(2020, 12, 10),
    ),
    DemoSource(
        "nato",
        Source.Kind.ARTICLE,
        "Stoltenberg: Putin's spies worked at NATO headquarters for years",
        article="nato-8-expelled-brussels.txt",
    ),
    DemoSource(
        "nos",
        Source.Kind.BROADCAST,
        "NOS investigation into the 17 expelled Russian diplomats",
        publisher="NOS",
    ),
    DemoSource(
        "nieuwsuur",
        Source.Kind.BROADCAST,
        "Nieuwsuur report on the 17 expelled Russian diplomats",
        publisher="Nieuwsuur",
    ),
    DemoSource(
        "tijd",
        Source.Kind.ARTICLE,
        "De Tijd investigation into the 17 expelled Russian diplomats",
        publisher="De Tijd",
    ),
    DemoSource(
        "letter",
        Source.Kind.LETTER,
        "Letter to the Tweede Kamer on the expulsion of Russian intelligence officers",
        publisher="Ministry of Foreign Affairs of the Netherlands",
        authors=("Wopke Hoekstra",),
        published_on=date(2022, 3, 29),
    ),
    DemoSource(
        "aivd",
        Source.Kind.STATEMENT,
        "AIVD statement on the Russian spy network targeting Dutch high-tech",
        publisher="AIVD",
        published_on=date(2020, 12, 10),
    ),
    DemoSource(
        "bild",
        Source.Kind.INTERVIEW,
        "Jens Stoltenberg interviewed by Bild",
        publisher="Bild",
        authors=("Jens Stoltenberg",),
    ),
    DemoSource(
        "euobserver",
        Source.Kind.ARTICLE,
        "EUobserver and Dossier Center investigation naming the eight expelled Russians",
        publisher="EUobserver",
    ),
]

# (citing, cited source key or actor name, relation, the citing text's words)
CITATIONS = [
    ("nl17", "source:nos", "reports", "NOS, Nieuwsuur, and the Belgian newspaper De Tijd reported"),
    ("nl17", "source:nieuwsuur", "reports", "NOS, Nieuwsuur, and the Belgian newspaper De Tijd reported"),
    ("nl17", "source:tijd", "reports", "NOS, Nieuwsuur, and the Belgian newspaper De Tijd reported"),
    ("nl17", "source:letter", "quotes", "said Foreign Minister Wopke Hoekstra in a letter"),
    ("nl17", "actor:AIVD", "quotes", "the services said"),
    ("nl17", "actor:Ben de Jong", "quotes", "told NOS"),
    ("nos", "actor:Unnamed Dutch intelligence sources", "reports", ""),
    ("nieuwsuur", "actor:Unnamed Dutch intelligence sources", "reports", ""),
    ("tijd", "actor:Unnamed Dutch intelligence sources", "reports", ""),
    (
        "nl2",
        "source:aivd",
        "reports",
        "The Dutch General Intelligence and Security (AIVD) said in a statement",
    ),
    ("nl2", "actor:Cassia Olangren", "quotes", "Dutch Home Secretary Cassia Olangren said"),
    ("nl2", "actor:BBC", "reports", "According to the BBC citing the International Telegraph"),
    ("nato", "source:bild", "quotes", "Das Bild newspaper reported"),
    ("nato", "source:euobserver", "reports", "according to EUobserver"),
    ("euobserver", "actor:Dossier Center", "reports", ""),
]


@dataclass(frozen=True)
class DemoQuote:
    source: str
    exact: str
    speaker: str = ""
    stance: str = Quote.Stance.SUPPORTS
    value: int | None = None
    comparator: str = Comparator.EXACT
    period: tuple[date, date, str] | None = None


@dataclass(frozen=True)
class DemoClaim:
    slug: str
    text: str
    quotes: list[DemoQuote]
    value: int | None = None
    unit: str = ""
    period: tuple[date, date, str] | None = None
    place: str = ""
    verdict: str = ""
    explanation: str = ""
    status: str = Claim.Status.DRAFT


MARCH_2022 = (date(2022, 3, 1), date(2022, 3, 31), "March 2022")
DECEMBER_2020 = (date(2020, 12, 1), date(2020, 12, 31), "December 2020")

CLAIMS = [
    DemoClaim(
        slug="netherlands-expelled-17-russian-intelligence-officers-march-2022",
        text="The Netherlands expelled 17 Russian intelligence officers in March 2022.",
        value=17,
        unit="intelligence officers",
        period=MARCH_2022,
        place="Netherlands",
        verdict=Verdict.TRUE,
        explanation=(
            "Two independent accounts agree. Foreign Minister Wopke Hoekstra told parliament in a letter that "
            "17 Russians accredited as diplomats were intelligence officers and had to leave; NOS, Nieuwsuur and "
            "De Tijd reached the same number through their own intelligence sources."
        ),
        status=Claim.Status.PUBLISHED,
        quotes=[
            DemoQuote(
                "nl17",
                "Seventeen Russian diplomats expelled from the Netherlands at the end of March were "
                "intelligence officers",
                speaker="NOS",
                value=17,
            ),
            DemoQuote(
                "nl17",
                "The 17 Russians were registered as diplomats, but evidence showed they were spying for their "
                "home country",
                speaker="Wopke Hoekstra",
                value=17,
            ),
            DemoQuote(
                "nl17",
                'intelligence services "demonstrated that the persons concerned, accredited as diplomats of the '
                'Russian mission in the Netherlands, are secretly active as intelligence officers."',
                speaker="Wopke Hoekstra",
            ),
        ],
    ),
    DemoClaim(
        slug="russia-expelled-15-dutch-diplomats-in-response",
        text="Russia expelled 15 Dutch diplomats in response to the Netherlands expelling 17 Russians.",
        value=15,
        unit="Dutch diplomats",
        place="Russia",
        verdict=Verdict.TRUE,
        explanation="NOS reports the tit-for-tat expulsion the Dutch government had long expected.",
        status=Claim.Status.IN_REVIEW,
        quotes=[
            DemoQuote(
                "nl17",
                "When the Netherlands decided to send the 17 spies away after Russia invaded Ukraine at the end "
                "of February, Russia expelled fifteen Dutch diplomats.",
                speaker="NOS",
                value=15,
            ),
        ],
    ),
    DemoClaim(
        slug="eight-svr-and-nine-gru-officers-among-the-17-expelled",
        text="Of the 17 Russians expelled from the Netherlands in March 2022, eight worked for the SVR and "
        "nine for the GRU.",
        period=MARCH_2022,
        place="Netherlands",
        verdict=Verdict.UNPROVEN,
        explanation=(
            "Only NOS reports the split between the two services, citing intelligence sources it does not name. "
            "The AIVD and MIVD refused to comment on the names and positions of the expelled Russians."
        ),
        status=Claim.Status.PUBLISHED,
        quotes=[
            DemoQuote(
                "nl17",
                "Eight of the expelled Russians worked for the intelligence service SVR, and the other nine for "
                "the military intelligence service GRU, NOS reported.",
                speaker="NOS",
            ),
        ],
    ),
    DemoClaim(
        slug="netherlands-expelled-two-russian-diplomats-december-2020",
        text="The Netherlands expelled two Russian diplomats for high-tech espionage in December 2020.",
        value=2,
        unit="Russian diplomats",
        period=DECEMBER_2020,
        place="Netherlands",
        status=Claim.Status.IN_REVIEW,
        quotes=[
            DemoQuote("nl2", "The Netherlands expelled two Russian diplomats", value=2),
            DemoQuote(
                "nl2",
                "Dutch officials said on December 10 that the two deported Russians worked as diplomats at the "
                "Russian Embassy in The Hague",
                speaker="Unnamed Dutch officials",
                value=2,
            ),
            DemoQuote(
                "nl17",
                "Two years ago, the Netherlands deported another Russian too actively involved in this pursuit.",
                speaker="NOS",
                value=1,
                period=(date(2020, 1, 1), date(2020, 12, 31), "two years before this 2022 article"),
            ),
        ],
    ),
    # Published with its disagreement open, so that a first visitor sees accounts side by side.
    DemoClaim(
        slug="dutch-spying-allegations-against-two-russians-were-baseless",
        text="The Dutch allegations that the two Russian diplomats expelled in December 2020 were spies "
        "were baseless.",
        period=DECEMBER_2020,
        place="Netherlands",
        verdict=Verdict.DISPUTED,
        explanation=(
            "The accounts contradict each other. The Russian side called the allegations baseless and the "
            "expulsion a provocation, without giving evidence. The AIVD said in a statement that both men "
            "were part of a large spy network it had recently cracked, and the Dutch government summoned "
            "the Russian ambassador. Neither side has made its evidence public."
        ),
        status=Claim.Status.PUBLISHED,
        quotes=[
            DemoQuote(
                "nl2",
                'The Russian side said that these allegations were "baseless"',
                speaker="Russian government",
            ),
            DemoQuote(
                "nl2",
                'both men are part of a "large spy network" that has been "recently cracked"',
                speaker="AIVD",
                stance=Quote.Stance.DISPUTES,
            ),
        ],
    ),
    DemoClaim(
        slug="nato-expelled-eight-russian-mission-members-2021",
        text="NATO expelled eight members of Russia's mission to NATO in 2021.",
        value=8,
        unit="mission members",
        period=(date(2021, 1, 1), date(2021, 12, 31), "2021"),
        place="Brussels",
        verdict=Verdict.TRUE,
        explanation=(
            "NATO's Secretary General confirmed the expulsions, and EUobserver and the Dossier Center named "
            "all eight."
        ),
        status=Claim.Status.PUBLISHED,
        quotes=[
            DemoQuote(
                "nato",
                "revealed the identities of 8 Russians expelled from NATO headquarters in Brussels",
                speaker="EUobserver",
                value=8,
            ),
            DemoQuote(
                "nato",
                "The eight Russian diplomatic spies were Sergei Chesnokov, Oleg Demekin, Vasily Episkin, Dmitry "
                "Filippenok, Igor Kovalev, Nadezhda Obukhova, Alexander Smusko and Stanislav Telegin",
                speaker="EUobserver",
                value=8,
            ),
            # Typed with straight quote marks; the article has curly ones.
            DemoQuote(
                "nato",
                '"We were evicting Russian personnel from NATO headquarters."',
                speaker="Jens Stoltenberg",
            ),
        ],
    ),
    DemoClaim(
        slug="netherlands-expelled-four-russians-over-opcw-hack-2018",
        text="In 2018 the Netherlands expelled four Russians who tried to hack the OPCW in The Hague.",
        value=4,
        unit="Russians",
        period=(date(2018, 1, 1), date(2018, 12, 31), "2018"),
        place="The Hague",
        status=Claim.Status.DRAFT,
        quotes=[
            DemoQuote(
                "nl2",
                "In 2018, four Russians were also repatriated to Russia after being charged with attempting a "
                "cyberattack on the Organization for the Prohibition of Chemical Weapons (OPCW) in The Hague",
                value=4,
            ),
        ],
    ),
]
