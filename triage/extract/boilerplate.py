"""Lines that news pages wrap around an article and that are never claims.

Newsletter, subscription and app prompts, privacy/cookie and comment-policy notices, share/follow
prompts, photo credits and captions, bylines, author lines and reporting/editing credits, standards
notices, chart sources, e-mail addresses for letters, "Read more" teasers, datelines and dates on
their own, and fragments without a word ("24%"). The same rules apply to every import (HTML, text,
Markdown, JSONL); the HTML reader also drops whole caption and author-box paragraphs
(is_furniture_block). Matching is deliberately literal: a false positive
here hides a real claim from the journalist, so each pattern names the page furniture it removes.
"""

from __future__ import annotations

import re

_SOCIAL = r"(?:twitter|x|facebook|instagram|tiktok|threads|bluesky|linkedin|youtube|telegram|whatsapp|mastodon)"
# Furniture that starts the line; matched at its start only, which costs little on every sentence.
_LINE_STARTS = (
    r"join (?:more than |over )?[\d,.]+(?: ?[km]| million| thousand)? (?:readers|subscribers|people)\b",
    # Sign-up boxes: "Sign up to get the best of the week", and their heading "Gazette Newsletter".
    r"(?:sign up|subscribe|register)(?: now| today| free| for free)? (?:to (?:get|receive)|for (?:our|free|a free))\b",
    r"(?:[\w&'’.-]+ ){0,4}newsletters?\s*$",
    r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/?\s*$",  # a web address (or file name) alone: "GAZETTE.COM"
    r"terms and conditions\b",
    r"(?:leave|post|add) a (?:comment|reply)\b",
    # Share / follow prompts.
    r"(?:please )?(?:share|follow|like)(?: us| this(?: article| story)?)?(?: on| via)\b",
    (
        r"(?:share|tweet|email|print|comments?)(?:\s*[|/,•]\s*(?:share|tweet|email|print|facebook|twitter|"
        r"whatsapp|linkedin|comments?))+\s*$"
    ),
    r"(?:please )?like us\b",
    (
        rf"(?:please )?follow (?:us|@?\w+|(?:the )?[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){{0,3}})"
        rf"(?: on| at| via)? (?:{_SOCIAL}|@)"
    ),
    r"follow us\b",
    r"(?:share on|share this|share via)\b",
    # Photo, image and video credits.
    r"(?:photo|photograph|foto|image|picture|illustration|video|graphic|caption)s?(?: credits?)?\s*[:|/]",
    r"\(?credits?\s*:|(?:pictured|main (?:image|picture|photo))\s*:",
    r"\(?(?:photo|image|credit)s?\b.{0,60}(?:getty|reuters|ap photo|afp|shutterstock|epa|alamy)\b",
    r"(?:getty images|reuters|ap photo|afp via getty images|shutterstock)\s*$",
    r"(?:category|categories|tags?|filed under|topics?)\s*:",
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*$",  # an e-mail address alone
    r"(?:or (?:by )?)?(?:contact(?: us)?|tel|phone|telephone|fax|e-?mail|whatsapp)\s*:",  # "Contact: 624-6456"
    # Dates of publication.
    r"(?:published|updated|posted|last (?:updated|modified)|release date)\b.{0,40}\d",
    r"release date\s*:|(?:news |publication |publish )?date\s*:",
    # Where a chart's figures or a reprint come from: "Source: CDC", "Reprinted with permission of …".
    r"sources?\s*:",
    r"(?:used|reprinted|republished) (?:with (?:the )?(?:kind )?permission|by permission)\b",
    r"(?:reprinted|republished|excerpted|adapted) from\b",
    # Links onward: related-story teasers, also in the other languages news sites mix in.
    r"(?:read|see|watch|listen)(?: more| also| next| the full story| the latest)\b",
    (
        r"(?:related|more from|recommended|most read|trending|also read|read also|more on this|more stories|"
        r"further reading|next|previously|up next|don'?t miss|must read|popular|top stories|latest news|similar)"
        r"(?: stories| articles| posts| recipes| videos| links| coverage| content| reading)?\s*(?:[:»›|]|$)"
    ),
    (
        r"(?:lea(?: más| también| además)?|lee (?:más|también)|leer más|lesen sie (?:auch|mehr)|mehr zum thema|"
        r"(?:à |a )?lire (?:aussi|également)|leia (?:mais|também)|leggi anche)\s*(?:[:»›|]|$)"
    ),
    r"©|\(c\) \d{4}|copyright\s*(?:©|\(c\)|\d{4})",
    # A footnote to a starred word of the page ("*Prices as of May."); Markdown's "*word*" and
    # "* item" keep their second star or their space.
    r"\*{1,3}[^\W\d_][^*]*$",
)
# Furniture anywhere in the line, in groups: a group's patterns are searched only when the line
# holds one of its triggers (lower case), so most sentences are never searched at all.
_ANYWHERE: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    # Newsletter, subscription and app prompts (numbers in them change nothing: "Join 40,000 readers").
    (
        (
            "sign",
            "subscri",
            "newsletter",
            "inbox",
            "alerts",
            "our app",
            "never miss",
            "log in",
            "download",
        ),
        (
            (
                r"\b(?:sign(?:ing)? up|subscribe|subscribing|subscription|subscriber)\b.{0,80}\b(?:newsletter|"
                r"email|inbox|updates|news|accept|agree|free|today|now|digest|briefing|full story|edition|log in|"
                r"gift)s?\b"
            ),
            (
                r"\bnewsletters?\b.{0,60}\b(?:sign up|subscribe|inbox|delivered|every (?:morning|day|week)|"
                r"only truly|weekly|daily)\b"
            ),
            r"\b(?:the only|our) (?:truly )?(?:international |daily |weekly |free )?newsletter\b",
            r"\bdelivered (?:straight |directly )?to your inbox\b",
            r"\bget (?:the latest|our|breaking)\b.{0,60}\b(?:inbox|newsletter|our app|alerts)\b",
            r"\bfree sign up\s*[.!]?$",
            r"\bnever miss (?:the latest|a story|an? update|our)\b",
            r"\b(?:please|to read the full story,?|to view the full story,?) (?:log in|subscribe)\b",
            r"\b(?:you(?:'|’)re|you are) already an? (?:subscriber|member)\b|\bbecome an? subscriber\b",
            r"\bfirst-time subscribers\b|\bnew subscribers (?:also )?receive\b",
            r"\bdownload our\b|\bdownload the\b.{0,50}\bapps?\b.{0,20}\b(?:ios|android|app store|google play)\b",
        ),
    ),
    # Privacy policy, terms, cookies and comment policies.
    (
        (
            "privacy",
            "terms",
            "cookie",
            "recaptcha",
            "comment",
            "community",
            "email address",
            "required fields",
            "in to ",
            "what you think",
            "join the",
            "kommentar",
        ),
        (
            r"\b(?:privacy (?:policy|notice|statement)|terms of (?:use|service)|cookie (?:policy|settings))\b",
            r"\b(?:our|agree to the) terms and conditions\b|\bterms and conditions apply\b",
            r"\bwe use cookies\b|\buses? cookies to\b|\baccept (?:all )?cookies\b",
            r"\bthis site is protected by recaptcha\b",
            r"\bcomments? (?:are|is) (?:moderated|closed|reviewed|welcome|subject)\b",
            r"\bcomment(?:ing)? (?:policy|guidelines|rules)\b|\bcommunity (?:guidelines|standards)\b",
            r"\byour email address will not be published\b|\brequired fields are marked\b",
            r"\b(?:log|sign) in to (?:comment|reply|post)\b",
            r"\b(?:eingeloggt|angemeldet) sein,? um (?:einen )?kommentare?n? zu (?:schreiben|verfassen)\b",
            r"\bwe want to hear what you think\b|\bjoin the (?:conversation|discussion)\b",
        ),
    ),
    # Photo credits and captions: "(Photo: Ann Lee)", "REUTERS/Ann Lee", "Mayor Lee (left) greets ...".
    (
        ("(", "/", "|"),
        (
            r"\((?:photo|image|picture)(?: by)?[:\s].{0,60}\)\s*$",
            r"\b(?:reuters|ap photo|afp|epa|getty images|bloomberg)\s*/\s*[a-z][\w.'-]+",
            r"\|\s*(?:©|photo|image|credit)",
            r"\((?:far |second |third )?(?:left|right|cent(?:re|er))\)|\((?:from left|l(?: ?- ?| to )r)\)",
        ),
    ),
    # Credits and standards notices ("By Name" and "Reporting by …; Editing by …" lines: _is_byline).
    (
        ("contributed", "ing by", "ted by", "ics by", "standards", "principles"),
        (
            r"\bcontributed (?:to )?(?:this|the) (?:report|story|article)\b",
            r"[;.]\s*(?:editing|edited|writing|graphics|additional reporting) by\b",
            r"\bour standards\s*:|\btrust principles\b|\bfollows? (?:our|the) editorial (?:standards|guidelines)\b",
        ),
    ),
    # E-mail addresses for letters, tips and corrections; the signature of an embedded post
    # ("Jane Doe (@janedoe) January 7, 2020").
    (
        ("@",),
        (
            (
                r"\b(?:letters?|tips?|feedback|corrections?|story ideas?|the editor|send|write to|email|e-mail|"
                r"contact)\b.{0,80}[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
            ),
            r"\(@\w{1,30}\)\s*(?:[a-z]+\.?\s+\d{1,2},\s*\d{4}|\d{1,2}\s+[a-z]+\.?\s+\d{4})\s*$",
            r"\[email\s*protected\]",  # an address a page hid from robots
        ),
    ),
    # Advertiser and affiliate disclosures of review and deal pages.
    (
        ("advertis", "compensation", "commission", "affiliate"),
        (
            r"\bone or more of our advertisers\b|\badvertiser disclosure\b|\bour advertising policy\b",
            r"\badvertisers (?:do not|don'?t|never) influence (?:our|the)\b",
            r"\bwe may (?:receive|earn|get) (?:a )?(?:small )?(?:compensation|commissions?)\b",
            r"\b(?:compensation|commissions?) (?:if|when) you (?:click|buy|visit|purchase|sign up)\b",
            r"\b(?:this|the) (?:post|article|page|story) (?:may )?(?:contains?|includes?) affiliate links\b",
        ),
    ),
    (
        ("click here", "tap here", "advertisement", "sponsored", "reserved", "©"),
        (
            r"\b(?:click here|tap here)\b",
            r"\b(?:advertisement|sponsored content)\s*$",
            r"\ball rights reserved\b|©\s*(?:\d{4}|[a-z])",
        ),
    ),
)
_LINE_START = re.compile("|".join(f"(?:{p})" for p in _LINE_STARTS), re.IGNORECASE)
_GROUPS = tuple(
    (triggers, re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE))
    for triggers, patterns in _ANYWHERE
)
_ALL_TRIGGERS = tuple(
    trigger for triggers, _ in _GROUPS for trigger in triggers
)  # one flat pass first: faster


