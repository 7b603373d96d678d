"""Repair the byte-level mojibake of the scraped pages, from the mechanism that made it.

How the damage happened (established from the bytes of the bundled page):

1. The page text was GBK bytes (Traditional characters, e.g. 績 = BF 83). A replace pass
   inserted ``(pinyin)`` after the GBK code of every character the site had converted to
   Traditional script. It worked on bytes, so it also matched a code straddling two characters:
   或實 = BB F2 8C 8D contains 驅 = F2 8C, and ``(qū)`` landed inside 實.
2. A second pass turned full-width ，；？ (A3AC, A3BB, A3BF) into ASCII ``,;?`` on bytes, also
   where the code straddled two characters: 。績 = A1 A3 BF 83 contains ？ = A3 BF.
3. A decoder that always pairs two bytes then read on: a lead byte before ``(`` gave ``?`` and
   ate the ``(``; a lead byte before another ASCII byte gave ``?``; a pair in GBK's user-defined
   areas gave nothing; every other pair gave whatever character it encodes, so after a lost byte
   the text reads one byte out of step (分析不 → 治霾) until a trail byte 0x40-0x7E lands in
   lead position and surfaces as a Latin letter (門 E9 54 → ``T``), which puts it back in step.

:func:`damage` simulates this, for tests and synthetic documents. :func:`find_repairs` reverses
it: it finds each damaged span, rebuilds the span's byte stream from what the decoder must have
seen (an out-of-step character is its two GBK bytes, a Latin letter one byte, ``,;?`` the A3xx
pair, ``?`` an unknown lost byte, pinyin readings are dropped but constrain the character before
them), and decodes it in step. What the bytes cannot tell (the lost byte at the span's start, a
dropped user-defined pair, an occasional swallowed byte) context decides: a character bigram
model of the document's own undamaged text scores every reading, and the best one wins.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from procgraph.ingest.pinyin import is_converted, is_han, is_syllable

_PUNCT_PASS = {b"\xa3\xac": b",", b"\xa3\xbb": b";", b"\xa3\xbf": b"?"}
_PUNCT_BYTES = {",": (0xA3, 0xAC), ";": (0xA3, 0xBB), "?": (0xA3, 0xBF)}
_COMMON_PUNCT = set("，。、；：？！“”‘’（）《》—…/·-()%：:〈〉「」")
_REMAINDER = re.compile(r"[a-zü\u00e0-\u01dc]{1,7}\)")
_GROUP = re.compile(r"\([a-zü\u00e0-\u01dc]{1,7}\)")

UNK = -1  # an unknown byte in a rebuilt stream


def is_user_defined(b1: int, b2: int) -> bool:
    """GBK's user-defined areas (decoded to private-use characters, dropped by the site)."""
    return (
        (0xA1 <= b1 <= 0xA7 and 0x40 <= b2 <= 0xA0)
        or (0xAA <= b1 <= 0xAF and 0xA1 <= b2 <= 0xFE)
        or (0xF8 <= b1 <= 0xFE and 0xA1 <= b2 <= 0xFE)
    )


@functools.lru_cache(maxsize=65536)
def gbk_char(b1: int, b2: int) -> str | None:
    """The character a GBK pair encodes, or None (invalid, undefined or user-defined)."""
    if is_user_defined(b1, b2):
        return None
    try:
        ch = bytes((b1, b2)).decode("gbk")
    except UnicodeDecodeError:
        return None
    return ch if len(ch) == 1 else None


def is_bad_pair(b1: int, b2: int) -> bool:
    """A pair the site's decoder read as one ``?``: lead and trail in range, but no character."""
    return (
        0x81 <= b1 <= 0xFE
        and 0x40 <= b2 <= 0xFE
        and b2 != 0x7F
        and not is_user_defined(b1, b2)
        and gbk_char(b1, b2) is None
    )


#: What the unknown lead after a character must make with its trail: a dropped user-defined
#: pair ("P") or a pair the decoder showed as ``?`` ("Q").
_PAIR_KINDS = {"P": is_user_defined, "Q": is_bad_pair}


