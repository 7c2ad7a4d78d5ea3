"""The guard: look-alike claims with different numbers or names never link automatically."""

import pytest

from triage.link.guard import compare

LONG = "officials said the program will cost taxpayers {} over the next decade"


def test_identical_long_claims_pass() -> None:
    result = compare(LONG.format("4 million dollars"), LONG.format("4 million dollars"))
    assert not result.blocks_automatic
    assert result.differing == ()


def test_reformatted_numbers_pass() -> None:
    assert not compare(
        LONG.format("4,300 dollars"), LONG.format("4.3 thousand dollars")
    ).blocks_automatic


def test_different_magnitudes_block_and_show_both_numbers() -> None:
    result = compare(LONG.format("4 million dollars"), LONG.format("4 billion dollars"))
    assert result.blocks_automatic
    assert result.numbers == ("4 million", "4 billion")


def test_swapped_names_block_and_show_both_names() -> None:
    a = "Putin told reporters that the talks in Geneva had produced no agreement at all"
    b = "Zelensky told reporters that the talks in Geneva had produced no agreement at all"
    result = compare(a, b)
    assert result.blocks_automatic
    assert result.entities == ("putin", "zelensky")


def test_a_name_mentioned_differently_is_not_a_difference() -> None:
    a = "Putin said the talks in Geneva had produced no agreement on the border"
    b = "The talks in Geneva had produced no agreement on the border, said Vladimir Putin"
    # "Vladimir" appears only in b, so it is shown, but "Putin" is common to both.
    assert "putin" not in compare(a, b).entities


def test_short_claims_never_link_automatically() -> None:
    result = compare("Taxes went up.", "Taxes went up.")
    assert result.short and result.blocks_automatic


def test_a_name_in_the_attribution_tail_is_not_compared() -> None:
    a = "The program will cost taxpayers far more than promised over the next decade, Smith said"
    b = "The program will cost taxpayers far more than promised over the next decade, Jones told reporters"
    result = compare(a, b)
    assert result.entities == ()
    assert not result.blocks_automatic


def test_a_name_inside_the_claim_on_one_side_only_is_shown_but_does_not_block() -> None:
    a = "Smith will cost taxpayers far more than promised over the next decade"
    b = "The program will cost taxpayers far more than promised over the next decade"
    result = compare(a, b)
    assert result.entities == ("smith",)
    assert not result.blocks_automatic


# -- numbers written more or less precisely -------------------------------------------------------


def test_a_rounded_number_is_the_same_number() -> None:
    a = "The auditor found the harbour authority's effective tax rate was 35.72 in the last year"
    b = "The auditor found the harbour authority's effective tax rate was 35.7 percent last year"
    assert compare(a, b).numbers == ()
    a = "The harbour authority paid $43,885,310 in ferry fees to the port over eight years"
    b = "The harbour authority paid $43 million in ferry fees to the port over eight years"
    assert not compare(a, b).blocks_automatic


def test_close_but_different_numbers_still_block() -> None:
    a = "The harbour authority earned $141 million in ferry fees between 2010 and 2018"
    b = "The harbour authority earned $139 million in ferry fees between 2010 and 2018"
    result = compare(a, b)
    assert result.blocks_automatic and set(result.numbers) == {"141 million", "139 million"}
    a = "The harbour authority opened its second ferry terminal in the year 2000 downtown"
    b = "The harbour authority opened its second ferry terminal in the year 2010 downtown"
    assert compare(a, b).substituted_numbers  # a round year is not a rounded number


# -- names: another actor, or only more detail ----------------------------------------------------


def test_names_each_side_adds_elsewhere_are_shown_but_do_not_block() -> None:
    a = "Mayor Ruth Okafor and her husband, Daniel, were charged with spending $90,000 of ferry funds on holidays"
    b = "The Okafors were charged in Port Ellis with spending $90,000 of ferry funds on holidays"
    result = compare(a, b)
    assert set(result.entities) == {"daniel", "port ellis"}
    assert not result.blocks_automatic


def test_a_name_in_the_same_place_is_another_actor() -> None:
    a = "The House voted on Tuesday to repeal the ferry subsidy for the northern islands"
    b = "The Senate voted on Tuesday to repeal the ferry subsidy for the northern islands"
    result = compare(a, b)
    assert result.substituted_names and result.blocks_automatic


def test_a_shared_first_name_does_not_make_two_people_one() -> None:
    a = "The ferry contract was signed by Bridget Kelly and Bill Baroni at the port office"
    b = "The ferry contract was signed by Bridget Kelly and Bill Stepien at the port office"
    result = compare(a, b)
    assert set(result.entities) == {"bill baroni", "bill stepien"}
    assert result.blocks_automatic


def test_a_word_that_opens_the_sentence_is_not_a_name() -> None:
    a = "Top Democrats on Friday urged the governor to cancel the ferry contract with the port"
    b = "Leading Democrats on Friday urged the governor to cancel the ferry contract with the port"
    assert compare(a, b).entities == ()