# Words a byline may hold besides capitalised names: "By Jane Doe and John Roe, staff reporters".
_BYLINE_WORDS = frozenset(
    [
        "and",
        "in",
        "for",
        "the",
        "of",
        "at",
        "with",
        "staff",
        "reporter",
        "reporters",
        "correspondent",
        "correspondents",
        "editor",
        "editors",
        "writer",
        "writers",
        "contributor",
        "contributing",
        "senior",
        "chief",
        "political",
        "health",
        "science",
        "business",
        "desk",
        "updated",
        "published",
        "by",
        "from",
        "additional",
        "reporting",
        "writing",
        "editing",
        "research",
        "graphics",
    ]
)
_WORD = re.compile(r"[^\W\d_][\w.'’-]*")


# "By", or a credit that names who wrote, reported or photographed: "Written by: Ann Lee".
_BYLINE_START = re.compile(
    r"(?:(?:additional )?(?:written|reported|posted|compiled|edited|produced|words|story|text|reporting|writing|editing|"
    r"research|fact-checking|translation|photos?|pictures?|video)(?: and \w+)? )?by\s*:?\s+",
    re.IGNORECASE,
)


_BYLINE_MAX = 200  # "Reporting by …; Additional reporting by … in London; Editing by …" runs long


def _is_byline(text: str) -> bool:
    start = _BYLINE_START.match(text)
    if start is None or len(text) > _BYLINE_MAX or not text[:1].isupper():
        return False
    words = _WORD.findall(text[start.end() :])
    return bool(words) and all(word[0].isupper() or word.lower() in _BYLINE_WORDS for word in words)


