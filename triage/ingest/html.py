"""HTML pages: the main article text via trafilatura, without menus, scripts or boilerplate.

Every page block (paragraph, heading, list item, table row, caption, each line of a <br>-broken
paragraph) becomes its own paragraph of the stored text, separated by a blank line, so no
sentence can run from a subhead or a photo credit into the paragraph after it.
"""

from __future__ import annotations

from triage.models import Article

MIN_ARTICLE_WORDS = 10  # fewer is a menu or a cookie notice, not an article

# Dialogs (pop-ups, modals, cookie and sign-up boxes) open over the page, not in the article: a
# pop-up's text can be a whole other story that trafilatura would otherwise append to this one.
DIALOGS = "//dialog | //*[@role='dialog' or @role='alertdialog' or @aria-modal='true']"


class NoArticleText(ValueError):
    pass


def blocks_as_paragraphs(text: str) -> str:
    """trafilatura's text has one page block per line; a blank line between them makes each a
    paragraph that the segmenter never joins to the next. Photo captions (a block ending in its
    picture's credit), author boxes and lists of teasers for other pages (two or more blocks in a
    row cut off by "… [more]") go: their sentences would pass for claims."""
    from triage.extract.boilerplate import is_furniture_block, is_teaser

    blocks = [line.strip() for line in text.splitlines() if line.strip()]
    teasers = [is_teaser(block) for block in blocks]

    def in_teaser_list(position: int) -> bool:
        neighbours = teasers[max(position - 1, 0) : position] + teasers[position + 1 : position + 2]
        return teasers[position] and any(neighbours)

    return "\n\n".join(
        block
        for position, block in enumerate(blocks)
        if not is_furniture_block(block) and not in_teaser_list(position)
    )


def parse_html(html: str, source: str) -> Article:
    import trafilatura  # slow to import; only HTML needs it

    # Options measured on the 150 pages of benchmarks/eval_pages.py: with tables (fees, specs,
    # results) 95.3% of the article text is kept, against 93.5% without; favor_precision (90.6%)
    # and favor_recall (93.1%) each lose article text and keep about as much furniture, and so
    # do fast (94.8%), deduplicate (94.2%) and include_formatting (92.4%). Pruning dialogs takes
    # 3 furniture strings out of the text for 1 headline (the title is stored apart); pruning
    # by class names ("modal", "overlay", "lightbox", "related") costs 5 to 9 article strings each.
    document = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        prune_xpath=DIALOGS,
    )
    if document is None or isinstance(document, dict):  # a dict only when asked for one
        raise NoArticleText("HTML page has no article text")
    text = blocks_as_paragraphs(document.text or "")
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise NoArticleText("HTML page has no article text")
    return Article(
        title=(document.title or "").strip() or text.split("\n", 1)[0][:80],
        text=text,
        outlet=(document.sitename or "").strip(),
        url=(document.url or "").strip(),
        published=(document.date or "").strip(),
        source=source,
    )
