"""HTML pages: the main article text via trafilatura, without menus, scripts or boilerplate."""

from __future__ import annotations

from triage.models import Article


MIN_ARTICLE_WORDS = 10  # fewer is a menu or a cookie notice, not an article


class NoArticleText(ValueError):
    pass


def parse_html(html: str, source: str) -> Article:
    import trafilatura  # slow to import; only HTML needs it

    document = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, with_metadata=True
    )
    text = (getattr(document, "text", None) or "").strip() if document is not None else ""
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
