"""Lift large CDATA sections out of an AttachedDocument's bytes before the outer parse.

The embedded invoice (25-30 KB) and DIAN response travel as CDATA inside the container.
libxml2 scans CDATA character by character (~300 MB/s), so a plain parse of the container
spends about 3/4 of its time on text that is then parsed a second time as the embedded
document. Here each large CDATA section is replaced, at the bytes level, by a short
token; the container (now ~8 KB) is parsed with the same secure parser, and the original
bytes of a section come back when its element's text is read.

Exactness is kept by refusing the shortcut whenever it could differ from a plain parse:
only UTF-8 input (the CDATA bytes are then exactly the text libxml2 would report, once
line ends are normalised), no `<!` in the prolog (no DOCTYPE to reason about: the full
path refuses it), and the caller falls back to the full parse when a token is read
anywhere but where it expected one, or when an embedded part does not parse (so errors
keep their original wording). The bytes of a section are validated by the parse of the
embedded document itself; anything not parsed directly as XML falls back too.
"""

from __future__ import annotations

import re
import secrets

# A token cannot be guessed by a file's author: a literal copy in a file is impossible.
_NONCE = secrets.token_hex(8).encode()
_TOKEN = re.compile(rb"cuadre-cdata-" + _NONCE + rb"-(\d+)")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ROOT_START = re.compile(rb"<[A-Za-z_]")
MIN_SECTION = 512  # smaller sections are cheap to parse in place
# libxml2 refuses a text node over 10,000,000 bytes without huge_tree (xml_safety keeps it
# off); a section near that size is left in place so the container parse still refuses it.
MAX_SECTION = 9_000_000
BOM = b"\xef\xbb\xbf"


class NeedsFullParse(Exception):
    """The shortcut cannot promise the same result as a full parse: take the full path."""


class Sections:
    """The CDATA sections lifted out of one container, handed back as their elements are read."""

    __slots__ = ("originals", "used")

    def __init__(self, originals: list[bytes]) -> None:
        self.originals = originals
        self.used = 0

    def restore(self, text: bytes) -> bytes:
        """`text` (an element's text, UTF-8) with every token put back as its section."""
        if b"cuadre-cdata-" not in text:
            return text
        whole = _TOKEN.fullmatch(text)
        if whole is not None:  # the usual case: the section itself, not a copy of it
            return self._original(whole)
        return _TOKEN.sub(self._original, text)

    def _original(self, match: re.Match[bytes]) -> bytes:
        self.used += 1
        return self.originals[int(match.group(1))]

    def check_all_used(self) -> None:
        """A section read by no one was somewhere else in the container: full parse."""
        if self.used != len(self.originals):
            raise NeedsFullParse


def _find(data: bytes, marker: bytes, start: int, rare: int = 0) -> int:
    """`data.find(marker, start)`, several times faster: `bytes.find` of a 2-3 byte marker
    scans at a few GB/s, a 1-byte find is memchr. `rare` is the index of the marker's
    byte that is rare in an invoice (`]`, `-`, `?`, `!`), the one searched for."""
    key = marker[rare : rare + 1]
    at = start + rare
    while True:
        at = data.find(key, at)
        if at < 0 or data.startswith(marker, at - rare):
            return at if at < 0 else at - rare
        at += 1


def lift_sections(data: bytes) -> tuple[bytes, Sections] | None:
    """`data` with its large CDATA sections replaced by tokens, or None when the shortcut
    does not apply (not UTF-8, something in the prolog, no large section, odd markup)."""
    root_at = _ROOT_START.search(data)
    if root_at is None:
        return None
    prolog = data[: root_at.start()]
    if prolog.startswith(BOM):
        prolog = prolog[len(BOM) :]
    if prolog.startswith(b"<?xml"):
        declaration = prolog[: prolog.find(b"?>") + 2]
        encoding = _ENCODING.search(declaration)
        if encoding is not None and encoding.group(1).lower() not in (b"utf-8", b"utf8"):
            return None
        prolog = prolog[len(declaration) :]
    if prolog.strip(b" \t\r\n"):
        return None  # a DOCTYPE, comment, PI or non-UTF-8 bytes: the full path decides
    pieces: list[bytes] = []
    originals: list[bytes] = []
    kept = position = root_at.start()
    instruction = -1  # where the next `<?` is, found once and reused until passed
    while True:
        # Two memchr-based finds: far faster than one regex alternation over the markup.
        bang = _find(data, b"<!", position, rare=1)
        if instruction < position:
            instruction = _find(data, b"<?", position, rare=1)
            if instruction < 0:
                instruction = len(data)
        if bang < 0 or instruction < bang:
            if instruction == len(data):
                break
            closer = _find(data, b"?>", instruction + 2)
            position = closer + 2
        elif data.startswith(b"<!--", bang):
            closer = _find(data, b"-->", bang + 4)
            position = closer + 3
        elif data.startswith(b"<![CDATA[", bang):
            start = bang + 9
            closer = _find(data, b"]]>", start)
            position = closer + 3
            if closer - start > MAX_SECTION:
                return None
            if closer - start >= MIN_SECTION:
                section = data[start:closer]
                if b"\r" in section:  # what an XML parser reports: line ends normalised
                    section = section.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
                pieces.append(data[kept:start])
                pieces.append(b"cuadre-cdata-%s-%d" % (_NONCE, len(originals)))
                originals.append(section)
                kept = closer
        else:
            return None  # a DOCTYPE or worse after the prolog: the full parse reports it
        if closer < 0:
            return None  # unterminated: the full parse reports it
    if not originals:
        return None
    pieces.append(data[kept:])
    return data[: root_at.start()] + b"".join(pieces), Sections(originals)
