"""The rules of this slice, each a pure function from one field's text (or the images) and the
pane to findings. ``engine`` decides which fields each rule reads."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import PurePath

from safedesk.core.messages import Message, msg, msgn
from safedesk.core.models import LinkCard, MediaItem, Pane
from safedesk.core.policy.findings import FieldKind, FieldRef, Finding, Severity
from safedesk.core.policy.phrases import Phrases, alternative
from safedesk.core.policy.settings import PolicySettings
from safedesk.core.policy.words import find_words, insult_list, profanity_list

PROFANITY = "profanity"
HIDDEN_TEXT = "hidden_text"
ALT_TEXT = "alt_text"
HASHTAGS = "hashtags"
LINKS = "links"
WRONG_PANE = "wrong_pane"


def _block_official(pane: Pane) -> Severity:
    return Severity.BLOCK if pane is Pane.OFFICIAL else Severity.WARN


# -- profanity and slurs ---------------------------------------------------------------------------

def profanity(text: str, pane: Pane, where: FieldRef) -> Iterator[Finding]:
    why = (msg("an official account cannot carry it") if pane is Pane.OFFICIAL
           else msg("is this the place for it? It could be read as the organisation's"))
    for hit in find_words(text, profanity_list()):
        yield Finding(PROFANITY, _block_official(pane),
                      msg("“{words}” is profanity or a slur: {why}",
                          words=_seen(text, hit.start, hit.end), why=why),
                      where, hit.start, hit.end)


def _seen(text: str, start: int, end: int) -> str:
    """A span to quote in a message: without its invisible characters, which a message must
    never carry raw."""
    return "".join(c for c in text[start:end] if c == " " or not is_invisible(c))


# -- hidden text -----------------------------------------------------------------------------------

# Bidirectional embeddings, overrides and isolates reorder what a reader sees.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# C0 and C1 control characters (DEL too). A line break and a tab are ordinary text, and so is a
# carriage return: the digest and the servers read it as a line break, as Windows writes them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Characters that show nothing at all (a post of only these looks empty, yet publishes).
_INVISIBLE_EXTRA = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f")


def is_invisible(char: str) -> bool:
    return (char in _INVISIBLE_EXTRA or unicodedata.category(char) in {"Cf", "Cc", "Zl", "Zp"}
            or char.isspace())


def only_invisible(text: str) -> bool:
    """Text that would publish as a post no one can see (an empty text is not this)."""
    return bool(text) and all(is_invisible(c) for c in text)


def hidden_text(text: str, pane: Pane, where: FieldRef) -> Iterator[Finding]:
    severity = _block_official(pane)
    must = (msg("Remove it: no one can approve past hidden text on an official account")
            if pane is Pane.OFFICIAL else msg("Remove it unless you meant it"))
    for match in _BIDI.finditer(text):
        code = f"U+{ord(match.group()):04X}"
        yield Finding(HIDDEN_TEXT, severity,
                      msg("A hidden direction control ({code}) can reorder what a reader sees. "
                          "{must}", code=code, must=must),
                      where, match.start(), match.end())
    for match in _CONTROL.finditer(text):
        code = f"U+{ord(match.group()):04X}"
        yield Finding(HIDDEN_TEXT, severity,
                      msg("A hidden control character ({code}) can hide or change what a reader "
                          "sees. {must}", code=code, must=must), where, match.start(), match.end())
    if only_invisible(text) and not text.isspace():
        yield Finding(HIDDEN_TEXT, severity,
                      msg("This is empty once its invisible characters are removed. {must}",
                          must=must),
                      where, 0, len(text))


# -- alt text --------------------------------------------------------------------------------------

_TRIVIAL_ALT = frozenset({"image", "img", "photo", "picture", "pic", "graphic", "screenshot",
                          "alt", "alt text", "untitled", "delwedd", "llun", "ffoto"})
_TRIVIAL_LETTERS = frozenset("".join(c for c in w if c.isalnum()) for w in _TRIVIAL_ALT)
_FILE_NAME = re.compile(r"^[\w\-. ()]+\.(?:png|jpe?g|gif|webp|heic|avif|bmp|tiff?)$", re.IGNORECASE)
_CAMERA_NAME = re.compile(r"^(?:img|dsc|dscn|pxl|photo|image|screenshot)[\s_\-]*\d", re.IGNORECASE)


def _letters(text: str) -> str:
    """What two texts must share to say the same: letters and digits, in one case."""
    return "".join(c for c in text.casefold() if c.isalnum())


def _trivial_alt(alt: str, media: MediaItem, post_text: str, number: int) -> Message | None:
    """Why ``alt`` of image ``number`` describes nothing, or None when it may."""
    words = alt.strip()
    visible = "".join(c for c in words if not is_invisible(c))
    if not visible:
        return msg("Image {number} has no alt text", number=number)
    if len(visible) == 1 or not any(c.isalnum() for c in visible):
        return msg("Image {number} has alt text “{words}”, which describes nothing",
                   number=number, words=words)
    if _letters(words) in _TRIVIAL_LETTERS:
        return msg("Image {number} has alt text “{words}”, which says only what it is, not what "
                   "it shows", number=number, words=words)
    stem = PurePath(media.filename).stem if media.filename else ""
    if _FILE_NAME.match(words) or _CAMERA_NAME.match(words) or \
            (media.filename and words.casefold() in {media.filename.casefold(), stem.casefold()}):
        return msg("Image {number} has its file name “{words}” as alt text", number=number,
                   words=words)
    # (Only a text about as long can be the same: a long post is not folded per keystroke.)
    if post_text.strip() and len(post_text) <= 2 * len(words) + 16 and \
            _letters(words) == _letters(post_text):
        return msg("Image {number} has the post's own text as alt text, which tells a screen "
                   "reader nothing new", number=number)
    return None


def alt_text(media: tuple[MediaItem, ...], post_text: str, pane: Pane) -> Iterator[Finding]:
    for number, item in enumerate(media, start=1):
        reason = _trivial_alt(item.alt_text, item, post_text, number)
        if reason is not None:
            yield Finding(ALT_TEXT, _block_official(pane),
                          msg("{reason}: describe what it shows, so everyone can follow the post",
                              reason=reason), FieldRef(FieldKind.ALT_TEXT, number),
                          0, len(item.alt_text))


# -- hashtags --------------------------------------------------------------------------------------

# A literal "#" first lets the search skip ahead; what precedes it is checked after (C# is no tag).
_HASHTAG = re.compile(r"#(\w+)")
_MAX_HASHTAGS = 2
# Telling #binday from #bins needs a dictionary; instead, a tag in one case that ends in a word
# most multi-word council tags end in (#binday, #recyclingweek, #roadsafety) is taken as words
# run together. A single word with such an ending (#Saturday, #tonight) is listed as one.
_JOINED_ENDINGS = ("day", "week", "month", "year", "night", "council", "news", "update",
                   "alert", "safety", "service", "services", "street", "road", "school",
                   "family", "festival", "event", "fair")
_SINGLE_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "yesterday", "holiday", "birthday", "midday", "payday", "heyday", "weekday", "everyday",
    "someday", "doomsday", "tonight", "midnight", "fortnight", "overnight", "midweek",
    "railroad", "preschool", "halfterm", "dydd"})
_MIN_FIRST_WORD = 3


@functools.lru_cache(maxsize=4096)
def _words_run_together(tag: str) -> bool:
    letters = "".join(c for c in tag if c.isalpha())
    if not letters or not (letters.islower() or letters.isupper()) or "_" in tag:
        return False  # CamelCase, or words already apart
    word = letters.lower()
    if word in _SINGLE_WORDS:
        return False
    return any(word.endswith(e) and len(word) - len(e) >= _MIN_FIRST_WORD
               for e in _JOINED_ENDINGS)


def hashtags(text: str, where: FieldRef) -> Iterator[Finding]:
    found = [m for m in _HASHTAG.finditer(text)
             if not m.start() or not (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_#")]
    if len(found) > _MAX_HASHTAGS:
        extra = found[_MAX_HASHTAGS]
        yield Finding(HASHTAGS, Severity.WARN,
                      msgn("{count} hashtag: use two at most, as accessibility guidance asks; "
                           "screen readers read every one aloud",
                           "{count} hashtags: use two at most, as accessibility guidance asks; "
                           "screen readers read every one aloud", len(found)), where,
                      extra.start(), found[-1].end())
    for match in found:
        tag = match.group(1)
        if _words_run_together(tag):
            yield Finding(HASHTAGS, Severity.WARN,
                          msg("#{tag} looks like several words: write each with a capital "
                              "(#BinDay), so screen readers say it as words", tag=tag), where,
                          match.start(), match.end())


# -- links -----------------------------------------------------------------------------------------

# A link: each branch opens with a literal letter (then no word character before it), so the
# regex engine skips in C every position that cannot start one: a 5,000-character post stays
# well within a keystroke. The wrong-pane patterns below open with a look-ahead at their first
# letters, which helps less but still fails most positions at once.
_AT_WORD_START = r"(?<!\w(?s:.))"
_URL = re.compile("(?:" + "|".join(f"{first}{_AT_WORD_START}(?i:{rest})"
                                   for first, rest in (("h", "ttps?://"), ("H", "ttps?://"),
                                                       ("w", r"ww\."), ("W", r"ww\.")))
                  + r")[^\s<>\"]+")
SHORTENERS = frozenset({"bit.ly", "tinyurl.com", "t.co", "ow.ly", "goo.gl", "is.gd", "buff.ly",
                        "rebrand.ly", "cutt.ly", "shorturl.at", "rb.gy", "t.ly", "tiny.cc",
                        "lnkd.in", "dlvr.it", "bl.ink", "s.id", "v.gd", "shorte.st", "adf.ly"})


@functools.lru_cache(maxsize=4096)
def _host(url: str) -> str:
    rest = url.split("://", 1)[1] if "://" in url else url
    host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rsplit("@", 1)[-1]
    host = host.split(":", 1)[0].lower().rstrip(".")
    return host.removeprefix("www.")


def links(text: str, where: FieldRef) -> Iterator[Finding]:
    for match in _URL.finditer(text):
        url = match.group().rstrip(".,;:!?)\u2019\u201d'\"")
        start = match.start()
        end = start + len(url)
        host = _host(url)
        if url[:7].lower() == "http://":
            yield Finding(LINKS, Severity.WARN,
                          msg("{url} is plain http: use https, so no one between can change the "
                              "page", url=url), where, start, end)
        if host in SHORTENERS:
            yield Finding(LINKS, Severity.WARN,
                          msg("{host} is a link shortener: readers cannot see where it goes; "
                              "give the full address", host=host), where, start, end)
        label = _label_before(text, start) if start else None
        if label is not None and registrable_domain(label[1]) != registrable_domain(host):
            yield Finding(LINKS, Severity.WARN,
                          msg("The text says “{label}” but the link goes to {host}: "
                              "readers trust the name they see, so make the two match",
                              label=label[1], host=host),
                          where, label[0], end)


# Hosts under these take three labels to name one organisation (tref.gov.uk, not gov.uk). Not
# the whole public suffix list: a miss here only warns, and the usual UK ones are all here.
_TWO_LABEL_SUFFIXES = frozenset({
    "gov.uk", "co.uk", "org.uk", "ac.uk", "nhs.uk", "police.uk", "sch.uk", "ltd.uk", "plc.uk",
    "me.uk", "net.uk", "mod.uk", "parliament.uk", "com.au", "gov.au", "org.au", "co.nz",
    "govt.nz", "co.jp", "com.br", "co.za", "gov.ie", "github.io", "bsky.social"})
# What may stand between a domain and the link it names: "tref.gov.uk: https://…",
# "tref.gov.uk (https://…)", "[tref.gov.uk](https://…)", "tref.gov.uk → https://…".
_LABEL_SEPARATORS = " \t\n:-\u2013\u2014\u2192>|()[]\"'\u201c\u201d\u2018\u2019\u00bb.="
_DOMAIN = re.compile(r"(?:www\.)?(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+([a-z]{2,63})")
_DOMAIN_IN_TEXT = re.compile(rf"(?<![\w.@/-]){_DOMAIN.pattern}(?![\w-]|\.\w)")
_DOMAIN_AT_END = re.compile(rf"(?<![\w.@/:-]){_DOMAIN.pattern}$")
# Written like a domain, but a file: "report.pdf".
_FILE_ENDINGS = frozenset({"pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods",
                           "txt", "csv", "png", "jpg", "jpeg", "gif", "webp", "mp3", "mp4",
                           "zip", "htm", "html", "py", "js", "json"})


@functools.lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str:
    """The part of ``host`` an organisation registers: bins.tref.gov.uk -> tref.gov.uk."""
    labels = host.lower().rstrip(".").removeprefix("www.").split(".")
    keep = 3 if len(labels) >= 3 and ".".join(labels[-2:]) in _TWO_LABEL_SUFFIXES else 2
    return ".".join(labels[-keep:])


def _label_before(text: str, start: int) -> tuple[int, str] | None:
    """The domain written just before the link at ``start`` (only separators between), with
    where it starts; None when the link is not labelled so."""
    window = text[max(0, start - 80):start]
    head = window.rstrip(_LABEL_SEPARATORS)
    if not head or len(head) == len(window):
        return None  # no label, or the link glued to a word
    token = head.rsplit(None, 1)[-1]
    if "." not in token:
        return None
    domain = _DOMAIN_AT_END.search(token)  # after "(", a quote, an emoji: "❤️tref.gov.uk"
    if domain is None or domain.group(1) in _FILE_ENDINGS:
        return None
    return start - len(window) + len(head) - len(token) + domain.start(), domain.group()


def link_card(card: LinkCard) -> Iterator[Finding]:
    """A Bluesky link card's address, and a title naming another site than the one it opens."""
    where = FieldRef(FieldKind.LINK_CARD)
    yield from links(card.url, where)
    target = registrable_domain(_host(card.url))
    for named in _DOMAIN_IN_TEXT.finditer(card.title):
        if named.group(1) not in _FILE_ENDINGS and registrable_domain(named.group()) != target:
            yield Finding(LINKS, Severity.WARN,
                          msg("The link card's title names “{named}” but the card opens "
                              "{host}: readers trust the name they see, so make the two "
                              "match", named=named.group(), host=_host(card.url)),
                          where, matched=named.group())


