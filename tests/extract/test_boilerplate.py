"""Page furniture is never a claim, in HTML and plain-text imports alike; prose that merely
mentions the same words stays."""

from __future__ import annotations

import pytest

from triage.extract import extract, score_sentences
from triage.extract.boilerplate import is_boilerplate, is_caption, is_furniture_block, is_teaser

FURNITURE = {
    "byline": "By Ann Lee and Bo Chan, staff reporters",
    "byline in capitals": "By HARBOUR PORT AUTHORITY",
    "written by": "Written by: Ann Lee",
    "posted by": "Posted by Bo Chan, Harbour Gazette",
    "contributed": "Dara Finch and Eli Gold contributed to this report.",
    "reporting and editing credits": "Additional reporting by Ann Lee in Dublin; Editing by Bo Chan and Eli Gold",
    "reporting credit": "Reporting by Ann Lee and Bo Chan in Cork; Writing by Eli Gold",
    "standards notice": "Our Standards: The Harbour Gazette Trust Principles.",
    "photo credit": "Photo: Dara Finch/Harbour Gazette",
    "agency credit": "HARBOUR PRESS/Dara Finch",
    "credit label": "Credit: Dara Finch",
    "caption with a position": "Mayor Ann Lee (left) and harbour master Bo Chan (right) open the pier on Monday.",
    "caption ending in its credit": "The pier seen from the harbour wall in 2019 (Photo: Dara Finch)",
    "newsletter with numbers": "Sign up for our newsletter: 5 stories every morning, free.",
    "join readers": "Join 40,000 readers who get our morning briefing.",
    "sign-up promo": "Get the Gazette's Daily Edition by email and never miss our top stories Free Sign Up",
    "subscriber promo": "First-time subscribers also receive a tote bag with 2 free issues!",
    "paywall": "To view the full story, please subscribe to the Harbour Gazette.",
    "app promo": "For the latest news download the Gazette apps for iOS and Android.",
    "follow us": "Follow us",
    "follow the outlet": "Follow the Harbour Gazette on Twitter and Instagram @harbourgazette",
    "letters address": "Send letters to the editor to letters@harbourgazette.example.",
    "tips address": "Have a tip? Email tips@harbourgazette.example",
    "contact numbers": "Contact: 555-0101; 555-0102 or 555-0103.",
    "hidden address": "Or by Email: [email protected]",
    "related teaser": "Related: Council approves 12 million euro budget",
    "read more teaser": "Read more: Why the pier closed in 2019",
    "teaser in Spanish": "Lea también: El consejo aprueba el presupuesto de 12 millones",
    "next part": "Next: Part 2, the long road to repair",
    "related heading": "Related Stories",
    "comment policy": "Comments are moderated and may take 24 hours to appear.",
    "comment form": "Your email address will not be published. Required fields are marked *",
    "cookies": "We use cookies to give you the best experience on our website.",
    "copyright": "Copyright 2024 Harbour Gazette Media Ltd.",
    "copyright sign": "Text and images © Harbour Gazette",
    "embedded post": "Ann Lee (@annlee_news) January 7, 2024",
    "dateline in capitals": "MARIN COUNTY, Calif.",
    "dateline with agency": "LONDON (Reuters) -",
    "dateline with date": "BEIRUT, March 3",
    "dateline in title case": "Napa County, Calif.",
    "category": "Category : Press Releases",
    "release date": "Release Date:",
    "number alone": "24%",
    "date alone": "Tuesday, 3 March 2020, 10:32 AM ET",
    "chart source": "Source: Harbour Statistics Office",
    "reprint permission": "Reprinted with permission of Harbour Books, Dublin.",
    "author line": "Ann Lee is a senior reporter for the Harbour Gazette.",
    "credit in brackets": "(Credit: Dara Finch / Harbour Gazette)",
    "date label": "Date: 12/03/2024",
    "read also with an arrow": "À lire aussi » Le port rouvre en mars",
    "related with an arrow": "Related » Council approves 12 million euro budget",
    "footnote to a starred figure": "*Prices are estimates by the Gazette, not the seller's own.",
    "advertiser disclosure": "This page contains references to products from one or more of our advertisers.",
    "independent picks": "We test every kettle ourselves, and advertisers do not influence our picks.",
    "commission": "We may earn a commission when you buy through links on this page.",
    "affiliate links": "This article contains affiliate links.",
    "sign-up box": "Sign up to get the week's best harbour stories and ferry deals, picked by our editors.",
    "newsletter heading": "Harbour Gazette Newsletter",
    "web address alone": "HARBOURGAZETTE.EXAMPLE.COM",
    "comment login in German": "Du musst angemeldet sein, um Kommentare zu schreiben!",
}