# AP's state abbreviations, as datelines spell them ("MARIN COUNTY, Calif.").
_STATES = (
    r"Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|"
    r"N\.H|N\.J|N\.M|N\.Y|N\.C|N\.D|Okla|Ore|Pa|R\.I|S\.C|S\.D|Tenn|Vt|Va|Wash|W\.Va|Wis|Wyo"
)
_MONTH_NAMES = (
    r"Jan\.|Feb\.|March|April|May|June|July|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.|January|February|August|September|"
    r"October|November|December"
)
_DAY_NAMES = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# A date alone on its line is when the page was published or updated: "January 22, 2014",
# "Tuesday, 3 March 2020, 10:32 AM ET", "THURSDAY APRIL 2", "2020-03-03".
_DATE = re.compile(
    rf"(?:(?:{_DAY_NAMES}),? )?(?:(?:{_MONTH_NAMES}) \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?"
    rf" (?:{_MONTH_NAMES})(?:,? \d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}})"
    r"(?:,? (?:at )?\d{1,2}[:.]\d{2}(?: ?[ap]\.?m\.?)?(?: [A-Z]{2,4})?)?\s*",
    re.IGNORECASE,
)
# A dateline alone on its line: a place in capitals ("WASHINGTON", "ST. LOUIS", "MARIN COUNTY, Calif.",
# "LONDON (Reuters) —", "BEIRUT, March 3"), or a town with its state ("Napa County, Calif."). Case
# matters here: a sentence in capitals ends with a verb or a number, not with a place.
_CAPS_WORD = r"(?:[A-Z][A-Z'’-]+|(?:[A-Z]\.){2,}|(?:ST|FT|MT)\.)"
_DATELINE = re.compile(
    rf"(?:{_CAPS_WORD}(?: {_CAPS_WORD}){{0,3}}|[A-Z][a-z]+(?: [A-Z][a-z]+){{0,3}}(?=, (?:{_STATES})\.))"
    rf"(?:, (?:(?:{_STATES})\.|[A-Z][a-z]+))?"
    rf"(?:,? (?:{_MONTH_NAMES}) \d{{1,2}})?"
    r"(?: \((?:AP|Reuters|AFP|CNN|dpa|UPI|Bloomberg)\))?"
    r"\s*[-—–:]*\s*"
)