# -- the wrong pane --------------------------------------------------------------------------------

_SPEAKS_AS_ORGANISATION = re.compile(
    r"(?=[tTwWoOyYmM])\b(?:the\s+council\s+(?:will|is|has|are|would|can|cannot|won[\u2019']t|must)"
    r"|we\s+at\s+(?:the\s+)?[\w\- ]{0,40}?council"
    r"|on\s+behalf\s+of\s+(?:the\s+)?[\w\- ]{0,40}?council"
    r"|(?:y\s+cyngor|mae['\u2019]r\s+cyngor)\s+(?:yn|wedi|am)\b)", re.IGNORECASE)
_FIRST_PERSON_OPINION = re.compile(
    r"(?=[iImMpPyY])\b(?:I\s+(?:think|believe|feel|reckon)|in\s+my\s+(?:view|opinion)|my\s+(?:view|opinion)"
    r"|IMO|IMHO|personally,?\s+I|yn\s+fy\s+marn\s+i)\b", re.IGNORECASE)


@functools.lru_cache(maxsize=32)
def _organisation_phrases(names: tuple[str, ...], handles: tuple[str, ...],
                          hashtags: tuple[str, ...]) -> tuple[tuple[Message, Phrases], ...]:
    """The organisation's names, handles and hashtags, each with what it is."""
    def longest_first(terms: Iterable[str]) -> list[str]:
        return sorted({t for t in terms if t}, key=len, reverse=True)

    handles_bare = longest_first(h.strip().lstrip("@") for h in handles)
    tags = longest_first(t.strip().lstrip("#") for t in hashtags)
    return (
        (msg("the organisation's name"), Phrases(alternative(n) for n in longest_first(names))),
        # "@tref@social.example" or "tref.bsky.social", but not inside a longer address
        (msg("the organisation's handle"),
         Phrases([alternative("@" + h) for h in handles_bare] +
                 [alternative(h) for h in handles_bare],
                 before=r"(?<![\w@.](?s:.))", tail=r"(?![\w@-]|\.\w)")),
        (msg("the organisation's hashtag"),
         Phrases((alternative("#" + t) for t in tags), before=r"(?<![\w#](?s:.))")))


