"""Build the bundled Traditional Chinese font used by classweights' figures.

Takes the Traditional Chinese (TC) Regular face of Noto Sans CJK (SIL Open
Font License 1.1), keeps only the characters the lab needs (printable ASCII,
common CJK punctuation and full-width forms, the Big5 symbol block and every
character of Big5 level 1, plus anything given with --extra-text), drops
hinting, layout and vertical-writing tables, converts the CFF outlines to
TrueType (glyf) outlines and renames the family to "Class Weights Lab CJK TC".

Usage:
    python tools/make_cjk_font.py [SOURCE_FONT] [--extra-text FILE] [--output PATH]

SOURCE_FONT is NotoSansCJK-Regular.ttc (or NotoSansCJKtc-Regular.otf).  When
it is left out the script asks fontconfig (fc-list) and then matplotlib's font
search for an installed copy (Debian/Ubuntu: apt-get install fonts-noto-cjk).
Needs fontTools (pip install fonttools).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

FAMILY = "Class Weights Lab CJK TC"
STYLE = "Regular"
PS_NAME = "ClassWeightsLabCJKTC-Regular"
SOURCE_FAMILY = "Noto Sans CJK TC"
SOURCE_PS_NAME = "NotoSansCJKtc-Regular"
SOURCE_FILE_NAMES = (
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJKtc-Regular.otf",
)

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = REPO_ROOT / "src" / "classweights" / "fonts" / f"{PS_NAME}.ttf"

# Maximum distance (font units, 1000 per em) between the cubic CFF curves and
# their quadratic TrueType approximation.
CU2QU_MAX_ERR = 1.0

# Words the lab's figures and widgets use; the build fails if any is missing.
REQUIRED_TEXT = (
    "權重類別損失加總平均頻率倒數平滑化有效樣本數準確率召回率精確率"
    "混淆矩陣決策區域訓練週期批次滑桿"
)

# Punctuation and symbols used in Chinese text and in the figures, beyond the
# ranges added in wanted_codepoints().
EXTRA_PUNCTUATION = (
    "·×÷±°µ¹²³¼½¾"  # Latin-1 symbols (e.g. the middle dot in names)
    "‐‑–—―‖‘’‚“”„†‡•‥…‧‰′″‹›※‼⁇⁈⁉"  # general punctuation
    "←↑→↓↔⇒⇔∀∂∃∅∇∈∑−∕√∝∞∠∣∥∧∨∩∪∫∴∵≈≠≡≤≥≦≧⊕⊙"  # arrows, maths
    "①②③④⑤⑥⑦⑧⑨⑩"
    "─│┌┐└┘├┤┬┴┼"
    "■□▲△▼▽◆◇○◎●★☆"
    "€"
)


def wanted_codepoints(extra_text: str = "") -> set[int]:
    """Unicode code points to keep in the subset."""
    cps: set[int] = set(range(0x20, 0x7F))  # printable ASCII (digits included)
    cps.update(range(0x3000, 0x3040))  # CJK Symbols and Punctuation
    cps.update(range(0x3105, 0x312A))  # Bopomofo (注音符號)
    cps.update(ord(c) for c in "ˇˉˊˋ˙")  # Bopomofo tone marks
    cps.update(range(0xFF01, 0xFF5F))  # full-width ASCII forms
    cps.update(range(0xFE30, 0xFE50))  # CJK compatibility forms, small forms
    cps.update(ord(c) for c in EXTRA_PUNCTUATION)
    # Big5 symbols (0xA140..0xA3BF) and level 1 hanzi (0xA440..0xC67E).
    for lead in range(0xA1, 0xC7):
        for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            code = (lead << 8) | trail
            if not (0xA140 <= code <= 0xA3BF or 0xA440 <= code <= 0xC67E):
                continue
            try:
                text = bytes((lead, trail)).decode("big5")
            except UnicodeDecodeError:
                continue
            cps.update(ord(c) for c in text)
    cps.update(ord(c) for c in REQUIRED_TEXT)
    cps.update(ord(c) for c in extra_text if c.isprintable())
    return cps


def find_source_font() -> Path:
    """Locate an installed Noto Sans CJK Regular file without fixed paths."""
    candidates: list[str] = []
    try:
        out = subprocess.run(
            ["fc-list", "--format", "%{file}\n"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        candidates.extend(out.splitlines())
    except (OSError, subprocess.CalledProcessError):
        pass
    try:
        from matplotlib import font_manager

        candidates.extend(font_manager.findSystemFonts(fontext="ttf"))
    except Exception:  # matplotlib missing or broken: fc-list only
        pass
    by_name = {Path(c).name: Path(c) for c in candidates if c}
    for name in SOURCE_FILE_NAMES:
        if name in by_name and by_name[name].is_file():
            return by_name[name]
    sys.exit(
        "Could not find NotoSansCJK-Regular.ttc. Install it (Debian/Ubuntu: "
        "apt-get install fonts-noto-cjk) or pass its path as an argument."
    )


def open_tc_face(path: Path) -> TTFont:
    """Return the Noto Sans CJK TC Regular face from a .ttc/.otc or .otf."""
    if path.suffix.lower() in (".ttc", ".otc"):
        faces = TTCollection(str(path), recalcTimestamp=False).fonts
    else:
        faces = [TTFont(str(path), recalcTimestamp=False)]
    for face in faces:
        name = face["name"]
        if (
            name.getDebugName(6) == SOURCE_PS_NAME
            or (name.getDebugName(1) == SOURCE_FAMILY
                and name.getDebugName(2) == STYLE)
        ):
            return face
    found = ", ".join(str(f["name"].getDebugName(4)) for f in faces)
    sys.exit(f"No '{SOURCE_FAMILY} {STYLE}' face in {path} (found: {found})")


def subset_font(font: TTFont, codepoints: set[int]) -> None:
    options = subset.Options()
    options.layout_features = []  # matplotlib does no OpenType shaping
    options.hinting = False
    options.desubroutinize = True
    options.notdef_outline = True
    options.glyph_names = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.drop_tables += [
        "BASE", "GDEF", "GSUB", "GPOS", "JSTF", "MATH",
        "VORG", "vhea", "vmtx", "DSIG", "meta",
    ]
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)


def cff_to_glyf(font: TTFont) -> None:
    """Replace CFF outlines by TrueType ones (fontTools' otf2ttf recipe)."""
    if "CFF " not in font:
        return
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    quad_glyphs = {}
    for glyph_name in glyph_order:
        tt_pen = TTGlyphPen(glyph_set)
        # CFF contours run counter-clockwise, TrueType ones clockwise.
        glyph_set[glyph_name].draw(
            Cu2QuPen(tt_pen, CU2QU_MAX_ERR, reverse_direction=True)
        )
        quad_glyphs[glyph_name] = tt_pen.glyph()

    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = quad_glyphs
    del font["CFF "]
    glyf.compile(font)  # computes bounding boxes

    hmtx = font["hmtx"]
    for glyph_name, glyph in glyf.glyphs.items():
        advance, _ = hmtx[glyph_name]
        hmtx[glyph_name] = (advance, getattr(glyph, "xMin", 0))

    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = 0
    maxp.maxComponentDepth = 0

    # Glyph names (cidNNNNN) are not needed; post format 3 stores none and
    # FreeType/matplotlib generate names when embedding in PDF/PS.
    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order

    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont, source_version: str) -> None:
    """Give the subset its own family name (OFL: no Reserved Font Names)."""
    old = font["name"]
    keep = {
        0: old.getDebugName(0),  # copyright
        7: old.getDebugName(7),  # trademark notice of the original
        8: old.getDebugName(8),  # manufacturer
        9: old.getDebugName(9),  # designers
        13: old.getDebugName(13),  # licence description
        14: old.getDebugName(14),  # licence URL
    }
    version = old.getDebugName(5) or "Version 1.000"
    names = {
        1: FAMILY,
        2: STYLE,
        3: f"{source_version};{PS_NAME};Class Weights Lab subset",
        4: f"{FAMILY}",
        5: version.split(";")[0],
        6: PS_NAME,
        10: (
            "Subset of Noto Sans CJK TC Regular for the Class Weights Lab: "
            "Big5 level 1 hanzi, CJK punctuation and ASCII, TrueType outlines. "
            "Modified Version under the SIL Open Font License 1.1."
        ),
        16: FAMILY,
        17: STYLE,
    }
    for name_id, text in keep.items():
        if text:
            names[name_id] = text
    font["name"] = table = newTable("name")
    table.names = []
    for name_id, text in sorted(names.items()):
        # Windows Unicode, English (US) only, like the source font.
        table.setName(text, name_id, 3, 1, 0x409)
    # A Regular face: name IDs 16/17 equal to 1/2 are redundant but harmless
    # and make the typographic family explicit as requested.


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "source",
        nargs="?",
        type=Path,
        help="NotoSansCJK-Regular.ttc or NotoSansCJKtc-Regular.otf "
        "(default: search the installed fonts)",
    )
    parser.add_argument(
        "--extra-text",
        type=Path,
        help="UTF-8 text file whose characters are also kept",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help=f"output .ttf (default: src/classweights/fonts/{DEFAULT_OUTPUT.name})",
    )
    args = parser.parse_args(argv)

    source = args.source or find_source_font()
    extra = args.extra_text.read_text(encoding="utf-8") if args.extra_text else ""
    font = open_tc_face(source)
    source_version = font["name"].getDebugName(5) or ""
    source_cmap = font.getBestCmap()

    wanted = wanted_codepoints(extra)
    missing_required = sorted(c for c in REQUIRED_TEXT if ord(c) not in source_cmap)
    if missing_required:
        sys.exit(f"Source font lacks required characters: {''.join(missing_required)}")
    unavailable = sorted(cp for cp in wanted if cp not in source_cmap)

    subset_font(font, wanted)
    cff_to_glyf(font)
    rename(font, source_version.split(";")[0].replace("Version ", ""))

    args.output.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(args.output))

    check = TTFont(str(args.output))
    cmap = check.getBestCmap()
    lost = [c for c in REQUIRED_TEXT if ord(c) not in cmap]
    if lost:
        sys.exit(f"Subset lost required characters: {''.join(lost)}")
    outlines = "TrueType (glyf)" if "glyf" in check else "CFF"
    print(f"source:     {source.name} ({source_version})")
    print(f"output:     {args.output.name}")
    print(f"size:       {args.output.stat().st_size:,} bytes")
    print(f"outlines:   {outlines}")
    print(f"glyphs:     {len(check.getGlyphOrder())}")
    print(f"characters: {len(cmap)} mapped, {len(unavailable)} requested "
          "but absent from the source")


if __name__ == "__main__":
    main()
