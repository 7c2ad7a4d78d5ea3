"""Lines that news pages wrap around an article and that are never claims.

Newsletter and subscription prompts, privacy/cookie notices, share/follow prompts, photo
credits, bylines and "Read more" links. Matching is deliberately literal: a false positive
here hides a real claim from the journalist, so each pattern names the page furniture it removes.
"""

from __future__ import annotations

import re

_PATTERNS = (
    # Newsletter and subscription prompts.
    (
        r"\b(?:sign(?:ing)? up|subscribe|subscribing|subscription|subscriber)\b.{0,80}\b(?:newsletter|email|inbox|"
        r"updates|news|accept|agree|free|today|now|digest|briefing)"
    ),
    (
        r"\bnewsletters?\b.{0,60}\b(?:sign up|subscribe|inbox|delivered|every (?:morning|day|week)|only truly|"
        r"weekly|daily)\b"
    ),
    r"\b(?:the only|our) (?:truly )?(?:international |daily |weekly |free )?newsletter\b",
    r"\bdelivered (?:straight |directly )?to your inbox\b",
    r"\bget (?:the latest|our|breaking)\b.{0,60}\b(?:inbox|newsletter|our app|alerts)\b",
    # Privacy policy, terms and cookies.
    r"\b(?:privacy (?:policy|notice|statement)|terms (?:of (?:use|service)|and conditions)|cookie (?:policy|settings))\b",
    r"\bwe use cookies\b",
    r"\bthis site is protected by recaptcha\b",
    # Share / follow prompts.
    r"^(?:please )?(?:share|follow|like)(?: us| this(?: article| story)?)?(?: on| via)\b",
    (
        r"^(?:share|tweet|email|print|comments?)(?:\s*[|/,•]\s*(?:share|tweet|email|print|facebook|twitter|"
        r"whatsapp|linkedin|comments?))+\s*$"
    ),
    r"^(?:please )?follow (?:us|@?\w+) on (?:twitter|x|facebook|instagram|tiktok|threads|bluesky|linkedin|youtube)\b",
    r"^(?:share on|share this|share via)\b",
    # Photo, image and video credits.
    r"^(?:photo|photograph|image|picture|illustration|video|graphic)s?(?: credit)?\s*[:|/]",
    r"^(?:\(?(?:photo|image|credit)s?\b.{0,60}(?:getty|reuters|ap photo|afp|shutterstock|epa|alamy)\b)",
    r"\((?:photo|image|picture)(?: by)?[:\s].{0,60}\)\s*$",
    r"^(?:getty images|reuters|ap photo|afp via getty images|shutterstock)\s*$",
    # Dates of publication (bylines are checked by _is_byline).
    r"^(?:published|updated|posted|last (?:updated|modified))\b.{0,40}\d",
    # Links onward.
    r"^(?:read|see|watch|listen)(?: more| also| next| the full story| the latest)\b",
    r"^(?:related|more from|recommended|most read|trending)\s*(?::|$)",
    r"\b(?:click here|tap here)\b",
    r"\b(?:advertisement|sponsored content)\s*$",
    r"\ball rights reserved\b|^©|^\(c\) \d{4}",
)
_BOILERPLATE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
# Words a byline may hold besides capitalised names: "By Jane Doe and John Roe, staff reporters".
_BYLINE_WORDS = frozenset(
    ["and", "in", "for", "the", "of", "at", "with", "staff", "reporter", "reporters", "correspondent",
     "correspondents", "editor", "editors", "writer", "writers", "contributor", "contributing", "senior",
     "chief", "political", "health", "science", "business", "desk", "updated", "published"]
)
_WORD = re.compile(r"[^\W\d_][\w.'’-]*")


def _is_byline(text: str) -> bool:
    if not text.startswith(("By ", "BY ")) or len(text) > 120:
        return False
    words = _WORD.findall(text[3:])
    return bool(words) and all(word[0].isupper() or word.lower() in _BYLINE_WORDS for word in words)


# Every pattern above either starts with one of these or contains one of the next; most sentences
# match neither and never reach the regex.
_START_TRIGGERS = (
    "share", "follow", "like", "please", "tweet", "email", "print", "comment", "photo", "image", "picture",
    "illustration", "video", "graphic", "(photo", "(image", "credit", "(credit", "getty", "reuters", "ap photo",
    "afp", "shutterstock", "published", "updated", "posted", "last updated", "last modified", "read", "see",
    "watch", "listen", "related", "more from", "recommended", "most read", "trending", "©", "(c)",
)
_ANYWHERE_TRIGGERS = (
    "sign up", "signing up", "subscri", "newsletter", "inbox", "alerts", "our app", "privacy", "terms of",
    "terms and", "cookie", "recaptcha", "twitter", "facebook", "instagram", "tiktok", "threads", "bluesky",
    "linkedin", "youtube", " on x", "(photo", "(image", "(picture", "click here", "tap here", "advertisement",
    "sponsored", "rights reserved",
)


def is_boilerplate(sentence: str) -> bool:
    """True for page furniture (newsletter, privacy, share, credit, byline, read-more lines)."""
    text = sentence.strip()
    if _is_byline(text):
        return True
    lowered = text.lower()
    triggered = lowered.startswith(_START_TRIGGERS) or any(trigger in lowered for trigger in _ANYWHERE_TRIGGERS)
    return triggered and _BOILERPLATE.search(text) is not None
