"""Update the Qt Linguist translations of lstm-sim: ``.ts`` from the sources, then ``.qm``.

Usage (from anywhere; the paths are relative to the repository)::

    python tools/update_translations.py            # update .ts and .qm, report
    python tools/update_translations.py --check    # change nothing; exit 1 if not done

The default run

1. extracts every translatable text of ``lstm_sim/**/*.py`` (sorted, so the
   output is stable) with ``pyside6-lupdate`` into
   ``resources/i18n/lstm_sim_<lang>.ts``, keeping the existing translations and
   dropping the texts that vanished from the code (``-no-obsolete``); a new
   message whose exact source text was translated elsewhere in the file (a text
   that moved to another context) gets that translation, and is listed;
2. compiles it with ``pyside6-lrelease`` into ``resources/i18n/lstm_sim_<lang>.qm``
   (the file :func:`lstm_sim.gui.i18n.install_language` loads);
3. prints how many texts are still unfinished (new or changed texts that need a
   translator) and lists them.

``--merge OTHER.ts`` (repeatable) also takes the finished translations of
another copy of the file, for texts that are untranslated here: after a git
merge or rebase in which both sides added translations, check out one side's
``.ts``, save the other's, and run with ``--merge`` on it (then the ``.qm`` is
compiled again, so take either side's ``.qm`` first)::

    git show REBASE_HEAD:resources/i18n/lstm_sim_zh_CN.ts > /tmp/mine.ts
    git checkout --ours resources/i18n/lstm_sim_zh_CN.ts resources/i18n/lstm_sim_zh_CN.qm
    python tools/update_translations.py --merge /tmp/mine.ts

``--check`` does the same in a temporary directory and leaves the repository as
it is: it exits 1 when a text is unfinished or empty (including a text the
code has but the ``.ts`` does not yet), or when the shipped ``.qm`` is not the
compiled ``.ts``. Translate in Qt Linguist (``pyside6-linguist``) or in the
``.ts`` file itself (remove ``type="unfinished"`` once a translation is done),
then run this script again.

The ``pyside6-lupdate`` / ``pyside6-lrelease`` used are the ones installed next
to the running Python (``sys.executable``), i.e. those of the virtual environment.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
#: Languages translated (the source language, English, needs no file).
LANGUAGES = ("zh_CN",)


def tool(name: str) -> str:
    """The path of a PySide6 tool next to the running Python (else on the PATH)."""
    bindir = Path(sys.executable).parent
    for candidate in (bindir / name, bindir / f"{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found next to {sys.executable} nor on the PATH")
    return found


def sources() -> list[str]:
    """Every Python file of the package, relative to the repository, sorted."""
    return sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "lstm_sim").rglob("*.py"))


def ts_path(lang: str) -> Path:
    return I18N / f"lstm_sim_{lang}.ts"


def qm_path(lang: str) -> Path:
    return I18N / f"lstm_sim_{lang}.qm"


def _run(args: list[str]) -> None:
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{Path(args[0]).name} failed:\n{proc.stdout}{proc.stderr}")


def lupdate(ts: Path) -> None:
    """Merge the texts of :func:`sources` into ``ts`` (created when missing)."""
    _run([tool("pyside6-lupdate"), *sources(), "-ts", str(ts), "-no-obsolete", "-silent"])


#: A finished translation: its text, or for a plural ("numerus") message the
#: tuple of its forms.
Translation = str | tuple[str, ...]


def known_translations(ts: Path) -> dict[str, Translation]:
    """Source text → finished translation, of every context of ``ts`` (empty if missing).

    A plural message (``%n`` with ``numerus="yes"``) gives the tuple of its forms.
    """
    if not ts.is_file():
        return {}
    known: dict[str, Translation] = {}
    for message in ET.parse(ts).getroot().iter("message"):
        tr = message.find("translation")
        if tr is None or tr.get("type") is not None:
            continue
        source = message.findtext("source") or ""
        if message.get("numerus") == "yes":
            forms = tuple(f.text or "" for f in tr.findall("numerusform"))
            if forms and all(f.strip() for f in forms):
                known.setdefault(source, forms)
        elif tr.text and tr.text.strip():
            known.setdefault(source, tr.text)
    return known


def reuse(ts: Path, known: dict[str, Translation]) -> list[tuple[str, str]]:
    """Finish untranslated messages whose exact source text has a translation in ``known``.

    That is a text that moved to another context (a class renamed, a helper
    fixed) or appears in a second one: ``-no-obsolete`` would otherwise lose it,
    and lupdate's own same-text guess stays "unfinished". Guesses from a merely
    similar text are left unfinished. Returns the (context, source) filled, for a
    translator to look over.
    """
    tree = ET.parse(ts)
    filled = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            tr = message.find("translation")
            if tr is None or tr.get("type") != "unfinished" or source not in known:
                continue
            text = known[source]
            if message.get("numerus") == "yes":
                forms = tr.findall("numerusform")
                # every form empty (a plural text new here), and the same number of forms
                if not isinstance(text, tuple) or any((f.text or "").strip() for f in forms):
                    continue
                if len(forms) != len(text):
                    continue
                for form, value in zip(forms, text, strict=True):
                    form.text = value
            elif isinstance(text, str) and (tr.text or "").strip() in ("", text):
                # empty, or lupdate's own same-text guess (not a similar-text one)
                tr.text = text
            else:
                continue
            del tr.attrib["type"]
            filled.append((name, source))
    if filled:
        tree.write(ts, encoding="utf-8", xml_declaration=True)
        lupdate(ts)  # back to lupdate's own layout (DOCTYPE, escaping, order)
    return filled


def lrelease(ts: Path, qm: Path) -> None:
    """Compile ``ts`` into ``qm``."""
    _run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)])


@dataclass
class Status:
    """What a ``.ts`` file holds."""

    total: int = 0
    #: (context, source) of every message without a finished, non-empty translation.
    unfinished: list[tuple[str, str]] = field(default_factory=list)
    #: Every (context, source) of the file.
    texts: set[tuple[str, str]] = field(default_factory=set)


def status(ts: Path) -> Status:
    """Count the messages of ``ts`` and find the unfinished or empty ones."""
    st = Status()
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            st.total += 1
            st.texts.add((name, source))
            tr = message.find("translation")
            forms = tr.findall("numerusform") if tr is not None else []
            texts = [f.text for f in forms] if forms else [tr.text if tr is not None else None]
            if (
                tr is None
                or tr.get("type") in ("unfinished", "vanished", "obsolete")
                or not all(t and t.strip() for t in texts)
            ):
                st.unfinished.append((name, source))
    return st


def _report(lang: str, st: Status, *, limit: int = 50) -> None:
    print(f"{lang}: {st.total} texts, {len(st.unfinished)} unfinished")
    for context, source in st.unfinished[:limit]:
        print(f"  [{context}] {source!r}")
    if len(st.unfinished) > limit:
        print(f"  … and {len(st.unfinished) - limit} more")


def update(lang: str, merge: list[Path] | None = None) -> Status:
    """Update ``.ts`` and ``.qm`` of ``lang`` in the repository.

    ``merge``: other ``.ts`` files whose finished translations fill texts that
    this one has not translated (this file's own translations win).
    """
    ts = ts_path(lang)
    known = known_translations(ts)
    for other in merge or []:
        for source, text in known_translations(other).items():
            known.setdefault(source, text)
    lupdate(ts)
    for context, source in reuse(ts, known):
        print(f"{lang}: reused the translation of {source!r} in [{context}]: look it over")
    lrelease(ts, qm_path(lang))
    st = status(ts)
    _report(lang, st)
    return st


def check(lang: str) -> bool:
    """True when ``lang`` is complete and its files are up to date (nothing is written)."""
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        ts = Path(tmp) / ts_path(lang).name
        if ts_path(lang).is_file():
            shutil.copyfile(ts_path(lang), ts)
        lupdate(ts)
        reuse(ts, known_translations(ts_path(lang)))
        st = status(ts)
        _report(lang, st)
        if st.unfinished:
            ok = False
        before = status(ts_path(lang)).texts if ts_path(lang).is_file() else set()
        if before != st.texts:
            print(
                f"{lang}: {ts_path(lang).relative_to(ROOT)} is out of date "
                f"({len(st.texts - before)} new, {len(before - st.texts)} vanished texts)"
            )
            ok = False
        qm = ts.with_suffix(".qm")
        lrelease(ts_path(lang) if ts_path(lang).is_file() else ts, qm)
        if not qm_path(lang).is_file() or qm_path(lang).read_bytes() != qm.read_bytes():
            print(f"{lang}: {qm_path(lang).relative_to(ROOT)} is missing or not the compiled .ts")
            ok = False
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit 1 if a text is unfinished or a file is out of date",
    )
    parser.add_argument(
        "--lang", action="append", choices=LANGUAGES, help="only this language (repeatable)"
    )
    parser.add_argument(
        "--merge",
        action="append",
        type=Path,
        default=[],
        metavar="OTHER.ts",
        help="also take the finished translations of OTHER.ts (repeatable; after a git merge)",
    )
    args = parser.parse_args(argv)
    langs = args.lang or list(LANGUAGES)
    if args.check:
        results = [check(lang) for lang in langs]
        return 0 if all(results) else 1
    for lang in langs:
        update(lang, args.merge)
    return 0


if __name__ == "__main__":
    sys.exit(main())
