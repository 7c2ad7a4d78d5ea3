"""The guard: look-alike claims with different numbers or names never link automatically."""

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
