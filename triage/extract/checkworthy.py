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
from dataclasses import dataclass
from functools import cache
from importlib import resources

from triage.extract.features import sentence_features
from triage.models import TriageError

MODEL_FILE = "checkworthy_model.json.gz"


@dataclass(frozen=True)
class CheckworthyModel:
    weights: dict[str, float]
    bias: float
    calibration_slope: float
    calibration_intercept: float
    threshold: float
    holdout_salt: str
    holdout_modulus: int
    trained_on: str

    def score(self, sentence: str, speaker: str = "") -> float:
        """Calibrated probability that a fact-checker would call `sentence` check-worthy.

        `speaker` is who the sentence attributes its claim to, if anyone (see speaker.py)."""
        weights = self.weights
        logit = self.bias + sum(weights.get(name, 0.0) * value for name, value in sentence_features(sentence).items())
        calibrated = self.calibration_slope * logit + self.calibration_intercept
        return _sigmoid(calibrated + news_prior(sentence, speaker))

    def is_held_out(self, sentence_id: str) -> bool:
        """True for the training-file rows the model never saw (its test split)."""
        return is_held_out(sentence_id, self.holdout_salt, self.holdout_modulus)


# Log-odds added for cues of news reporting. Debate transcripts, the only training data we may
# ship a model of, almost never attribute claims, so these weights are set by hand (not fitted to
# any evaluation file): a claim pinned on a named source, or reported as said, denied or
# confirmed, is what a news fact-checker checks first.
NAMED_SOURCE_PRIOR = 0.8
REPORTED_SPEECH_PRIOR = 0.6
_REPORTED_SPEECH = re.compile(
    r"\b(?:according to|reportedly|denied|denies|confirmed|confirms|admitted|acknowledged|alleged(?:ly)?|"
    r"claimed|insisted|announced|disclosed|revealed)\b",
    re.IGNORECASE,
)


def news_prior(sentence: str, speaker: str) -> float:
    prior = NAMED_SOURCE_PRIOR if speaker else 0.0
    if _REPORTED_SPEECH.search(sentence):
        prior += REPORTED_SPEECH_PRIOR
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
    return CheckworthyModel(
        weights=data["weights"],
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