def _is_dateline(text: str) -> bool:
    return len(text) <= 60 and (
        _DATELINE.fullmatch(text) is not None or _DATE.fullmatch(text) is not None
    )


# The author's line at the foot of a story: "Ann Lee is a senior reporter for the Harbour Gazette."
_AUTHOR_LINE = re.compile(
    r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} is (?:a|an|the|our) (?:[\w-]+ ){0,3}"
    r"(?:[Rr]eporter|[Cc]orrespondent|[Ww]riter|[Ee]ditor|[Cc]olumnist|[Cc]ontributor|[Pp]roducer|[Jj]ournalist|"
    r"[Ii]ntern)s? (?:for|at|with|of|on) "
)
# An agency and a photographer alone: "HARBOUR PRESS/Ann Lee", "AP/Bo Chan" (case matters).
_AGENCY_CREDIT = re.compile(r"(?:[A-Z][A-Z&.'’-]+ ?){1,4}/ ?[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}")


def is_boilerplate(sentence: str) -> bool:
    """True for page furniture: newsletter, privacy, comment-policy, share/follow, credit, caption,
    byline, standards, letters-address, read-more and dateline lines."""
    text = sentence.strip()
    if not any(character.isalpha() for character in text):
        return True  # a number, a page count or a table cell alone ("24%", "1/4") says nothing checkable
    if (
        _is_byline(text)
        or _is_dateline(text)
        or _AGENCY_CREDIT.fullmatch(text)
        or _AUTHOR_LINE.match(text)
    ):
        return True
    if _LINE_START.match(text):
        return True
    lowered = text.lower()
    if not any(trigger in lowered for trigger in _ALL_TRIGGERS):
        return False
    return any(
        any(trigger in lowered for trigger in triggers) and pattern.search(text) is not None
        for triggers, pattern in _GROUPS
    )


