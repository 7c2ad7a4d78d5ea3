from triage.link.polarity import negations, relation


def test_negation_on_one_side_is_opposite() -> None:
    assert (
        relation("Mexico will pay for the border wall.", "Mexico will not pay for a border wall.")
        == "opposite"
    )
    assert relation("The mayor raised taxes twice.", "The mayor never raised taxes.") == "opposite"
    assert (
        relation("The senator voted for the bill.", "The senator didn’t vote for the bill.")
        == "opposite"
    )
    assert (
        relation("The plant closed in 2019.", "The company denied that the plant closed in 2019.")
        == "opposite"
    )
    assert (
        relation("Crime rose 12 percent.", "It is false that crime rose 12 percent.") == "opposite"
    )


def test_negation_on_both_sides_or_neither_is_same() -> None:
    assert relation("Mexico will not pay for the wall.", "Mexico won't pay for the wall.") == "same"
    assert (
        relation("Unemployment fell to 4 percent.", "Unemployment dropped to 4 percent.") == "same"
    )
    assert relation("Not only did prices rise, they doubled.", "Prices rose and doubled.") == "same"


def test_negation_cues_are_words_not_parts_of_words() -> None:
    assert negations("Notably, the nominee knows Norway.") == []
    assert negations("They can't and won't.") == ["n't", "n't"]


def test_no_before_a_number_is_a_rank_not_a_denial() -> None:
    assert relation("Phoenix is the No. 2 kidnapping capital.", "Phoenix ranks second.") == "same"
    assert negations("It is no. 1 in sales, and no one denies it.") == ["no", "denies"]
    assert negations("No. The plan was never approved.") == ["no", "never"]


def test_a_quoted_no_is_a_vote_not_a_denial() -> None:
    assert (
        relation(
            'The lone "no" vote on the council was cast by Councillor Okafor.',
            "Councillor Okafor cast the lone vote against on the council.",
        )
        == "same"
    )
    assert negations("She said no to the ferry plan.") == ["no"]