def gbk_bytes(ch: str) -> tuple[int, ...] | None:
    try:
        return tuple(ch.encode("gbk"))
    except UnicodeEncodeError:
        return None


# ---------------------------------------------------------------------------------------------
# Forward simulation


def damage(text: str, readings: dict[str, str]) -> str:
    """Simulate the site's three passes on clean Traditional ``text``.

    ``readings`` maps the characters that get a pinyin reading to it (the converted ones); the
    pass works on bytes, so a straddling code gets one too.
    """
    codes = {bytes(c.encode("gbk")): r for c, r in readings.items() if gbk_bytes(c) and len(c.encode("gbk")) == 2}
    data = text.replace("，", ",").encode("gbk", errors="replace")
    out, i = bytearray(), 0
    while i < len(data):
        pair = data[i : i + 2]
        if len(pair) == 2 and pair in codes:
            out += pair + f"({codes[pair]})".encode("gbk")
            i += 2
        else:
            out.append(data[i])
            i += 1
    stream = bytes(out)
    for full, ascii_ in _PUNCT_PASS.items():
        stream = stream.replace(full, ascii_)
    return decode_as_site(stream)


def decode_as_site(data: bytes) -> str:
    """The site's decoder: always pairs bytes; see the module docstring for its rules."""
    out, i = [], 0
    while i < len(data):
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
            continue
        if b in (0x80, 0xFF) or i + 1 >= len(data):
            out.append("?")
            i += 1
            continue
        b2 = data[i + 1]
        if b2 == 0x28:  # '(' after a lead byte: one invalid pair
            out.append("?")
            i += 2
        elif b2 < 0x40 or b2 in (0x7F, 0xFF):
            out.append("?")
            i += 1
        else:
            ch = gbk_char(b, b2)
            if ch is not None:
                out.append(ch)
            elif not is_user_defined(b, b2):
                out.append("?")
            i += 2
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Context model


class CharModel:
    """Interpolated character bigram model of a document's own undamaged text."""

    def __init__(self, text: str, alpha: float = 2.0, alphabet: int = 22000):
        self.uni = Counter(text)
        self.bi = Counter(zip(text, text[1:]))
        self.ctx = Counter(text[:-1])
        self.total = max(1, len(text))
        self.alpha = alpha
        self.alphabet = alphabet

    def p_uni(self, ch: str) -> float:
        return (self.uni[ch] + 0.1) / (self.total + 0.1 * self.alphabet)

    def logp(self, prev: str, ch: str) -> float:
        pu = self.p_uni(ch)
        return math.log((self.bi[(prev, ch)] + self.alpha * pu) / (self.ctx[prev] + self.alpha))

    def known(self, ch: str) -> bool:
        return self.uni[ch] > 0


# ---------------------------------------------------------------------------------------------
# Finding damaged spans


@dataclass(frozen=True)
class Repair:
    start: int  # [start, end) in code points of the text given to find_repairs
    end: int
    damaged: str  # text[start:end]
    repaired: str  # the original characters, without pinyin readings
    confidence: float  # 0..1: how clearly the best reading beat the next one
    note: str  # what was rebuilt, for the ingest report


def _tokens(text: str):
    """Split ``text`` into (start, end, kind) tokens: 'group', 'rem', 'char'."""
    i = 0
    while i < len(text):
        if text[i] == "(":
            m = _GROUP.match(text, i)
            if m and is_syllable(text[i + 1 : m.end() - 1]):
                yield i, m.end(), "group"
                i = m.end()
                continue
        if text[i] == "?" and i + 1 < len(text):
            m = _REMAINDER.match(text, i + 1)
            if m and is_syllable(text[i + 1 : m.end() - 1]):
                yield i, m.end(), "rem"
                i = m.end()
                continue
        yield i, i + 1, "char"
        i += 1


