"""Check-worthiness score of a sentence: the shipped logistic-regression model.

The model file is written by benchmarks/train_checkworthy.py (trained on ClaimBuster, see
triage/extract/README.md). It holds sparse feature weights, weights over the sentence's WordLlama
embedding (triage/embedding.py), a Platt calibration fitted on cross-validated scores, and the
threshold chosen on those scores. The sentence scored is its reported content
(features.reported_content): who said it and the verb of saying never raise a score.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from itertools import chain, repeat
from typing import TYPE_CHECKING

from triage.extract.features import char_gram_list, reported_content, token_parts
from triage.models import TriageError

if TYPE_CHECKING:
    import numpy as np

    from triage.embedding import Embedder

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
    # Weights over the unit-length sentence embedding, already multiplied by the scale the
    # training script gave the embedding columns; empty for a model without them.
    embedding: tuple[float, ...] = ()
    # word -> (its weight, the sum of its character-gram weights, how many grams it has); filled
    # as words are met, since news repeats its words and grams cost a dozen lookups a word.
    _word_cache: dict[str, tuple[float, float, int]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def weight(self, feature: str) -> float:
        """The weight of one named feature of sentence_features()."""
        group, _, name = feature.partition(":")
        table = {"w": self.words, "b": self.bigrams, "c": self.char_grams}.get(group)
        return table.get(name, 0.0) if table is not None else self.signals.get(feature, 0.0)

    def logit(self, sentence: str) -> float:
        """Uncalibrated model output: the sparse part plus the embedding part."""
        return self.sparse_logit(sentence) + self.embedding_logit(sentence)

    def embedding_logit(self, sentence: str) -> float:
        """The embedding weights times the sentence's embedding (see sentence_vector); 0 when empty."""
        if not self.embedding:
            return 0.0
        # The embedder's own word cache: linking embeds the same words again (prepare()).
        vector = sentence_vector(sentence, _embedder().words)
        return 0.0 if vector is None else float(vector @ self._embedding_array)

    @cached_property
    def _embedding_array(self) -> np.ndarray:
        # Built once: a cache keyed by the 256-float tuple would hash it on every sentence.
        import numpy as np

        return np.array(self.embedding, dtype=np.float32)

    def sparse_logit(self, sentence: str) -> float:
        """The bias plus the dot product of the weights and sentence_features(sentence), computed
        word by word."""
        return self._sparse_logit(*token_parts(sentence))

    def _sparse_logit(
        self, tokens: tuple[str, ...], bigrams: tuple[str, ...], signals: tuple[str, ...]
    ) -> float:
        # map(dict.get, names, repeat(0.0)) sums the same terms in the same order, without a
        # Python frame per term.
        total = self.bias + sum(map(self.signals.get, signals, repeat(0.0)))
        if tokens:
            cached = list(map(self._word_cache.get, tokens))
            if None in cached:
                cached = [entry or self._word(token) for entry, token in zip(cached, tokens)]
            # Sums in token order, as a loop over the tokens would add them.
            word_weights, gram_sums, gram_counts = zip(*cached)
            total += sum(word_weights) / math.sqrt(len(tokens)) + sum(gram_sums) / math.sqrt(
                sum(gram_counts)
            )
        if bigrams:
            total += sum(map(self.bigrams.get, bigrams, repeat(0.0))) / math.sqrt(len(bigrams))
        return total

    def _word(self, token: str) -> tuple[float, float, int]:
        cached = self._word_cache.get(token)
        if cached is None:
            # A word met for the first time: char_grams' cache would miss too.
            grams = char_gram_list(token)
            table = self.char_grams
            cached = (
                self.words.get(token, 0.0),
                sum(map(table.get, grams, repeat(0.0))),
                len(grams),
            )
            if len(self._word_cache) < _WORD_CACHE_SIZE:
                self._word_cache[token] = cached
        return cached

    def score(self, sentence: str, speaker: str = "") -> float:
        """Calibrated probability that a fact-checker would call `sentence` check-worthy.

        The reported content is scored (see features.reported_content): who said it, and that
        someone said it, never raise the score, so `speaker` (see speaker.py) is not used."""
        del speaker
        content = reported_content(sentence)
        parts = token_parts(content)
        logit = self._sparse_logit(*parts) + self.embedding_logit(content)
        return _sigmoid(
            self.calibration_slope * logit
            + self.calibration_intercept
            + news_prior(parts[2], content, sentence)
        )

    def is_held_out(self, sentence_id: str) -> bool:
        """True for the training-file rows the model never saw (its test split)."""
        return is_held_out(sentence_id, self.holdout_salt, self.holdout_modulus)


