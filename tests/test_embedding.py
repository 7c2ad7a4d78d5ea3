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