# A caption ends with the credit of its picture: "Police seized 40 kg on Sunday. By U.S. CUSTOMS"
# or "… at the pier. (Photo: Ann Lee)". Its words describe a picture, not a claim of the article.
_CAPTION_MAX = 400
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]?\s+(?=\S)")
_PHOTO_CREDIT = re.compile(
    r"\(?(?:photo|image|picture|credit|foto)s?(?:\s+by\s+|\s*[:/]\s*)[^.!?]{1,60}\)?\s*$"
    r"|\(?(?:reuters|ap photo|afp|epa|getty images)\s*/\s*[^.!?]{1,60}\)?\s*$",
    re.IGNORECASE,
)


def is_caption(block: str) -> bool:
    """True for a short paragraph whose last sentence credits a photographer or agency."""
    text = block.strip()
    if len(text) > _CAPTION_MAX:
        return False
    # The credit may hold stops of its own ("By U.S. CUSTOMS"), so every sentence end is a candidate.
    for end in _SENTENCE_END.finditer(text):
        credit = text[end.end() :]
        if (
            _is_byline(credit)
            or _PHOTO_CREDIT.fullmatch(credit)
            or _AGENCY_CREDIT.fullmatch(credit)
        ):
            return True
    return False


# An author box: "Ann Lee is a reporter at the Gazette … Follow her on X @annlee / Email: …".
_AUTHOR_BOX_MAX = 700
_BIO_START = re.compile(r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} is (?:a|an|the|our) ")
_CONTACT = re.compile(
    r"\bfollow (?:us|him|her|them)\b|\be-?mail\s*:|[\w.+-]+@[\w-]+\.\w|\[email\s*protected\]",
    re.IGNORECASE,
)


# A teaser for another page: an excerpt cut off by an ellipsis and followed by nothing but an
# excerpt mark ("[…]"), a link ("… more") or the name of the site it comes from
# ("… Wikipedia"). Article text that trails off ("and then…", "… or Klobuchar") does not end so;
# a quotation cut with "[…]" does, which is why the HTML reader drops only runs of teasers.
_TEASER_MAX = 1000
_TEASER_END = re.compile(
    r"(?:\[(?:…|\.{3})\]"
    r"|(?:…|\.{3})\s*(?i:(?:read )?more)\s*[»›>]?"
    r"|\s(?:…|\.{3})\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w'’-]*){0,2})\s*$",
)


def is_teaser(block: str) -> bool:
    """True for a block that ends as an excerpt of another page does: an ellipsis and its link
    or source."""
    text = block.strip()
    return len(text) <= _TEASER_MAX and _TEASER_END.search(text) is not None


def is_furniture_block(block: str) -> bool:
    """True for a whole paragraph of furniture: a photo caption or an author box with contacts."""
    text = block.strip()
    if is_caption(text):
        return True
    return (
        len(text) <= _AUTHOR_BOX_MAX
        and _BIO_START.match(text) is not None
        and _CONTACT.search(text) is not None
    )