class _Classifier:
    """Tells damaged tokens from clean ones, using how often characters occur in the text."""

    def __init__(self, text: str):
        self.counts = Counter(text)

    def damaged(self, text: str, start: int, end: int, kind: str, prev: str) -> bool:
        if kind == "rem":
            return True
        if kind == "group":
            return not is_converted(prev)
        ch = text[start]
        if ch == "?":
            return True
        if ch in ",;":
            return prev == "?"
        if ch.isascii():
            # any byte 0x40-0x7E can surface where a trail byte met the decoder in lead position
            if 0x40 <= ord(ch) <= 0x7E:
                before = text[start - 1] if start else ""
                after = text[start + 1] if start + 1 < len(text) else ""
                return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())
            return False
        if is_han(ch):
            return self.counts[ch] <= 2  # out-of-step pairs decode to characters the text hardly uses
        return ch not in _COMMON_PUNCT

    def clean(self, text: str, start: int, kind: str) -> bool:
        """A token that shows the decoder is in step: a frequent character or a sound reading."""
        if kind == "group":
            return True
        ch = text[start]
        return (is_han(ch) and self.counts[ch] >= 4) or ch in _COMMON_PUNCT


def damaged_spans(text: str, clean_run: int = 4) -> list[tuple[int, int]]:
    """Spans that start at a ``?`` and run to the last damaged token before ``clean_run`` clean ones."""
    cls = _Classifier(text)
    tokens = list(_tokens(text))
    spans: list[tuple[int, int]] = []
    k = 0
    while k < len(tokens):
        start, end, kind = tokens[k]
        if not (text[start] == "?"):
            k += 1
            continue
        last_end, run, j = end, 0, k + 1
        while j < len(tokens) and run < clean_run:
            s, e, kd = tokens[j]
            prev = text[s - 1] if s else ""
            if cls.damaged(text, s, e, kd, prev):
                last_end, run = e, 0
            elif cls.clean(text, s, kd):
                run += 1
            else:
                run = 0 if run == 0 else run  # a rare character neither ends nor extends a clean run
            j += 1
        spans.append((start, last_end))
        while k < len(tokens) and tokens[k][0] < last_end:
            k += 1
    return spans


# ---------------------------------------------------------------------------------------------
# Rebuilding and decoding a span


@dataclass
class _Item:
    byte: int | None = None  # a known byte
    unknown: bool = False  # an unknown byte (lost lead)
    alternatives: tuple = ()  # '?': either a lost byte or the A3 BF of ？
    reading: str | None = None  # a reading constraint on the last complete character


def rebuild(span: str) -> list[_Item]:
    """The byte stream the decoder must have seen for ``span`` (pinyin readings as constraints)."""
    items: list[_Item] = []
    for s, e, kind in _tokens(span):
        if kind == "group":
            items.append(_Item(reading=span[s + 1 : e - 1]))
            continue
        if kind == "rem":
            items.append(_Item(unknown=True))
            items.append(_Item(reading=span[s + 1 : e - 1]))
            continue
        ch = span[s]
        if ch == "?":
            items.append(_Item(alternatives=("lost", "a3bf")))
        elif ch in _PUNCT_BYTES:
            b1, b2 = _PUNCT_BYTES[ch]
            items += [_Item(byte=b1), _Item(byte=b2)]
        elif ch.isascii():
            items.append(_Item(byte=ord(ch)))
        else:
            code = gbk_bytes(ch)
            if code is None or len(code) != 2:
                items += [_Item(unknown=True), _Item(unknown=True)]
            else:
                items += [_Item(byte=code[0]), _Item(byte=code[1])]
    return items


@dataclass(order=True)
class _State:
    score: float
    pos: int = field(compare=False)
    pending: tuple = field(compare=False)
    text: str = field(compare=False)
    last: str = field(compare=False)
    inserted: int = field(compare=False)
    swallowed: int = field(compare=False)
    notes: tuple = field(compare=False)
    prev_byte: int = field(compare=False, default=-1)  # the last byte consumed


