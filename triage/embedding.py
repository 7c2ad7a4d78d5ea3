"""Sentence embeddings from WordLlama's static token vectors (256-d), numpy at run time.

The weights and tokenizer ship inside the wordllama wheel. WordLlama 0.4.0.post1's own loader
looks for the tokenizer in the wrong folder and then tries to download it, so both files are read
from the installed package folder here and nothing ever touches the network.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from tokenizers import Tokenizer

WEIGHTS = ("weights", "l2_supercat_256.safetensors")
TOKENIZER = ("tokenizers", "l2_supercat_tokenizer_config.json")
DIMENSIONS = 256
WORD_CACHE = 200_000  # words whose token ids an Embedder remembers


@dataclass(frozen=True)
class Embedder:
    """Mean-pooled token vectors, normalised to unit length (so a dot product is a cosine)."""

    vectors: np.ndarray
    tokenizer: Tokenizer
    # word -> its token ids (see token_ids): news repeats its words, BPE over a sentence is slow.
    # Shared with checkworthy.sentence_vector, which tokenises words the same way.
    words: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False, compare=False)

    def embed(self, texts: list[str]) -> np.ndarray:
        """One unit row per text; an empty or untokenisable text gives a zero row."""
        import numpy as np

        rows = np.zeros((len(texts), self.vectors.shape[1]), dtype=np.float32)
        for row, text in enumerate(texts):
            ids = self.token_ids(text)
            if not ids:
                continue
            # mean(axis=0) and linalg.norm in fewer numpy calls, the same float operations: the
            # rows summed in order, divided by the count; the square root of the dot product.
            pooled = self.vectors.take(ids, axis=0).sum(axis=0) / len(ids)
            norm = float(np.sqrt(pooled.dot(pooled)))
            if norm > 0:
                rows[row] = pooled / norm
        return rows

    def token_ids(self, text: str) -> list[int]:
        """The ids the tokenizer gives the whole text (in the vocabulary), read word by word.

        The tokenizer has no pre-tokenizer: it turns each space into "▁", prepends one, and runs BPE
        over the whole text. No token holds a "▁" after its first character but runs of "▁", so a
        single space is a boundary no merge crosses, and the text's ids are its words' ids (each
        word with the "▁" the tokenizer prepends) one after the other: the same ids, from a cache.
        Texts with a run of spaces, or "<" (a special token such as "<s>" is cut out first), are
        tokenised whole."""
        words = text.split(" ")
        if "" in words or "<" in text:
            return self._in_vocabulary(self.tokenizer.encode(text, add_special_tokens=False).ids)
        known = self.words
        ids: list[int] = []
        for word in words:
            word_ids = known.get(word)
            if word_ids is None:
                word_ids = tuple(
                    self._in_vocabulary(self.tokenizer.encode(word, add_special_tokens=False).ids)
                )
                if len(known) < WORD_CACHE:
                    known[word] = word_ids
            ids += word_ids
        return ids

    def _in_vocabulary(self, ids: list[int]) -> list[int]:
        return [token for token in ids if 0 <= token < self.vectors.shape[0]]


@cache
def load_embedder() -> Embedder:
    """The bundled WordLlama model, read once per process from the installed package."""
    import numpy as np
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    package = _package_folder("wordllama")
    weights = load_file(str(package.joinpath(*WEIGHTS)))
    vectors = np.ascontiguousarray(weights["embedding.weight"], dtype=np.float32)
    tokenizer = Tokenizer.from_file(str(package.joinpath(*TOKENIZER)))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return Embedder(vectors, tokenizer)


def _package_folder(name: str) -> Path:
    """The installed package's folder, found without importing it: `import wordllama` loads
    pydantic and requests for its own loader, 0.24 s of CPU that every process embedding would
    spend (an import's worker among them) for two files we read ourselves."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the {name} package is not installed", name=name)
    return Path(next(iter(spec.submodule_search_locations)))
