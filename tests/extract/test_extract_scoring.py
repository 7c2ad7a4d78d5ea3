"""What is claimed is scored, not that someone said it (text written for these tests)."""

import pytest

from triage.extract import DEFAULT_THRESHOLD, score_sentences
from triage.extract.checkworthy import is_bare_reaction, news_prior
from triage.extract.features import reported_content, token_parts


def _score(text: str) -> float:
    [sentence] = score_sentences([text])
    return sentence.score


def _claim(text: str) -> bool:
    [sentence] = score_sentences([text])
    return sentence.claim


FACT = "Unemployment in the county fell to 4.1% in March, the lowest rate since 2008."


@pytest.mark.parametrize(
    "attributed",
    [
        "Unemployment in the county fell to 4.1% in March, the lowest rate since 2008, the governor said.",
        "“Unemployment in the county fell to 4.1% in March, the lowest rate since 2008,” the governor said.",
        "“Unemployment in the county fell to 4.1% in March, the lowest rate since 2008,” said Gov. Ann Lee, a Democrat.",
        "“Unemployment in the county fell to 4.1% in March, the lowest rate since 2008,” said Gov. Ann Lee, a Democrat who represents the district where the new plant will open.",
        "The governor said unemployment in the county fell to 4.1% in March, the lowest rate since 2008.",
        "Gov. Ann Lee told reporters on Tuesday that unemployment in the county fell to 4.1% in March, the lowest rate since 2008.",
        "According to the governor, unemployment in the county fell to 4.1% in March, the lowest rate since 2008.",
        "Unemployment in the county fell to 4.1% in March, the lowest rate since 2008, according to the governor.",
    ],
)
def test_an_attribution_neither_raises_nor_lowers_the_score(attributed: str) -> None:
    assert reported_content(attributed) == FACT
    assert _score(attributed) == pytest.approx(_score(FACT))
    assert _claim(attributed)


def test_checkable_content_inside_a_quote_outscores_an_opinion_quoted_the_same_way() -> None:
    fact = (
        "“The new bridge cost $40 million, twice the first estimate,” Mayor Ann Lee said on Friday."
    )
    opinion = "“The new bridge is a disgrace and a shameful waste,” Mayor Ann Lee said on Friday."
    assert _claim(fact)
    assert not _claim(opinion)
    assert _score(opinion) < _score(fact) - 0.3


@pytest.mark.parametrize(
    "sentence",
    [
        "A spokesman for the council declined to comment.",
        "The mayor’s office did not immediately respond to a request for comment on Friday.",
        "“Who is going to pay for all of this?” the senator asked.",
        "Will the council vote to raise taxes again next year?",
        "“We are deeply disappointed and frankly shocked,” she said.",
        "“I’m very proud of what we have done together,” the coach said.",
        "Mr. Okafor said.",
        "“This is a truly shameful day for our city,” said Councilwoman Rosa Diaz.",
    ],
)
def test_non_answers_questions_feelings_and_bare_attributions_are_not_claims(sentence: str) -> None:
    assert not _claim(sentence), _score(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The crowd was spellbound as the senator walked onto the stage with a tale of the 1980s.",
        "Inside the party, she was seen as a rising star with a gift for reaching both wings of the caucus.",
        "The audience cheered and laughed through most of the hour-long address in Des Moines.",
        "Politics, after all, is won by whoever turns out more voters in November.",
        "The mayor also called Mr. Dale a “fake reformer” who was fooling the voters.",
        "On Monday, the senator expressed disbelief that the governor would attend the summit.",
        "His plea was a moving end to the night.",
    ],
)
def test_scene_colour_perception_and_rhetoric_of_a_reaction_story_are_not_claims(
    sentence: str,
) -> None:
    assert not _claim(sentence), _score(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The delegates rose in a long ovation and waved small flags as she left the stage.",
        "Hecklers in the back rows booed whenever the governor mentioned the new toll road.",
        "The senator shrugged and stared at the floor while the clerk read the amendment.",
        "The mood in the hall was somber when the mayor walked in on Tuesday.",
    ],
)
def test_the_audiences_answer_body_language_and_mood_are_scene_colour(sentence: str) -> None:
    assert news_prior(token_parts(sentence)[2], sentence) == -1.0