def _waiting(st: _State) -> bool:
    """The state waits for the lead byte after a dropped or '?' pair."""
    return bool(st.pending) and st.pending[0] in _PAIR_KINDS


class _Decoder:
    """Beam search over the unknown bytes of a rebuilt span, scored by the context model."""

    PUA_PENALTY = 5.0
    SWALLOW_PENALTY = 15.0
    ASCII_PENALTY = 8.0
    READING_BONUS = 4.0
    UNKNOWN_CHAR_PENALTY = 8.0

    INSERTION_BEAM = 12

    def __init__(self, model: CharModel, readings: dict[str, str], beam: int = 100):
        self.model = model
        self.readings = readings
        self.beam = beam
        vocab = [c for c in model.uni if is_han(c) or c in _COMMON_PUNCT]
        self.by_lead: dict[int, list[tuple[int, str]]] = {}
        self.by_trail: dict[int, list[tuple[int, str]]] = {}
        for c in vocab:
            code = gbk_bytes(c)
            if code and len(code) == 2:
                self.by_lead.setdefault(code[0], []).append((code[1], c))
                self.by_trail.setdefault(code[1], []).append((code[0], c))
        self.leads = sorted(self.by_lead)
        # cached per decoder: a cache on the method would be shared by all decoders and keep each
        # one (and its context model) alive after its text is repaired
        self._lookahead = functools.lru_cache(maxsize=200000)(self._reach)

    def _emit(self, st: _State, ch: str, pos: int, notes=()) -> _State:
        lp = self.model.logp(st.last, ch)
        if not self.model.known(ch):
            lp -= self.UNKNOWN_CHAR_PENALTY
        code = gbk_bytes(ch)
        return _State(
            st.score + lp,
            pos,
            (),
            st.text + ch,
            ch,
            st.inserted,
            st.swallowed,
            st.notes + tuple(notes),
            code[-1] if code else -1,
        )

    def _feed(self, st: _State, b: int, pos: int, notes=()) -> list[_State]:
        """Feed a known byte ``b`` into state ``st``."""
        if _waiting(st):  # the lead after a dropped or '?' pair, resolved by its trail
            trail, pair = st.pending[1], _PAIR_KINDS[st.pending[0]]
            return [
                self._emit(st, ch, pos, notes + (f"{lead:02X}",))
                for lead, ch in self.by_trail.get(b, [])
                if pair(trail, lead)
            ]
        if not st.pending:
            if b < 0x80:
                emitted = self._emit(st, chr(b), pos, notes)
                emitted.score -= self.ASCII_PENALTY
                return [emitted]
            return [
                _State(
                    st.score,
                    pos,
                    (b,),
                    st.text,
                    st.last,
                    st.inserted,
                    st.swallowed,
                    st.notes + tuple(notes),
                    st.prev_byte,
                )
            ]
        ch = gbk_char(st.pending[0], b)
        return [self._emit(st, ch, pos, notes)] if ch else []

    def _feed_unknown(self, st: _State, pos: int, note: str) -> list[_State]:
        out = []
        if _waiting(st):  # both bytes of the character after a dropped or '?' pair are unknown
            trail, pair = st.pending[1], _PAIR_KINDS[st.pending[0]]
            for lead in self.leads:
                if pair(trail, lead):
                    out += [self._emit(st, ch, pos, (f"{note} {lead:02X} {b2:02X}",)) for b2, ch in self.by_lead[lead]]
            return out
        if st.pending:
            for trail, ch in self.by_lead.get(st.pending[0], []):
                out.append(self._emit(st, ch, pos, (f"{note} {trail:02X}",)))
        else:
            for lead in self.leads:
                out.append(
                    _State(
                        st.score,
                        pos,
                        (lead,),
                        st.text,
                        st.last,
                        st.inserted,
                        st.swallowed,
                        st.notes + (f"{note} {lead:02X}",),
                        st.prev_byte,
                    )
                )
        return out

    def _insertions(self, st: _State) -> list[_State]:
        """A dropped user-defined pair (trail of this character, lead of the next) or a swallowed byte.

        After a dropped pair the next character's lead byte is unknown but constrained: the pair
        (this trail, that lead) lies in a user-defined area. It is resolved by the next known byte.
        """
        out = []
        if st.inserted < 2 and len(st.pending) == 1:
            for trail, ch in self.by_lead.get(st.pending[0], []):
                if 0xA1 <= trail <= 0xA7 or 0xAA <= trail <= 0xAF or 0xF8 <= trail <= 0xFE:
                    emitted = self._emit(st, ch, st.pos, (f"dropped pair {trail:02X}..",))
                    out.append(
                        _State(
                            emitted.score - self.PUA_PENALTY,
                            st.pos,
                            ("P", trail),
                            emitted.text,
                            emitted.last,
                            st.inserted + 1,
                            st.swallowed,
                            emitted.notes,
                            -1,
                        )
                    )
        if st.swallowed < 1 and len(st.pending) <= 1:
            for s in self._feed_unknown(st, st.pos, "swallowed byte"):
                s.score -= self.SWALLOW_PENALTY
                s.swallowed += 1
                out.append(s)
        return out

    def _step(self, st: _State, items: list[_Item], pos: int) -> list[_State]:
        """Consume the rebuilt item at ``pos`` (two, when a lost lead meets a known trail)."""
        item = items[pos]
        if item.reading is not None:
            return [
                _State(
                    st.score + self._reading_fit(st, item.reading),
                    pos + 1,
                    st.pending,
                    st.text,
                    st.last,
                    st.inserted,
                    st.swallowed,
                    st.notes,
                    st.prev_byte,
                )
            ]
        if item.byte is not None:
            return self._feed(st, item.byte, pos + 1)
        out = []
        after = items[pos + 1] if pos + 1 < len(items) else None
        if not st.pending and after is not None and after.byte is not None and after.byte >= 0x40:
            for lead, ch in self.by_trail.get(after.byte, []):  # a lost lead completed by its trail
                out.append(self._emit(st, ch, pos + 2, (f"lost byte {lead:02X}",)))
        else:
            out += self._feed_unknown(st, pos + 1, "lost byte")
        if item.alternatives:  # '?': a lost byte, or the 3F that replaced ？ (A3 BF)
            for s in self._feed(st, 0xA3, pos + 1, ("? was A3 BF",)):
                out += self._feed(s, 0xBF, pos + 1)
            out += self._bad_pair(st, pos + 1)
        return out

    def _bad_pair(self, st: _State, pos: int) -> list[_State]:
        """'?' out of step: the trail of the waiting character and the next one's lead, a pair
        with no character (效信 = D0 A7 D0 C5 read as 冃 ? …); the lead is resolved later."""
        if len(st.pending) != 1 or _waiting(st):
            return []
        out = []
        for trail, ch in self.by_lead.get(st.pending[0], []):
            if trail >= 0x81:
                emitted = self._emit(st, ch, pos, (f"? was {trail:02X} and a lead",))
                out.append(
                    _State(
                        emitted.score - self.PUA_PENALTY,
                        pos,
                        ("Q", trail),
                        emitted.text,
                        emitted.last,
                        st.inserted,
                        st.swallowed,
                        emitted.notes,
                        -1,
                    )
                )
        return out

    def _reading_fit(self, st: _State, reading: str) -> float:
        """A reading stands after the code it was inserted for: the last complete character, or,
        when a lead byte is waiting, the code straddling the previous byte and that lead."""
        if not st.pending:
            ch = st.last
        elif not _waiting(st) and st.prev_byte >= 0x81:
            ch = gbk_char(st.prev_byte, st.pending[0]) or ""
        else:
            return -self.READING_BONUS
        known = self.char_readings(ch)
        # a reading the path cannot explain (no character, or one read otherwise) counts against it
        return self.READING_BONUS if reading in known else -self.READING_BONUS

    def char_readings(self, ch: str) -> tuple[str, ...]:
        if ch in self.readings:
            return (self.readings[ch],)
        return _pinyin_readings(ch)

    def _reach(self, last: str, lead: int) -> float:
        """Best score a pending lead byte can still reach with one more byte."""
        return max((self.model.logp(last, ch) for _, ch in self.by_lead.get(lead, [])), default=-50.0)

    def _prune(self, states: list[_State], width: int | None = None) -> list[_State]:
        width = width or self.beam
        best: dict = {}
        for st in states:
            key = (st.pending, st.text, st.inserted, st.swallowed)
            if key not in best or st.score > best[key].score:
                best[key] = st

        def rank(st: _State) -> float:
            if not st.pending or _waiting(st):
                return st.score
            return st.score + self._lookahead(st.last, st.pending[0])

        shapes: dict[str, list[_State]] = {}
        for st in best.values():  # states waiting for a byte compete among themselves only
            shapes.setdefault(st.pending[0] if _waiting(st) else str(len(st.pending)), []).append(st)
        kept: list[_State] = []
        for group in shapes.values():
            kept += sorted(group, key=rank, reverse=True)[:width]
        return kept

    def decode(self, items: list[_Item], left: str, right: str) -> list[tuple[float, str, tuple]]:
        """Rank the readings of ``items``; states compete only with states at the same position."""
        code = gbk_bytes(left) if left else None
        buckets: dict[int, list[_State]] = {0: [_State(0.0, 0, (), "", left, 0, 0, (), code[-1] if code else -1)]}
        final: list[_State] = []
        for pos in range(len(items) + 1):
            states = self._prune(buckets.pop(pos, []))
            # insertions explain what the bytes cannot; only the most promising states try them
            states = states + [x for st in self._prune(states, self.INSERTION_BEAM) for x in self._insertions(st)]
            if pos == len(items):
                final = self._prune([st for st in states if not st.pending])
                break
            states = self._prune(states)
            for st in states:
                for nxt in self._step(st, items, pos):
                    buckets.setdefault(nxt.pos, []).append(nxt)
        scored = []
        for st in final:
            tail = self.model.logp(st.last, right) if right else 0.0
            scored.append((st.score + tail, st.text, st.notes))
        scored.sort(reverse=True)
        return scored


