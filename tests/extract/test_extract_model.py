"""The shipped model scores with exactly the weights the training script wrote."""

import gzip
import json
from importlib import resources

import numpy as np
import pytest

from triage.embedding import load_embedder
from triage.extract.checkworthy import MODEL_FILE, load_model, sentence_vector
from triage.extract.features import sentence_features


@pytest.mark.parametrize(
    "sentence",
    [
        "Unemployment fell to 3.9% in 2019, the lowest rate in 50 years.",
        "“We will not raise taxes,” the governor’s spokesman said on Tuesday.",
        "Thank you.",
        "$",
        "",
    ],
)
def test_fast_scoring_equals_the_feature_dot_product(sentence: str) -> None:
    model = load_model()
    expected = model.bias + sum(
        model.weight(name) * value for name, value in sentence_features(sentence).items()
    )
    assert model.sparse_logit(sentence) == pytest.approx(expected, abs=1e-9)
    assert model.sparse_logit(sentence) == pytest.approx(
        expected, abs=1e-9
    )  # again, from the word cache


def test_the_embedding_part_is_the_stored_weights_times_the_sentence_embedding() -> None:
    model = load_model()
    raw = json.loads(
        gzip.decompress(resources.files("triage.extract").joinpath(MODEL_FILE).read_bytes())
    )
    weights = np.array(raw["embedding"]["weights"]) * raw["embedding"]["scale"]
    assert len(weights) == 256 and np.abs(weights).max() > 0
    sentence = "The bridge cost $40 million, twice the first estimate."
    expected = float(load_embedder().embed([sentence])[0] @ weights)
    assert model.embedding_logit(sentence) == pytest.approx(expected, abs=1e-5)
    assert model.logit(sentence) == pytest.approx(model.sparse_logit(sentence) + expected, abs=1e-5)
    assert model.embedding_logit("") == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "“We won’t pay,” said Mr. O’Neill — twice, in 2019.",
        "émigrés in Zürich paid 40€ for 漢字 😀",
        "a special <s> token, </s> another and an <unk>",
        "tabs\tand\u00a0no-break spaces ▁already marked",
    ],
)
def test_the_embedding_part_reads_each_word_as_the_tokenizer_does(text: str) -> None:
    # Words are tokenised by the BPE model directly (faster than encode()): same ids.
    tokenizer, size = load_embedder().tokenizer, load_embedder().vectors.shape[0]
    cache: dict[str, tuple[int, ...]] = {}
    assert sentence_vector(text, cache) is not None
    assert set(cache) == set(text.split())
    for word, ids in cache.items():
        encoded = tokenizer.encode(word, add_special_tokens=False).ids
        assert ids == tuple(i for i in encoded if 0 <= i < size)


def test_model_knows_which_training_rows_it_never_saw() -> None:
    model = load_model()
    held_out = [model.is_held_out(str(i)) for i in range(2000)]
    assert 0.15 < sum(held_out) / len(held_out) < 0.25
