"""The text of a table file: opened safely, decoded, and read block by block within budgets.

Encodings (the byte-order mark decides; without one, UTF-8 is tried first):

- UTF-8, with or without a byte-order mark;
- UTF-16 with a byte-order mark, little- or big-endian (what spreadsheet
  programs write for "Unicode text");
- Latin-1 (ISO 8859-1, with the printable characters Windows-1252 puts at
  0x80–0x9F): a file that is not UTF-8 is read as Latin-1 when everything
  before its first non-UTF-8 byte was ASCII and it holds no control
  characters (a binary file does).

Anything else (UTF-16 without a mark, UTF-32, a mixture, binary content) gets
the message "not UTF-8 text" naming the line and byte, or "binary data" for a
zero byte.

Budgets (issue 15): the file is never read whole. It is decoded in blocks and
handed on in chunks that end at a line end; a line that does not end within
:data:`LONG_LINE` characters is checked as it grows — more than
:data:`~lstm_sim.engine.budget.MAX_INPUTS` cells, a cell longer than
:data:`MAX_CELL` characters or a line longer than :data:`MAX_LINE` stop the
reading at once, with a message that quotes at most :data:`EXCERPT`
characters. A zero byte (binary content) in any block stops it too; for the
first block that happens before anything else is done.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from typing import BinaryIO

from ..engine.budget import MAX_INPUTS
from ._files import open_data, os_reason
from .errors import QT_TRANSLATE_NOOP, LoadError, Text, line_place

__all__ = [
    "EXCERPT",
    "LONG_LINE",
    "MAX_CELL",
    "MAX_LINE",
    "TableText",
    "check_open_line",
    "excerpt",
    "open_table",
    "read_head",
    "too_many_cells",
]

#: Characters a cell may have (a number needs < 30; a label or a comment a few hundred).
MAX_CELL = 65_536
#: Characters a line may have: MAX_INPUTS cells of 256 characters.
MAX_LINE = MAX_INPUTS * 256
#: A line still open after this many characters is checked as it grows.
LONG_LINE = 1 << 20
#: Characters of a bad cell quoted in a message.
EXCERPT = 30
#: Bytes read at a time.
BLOCK = 4 << 20

_CANDIDATES = (",", "\t", ";", "|")
# Control characters a Latin-1 text never holds (tab, line ends and form feed are fine).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_C1 = re.compile("[\x80-\x9f]")
# Windows-1252's printable characters at 0x80–0x9F (Latin-1 has control codes there).
_CP1252 = {
    i: bytes([i]).decode("cp1252")
    for i in range(0x80, 0xA0)
    if i not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def excerpt(text: str) -> str:
    """``text`` quoted, cut to :data:`EXCERPT` characters with ``…`` when longer."""
    return repr(text if len(text) <= EXCERPT else text[:EXCERPT] + "…")


def too_many_cells(count: int | str) -> Text:
    """The reason for a line with more cells than :data:`MAX_INPUTS`."""
    return Text(
        QT_TRANSLATE_NOOP(
            "FileErrors", "more than {limit} cells on one line ({count}): not a table of steps"
        ),
        limit=MAX_INPUTS,
        count=count,
    )


def open_table(path: str | os.PathLike[str]) -> BinaryIO:
    """Open a table file for reading, refusing what cannot be one before reading it.

    Directories, devices, FIFOs and sockets are refused without a read (see
    :func:`~lstm_sim.io._files.open_data`, which every reader uses).

    Raises
    ------
    LoadError
    """
    return open_data(path)


def read_head(path: str | os.PathLike[str], n: int) -> bytes:
    """The first ``n`` bytes of a file (opened as :func:`open_table` does).

    Raises
    ------
    LoadError
    """
    with open_table(path) as fh:
        try:
            return fh.read(n)
        except OSError as exc:
            raise LoadError(path, "", os_reason(exc)) from None


def _binary(path: str | os.PathLike[str], line: int, byte: int) -> LoadError:
    return LoadError(
        path,
        Text(QT_TRANSLATE_NOOP("FileErrors", "line {line} (byte {byte})"), line=line, byte=byte),
        Text(QT_TRANSLATE_NOOP("FileErrors", "binary data (a zero byte), not a text table")),
    )


def _not_utf8(path: str | os.PathLike[str], line: int, byte: int) -> LoadError:
    return LoadError(
        path,
        Text(QT_TRANSLATE_NOOP("FileErrors", "line {line} (byte {byte})"), line=line, byte=byte),
        Text(
            QT_TRANSLATE_NOOP(
                "FileErrors",
                "not UTF-8 text (is this a binary file, or text in another encoding?)",
            )
        ),
    )


class TableText:
    """The decoded text of a table file (or of bytes), in chunks that end at a line end.

    Parameters
    ----------
    path : path-like
        For messages (and for reading when ``source`` is None).
    source : bytes or binary file
        The content, or an open file (read from its current position).
    size : int, optional
        Total bytes, for progress (``len(source)`` for bytes).
    block : int
        Bytes decoded at a time.

    Attributes
    ----------
    encoding : str
        ``"utf-8"``, ``"utf-16-le"``, ``"utf-16-be"`` or ``"latin-1"`` (may
        change from UTF-8 to Latin-1 while reading, see the module).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        source: bytes | BinaryIO,
        *,
        size: int | None = None,
        block: int = BLOCK,
    ) -> None:
        self.path = path
        self._source = source
        self._block = max(16, int(block))
        self.size = len(source) if isinstance(source, bytes | bytearray) else (size or 0)
        self.encoding = "utf-8"
        self.bytes_read = 0
        self.line = 1  # the line number of the text not yet handed on
        self._decoder: codecs.IncrementalDecoder | None = None
        self._all_ascii = True
        self._cr = False  # the last block ended with "\r" (held back: "\r\n" may be split)
        self.complete = False  # head() read the whole file
        self._decoded = 0  # characters decoded
        self._lines = 1  # the line number at the end of the text decoded so far
        self._handed = 0  # characters handed on by chunks()

    # ------------------------------------------------------------ raw bytes
    def _read(self, n: int) -> bytes:
        if isinstance(self._source, bytes | bytearray):
            data = bytes(self._source[self.bytes_read : self.bytes_read + n])
        else:
            try:
                data = self._source.read(n)
            except OSError as exc:
                raise LoadError(self.path, "", os_reason(exc)) from None
            except MemoryError:
                raise LoadError(
                    self.path,
                    "",
                    Text(QT_TRANSLATE_NOOP("FileErrors", "too large to read into memory")),
                ) from None
        return data

    def _start(self, data: bytes) -> bytes:
        """Choose the encoding from a byte-order mark; returns ``data`` without the mark."""
        if data.startswith(codecs.BOM_UTF8):
            data = data[3:]
            self.bytes_read += 3
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            self.encoding = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
            data = data[2:]
            self.bytes_read += 2
        self._decoder = codecs.getincrementaldecoder(self.encoding)(errors="strict")
        return data

    def _decode(self, data: bytes, final: bool) -> str:
        assert self._decoder is not None
        pending = len(self._decoder.getstate()[0])
        try:
            text = self._decoder.decode(data, final)
        except UnicodeDecodeError as exc:
            start = self.bytes_read - pending + exc.start
            raw = exc.object if isinstance(exc.object, bytes) else data
            if self.encoding != "utf-8" or not (self._all_ascii and raw[: exc.start].isascii()):
                raise self._utf8_error(exc, data, start) from None
            # Everything so far was ASCII: read the rest as Latin-1 (from the held-back bytes on).
            text = raw.decode("latin-1")
            if _CONTROL.search(text):  # control characters: binary, not Latin-1 text
                raise self._utf8_error(exc, data, start) from None
            self.encoding = "latin-1"
            self._decoder = codecs.getincrementaldecoder("latin-1")()
        if "\x00" in text:  # a zero byte (or character): binary content
            k = text.index("\x00")
            raise _binary(
                self.path,
                self._lines + text.count("\n", 0, k),
                self.bytes_read + len(text[:k].encode(self.encoding)),
            )
        if self.encoding == "latin-1":
            bad = _CONTROL.search(text)
            if bad:
                k = bad.start()
                raise _not_utf8(
                    self.path, self._lines + text.count("\n", 0, k), self.bytes_read + k
                )
            if _C1.search(text):
                text = text.translate(_CP1252)
        if self._all_ascii and not text.isascii():
            self._all_ascii = False
        self._lines += text.count("\n")
        return text

    def _utf8_error(self, exc: UnicodeDecodeError, data: bytes, start: int) -> LoadError:
        raw = exc.object if isinstance(exc.object, bytes) else data
        line = self._lines + raw.count(b"\n", 0, exc.start)
        if self.encoding != "utf-8":
            return LoadError(
                self.path,
                Text(
                    QT_TRANSLATE_NOOP("FileErrors", "line {line} (byte {byte})"),
                    line=line,
                    byte=start,
                ),
                Text(
                    QT_TRANSLATE_NOOP(
                        "FileErrors", "not {encoding} text (the byte-order mark says it is)"
                    ),
                    encoding=self.encoding.upper(),
                ),
            )
        return _not_utf8(self.path, line, start)

    # -------------------------------------------------------------- chunks
    def head(self, limit: int) -> str:
        """The first ``limit`` bytes (about) as text, line ends normalised (for a preview)."""
        data = self._read(limit)
        self.complete = len(data) < limit
        data = self._start(data)
        text = self._decode(data, final=self.complete)
        self.bytes_read += len(data)
        return _newlines(text)

    def chunks(self, chunk: int) -> Iterator[str]:
        """Text in pieces of about ``chunk`` characters, each ending at a line end (but the last).

        Line ends are ``"\\n"`` (CRLF and CR are converted). :attr:`line` is
        the line number where the next piece starts; :attr:`fraction` the
        share of the file handed on so far.

        Raises
        ------
        LoadError
            Binary content, an encoding error, or a line over budget (see the module).
        """
        chunk = max(1, int(chunk))
        buffered = ""
        first, final = True, False
        while not final:
            data = self._read(self._block)
            final = not data
            if first:
                data = self._start(data)
                first = False
            text = self._decode(data, final) if data or final else ""
            self.bytes_read += len(data)
            if self._cr:
                text = "\r" + text
                self._cr = False
            if text.endswith("\r") and not final:
                text, self._cr = text[:-1], True
            text = _newlines(text)
            self._decoded += len(text)
            buffered += text
            while len(buffered) >= chunk or (final and buffered):
                cut = buffered.rfind("\n", 0, chunk)
                if cut < 0:
                    cut = buffered.find("\n", chunk)
                if cut < 0 and not final:  # a line still open: over a budget?
                    if len(buffered) > LONG_LINE:
                        check_open_line(self.path, buffered, self.line)
                    break
                if cut < 0:
                    cut = len(buffered) - 1
                piece, buffered = buffered[: cut + 1], buffered[cut + 1 :]
                self._handed += len(piece)
                yield piece
                self.line += piece.count("\n")

    @property
    def fraction(self) -> float:
        """Share of the file handed on by :meth:`chunks` so far (0 … 1)."""
        if not self.size or not self._decoded:
            return 0.0
        return min(1.0, self.bytes_read / self.size * self._handed / self._decoded)