# Log-odds added for what news has and debate transcripts, the only data we may train on, barely
# do: non-answers ("declined to comment"), records a fact-checker checks (charges, pleas, sentences,
# votes), and opinion, feelings, obligations, rhetoric and questions, which in news mark reactions
# rather than reported fact. Set by hand from the labelling rules of news/LABELLING.md (a few
# round values, not fitted); benchmarks/eval_news.py measures them.
SUBJECTIVE_PRIOR = -0.4
NEWS_PRIORS: dict[str, float] = {
    "sig:nonanswer": -3.0,
    "sig:record": 0.8,
    "sig:question": -2.0,
    "sig:evaluative": SUBJECTIVE_PRIOR,
    "sig:feeling": SUBJECTIVE_PRIOR,
    "sig:obligation": SUBJECTIVE_PRIOR,
    "sig:rhetoric": SUBJECTIVE_PRIOR,
}
# Scene colour ("the crowd was enthralled"), perception ("was seen as a star"), vagueness ("after
# all", "it was unclear"), talk about the talk ("the message was clear") and name-calling ("called
# him a “false prophet”"): how a reaction story reads around its quotes. Not applied to a sentence
# with a count in it ("a crowd of 20,000"), which is checkable whatever else it describes; a year
# or a decade ("in 2010", "the 1920s") dates a scene and is no count. Set by
# hand like the priors above, and never trained on: in debates "my speech" or "after all" say
# nothing of a reaction story (benchmarks/train_checkworthy.py leaves these cues out).
COLOUR_PRIORS: dict[str, float] = {
    "sig:scene": -1.0,
    "sig:perception": -1.0,
    "sig:vague": -1.0,
    "sig:discourse": -0.5,
    "sig:namecalling": -1.0,
}
# A speaker's own words with nothing specific in them: content in the first person ("I'm
# endorsing him because we need…", "we can say with confidence…") or a sentence that is mostly a
# quotation, with no count, date or year. In news these are stated positions, intentions,
# vows, forecasts and rhetoric, which news/LABELLING.md calls 0 ("a quote is judged by what it
# asserts"); a figure or a date ("we added 500 jobs in May") is what makes such words checkable.
# Each applies once, so a first-person quotation takes both. Set by hand like the priors above.
VOICE_PRIORS: dict[str, float] = {"first_person": -1.0, "quotation": -1.0}
# Share of a sentence's characters inside quotation marks above which it is "mostly a quotation".
QUOTATION_SHARE = 0.7
# First-person words, case kept: "US" is the country, "I" alone the pronoun. Written as
# r"(?<![\w'’])(?:I(?:['’](?:m|ve|ll|d))?|[Ww]e(?:['’](?:re|ve|ll|d))?|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself|
# [Uu]s|[Oo]urs?|[Oo]urselves)(?![\w'’])" but with a character class first, so the regex engine
# skips ahead to those letters (same matches on BASIL and the checkworthy files, a third of the time).
_FIRST_PERSON = re.compile(
    r"[IWwMmUuOo](?<![\w'’].)(?:(?<=I)(?:['’](?:m|ve|ll|d))?|(?<=[Ww])e(?:['’](?:re|ve|ll|d))?|"
    r"(?<=[Mm])(?:e|y|ine|yself)|(?<=[Uu])s|(?<=[Oo])(?:urs?|urselves))(?![\w'’])"
)
_QUOTATION = re.compile(r"[“\"]([^“”\"]*)(?:[”\"]|$)")
# A denial of a present fact ("we do not provide …", "Google does not have …", "nobody has
# listened …") is checkable however it is voiced; a modal or future one ("we will not …") is a vow.
_DENIAL = re.compile(r"\b(?:do|does|has|have|is|are)(?:\s+not|n['’]t)\s+\w+|\bnobody\s+has\b")
_MODAL = re.compile(r"\b(?:will|would|could|should|must|can|may|might|shall)\b|['’]ll\b")
_DATE_SIGNALS = frozenset({"sig:date", "sig:year"})
_COUNT_WORDS = frozenset({"sig:numword", "sig:bignum"})
_NUMERAL = re.compile(r"\d+(?:[.,]\d+)*")
_YEAR_NUMERAL = re.compile(r"(?:1[89]|20)\d\d")


