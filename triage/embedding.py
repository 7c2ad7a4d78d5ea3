"""Sentence embeddings from WordLlama's static token vectors (256-d), numpy at run time.

The weights and tokenizer ship inside the wordllama wheel. WordLlama 0.4.0.post1's own loader
looks for the tokenizer in the wrong folder and then tries to download it, so both files are read
from the installed package folder here and nothing ever touches the network.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from tokenizers import Tokenizer

WEIGHTS = ("weights", "l2_supercat_256.safetensors")
TOKENIZER = ("tokenizers", "l2_supercat_tokenizer_config.json")
DIMENSIONS = 256


@dataclass(frozen=True)
class Embedder:
    """Mean-pooled token vectors, normalised to unit length (so a dot product is a cosine)."""

    vectors: np.ndarray
    tokenizer: Tokenizer

    def embed(self, texts: list[str]) -> np.ndarray:
        """One unit row per text; an empty or untokenisable text gives a zero row."""
        import numpy as np

        rows = np.zeros((len(texts), self.vectors.shape[1]), dtype=np.float32)
        for row, encoding in enumerate(
            self.tokenizer.encode_batch(texts, add_special_tokens=False)
        ):
            ids = [token for token in encoding.ids if 0 <= token < self.vectors.shape[0]]
            if not ids:
                continue
            pooled = self.vectors[ids].mean(axis=0)
            norm = float(np.linalg.norm(pooled))
            if norm > 0:
                rows[row] = pooled / norm
        return rows


@cache
def load_embedder() -> Embedder:
    """The bundled WordLlama model, read once per process from the installed package."""
    import numpy as np
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    package = resources.files("wordllama")
    weights = load_file(str(package.joinpath(*WEIGHTS)))
    vectors = np.ascontiguousarray(weights["embedding.weight"], dtype=np.float32)
    tokenizer = Tokenizer.from_file(str(package.joinpath(*TOKENIZER)))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return Embedder(vectors, tokenizer)