def test_a_denial_keeps_its_weight_when_it_ends_by_calling_the_story_names() -> None:
    # The main clause is what is reported; the name-calling tail is an aside.
    denial = (
        "However, the ministry denied the meeting ever took place, calling it “pure invention.”"
    )
    assert _claim(denial)
    assert _score(denial) > _score("The ministry called the report “pure invention.”")


def test_a_count_keeps_a_scene_checkable() -> None:
    assert _claim("A crowd of 20,000 people marched to the Capitol on Saturday.")
    assert _score("A crowd of 20,000 people marched to the Capitol on Saturday.") > _score(
        "A loud crowd marched to the Capitol on Saturday."
    )


def test_a_year_dates_a_scene_but_is_no_count() -> None:
    # A decade or a year says when, not how many: the colour priors still apply.
    dated = (
        "The crowd was enthralled, even as the governor took them down long tales of the tax"
        " revolts of the 1970s."
    )
    counted = (
        "The crowd was enthralled as the governor walked them through the tax fights of 1985"
        " and the 40,000 lost jobs."
    )
    assert not _claim(dated), _score(dated)
    assert _claim(counted), _score(counted)


def test_the_colour_priors_skip_a_sentence_with_a_count_but_not_one_with_only_years() -> None:
    scene = ("sig:number", "sig:scene")
    assert news_prior(scene, "The crowd cheered the tales of 1929 and the 1960s.") == -1.0
    assert news_prior(scene, "A crowd of 20,000 cheered in 2016.") == 0.0
    assert news_prior(scene, "A crowd of 2,000 cheered.") == 0.0
    assert news_prior(scene) == 0.0  # without the text every figure is a count


@pytest.mark.parametrize(
    "sentence",
    [
        "He pleaded guilty to one count of wire fraud in federal court on Monday.",
        "The Senate voted 97 to 1 to override the veto.",
        "He took a plea deal and admitted to lying to federal agents.",
        "“We cut property taxes by 12 percent in 2022,” the mayor said.",
    ],
)
def test_records_and_quoted_figures_are_claims(sentence: str) -> None:
    assert _claim(sentence), _score(sentence)


def test_the_default_threshold_separates_the_two_quotes_by_a_margin() -> None:
    assert (
        _score("“We are deeply disappointed,” she said.")
        < DEFAULT_THRESHOLD
        < _score("“We lost 3,000 jobs in the county last year,” she said.")
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "By March, prices went up 5% across the region.",
        "In May, the firm added 500 jobs at its plant.",
        "In 2019, the army put 500 troops in Poland.",
        "In June, the city asked for $5 million in state aid.",
        "The new law states that drivers must stop at the line.",
    ],
)
def test_verbs_that_are_not_speech_here_cut_nothing(sentence: str) -> None:
    assert reported_content(sentence) == sentence


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        ("“Who will pay for the new stadium?” she asked.", "Who will pay for the new stadium?"),
        ("“Rents rose 4% last year,” he added.", "Rents rose 4% last year."),
        ("Mr. Okafor said.", ""),
        ("Rents, she told the council on Monday, rose 4% last year.", "Rents rose 4% last year."),
    ],
)
def test_the_reported_content_is_what_remains(sentence: str, content: str) -> None:
    assert reported_content(sentence) == content


def test_a_speakers_own_words_without_specifics_weigh_less() -> None:
    # First person or mostly a quotation, with no count, date or year: a stance, a vow, rhetoric.
    assert news_prior((), "We will fight this ruling in every court in the land.") == -1.0
    assert news_prior((), "Our city deserves better than this.") == -1.0
    quoted = (
        "“The plan is a gift to the landlords and a slap in the face to tenants,” Ms. Okafor said."
    )
    content = "The plan is a gift to the landlords and a slap in the face to tenants."
    assert news_prior((), content, quoted) == -1.0
    # Both at once: a first-person quotation.
    vow = "“I will never stop fighting for this town and for the people who live in it,” she said."
    assert (
        news_prior(
            (), "I will never stop fighting for this town and for the people who live in it.", vow
        )
        == -2.0
    )


