#!/usr/bin/env python3
"""Build the subset CJK fonts that icp-docs embeds in its PDFs.

Reads the Noto CJK collections (.ttc) shipped by Debian's fonts-noto-cjk,
picks the Simplified Chinese (SC) face of each by reading its name table, and
writes three subset OpenType/CFF fonts:

    NotoSerifSC-Regular.otf   body text
    NotoSerifSC-Bold.otf      title, bold text
    NotoSansSC-Bold.otf       headings (黑体-like)

Usage:
    python3 build-fonts.py [--ttc-dir DIR] [--out-dir DIR]

Requires: fontTools (pip install fonttools). The character list of the
通用规范汉字表 is read from tgscc-8105.txt next to this script.
"""

import argparse
import os
import sys
import tempfile

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_TTC_DIR = "/usr/share/fonts/opentype/noto"
TGSCC_FILE = os.path.join(HERE, "tgscc-8105.txt")

# (output file, source collection)
TARGETS = [
    ("NotoSerifSC-Regular.otf", "NotoSerifCJK-Regular.ttc"),
    ("NotoSerifSC-Bold.otf", "NotoSerifCJK-Bold.ttc"),
    ("NotoSansSC-Bold.otf", "NotoSansCJK-Bold.ttc"),
]

# Characters every output must map (checked after subsetting).
MUST_HAVE = "青禾网络科技，。（）《》—、①Az09〇"


def ranges(*pairs):
    out = set()
    for lo, hi in pairs:
        out.update(range(lo, hi + 1))
    return out


def base_charset():
    cps = ranges(
        (0x0020, 0x007E),  # ASCII printable
        (0x00A0, 0x00FF),  # Latin-1 supplement
        (0x2010, 0x2027),  # general punctuation: dashes, quotes, …
        (0x2030, 0x203A),  # ‰ ′ ″ ‹ › ※ …
        (0x2160, 0x216B),  # Roman numerals Ⅰ–Ⅻ
        (0x2170, 0x2179),  # ⅰ–ⅹ
        (0x2190, 0x2193),  # arrows ← ↑ → ↓
        (0x2460, 0x2473),  # ① – ⑳
        (0x3000, 0x303F),  # CJK symbols and punctuation (、。〈〉《》「」【】〇 …)
        (0xFF01, 0xFF5E),  # full-width forms
        (0xFFE0, 0xFFE5),  # full-width ￠￡￢￣￤￥
    )
    cps.update(ord(c) for c in (
        "—…·‘’“”"           # explicitly wanted punctuation
        "℃№€"               # U+2103 U+2116 U+20AC
        "×÷±√≤≥≠≈∶"          # maths; ∶ is U+2236 (ratio)
        "□■○●◎△▲▽▼◆◇★☆"     # U+25A1 U+25A0 U+25CB U+25CF U+25CE U+25B3 …
    ))
    return cps


def gb2312_charset():
    cps = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                s = bytes((hi, lo)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            cps.update(ord(c) for c in s)
    return cps


def tgscc_charset():
    cps = set()
    with open(TGSCC_FILE, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                assert len(line) == 1, line
                cps.add(ord(line))
    assert len(cps) == 8105, len(cps)
    return cps


def sc_index(ttc_path):
    """Index of the proportional Simplified Chinese face in a Noto CJK .ttc."""
    coll = TTCollection(ttc_path, lazy=True)
    for i, font in enumerate(coll.fonts):
        family = font["name"].getDebugName(1) or ""
        if family.endswith("CJK SC") and "Mono" not in family:
            return i, family
    sys.exit(f"{ttc_path}: no 'CJK SC' face found")


def is_ideograph(cp):
    return (0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF
            or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3FFFF)


def verify(path, expected):
    font = TTFont(path)
    assert font["head"].unitsPerEm == 1000
    assert "CFF " in font, "not a CFF font"
    for tag in ("OS/2", "hhea", "hmtx", "cmap", "post", "name", "head", "maxp"):
        assert tag in font, f"missing table {tag}"
    cmap = font.getBestCmap()
    kinds = {(t.platformID, t.platEncID, t.format) for t in font["cmap"].tables}
    assert (3, 1, 4) in kinds, kinds
    if max(expected) > 0xFFFF:
        assert (3, 10, 12) in kinds, kinds
    missing = expected - set(cmap)
    assert not missing, f"{len(missing)} expected characters not mapped"
    extra = set(cmap) - expected
    assert not extra, f"{len(extra)} unexpected characters mapped"
    for c in MUST_HAVE:
        assert ord(c) in cmap, c
    hmtx = font["hmtx"].metrics
    bad = [hex(cp) for cp in cmap if is_ideograph(cp) and hmtx[cmap[cp]][0] != 1000]
    assert not bad, f"ideographs with advance != 1000: {bad[:10]}"
    return len(cmap), len(font.getGlyphOrder()), sorted(font.keys())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ttc-dir", default=DEFAULT_TTC_DIR,
                    help=f"directory of the Noto CJK .ttc files (default {DEFAULT_TTC_DIR})")
    ap.add_argument("--out-dir", default=HERE,
                    help="where to write the .otf files (default: this script's directory)")
    args = ap.parse_args()

    base, gb, tg = base_charset(), gb2312_charset(), tgscc_charset()
    wanted = base | gb | tg
    print(f"charset: base {len(base)}, GB 2312 {len(gb)}, 通用规范汉字表 {len(tg)}, "
          f"union {len(wanted)}")

    os.makedirs(args.out_dir, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for out_name, ttc_name in TARGETS:
            ttc = os.path.join(args.ttc_dir, ttc_name)
            index, family = sc_index(ttc)
            src_cmap = TTCollection(ttc, lazy=True).fonts[index].getBestCmap()
            absent = sorted(wanted - set(src_cmap))
            if absent:
                print(f"  {ttc_name}: {len(absent)} wanted characters not in the font, skipped: "
                      + " ".join(f"U+{cp:04X}" for cp in absent))
            keep = wanted & set(src_cmap)

            unicodes = os.path.join(tmp, out_name + ".unicodes")
            with open(unicodes, "w") as f:
                f.write("\n".join(f"U+{cp:04X}" for cp in sorted(keep)) + "\n")

            out = os.path.join(args.out_dir, out_name)
            # Same as the pyftsubset command line.
            subset.main([
                ttc,
                f"--font-number={index}",
                f"--unicodes-file={unicodes}",
                "--layout-features=",          # no OpenType layout features
                "--no-hinting",
                "--no-bidi-closure",           # do not add mirrored forms (∈ → ∋)
                "--name-IDs=*",
                "--drop-tables+=vhea,vmtx,VORG,BASE,GDEF,GSUB,GPOS",  # horizontal only
                f"--output-file={out}",
            ])
            n_cmap, n_glyphs, tables = verify(out, keep)
            size = os.path.getsize(out)
            print(f"{out_name}: from {ttc_name} face {index} ({family}); "
                  f"{n_cmap} characters, {n_glyphs} glyphs, {size} bytes "
                  f"({size / 2**20:.2f} MiB); tables {' '.join(t for t in tables if t != 'GlyphOrder')}")


if __name__ == "__main__":
    main()