@functools.lru_cache(maxsize=65536)
def _pinyin_readings(ch: str) -> tuple[str, ...]:
    """Readings of a Han character with tone marks (pypinyin's dictionary, all heteronyms)."""
    if not ch or not is_han(ch):
        return ()
    from pypinyin import Style, pinyin

    found = pinyin(ch, style=Style.TONE, heteronym=True, errors="ignore")
    return tuple(found[0]) if found else ()


@functools.lru_cache(maxsize=1)
def _word_model():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.check_initialized()
    return jieba.dt


def word_logp(text: str) -> float:
    """Log probability of ``text`` (any script) under jieba's general word-frequency model."""
    from procgraph.ingest.script import to_simplified

    dt = _word_model()
    total = 0.0
    for part in re.split(r"[^\u3400-\u9fffA-Za-z0-9]+", to_simplified(text)):
        if part:
            route: dict = {}
            dt.calc(part, dt.get_DAG(part), route)
            total += route[0][0]
    return total


# Both models charge every character; readings of one span that differ in length (a dropped
# pair adds a character) are compared fairly by crediting each character what natural text
# of this kind costs per character under the two models together.
CHAR_CREDIT = 6.0


def rerank(ranked: list[tuple[float, str, tuple]], left: str, right: str, top: int = 40):
    """Rescore the best distinct readings with general Chinese word statistics as well.

    The document's own bigrams know its vocabulary but not rare words (跨部門 occurs a few
    times); jieba's dictionary knows Chinese words. Both count.
    """
    seen, out = set(), []
    for score, text, notes in ranked:
        if text in seen:
            continue
        seen.add(text)
        out.append((score + word_logp(left + text + right) + CHAR_CREDIT * len(text), text, notes))
        if len(out) == top:
            break
    out.sort(key=lambda x: x[0], reverse=True)
    return out


