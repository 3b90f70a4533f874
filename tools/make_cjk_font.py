"""Make the small Chinese font the app ships: Noto Sans CJK SC cut down to the characters it shows.

Usage (from anywhere)::

    python tools/make_cjk_font.py [--source PATH]

Why: on a machine without a CJK font (many Linux installs, CI machines) the
Chinese interface would render as boxes. The app registers this font as the
last fallback for Chinese (``lstm_sim.gui.i18n``); a system CJK font, when there
is one, still comes first.

What it contains: every character of the translations in
``resources/i18n/*.ts`` above U+2000 (CJK ideographs, CJK and full-width
punctuation, arrows and symbols the translations use), plus the whole CJK
punctuation and full-width forms blocks. ``tests/test_i18n.py`` fails when a
translation uses a character the font lacks: run this script again (after
``tools/update_translations.py``).

Source: Noto Sans CJK SC Regular (SIL Open Font License 1.1, Debian package
``fonts-noto-cjk``), read from its ``.ttc``; subsetting needs ``fonttools``
(``pip install fonttools``; not a dependency of the app). The cut-down font is a
modified version under the OFL, so it carries its own family name
(:data:`FAMILY`) and ships with the licence (``resources/fonts/OFL.txt``).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
OUT = ROOT / "resources" / "fonts" / "lstm-sim-cjk.otf"
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
#: The family name the app asks Qt for (not "Noto …": the OFL reserves a
#: modified font's name to its authors).
FAMILY = "lstm-sim CJK"
_TRANSLATION = re.compile(r"<translation[^>]*>(.*?)</translation>", re.S)


def needed_characters() -> set[str]:
    """The characters the shipped font must have: the translations' and the punctuation blocks."""
    chars: set[str] = set()
    for ts in sorted(I18N.glob("*.ts")):
        for text in _TRANSLATION.findall(ts.read_text(encoding="utf-8")):
            chars.update(c for c in text if ord(c) > 0x2000)
    chars.update(chr(c) for c in range(0x3000, 0x3040))  # CJK symbols and punctuation
    chars.update(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width forms
    return chars


def _simplified_chinese_face(source: Path):
    from fontTools.ttLib import TTCollection, TTFont

    if source.suffix.lower() != ".ttc":
        return TTFont(source)
    for face in TTCollection(source).fonts:
        if face["name"].getDebugName(1) == "Noto Sans CJK SC":
            return face
    raise SystemExit(f"{source}: no 'Noto Sans CJK SC' face in this collection")


def make_font(source: Path = SOURCE, out: Path = OUT) -> int:
    """Write the subset font; return how many of the needed characters it covers."""
    from fontTools import subset

    font = _simplified_chinese_face(source)
    wanted = needed_characters()
    have = set(map(chr, font.getBestCmap()))
    missing = sorted(c for c in wanted - have if not 0x3000 <= ord(c) < 0x3040)
    options = subset.Options()
    options.layout_features = ["*"]
    options.hinting = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # copyright, names, licence
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in wanted & have])
    subsetter.subset(font)
    name = font["name"]
    for record in list(name.names):
        if record.nameID in (1, 4, 16):
            record.string = FAMILY
        elif record.nameID == 3:
            record.string = f"{FAMILY}; subset of Noto Sans CJK SC"
        elif record.nameID == 6:
            record.string = FAMILY.replace(" ", "-")
    name.names = [r for r in name.names if r.nameID not in (16, 17)]
    if "CFF " in font:  # the CFF table's own names must agree with the name table
        cff = font["CFF "].cff
        cff.fontNames = [FAMILY.replace(" ", "-")]
        top = cff.topDictIndex[0]
        top.FamilyName = FAMILY
        top.FullName = FAMILY
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(out)
    if missing:
        print(f"not in the source font: {''.join(missing)}", file=sys.stderr)
    print(f"{out.relative_to(ROOT)}: {len(wanted & have)} characters, {out.stat().st_size} bytes")
    return len(wanted & have)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help=f"default {SOURCE}")
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"{args.source}: not found (apt-get install fonts-noto-cjk)", file=sys.stderr)
        return 1
    make_font(args.source)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