# -- stage and side clauses ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "cue"),
    [
        # a plan and the deed
        ("The city council is set to vote to override the mayor's veto of the ferry budget",
         "The city council voted on Wednesday to override the mayor's veto of the ferry budget",
         "is set to"),
        # a second event is not the first
        ("The hospital said the ferry captain underwent a second surgery on his injured leg.",
         "The ferry captain underwent surgery on his injured leg at the harbour hospital.",
         "second"),
    ],
)  # fmt: skip
def test_a_stage_one_claim_states_alone_blocks_and_is_shown(a: str, b: str, cue: str) -> None:
    result = compare(a, b)
    assert result.stage == (cue,) and result.blocks_automatic
    assert cue in result.differing


def test_a_claim_repeating_only_an_aside_is_not_linked_automatically() -> None:
    a = ("Councillor Ruth Okafor, the harbour official who approved the $4,000,000 ferry contract "
         "with her brother's firm, resigned from the council on Tuesday evening.")  # fmt: skip
    b = "Okafor approved the $4,000,000 ferry contract with her brother's firm, the inquiry found."
    assert compare(a, b).side_clause and compare(a, b).blocks_automatic
    c = "Councillor Ruth Okafor resigned from the city council on Tuesday evening after the inquiry."
    assert not compare(a, c).side_clause  # the main clause repeated


def test_an_expectation_and_a_future_are_one_stage() -> None:
    a = "The charges against the councillor were expected to include fraud over the ferry contract"
    b = "The charges against the councillor will include fraud over the ferry contract, a paper said"
    assert compare(a, b).stage == ()


def test_a_pair_too_weak_for_the_automatic_tier_shows_the_same_differences() -> None:
    a = "The House voted on Tuesday to repeal the ferry subsidy for the northern islands"
    b = "The Senate voted on Tuesday to repeal the ferry subsidy for the northern islands"
    quick = compare(a, b, automatic=False)
    assert quick.differing == compare(a, b).differing == ("house", "senate")


def test_a_negation_inside_an_aside_does_not_make_the_claims_opposite() -> None:
    plain = "Ruth Okafor is a former harbour commissioner and legal counsel to the ferry board."
    aside = (
        "Ms. Okafor, who usually chairs the meetings but chose not to on Tuesday, is a former "
        "harbour commissioner and legal counsel to the ferry board."
    )
    result = compare(plain, aside)
    assert not result.opposite and not result.blocks_automatic


def test_a_negated_aside_that_the_other_claim_repeats_is_still_opposite() -> None:
    aside = "Dale Marsh, who did not attend the harbour board meeting, resigned on Friday."
    assert compare(aside, "Dale Marsh attended the harbour board meeting on Friday.").opposite
    assert compare("The ferry will not run on Sundays.", "The ferry will run on Sundays.").opposite


# -- what is reported, not who reported it -----------------------------------------------------------


def test_one_speaker_on_one_day_saying_two_things_is_not_a_repeat() -> None:
    a = ("Harbour Minister Ruth Okafor said Wednesday that the eyes of the whole country are on "
         "the small port town where the ferry sank.")  # fmt: skip
    b = ("Harbour Minister Ruth Okafor said Wednesday that she has asked the navy to lead the "
         "search for the missing crew.")  # fmt: skip
    result = compare(a, b)
    assert result.side_clause and result.blocks_automatic


def test_a_claim_and_its_paraphrase_with_the_frame_on_either_side_still_agree() -> None:
    a = "Mayor Jo Lind said Tuesday that the ferry subsidy for the islands would end in March."
    b = "The subsidy for the island ferries ends in March, Mayor Jo Lind told reporters on Tuesday."
    assert not compare(a, b).side_clause


def test_a_repeat_of_an_apposition_that_ends_the_sentence_is_not_a_repeat() -> None:
    a = ("The councillor also spoke at length of the strain the inquiry put on her husband, Tom Reyes, a "
         "longtime aide to the harbour master of the northern port.")  # fmt: skip
    b = "Okafor, 52, is married to Tom Reyes, an aide to the harbour master of the northern port."
    assert compare(a, b).side_clause


def test_a_headline_expectation_and_the_announcement_are_different_stages() -> None:
    a = "Harbour Governor Jo Lind expected to become the latest candidate for mayor in 2027."
    b = "Harbour Governor Jo Lind announced she is running as a candidate for mayor in 2027."
    assert compare(a, b).stage == ("expected to",)


def test_one_first_name_with_two_family_names_in_two_lists_is_two_people() -> None:
    a = ("They were the deputy, Bridget Kelly, and Bill Baroni, two officials at the port "
         "authority, which runs the island ferry.")  # fmt: skip
    b = ("It was orchestrated by Bridget Kelly at the port authority, along with his adviser, "
         "Bill Stepien.")  # fmt: skip
    assert compare(a, b).substituted_names


def test_a_round_figure_of_another_magnitude_is_another_number() -> None:
    a = "The harbour campaign's television advert is costing the ferry union $1 million this month."
    b = "The ferry union has reserved $500,000 of television airtime for the harbour campaign advert."
    assert compare(a, b).numbers == ("1 million", "500,000")