def learn_readings(text: str) -> dict[str, str]:
    """Character → pinyin reading, from the intact readings in ``text``."""
    readings: dict[str, str] = {}
    for m in _GROUP.finditer(text):
        if m.start() and is_converted(text[m.start() - 1]):
            readings.setdefault(text[m.start() - 1], m.group(0)[1:-1])
    return readings


def _clean_for_model(text: str, spans: list[tuple[int, int]]) -> str:
    parts, pos = [], 0
    for s, e in spans:
        parts.append(text[pos:s])
        parts.append("\n")
        pos = e
    parts.append(text[pos:])
    joined = "".join(parts)
    joined = _GROUP.sub("", joined)
    return joined.replace(",", "，").replace(";", "；")


@functools.lru_cache(maxsize=1)
def background_text() -> str:
    """The undamaged text of the bundled standard (part 8), readings removed.

    The parts of the series share their phrasing, so a short page borrows the bundled part's
    character statistics in addition to its own; on the bundled part itself this changes nothing
    that its own text does not already say.
    """
    from procgraph.ingest.source import find_body, read_source
    from procgraph.resources import resource_path

    line = find_body(read_source(resource_path("data", "sources", "gbpm-8-1.txt"))).line
    return _clean_for_model(line, damaged_spans(line))


#: Below this many characters a page's own text is too little context; the bundled part's is added.
OWN_CONTEXT_ENOUGH = 20000