PROSE = [
    "By Tuesday, officials said the death toll had risen to 40.",
    "Reporting by the BBC found that 40 people had died.",
    "The company said subscriptions rose 12% last year.",
    "Netflix added 8 million new subscribers in the quarter.",
    "Follow the money, investigators said.",
    "Like many on Facebook, she shared the post about the 3% rise.",
    "Millions download the TikTok app each month, the company said.",
    "The privacy of 3 million users was breached, the regulator said.",
    "Crime rose 12% in Napa County, Calif., last year.",
    "The bill was written by Sen. Ann Lee and passed 52-48.",
    "He had already become a member of the party in 2010.",
    "Residents were urged to sign up.",
    "Copyright law protects 4 million works, the office said.",
    "Comments by the minister drew criticism from 40 lawmakers.",
    "The loan's terms and conditions were changed in 2019.",
    "NASA SPENT $4 BILLION ON THE PROGRAM.",
    "March 3, 2020 was the day the index fell 4%.",
    "Sources say the deal is worth $4 billion.",
    "Used from 2010 to 2015, the drug was linked to 40 deaths.",
    "Police said they had contact with 40 witnesses.",
    "Ann Lee is the mayor of Harbourtown and has led it since 2019.",
    "* The council spent 4 million euros on the pier in 2023.",
    "*Four* ferries were cancelled in 2023, the port said.",
    "Advertisers pulled $40 million from the network after the scandal, filings show.",
    "The platform's advertising policy bans 12 kinds of political ads, the company said.",
    "The families will receive compensation of 3 million euros, the court ruled.",
    "Next year the port expects 2 million passengers.",
    "Sign up for the ferry pass rose 12% in 2023, the port said.",
    "The newsletter reached 40,000 readers in 2023.",
    "Amazon.com sold 12 million kettles in 2023.",
]


@pytest.mark.parametrize("line", list(FURNITURE.values()), ids=list(FURNITURE))
def test_furniture_is_never_a_claim(line: str) -> None:
    [sentence] = score_sentences([line], threshold=0.0)
    assert is_boilerplate(line)
    assert not sentence.claim and sentence.score == 0.0


@pytest.mark.parametrize("line", PROSE)
def test_prose_with_furniture_words_is_not_furniture(line: str) -> None:
    assert not is_boilerplate(line)


def test_furniture_in_a_plain_text_import_is_not_a_claim() -> None:
    text = (
        "MARIN COUNTY, Calif.\n\n"
        "The fire has burned 4,000 acres since Sunday and destroyed 120 homes, officials said.\n\n"
        "Additional reporting by Ann Lee in Sacramento; Editing by Bo Chan\n\n"
        "Our Standards: The Harbour Gazette Trust Principles.\n"
    )
    judged = {sentence.text: sentence.claim for sentence in extract(text, threshold=0.0)}
    assert judged[
        "The fire has burned 4,000 acres since Sunday and destroyed 120 homes, officials said."
    ]
    assert not judged["MARIN COUNTY, Calif."]
    assert not judged["Additional reporting by Ann Lee in Sacramento; Editing by Bo Chan"]
    assert not judged["Our Standards: The Harbour Gazette Trust Principles."]


@pytest.mark.parametrize(
    ("block", "caption"),
    [
        ("Police seized 40 kg of cocaine on Sunday. By HARBOUR PORT AUTHORITY", True),
        ("Mayor Ann Lee opens the pier. (Photo: Bo Chan)", True),
        ("Mayor Ann Lee opens the pier. Photo by Bo Chan", True),
        ("Mayor Ann Lee opens the pier. HARBOUR PRESS/Bo Chan", True),
        ("The pier cost 4 million euros. By Tuesday it was open again.", False),
        ("The pier cost 4 million euros. Photos show it full in May.", False),
    ],
)
def test_a_caption_is_a_short_block_ending_in_its_credit(block: str, caption: bool) -> None:
    assert is_caption(block) is caption
    assert is_furniture_block(block) is caption


def test_an_author_box_with_contacts_is_furniture_and_a_profile_is_not() -> None:
    assert is_furniture_block(
        "Ann Lee is the founder of Pier Consulting, which advises 40 firms a year. Follow us on X. Email: ann@pier.example"
    )
    assert not is_furniture_block(
        "Ann Lee is the mayor of Harbourtown. She said the pier cost 4 million euros."
    )
    assert not is_furniture_block(
        "The pier cost 4 million euros, the council said. Follow us on X for updates."
    )


@pytest.mark.parametrize(
    ("block", "teaser"),
    [
        ("Ferries will run 12 boats a day from May, up from [...]", True),
        ("Ferries will run 12 boats a day from May, up from […]", True),
        ("Tides: the harbour master warned of a 5-metre tide on Sunday... more", True),
        ("Tolls: drivers will pay 2 euros a day from June… Read more »", True),
        ("Lighthouse — a 40-metre tower built in 1870 on the … Harbourpedia", True),
        ("The mayor paused… and then said the pier would cost 4 million euros.", False),
        ("Voters want the pier … or the new school", False),
        ("She said the council “will spend more...”", False),
    ],
)
def test_a_teaser_ends_in_an_ellipsis_and_its_link_or_source(block: str, teaser: bool) -> None:
    assert is_teaser(block) is teaser
