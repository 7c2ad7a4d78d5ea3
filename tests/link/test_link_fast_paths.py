"""The linker's fast paths give what the plain ones give: what an import remembers of the term index
between articles (IndexMemo) is what the workspace holds, and the cosines computed in one batch
are those of each pair."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from triage.link.linker import POSTINGS_READ, IndexMemo, Linker, linker_for
from triage.pipeline import import_paths
from triage.store.workspace import Store

STORIES = [
    "The harbour council spent 2.5 million euros repairing the old pier in Lanmouth last year.",
    "Last year the harbour council in Lanmouth spent 2.5 million euros repairing the old pier.",
    "Unemployment in the Vessel valley fell to 4.1 percent in March, the statistics office said.",
    "The statistics office said unemployment in the Vessel valley fell to 4.1 percent in March.",
    "Police arrested 14 people after the match between Norrby and Kalvik on Saturday night.",
]


def write_folder(folder: Path) -> Path:
    folder.mkdir()
    for number, story in enumerate(STORIES * 3):
        extra = STORIES[(number + 2) % len(STORIES)]
        (folder / f"{number:02d}.txt").write_text(
            f"Story {number}\n\n{story} {extra} Part {number}."
        )
    return folder


@contextmanager
def memo_after_an_import(tmp_path: Path, store: Store) -> Iterator[tuple[Linker, IndexMemo]]:
    """Inside the import's memo, once a folder of stories is imported."""
    linker = linker_for(store)
    with linker.remembering():
        memo = linker._memo
        assert memo is not None
        import_paths(store, [str(write_folder(tmp_path / "news"))], workers=0)
        yield linker, memo


def test_the_memo_holds_what_the_index_holds_after_an_import(tmp_path: Path, store: Store) -> None:
    with memo_after_an_import(tmp_path, store) as (linker, memo):
        links = linker.links
        terms = list(links.all_term_counts())
        ids = [claim.id for a in store.article_ids() for claim in store.claims(a, True)]
        # Everything it remembers, and what it reads now, is the workspace's.
        assert memo.term_counts(terms) == links.term_counts(terms)
        assert memo.recent_postings(terms, POSTINGS_READ) == links.recent_postings(
            terms, POSTINGS_READ
        )
        assert memo.sentence_rows(ids) == links.sentence_rows(ids)
        assert len(memo._rows) == len(ids)  # the import's own sentences were kept as it stored them


def test_the_memo_forgets_when_another_session_writes(tmp_path: Path, store: Store) -> None:
    with memo_after_an_import(tmp_path, store) as (_, memo):
        first = store.claims(store.article_ids()[0], include_sentences=True)[-1]
        assert memo.sentence_rows([first.id])[first.id][3] == first.is_claim
        other = Store.open(store.path, user="bob")  # the journalist, in the app
        other.db.execute(
            "UPDATE claims SET is_claim = ? WHERE id = ?", [int(not first.is_claim), first.id]
        )
        other.db.conn.commit()
        other.close()
        memo.check(store.data_version(), store.article_ids()[-1] + 1)
        assert memo.sentence_rows([first.id])[first.id][3] == (not first.is_claim)


def test_batched_cosines_are_the_dot_products_of_each_pair() -> None:
    # The pair score rounds to 0.01: a cosine that differed in its last bit could move a link.
    import numpy as np

    from triage.link.linker import pair_cosines

    rng = np.random.default_rng(7)
    a = rng.standard_normal((500, 256)).astype(np.float32)
    b = rng.standard_normal((500, 256)).astype(np.float32)
    a /= np.linalg.norm(a, axis=1, keepdims=True)
    b /= np.linalg.norm(b, axis=1, keepdims=True)
    assert pair_cosines(list(a), list(b)) == [float(x @ y) for x, y in zip(a, b)]


