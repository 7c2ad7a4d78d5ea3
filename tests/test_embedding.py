"""The bundled embedding loads and scores with the network off."""

import socket

import numpy as np
import pytest

from triage.embedding import DIMENSIONS, load_embedder


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network is off in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    load_embedder.cache_clear()


def test_embedding_loads_offline_and_ranks_paraphrases_first(no_network: None) -> None:
    embedder = load_embedder()
    rows = embedder.embed(
        [
            "The city council approved a budget of $3 million for road repairs.",
            "Council members voted for a $3 million roads repair budget.",
            "The striker scored twice in the second half of the match.",
        ]
    )
    assert rows.shape == (3, DIMENSIONS)
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-4)
    paraphrase, unrelated = float(rows[0] @ rows[1]), float(rows[0] @ rows[2])
    assert paraphrase > unrelated + 0.2


def test_empty_text_embeds_as_zero_row() -> None:
    rows = load_embedder().embed([""])
    assert not rows.any()


@pytest.mark.parametrize(
    "text",
    [
        "the council approved a 3 million budget for road repairs",
        "“We won’t pay,” said Mr. O’Neill — twice.",
        "two  spaces and a trailing one ",
        " leading space, a tab\tand a\nnew line",
        "a special <s> token and </s> another",
        "émigrés in Zürich paid 40€ for 漢字 😀",
        "",
    ],
)
def test_word_by_word_tokens_are_the_whole_text_tokens(text: str) -> None:
    # The cached word-by-word reading must give the vectors the tokenizer gives the whole text.
    embedder = load_embedder()
    whole = [
        token
        for token in embedder.tokenizer.encode(text, add_special_tokens=False).ids
        if 0 <= token < embedder.vectors.shape[0]
    ]
    assert embedder.token_ids(text) == whole
    assert embedder.token_ids(text) == whole  # again, from the cache
    expected = embedder.vectors[whole].mean(axis=0) if whole else None
    row = embedder.embed([text])[0]
    if expected is None:
        assert not row.any()
    else:
        assert np.array_equal(row, expected / float(np.linalg.norm(expected)))
