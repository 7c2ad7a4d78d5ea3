"""Files an unlucky or hostile user might import: damaged UTF-8, pipes, devices, huge files."""

from __future__ import annotations

import codecs
import os
import threading
from pathlib import Path

import pytest

from triage.ingest import IngestError, read_source

SENTENCE = "Café owners said prices rose 12 percent in 2023. "


def damaged_utf8(path: Path) -> Path:
    """UTF-8 text with four bad bytes in the middle (three of them invalid)."""
    body = (SENTENCE * 50).encode()
    path.write_bytes(b"Prices\n" + body[:1000] + b"\xff\xfe\xc3\x28" + body[1000:])
    return path


def test_a_few_bad_bytes_keep_the_file_utf8_and_are_named_in_one_warning(tmp_path: Path) -> None:
    path = damaged_utf8(tmp_path / "u.txt")
    warnings: list[str] = []
    [article] = read_source(str(path), warnings=warnings)
    assert article.text.count("Café") == 50  # not "Cafﾃｩ" throughout
    assert article.text.count("\N{REPLACEMENT CHARACTER}") == 3
    assert warnings == [
        f"{path}: 3 bytes that are not valid UTF-8 replaced with \N{REPLACEMENT CHARACTER}; check the text"
    ]


def test_exact_utf8_gives_no_warning(tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_text("Prices\n\n" + SENTENCE, encoding="utf-8")
    warnings: list[str] = []
    read_source(str(path), warnings=warnings)
    assert warnings == []


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_text(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.txt"
    data = ("Prices\n\n" + SENTENCE).encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    path.write_bytes(data)
    [article] = read_source(str(path))
    assert article.title == "Prices"
    assert article.text == SENTENCE.strip()


def test_a_file_mixing_utf8_and_a_legacy_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    legacy = "Le maire a déclaré que le café coûtait très cher à l'été. ".encode("cp1252")
    utf8 = "Un café à Évian, déjà cher. ".encode()
    path.write_bytes(b"Prix\n\n" + utf8 * 3 + legacy * 3)
    with pytest.raises(IngestError, match=r"mixed.txt: mixes UTF-8 with another encoding"):
        read_source(str(path))


def test_legacy_east_asian_text_is_still_read(tmp_path: Path) -> None:
    # GBK forms a few UTF-8 sequences by chance (about one for four bad bytes): still not UTF-8.
    text = "港口委员会说，码头的修理费用为两百万欧元，物价上涨了百分之十二。" * 5
    path = tmp_path / "news.txt"
    path.write_bytes("新闻\n\n".encode("gbk") + text.encode("gbk"))
    [article] = read_source(str(path))
    assert article.text == text


def test_bytes_in_no_recognisable_encoding_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 4)
    with pytest.raises(IngestError, match=r"noise.txt: not UTF-8, and its encoding is unclear"):
        read_source(str(path))


def test_a_fifo_is_refused_at_once_instead_of_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            read_source(str(fifo))
        except BaseException as error:
            outcome.append(error)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # release the stuck reader so the test run can end
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert not reader.is_alive(), "reading a FIFO hung"
    assert [str(error) for error in outcome] == [
        f"{fifo}: is a named pipe (FIFO), not a regular file"
    ]


def test_a_symlink_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "null.txt"
    link.symlink_to("/dev/null")
    with pytest.raises(IngestError, match=r"null.txt: is a device, not a regular file"):
        read_source(str(link))


def test_a_file_above_the_default_limit_is_refused_with_the_limit_named(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Huge\n\n" + b"The council spent 2 million euros. " * 300_000)  # 10.5 MB
    with pytest.raises(IngestError) as error:
        read_source(str(path))
    assert str(error.value) == (
        f"{path}: too large: 10.5 MB, the limit is 10.0 MB (max_article_mb in the config file)"
    )


def test_the_limit_is_a_parameter_and_applies_to_stdin(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    path.write_text("Prices\n\n" + SENTENCE * 10)
    read_source(str(path), max_bytes=1000)
    with pytest.raises(IngestError, match=r"small.txt: too large: 0.5 KB, the limit is 0.1 KB"):
        read_source(str(path), max_bytes=100)
    with pytest.raises(IngestError, match=r"<stdin>: too large"):
        read_source("-", stdin=b"x" * 101, max_bytes=100)


def test_a_jsonl_feed_may_be_larger_than_one_article_but_no_article_in_it(tmp_path: Path) -> None:
    line = '{"title": "T%d", "text": "The council spent %d million euros on the pier."}\n'
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(line % (n, n) for n in range(40)))  # about 3 KB, 75 bytes an article
    assert len(read_source(str(feed), max_bytes=1000)) == 40
    with pytest.raises(
        IngestError, match=r"feed.jsonl: too large: 3.0 KB, the limit for a .jsonl feed is 0.2 KB"
    ):
        read_source(str(feed), max_bytes=10)
    feed.write_text(line % (1, 1) + '{"title": "Long", "text": "%s"}\n' % ("word " * 300))
    with pytest.raises(
        IngestError, match=r"feed.jsonl: line 2: article too large: 1.5 KB, the limit is 1.0 KB"
    ):
        read_source(str(feed), max_bytes=1000)
    with pytest.raises(IngestError, match=r"<stdin>: line 2: article too large"):
        read_source("-", stdin=feed.read_bytes(), max_bytes=1000)
    with pytest.raises(IngestError, match=r"<stdin>: too large: 1.5 KB, the limit is 1.0 KB"):
        read_source("-", stdin=b"Title\n\n" + b"word " * 300, max_bytes=1000)