def check_open_line(path: str | os.PathLike[str], text: str, line: int) -> None:
    """Refuse a line that is still open after ``len(text)`` characters if it is over a budget.

    More than MAX_INPUTS cells (by any of the delimiters, or blanks), a cell
    longer than :data:`MAX_CELL` characters, or more than :data:`MAX_LINE`
    characters in all.

    Raises
    ------
    LoadError
    """
    place = line_place(line)
    cells = max(text.count(d) for d in _CANDIDATES) + 1
    if cells <= 1:
        cells = len(text.split(None, MAX_INPUTS + 1))
    if cells > MAX_INPUTS:
        raise LoadError(path, place, too_many_cells(f"≥ {cells}"))
    longest, at = 0, 0
    for m in re.finditer(r"[^,\t;| ]+", text):
        if m.end() - m.start() > longest:
            longest, at = m.end() - m.start(), m.start()
    if longest > MAX_CELL:
        raise LoadError(
            path,
            place,
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "a cell of more than {limit} characters ({start}): not a table of numbers",
                ),
                limit=MAX_CELL,
                start=excerpt(text[at : at + EXCERPT + 1]),
            ),
        )
    if len(text) > MAX_LINE:
        raise LoadError(
            path,
            place,
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "a line of more than {limit} characters: not a table of numbers"
                ),
                limit=MAX_LINE,
            ),
        )


def _newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