# A reaction reported without its content: the main verb praises, attacks, mocks, defends or
# portrays ("the senator condemned the attack", "the mayor lauded the plan", "Republicans seized
# on the report"), with no clause saying what was claimed or done ("that …", "saying …",
# "because …", "for cutting …", a colon), no quotation of more than a few words, and no figure
# or month. news/LABELLING.md calls such generic attributions 0; the clause, the quotation or the
# figure is what a fact-checker would check, so any of them stands the prior aside ("criticized
# the plan, saying it cut 300 jobs"). A demand or a call for action ("urged him to resign",
# "called for an inquiry") is a stated position and not a reaction, so its verbs are not here.
# Finite past-tense forms only: "attacks", "jokes" are as often nouns, and after "was", "to", an
# article or a preposition the verb is a passive or an adjective ("was criticized for …", "of
# condemned land"), often the record itself. Set by hand like the priors above.
REACTION_PRIOR = -3.0
# Signals that only gate or set a news prior and are never trained on (train_checkworthy.py
# leaves them out): what they mark in news says nothing of the same words in a debate.
PRIOR_ONLY_SIGNALS = frozenset({*COLOUR_PRIORS, "sig:reaction_verb"})
_REACTION_VERB = re.compile(
    r"(?<![\w-])(?:"
    # praise
    r"praised|lauded|hailed|commended|thanked|congratulated|saluted|welcomed|"
    # criticism, attack, mockery
    r"criticized|criticised|condemned|denounced|decried|slammed|blasted|lambasted|attacked|"
    r"assailed|rebuked|scolded|chided|berated|castigated|excoriated|mocked|ridiculed|derided|"
    r"scoffed|taunted|jeered|sneered|railed|bashed|skewered|disparaged|"
    # defence and dismissal of criticism
    r"defended|downplayed|shrugged\s+off|brushed\s+(?:off|aside)|"
    # characterisation
    r"portrayed|characterized|characterised|depicted|"
    # reacting and sparring
    r"seized\s+(?:on|upon)|took\s+aim|fired\s+back|hit\s+back|lashed\s+out|pushed\s+back|"
    r"weighed\s+in|sparred|bantered|chatted|joked"
    r")\b"
)
# Words after which the verb is no finite verb of a subject: an auxiliary of the passive ("was
# criticized"), "to", or a determiner or preposition before an adjective ("of condemned land").
_NOT_FINITE_WORDS = (
    "was were been being is are be get got gets to or a an the this that these those his her its "
    "their our of in on at for with by from into"
)
_NOT_FINITE_BEFORE = frozenset(_NOT_FINITE_WORDS.split())
_CONTENT_CLAUSE = re.compile(
    r"\b(?:that|saying|claiming|arguing|noting|adding|contending|whether|how|why|because)\b"
    # "for using …", "for his use of …": the reason given for it is a checkable act.
    r"|\bfor\s+(?:not\s+)?(?:\w+ing\b|(?:his|her|their|its|the|a|an|\w+['’]s)\s+\w+\s+"
    r"(?:of|to|in|on|at|with|during|against)\b)|[:;]"
)
_PREVIOUS_WORDS = re.compile(r"[\w’']+")
_MAX_LABEL_QUOTE_WORDS = 3  # "railed against the “witch hunt”": a label, not a quoted claim
# A month dates the reaction ("in June", "May 3"; "may" alone is the verb).
_MONTH = re.compile(
    r"\b(?:January|February|March|April|June|July|August|September|October|November|December|"
    r"Jan|Feb|Apr|Aug|Sept|Oct|Nov|Dec|May(?=\s+\d))\b"
)


def news_prior(
    signals: tuple[str, ...], text: str | None = None, sentence: str | None = None
) -> float:
    """Log-odds for news cues the debate-trained model cannot know about. `text` is the content
    the signals come from (see features.reported_content); without it every figure counts as a
    count, years too, and the voice and reaction priors are not applied. `sentence` is the whole
    sentence that content was taken from, quotation marks and all (the quotation prior reads it)."""
    prior = sum(map(NEWS_PRIORS.get, signals, repeat(0.0)))
    colour = sum(map(COLOUR_PRIORS.get, signals, repeat(0.0)))
    if colour and not _holds_count(signals, text):
        prior += colour
    if text is not None:
        prior += _voice_prior(signals, text, sentence)
        if is_bare_reaction(signals, text):
            prior += REACTION_PRIOR
    return prior


def is_bare_reaction(signals: tuple[str, ...], text: str) -> bool:
    """True when `text` reports a reaction (praise, attack, defence, portrayal) without its
    content: no content clause after the verb, no long quotation, no count, year or month."""
    if "sig:reaction_verb" not in signals:  # none of the verbs' first words: skip the pattern
        return False
    verb = _REACTION_VERB.search(text)
    if verb is None:
        return False
    before = _PREVIOUS_WORDS.findall(text, 0, verb.start())[-2:]
    if not before:
        return False
    if before[-1].endswith("ly") and len(before) == 2:  # "was widely criticized"
        before.pop()
    if before[-1].lower() in _NOT_FINITE_BEFORE:
        return False
    if _CONTENT_CLAUSE.search(text, verb.end()):
        return False
    if any(len(quote.split()) > _MAX_LABEL_QUOTE_WORDS for quote in _QUOTATION.findall(text)):
        return False
    # Any figure (a count, a year) or a month: something checkable, or a dated record.
    return (
        "sig:number" not in signals and _COUNT_WORDS.isdisjoint(signals) and not _MONTH.search(text)
    )


