"""Negative-keyword matching for free text (pulse answers, voice-channel messages).

Both the keywords and the text are normalised the same way:

* Unicode NFKC, so full-width letters, digits and spaces (ＱＵＩＴ, ３, U+3000)
  match their half-width forms;
* case-folded (``casefold``), so QUIT, Quit and quit are the same;
* runs of white space collapsed to one space.

A keyword that contains a CJK character matches as a substring (Chinese has no
spaces: 不想干了 is found in 我真的不想干了啊). Any other keyword matches on
word boundaries: it must not be preceded or followed by an ASCII letter or
digit, so ``quit`` is found in "I will quit." and in "我想quit了" but not in
"quite" or "quitting". Multi-word keywords ("no overtime pay") match across
any white space.

``KeywordMatcher`` prepares the keywords once (a set lookup for one-word
English keywords, a substring pre-check before the boundary regex for the
others); ``naive_match`` is the straightforward reference the tests and the
benchmark compare it with.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_CJK_RANGES = (
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF),  # CJK Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xAC00, 0xD7AF),  # Hangul
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0x20000, 0x2FA1F),  # Extensions B-F, compatibility supplement
)


def normalize(text):
    """NFKC, case-folded, white space collapsed and stripped."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text or "").casefold()).strip()


def has_cjk(text):
    return any(start <= ord(char) <= end for char in text for start, end in _CJK_RANGES)


def _boundary_pattern(term):
    return re.compile(r"(?<![a-z0-9])" + re.escape(term) + r"(?![a-z0-9])")


class KeywordMatcher:
    """Prepared keywords; ``match(text)`` returns the keys of the keywords found.

    ``keywords``: an iterable of ``(key, term)``; empty terms are ignored, and
    several keys may share a term. Keys come back once each, in input order.
    """

    def __init__(self, keywords):
        self._order = {}
        self._substrings = {}  # normalised CJK term -> keys
        self._words = {}  # one ASCII word -> keys
        self._phrases = {}  # other term -> (pattern, keys)
        for key, term in keywords:
            term = normalize(term)
            if not term:
                continue
            self._order.setdefault(key, len(self._order))
            if has_cjk(term):
                self._substrings.setdefault(term, []).append(key)
            elif _ASCII_WORD.fullmatch(term):
                self._words.setdefault(term, []).append(key)
            else:
                self._phrases.setdefault(term, (_boundary_pattern(term), []))[1].append(key)

    def __len__(self):
        return len(self._order)

    def match(self, text):
        text = normalize(text)
        if not text:
            return []
        found = set()
        for term, keys in self._substrings.items():
            if term in text:
                found.update(keys)
        if self._words:
            for word in set(_ASCII_WORD.findall(text)):
                keys = self._words.get(word)
                if keys:
                    found.update(keys)
        for term, (pattern, keys) in self._phrases.items():
            if term in text and pattern.search(text):
                found.update(keys)
        return sorted(found, key=self._order.__getitem__)


def naive_match(keywords, text):
    """Reference implementation: normalise and test every keyword on every call."""
    text = normalize(text)
    found = []
    for key, term in keywords:
        term = normalize(term)
        if not term or key in found:
            continue
        if has_cjk(term):
            hit = term in text
        else:
            hit = re.search(r"(?<![a-z0-9])" + re.escape(term) + r"(?![a-z0-9])", text) is not None
        if hit:
            found.append(key)
    return found