def test_vectors_packed_together_are_packed_as_one_by_one() -> None:
    import numpy as np

    from triage.link.linker import pack, pack_many

    rng = np.random.default_rng(11)
    vectors = rng.standard_normal((40, 256)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    assert pack_many(list(vectors)) == [pack(v) for v in vectors]


def test_pair_scores_in_arrays_are_those_of_each_pair() -> None:
    # The tiers compare the rounded score: the array arithmetic must give blend()'s floats, and a
    # pair right at a threshold must be decided as blend_text() decides it.
    import numpy as np

    from triage.link.normalize import normalize
    from triage.link.prepared import term_set
    from triage.link.similarity import (
        blend,
        blend_text,
        blends_reaching,
        duplicate_score,
        overlap_and_shared,
        text_score,
        text_scores,
    )

    norms = [normalize(story) for story in STORIES] + ["", "the of and"]
    pairs = [(a, b) for a in norms for b in norms]
    terms = {norm: term_set(norm) for norm in norms}
    texts = text_scores([a for a, _ in pairs], [b for _, b in pairs],
                        [terms[a] for a, _ in pairs], [terms[b] for _, b in pairs])  # fmt: skip
    cosines = np.linspace(-0.2, 1.0, len(pairs))
    for (a, b), text, cosine in zip(pairs, texts.tolist(), cosines.tolist()):
        fuzz_score = duplicate_score(a, b)
        overlap, shared = overlap_and_shared(terms[a], terms[b])
        assert text == text_score(fuzz_score, overlap, shared)
        assert blend_text(text, cosine) == blend(fuzz_score, overlap, cosine, shared)
    scores = [blend_text(t, c) for t, c in zip(texts.tolist(), cosines.tolist())]
    for threshold in sorted(set(scores)):  # every score met exactly, and just above it
        for bar in (threshold, threshold + 0.005):
            reaching = blends_reaching(texts, cosines, bar).tolist()
            assert reaching == [score >= bar for score in scores]


def test_term_sets_prepared_elsewhere_are_the_ones_computed_here() -> None:
    from triage.link.normalize import content_terms
    from triage.link.prepared import prepare

    prepared = prepare(STORIES)
    assert prepared.terms == tuple(frozenset(content_terms(norm)) for norm in prepared.norms)


def test_an_import_links_as_article_by_article_however_little_the_memo_keeps(
    tmp_path: Path, monkeypatch
) -> None:
    import triage.link.linker as linker_module
    from triage.ingest import read_source
    from triage.link.linker import LinkStore
    from triage.pipeline import import_article

    folder = write_folder(tmp_path / "news")
    for bound in ("MEMO_COUNTS", "MEMO_POSTINGS", "MEMO_ROWS"):
        monkeypatch.setattr(linker_module, bound, 7)  # it starts again every article or two
    remembered = Store.open(tmp_path / "a.db", user="alice")
    import_paths(remembered, [str(folder)], workers=0)
    plain = Store.open(tmp_path / "b.db", user="alice")
    for path in sorted(folder.iterdir()):
        for article in read_source(str(path)):
            import_article(plain, article)

    def links_of(store: Store) -> list:
        links = LinkStore(store)
        ids = [claim.id for a in store.article_ids() for claim in store.claims(a, True)]
        return [(i, link.other_id, link.score, link.state) for i in ids for link in links.links(i)]

    assert links_of(remembered) == links_of(plain) and links_of(plain)
    remembered.close()
    plain.close()


def test_pairs_ruled_out_by_the_length_ceiling_could_never_reach_the_threshold() -> None:
    # score_pairs gives rapidfuzz only the pairs whose ceiling (ratios at most what the lengths
    # allow) could reach a tier: the ceiling must never be below the ratios it stands for.
    import numpy as np

    from triage.link.normalize import normalize
    from triage.link.prepared import term_set
    from triage.link.similarity import (
        blend_text,
        combine,
        fuzz_ceilings,
        fuzz_scores,
        may_reach,
        term_parts,
        text_scores,
    )

    norms = [normalize(story) for story in STORIES] + [
        normalize("Police arrested 14 people."),
        normalize("The pier was repaired."),
        normalize("Norrby and Kalvik played on Saturday night after police arrested 14 people."),
    ]
    pairs = [(a, b) for a in norms for b in norms]
    firsts, seconds = [a for a, _ in pairs], [b for _, b in pairs]
    ceilings = fuzz_ceilings(firsts, seconds)
    # Equal where one text holds the other, but for the last bit (may_reach's margin covers it).
    assert (ceilings >= fuzz_scores(firsts, seconds) - 1e-9).all()
    assert (ceilings[[a == b for a, b in pairs]] == 100).all()
    shared, overlap = term_parts([term_set(a) for a in firsts], [term_set(b) for b in seconds])
    texts = text_scores(firsts, seconds, [term_set(a) for a in firsts],
                        [term_set(b) for b in seconds])  # fmt: skip
    assert (combine(fuzz_scores(firsts, seconds), overlap, shared) == texts).all()
    cosines = np.linspace(-0.2, 1.0, len(pairs))
    scores = [blend_text(t, c) for t, c in zip(texts.tolist(), cosines.tolist())]
    for threshold in (8.0, 35.0, 60.0):
        possible = may_reach(combine(ceilings, overlap, shared), cosines, threshold).tolist()
        assert all(possible[i] for i, score in enumerate(scores) if score >= threshold)
        assert not all(possible)  # it does rule pairs out


def test_forms_prepared_elsewhere_are_the_ones_computed_here() -> None:
    # The linker keeps each sentence's core and normal form as the worker computed them, and the
    # guard reads them there: they must be what claim_core() and normalize() give, tail or not.
    import triage.link.normalize as normalize_module
    from triage.link.normalize import claim_core, normalize
    from triage.link.prepared import prepare, remember

    texts = [
        *STORIES,
        "BRISTOL — Ferry fares rose by 8 percent over the winter, Okafor told reporters.",
    ]
    expected = {text: (claim_core(text), normalize(text)) for text in texts}
    prepared = prepare(texts)
    assert prepared.cores == tuple(core for core, _ in expected.values())
    assert prepared.norms == tuple(normalize(core) for core, _ in expected.values())
    normalize_module._cores.clear()
    normalize_module._norms.clear()
    remember(prepared)
    assert {text: (claim_core(text), normalize(text)) for text in texts} == expected
    assert normalize_module._cores  # read from what was remembered