def test_a_figure_or_a_date_keeps_a_speakers_own_words_checkable() -> None:
    counted = "We added 4,500 jobs last year."
    assert news_prior(token_parts(counted)[2], counted) == 0.0
    dated = "I met the governor on Tuesday."
    assert news_prior(token_parts(dated)[2], dated) == 0.0
    # "US" is the country, not "us"; a third-person sentence with a short quote is no quotation.
    plain = "US officials said the port closed after a “serious” leak in the cooling system."
    assert news_prior(token_parts(plain)[2], plain, plain) == 0.0


def test_a_speakers_denial_of_a_fact_is_checkable_not_a_stance() -> None:
    # "We do not …" denies something that is or is not so; "we will not …" is still a vow.
    denial = "“We do not give any agency direct access to our servers,” the spokeswoman said."
    content = "We do not give any agency direct access to our servers."
    assert news_prior((), content, denial) == 0.0
    vow = "We will not give any agency direct access to our servers."
    assert news_prior((), vow) == -1.0
    assert _score(denial) > _score(f"“{vow}” the spokeswoman said.")


def test_a_quoted_vow_scores_below_the_same_words_with_a_schedule() -> None:
    vow = "“We will take this fight to the courts and we will win,” the senator said."
    scheduled = "“We will file the lawsuit in federal court on March 3,” the senator said."
    assert not _claim(vow), _score(vow)
    assert _claim(scheduled), _score(scheduled)
    assert _score(scheduled) > _score(vow) + 0.2


def test_what_a_speaker_added_is_content_too() -> None:
    added = (
        "“The bridge will open on time,” the mayor said, adding that the contractor had been"
        " paid $40 million so far."
    )
    assert reported_content(added) == (
        "The bridge will open on time. The contractor had been paid $40 million so far."
    )
    # An apposition is cut only after the speech verb: here the speakers come first.
    joint = (
        "“The budget breaks every promise made to the city,” Ms. Lee and Mr. Park, the leader,"
        " said on Friday."
    )
    assert reported_content(joint) == "The budget breaks every promise made to the city."
    # A figure in the apposition may be what the sentence reports: it is kept.
    figure = "“We won,” she said, a day after the firm reported a loss of $5 million."
    assert "$5 million" in reported_content(figure)


@pytest.mark.parametrize(
    "reaction",
    [
        "Councilwoman Dana Ortiz praised the new library on Tuesday.",
        "The union’s leaders sharply condemned the decision.",
        "Mr. Haines scoffed at his rival’s plan for the schools.",
        "Republicans in the state house seized on the report.",
        "Near the stage, the governor bantered with the mayor.",
        "The chairman, who has openly mocked the “green dream”, defended his record.",
    ],
)
def test_a_reaction_without_its_content_is_a_generic_attribution(reaction: str) -> None:
    content = reported_content(reaction)
    assert is_bare_reaction(token_parts(content)[2], content)
    assert not _claim(reaction), _score(reaction)


@pytest.mark.parametrize(
    "sentence",
    [
        # What was said, a figure or a month: checkable content.
        "The mayor criticized the plan, saying it would close 12 bus routes.",
        "Ms. Ortiz praised the council for passing the budget in June.",
        "The senator condemned the attack that killed 14 people.",
        "The governor defended the cuts because the state had run out of money.",
        "The mayor criticized the council for cutting the night bus service.",
        "The audit also criticized the clerk for her use of a private account for council mail.",
        # A demand or a call for action is not a reaction verb.
        "Several council members urged him to resign.",
        "The union called for an inquiry into the contract.",
        # A passive or an adjective: the record itself, or no verb at all.
        "The chief was widely criticized for the slow response.",
        "The city bought a plot of condemned land near the river.",
    ],
)
def test_a_reaction_with_content_a_demand_or_a_passive_is_not_a_bare_reaction(
    sentence: str,
) -> None:
    content = reported_content(sentence)
    assert not is_bare_reaction(token_parts(content)[2], content)


def test_a_reaction_with_a_figure_outscores_the_same_reaction_without_one() -> None:
    bare = "The mayor lauded the program during a visit to the school."
    counted = "The mayor lauded the program, which has trained 3,400 nurses since 2015."
    assert not _claim(bare), _score(bare)
    assert _claim(counted), _score(counted)
    assert _score(counted) > _score(bare) + 0.3