def find_repairs(text: str, *, background: bool | None = None) -> list[Repair]:
    """Find and repair every damaged span in ``text`` (the raw body, pinyin readings included).

    Context comes from ``text`` itself and, for a short text (or when ``background`` is True),
    also from the bundled standard.
    """
    spans = damaged_spans(text)
    if not spans:
        return []
    own = _clean_for_model(text, spans)
    if background is None:
        background = len(own) < OWN_CONTEXT_ENOUGH
    model = CharModel(own + "\n" + background_text() if background else own)
    readings = learn_readings(text)
    decoder = _Decoder(model, readings)
    repairs = []
    for start, end in spans:
        left = _context_left(text, start)
        right = _context_right(text, end)
        ranked = rerank(
            decoder.decode(rebuild(text[start:end]), left, right), _context(text, start, -6), _context(text, end, 6)
        )
        if not ranked:
            continue
        best_score, best_text, notes = ranked[0]
        runner_up = next((s for s, t, _ in ranked[1:] if t != best_text), None)
        margin = best_score - runner_up if runner_up is not None else 10.0
        confidence = 1.0 / (1.0 + math.exp(-margin))
        note = "; ".join(dict.fromkeys(notes)) or "rebuilt from the bytes"
        repairs.append(Repair(start, end, text[start:end], best_text, round(confidence, 3), note))
    return repairs


def _context(text: str, at: int, width: int) -> str:
    """Up to ``|width|`` clean characters before (negative) or after ``at``, readings removed."""
    if width < 0:
        chunk = _GROUP.sub("", text[max(0, at + 4 * width) : at])
        chunk = chunk.split("?")[-1]
        return chunk[width:].replace(",", "，")
    chunk = _GROUP.sub("", text[at : at + 4 * width])
    return chunk.split("?")[0][:width].replace(",", "，")


def _context_left(text: str, start: int) -> str:
    i = start - 1
    while i >= 0 and text[i] == ")":
        j = text.rfind("(", 0, i)
        if j < 0:
            break
        i = j - 1
    return text[i] if i >= 0 else ""


def _context_right(text: str, end: int) -> str:
    i = end
    while i < len(text) and text[i] == "(":
        m = _GROUP.match(text, i)
        if not m:
            break
        i = m.end()
    ch = text[i] if i < len(text) else ""
    return {",": "，", ";": "；"}.get(ch, ch)