def wrong_pane(text: str, pane: Pane, settings: PolicySettings,
               where: FieldRef) -> Iterator[Finding]:
    if pane is Pane.PERSONAL:
        for match in _SPEAKS_AS_ORGANISATION.finditer(text):
            yield Finding(WRONG_PANE, Severity.WARN,
                          msg("This reads like an official post (“{words}”): official "
                              "news belongs in the official pane, where it is approved",
                              words=match.group()),
                          where, match.start(), match.end())
        for what, phrases in _organisation_phrases(settings.organisation_names,
                                                   settings.organisation_handles,
                                                   settings.organisation_hashtags):
            for match in phrases.finditer(text):
                yield Finding(WRONG_PANE, Severity.WARN,
                              msg("This reads like an official post (“{words}”, {what}): "
                                  "official news belongs in the official pane, where it is "
                                  "approved", words=match.group(), what=what),
                              where, match.start(), match.end())
        return
    for match in _FIRST_PERSON_OPINION.finditer(text):
        yield Finding(WRONG_PANE, Severity.WARN,
                      msg("“{words}” is a personal opinion: an official post speaks for "
                          "the organisation, not for you", words=match.group()),
                      where, match.start(), match.end())
    for hit in find_words(text, insult_list()):
        yield Finding(WRONG_PANE, Severity.WARN,
                      msg("“{words}” is an insult: an official post "
                          "speaks for the organisation, which calls no one names",
                          words=_seen(text, hit.start, hit.end)),
                      where, hit.start, hit.end)