def _voice_prior(signals: tuple[str, ...], text: str, sentence: str | None) -> float:
    if not _DATE_SIGNALS.isdisjoint(signals) or _holds_count(signals, text):
        return 0.0
    first_person = _FIRST_PERSON.search(text) is not None
    quotation = sentence is not None and _quotation_share(sentence) >= QUOTATION_SHARE
    if not (first_person or quotation) or (_DENIAL.search(text) and not _MODAL.search(text)):
        return 0.0
    return VOICE_PRIORS["first_person"] * first_person + VOICE_PRIORS["quotation"] * quotation


def _quotation_share(sentence: str) -> float:
    """Share of `sentence`'s characters inside quotation marks (an unclosed quote runs to the end)."""
    if "“" not in sentence and '"' not in sentence:
        return 0.0
    return sum(map(len, _QUOTATION.findall(sentence))) / len(sentence)


def _holds_count(signals: tuple[str, ...], text: str | None) -> bool:
    """True when the sentence holds a count: a number word or a figure that is not a year."""
    if not _COUNT_WORDS.isdisjoint(signals):
        return True
    if "sig:number" not in signals:
        return False
    if text is None:
        return True
    return any(not _YEAR_NUMERAL.fullmatch(numeral) for numeral in _NUMERAL.findall(text))


def sentence_vector(text: str, token_cache: dict[str, tuple[int, ...]]) -> np.ndarray | None:
    """The unit-length mean of the WordLlama vectors of `text`'s tokens, None when it has none.

    Each white-space word is tokenised on its own and remembered in `token_cache`: WordLlama's
    tokenizer runs BPE over the whole sentence at once (no pre-tokenizer), which cost 1.4 ms an
    article; word by word it gives the same tokens but for rare merges across a space, and the
    training script embeds with this same function, so the model sees what it was trained on."""
    embedder = _embedder()
    vectors = embedder.vectors
    words = text.split()
    # Looked up for the whole sentence at once; only words never met go to the tokenizer.
    known = list(map(token_cache.get, words))
    if None in known:
        known = [
            tokens if tokens is not None else _word_tokens(word, embedder, token_cache)
            for tokens, word in zip(known, words)
        ]
    ids = list(chain.from_iterable(known))  # type: ignore[arg-type]
    if not ids:
        return None
    # The mean's direction, without np.mean's overhead; take() gathers the same rows as vectors[ids]
    # (so the same sum) in two thirds of the time.
    pooled = vectors.take(ids, axis=0).sum(axis=0)
    norm = float(pooled @ pooled) ** 0.5
    return pooled / norm if norm > 0 else None


def _word_tokens(
    word: str, embedder: Embedder, token_cache: dict[str, tuple[int, ...]]
) -> tuple[int, ...]:
    if "<" in word:  # may hold a special token ("<s>"), which only the whole pipeline cuts out
        encoded = embedder.tokenizer.encode(word, add_special_tokens=False).ids
    else:
        # What encode() does to a word without a special token in it: its normalizer prepends "▁"
        # (and turns spaces, which a split word has none of, into "▁"), there is no pre-tokenizer,
        # and BPE runs on the result. Calling the BPE model directly gives the same ids in 40% of
        # the time (no Encoding with offsets is built).
        encoded = [token.id for token in embedder.tokenizer.model.tokenize("▁" + word)]
    size = len(embedder.vectors)
    # Ids are unsigned; the vectors cover the whole vocabulary, so the filter almost never runs.
    tokens = (
        tuple(encoded)
        if not encoded or max(encoded) < size
        else tuple(i for i in encoded if 0 <= i < size)
    )
    if len(token_cache) < _WORD_CACHE_SIZE:
        token_cache[word] = tokens
    return tokens


@cache
def _embedder() -> Embedder:
    # Loaded on the first score, not on import: numpy and the 256-d vectors cost ~0.2 s.
    from triage.embedding import load_embedder

    return load_embedder()


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
    scale = data.get("embedding", {}).get("scale", 0.0)
    embedding = tuple(scale * weight for weight in data.get("embedding", {}).get("weights", ()))
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
        embedding=embedding,
    )


@cache
def load_model() -> CheckworthyModel:
    """The model shipped inside the package, read once per process."""
    try:
        raw = resources.files("triage.extract").joinpath(MODEL_FILE).read_bytes()
        return model_from_dict(json.loads(gzip.decompress(raw)))
    except (OSError, ValueError, KeyError) as error:
        raise TriageError(
            f"check-worthiness model {MODEL_FILE} is missing or damaged: {error}"
        ) from error
