"""Check-worthiness score of a sentence: the shipped logistic-regression model, pure Python.

The model file is written by benchmarks/train_checkworthy.py (trained on ClaimBuster, see
triage/extract/README.md). It holds sparse feature weights, a Platt calibration fitted on
cross-validated scores, and the threshold that maximised F1 on those scores.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import repeat

from triage.extract.features import char_grams, reported_content, token_parts
from triage.models import TriageError

MODEL_FILE = "checkworthy_model.json.gz"
_WORD_CACHE_SIZE = 200_000


@dataclass(frozen=True)
class CheckworthyModel:
    """Weights split by feature group ("w:" words, "b:" bigrams, "c:" character grams, signals)."""

    words: dict[str, float]
    bigrams: dict[str, float]
    char_grams: dict[str, float]
    signals: dict[str, float]
    bias: float
    calibration_slope: float
    calibration_intercept: float
    threshold: float
    holdout_salt: str
    holdout_modulus: int
    trained_on: str
    # word -> (its weight, the sum of its character-gram weights, how many grams it has); filled
    # as words are met, since news repeats its words and grams cost a dozen lookups a word.
    _word_cache: dict[str, tuple[float, float, int]] = field(default_factory=dict, repr=False, compare=False)

    def weight(self, feature: str) -> float:
        """The weight of one named feature of sentence_features()."""
        group, _, name = feature.partition(":")
        table = {"w": self.words, "b": self.bigrams, "c": self.char_grams}.get(group)
        return table.get(name, 0.0) if table is not None else self.signals.get(feature, 0.0)

    def logit(self, sentence: str) -> float:
        """Uncalibrated model output: the dot product of the weights and sentence_features(sentence),
        computed word by word."""
        tokens, bigrams, signals = token_parts(sentence)
        # map(dict.get, names, repeat(0.0)) sums the same terms in the same order, without a
        # Python frame per term.
        total = self.bias + sum(map(self.signals.get, signals, repeat(0.0)))
        if tokens:
            cached = list(map(self._word_cache.get, tokens))
            if None in cached:
                cached = [entry or self._word(token) for entry, token in zip(cached, tokens)]
            # Sums in token order, as a loop over the tokens would add them.
            word_weights, gram_sums, gram_counts = zip(*cached)
            total += sum(word_weights) / math.sqrt(len(tokens)) + sum(gram_sums) / math.sqrt(sum(gram_counts))
        if bigrams:
            total += sum(map(self.bigrams.get, bigrams, repeat(0.0))) / math.sqrt(len(bigrams))
        return total

    def _word(self, token: str) -> tuple[float, float, int]:
        cached = self._word_cache.get(token)
        if cached is None:
            grams = char_grams(token)
            table = self.char_grams
            cached = (self.words.get(token, 0.0), sum(map(table.get, grams, repeat(0.0))), len(grams))
            if len(self._word_cache) < _WORD_CACHE_SIZE:
                self._word_cache[token] = cached
        return cached

    def score(self, sentence: str, speaker: str = "") -> float:
        """Calibrated probability that a fact-checker would call `sentence` check-worthy.

        `speaker` is who the sentence attributes its claim to, if anyone (see speaker.py)."""
        content = reported_content(sentence)
        return _sigmoid(self.calibration_slope * self.logit(content) + self.calibration_intercept)

    def is_held_out(self, sentence_id: str) -> bool:
        """True for the training-file rows the model never saw (its test split)."""
        return is_held_out(sentence_id, self.holdout_salt, self.holdout_modulus)


def is_held_out(self, sentence_id: str) -> bool:
        """True for the training-file rows the model never saw (its test split)."""
        return is_held_out(sentence_id, self.holdout_salt, self.holdout_modulus)


# Log-odds added for cues of news reporting. Debate transcripts, the only training data we may
# ship a model of, rarely attribute claims or name outside parties, so these weights are set by
# hand (not fitted to any evaluation file): a claim pinned on a named source, reported as said,
# denied or confirmed, or about named people and places is what a news fact-checker checks first.
NAMED_SOURCE_PRIOR = 0.4
REPORTED_SPEECH_PRIOR = 0.3
NAMED_ENTITIES_PRIOR = 0.4
_REPORTED_SPEECH_WORDS = [
    "according to", "reportedly", "denied", "denies", "confirmed", "confirms", "admitted", "acknowledged",
    "alleged", "allegedly", "claimed", "insisted", "announced", "disclosed", "revealed",
]
# What re.IGNORECASE matches to each of their first letters (a test checks this against re).
_CASE_VARIANTS = {"a": "Aa", "c": "Cc", "d": "Dd", "i": "Iiİı", "r": "Rr"}


def _ignoring_case(words: list[str]) -> re.Pattern[str]:
    r"""r"\b(?:word|...)\b" with re.IGNORECASE, written to start with a case-sensitive class of
    the words' first letters (and their case variants): the regex engine then skips ahead to
    those letters instead of trying every position. (?<!\w.) after that letter is the \b before it."""
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    first = "".join(_CASE_VARIANTS[letter] for letter in sorted(by_first))
    rests = "|".join(rf"(?<={letter})(?:{'|'.join(rest)})" for letter, rest in sorted(by_first.items()))
    return re.compile(rf"[{first}](?<!\w.)(?i:{rests})\b")


_REPORTED_SPEECH = _ignoring_case(_REPORTED_SPEECH_WORDS)
# A capitalised word that does not open the sentence: a name, a place, an organisation. Written
# as r"(?<=[\w,;:’'\"”)] )(?!I\b)[A-Z][\w’'-]+" but with the capital first, so the regex engine
# skips ahead to capitals.
_MID_SENTENCE_NAME = re.compile(r"[A-Z](?<=[\w,;:’'\"”)] .)(?!(?<=I)\b)[\w’'-]+")


def news_prior(sentence: str, speaker: str) -> float:
    """Log-odds for news cues the debate-trained model cannot know about."""
    prior = NAMED_SOURCE_PRIOR if speaker else 0.0
    if _REPORTED_SPEECH.search(sentence):
        prior += REPORTED_SPEECH_PRIOR
    if len(_MID_SENTENCE_NAME.findall(sentence)) >= 2:
        prior += NAMED_ENTITIES_PRIOR
    return prior


def is_held_out(sentence_id: str, salt: str, modulus: int) -> bool:
    # A hash of the id, not a stored list, so evaluation reproduces the split without the data.
    digest = hashlib.sha256(f"{salt}:{sentence_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % modulus == 0


def _sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


def model_from_dict(data: dict) -> CheckworthyModel:
    groups: dict[str, dict[str, float]] = {"w": {}, "b": {}, "c": {}}
    signals: dict[str, float] = {}
    for feature, weight in data["weights"].items():
        group, _, name = feature.partition(":")
        if group in groups:
            groups[group][name] = weight
        else:  # signal cues keep their full names ("sig:number", "len:<=10")
            signals[feature] = weight
    return CheckworthyModel(
        words=groups["w"],
        bigrams=groups["b"],
        char_grams=groups["c"],
        signals=signals,
        bias=data["bias"],
        calibration_slope=data["calibration"]["slope"],
        calibration_intercept=data["calibration"]["intercept"],
        threshold=data["threshold"],
        holdout_salt=data["holdout"]["salt"],
        holdout_modulus=data["holdout"]["modulus"],
        trained_on=data["trained_on"],
    )


@cache
def load_model() -> CheckworthyModel:
    """The model shipped inside the package, read once per process."""
    try:
        raw = resources.files("triage.extract").joinpath(MODEL_FILE).read_bytes()
        return model_from_dict(json.loads(gzip.decompress(raw)))
    except (OSError, ValueError, KeyError) as error:
        raise TriageError(f"check-worthiness model {MODEL_FILE} is missing or damaged: {error}") from error
