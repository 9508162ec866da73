#!/usr/bin/env python3
"""Write the tables of the Chinese and Korean decoders: the double-byte
tables data/gbk.csv, data/big5.csv and data/uhc.csv, and the ranges of
GB18030's four-byte sequences, data/gb18030.csv.

usage: tools/mkcjk.py DATADIR

Run by a maintainer when a table needs remaking; the build reads only the
CSVs (src/gen/cjkgen.c compiles them).  Each table gives, for every lead
byte 0x81..0xFE and every trail byte 0x40..0xFE, the Unicode character the
pair stands for, from Python's codecs:

  gbk   GBK (code page 936), which GB2312 (EUC-CN) is a subset of and the
        two-byte part of GB18030 extends; cells GBK lacks are taken from
        gb18030 when it gives a real character (not a private-use one).
  big5  Big5 as Windows writes it (code page 950), with the cells of
        Big5-HKSCS that cp950 lacks, as browsers read "big5".
  uhc   Korean: Unified Hangul Code (code page 949), a superset of EUC-KR
        (KS X 1001), which mail labelled ks_c_5601-1987 really is.

A pair that decodes to more than one character, to a private-use character
or to one beyond the Basic Multilingual Plane is left empty.

gb18030.csv lists the four-byte sequences of GB18030 that stand for
characters of the Basic Multilingual Plane.  A sequence b1 b2 b3 b4 (b1
and b3 0x81..0xFE, b2 and b4 0x30..0x39) is numbered by its pointer
(((b1 - 0x81) * 10 + b2 - 0x30) * 126 + b3 - 0x81) * 10 + b4 - 0x30;
pointers 0..39419 cover the BMP characters that have no two-byte form, in
code point order, in runs that the file gives as "pointer,code,count"
(decimal, hex, decimal): COUNT pointers from POINTER stand for COUNT code
points from CODE.  Control characters (U+0080..U+009F) and private-use
characters are left out, so their pointers name nothing.  Pointers
189000..1237575 are U+10000..U+10FFFF in order, a formula the decoder
carries itself.

Rows of the double-byte tables are written compactly: "lead,cells", lead in hex, cells a list of
space-separated items covering the 191 trail bytes 0x40..0xFE in order:
  HEX      one cell, that code point (0: no character)
  HEX*N    N cells holding HEX, HEX+1, ... HEX+N-1 (runs of consecutive
           code points, which Hangul and GBK's later rows are full of)
  0*N      N empty cells
"""
import os
import sys

TRAILS = range(0x40, 0xFF)


def one(codec, pair):
    try:
        s = pair.decode(codec)
    except UnicodeDecodeError:
        return 0
    if len(s) != 1:
        return 0
    u = ord(s)
    if u < 0x80 or u > 0xFFFF or 0xE000 <= u <= 0xF8FF:
        return 0
    return u


def cell(codecs, lead, trail):
    pair = bytes([lead, trail])
    for codec in codecs:
        u = one(codec, pair)
        if u:
            return u
    return 0


def compact(cells):
    items, i = [], 0
    while i < len(cells):
        u, j = cells[i], i + 1
        if u == 0:
            while j < len(cells) and cells[j] == 0:
                j += 1
        else:
            while j < len(cells) and cells[j] == u + (j - i):
                j += 1
        n = j - i
        items.append("%X" % u if n == 1 else "%X*%d" % (u, n))
        i = j
    return " ".join(items)


TABLES = [
    ("gbk", ("gbk", "gb18030"),
     "GBK (code page 936; GB2312 and the two-byte part of GB18030)"),
    ("big5", ("cp950", "big5hkscs"),
     "Big5 (code page 950, with the Big5-HKSCS cells it lacks)"),
    ("uhc", ("cp949",),
     "Korean UHC (code page 949, a superset of EUC-KR / KS X 1001)"),
]


GB18030_BMP = 39420  # pointers 0..39419: the BMP


def gb18030_bytes(p):
    b4, p = p % 10, p // 10
    b3, p = p % 126, p // 126
    b2, b1 = p % 10, p // 10
    return bytes([b1 + 0x81, b2 + 0x30, b3 + 0x81, b4 + 0x30])


def gb18030_ranges():
    rows = []
    for p in range(GB18030_BMP):
        u = one("gb18030", gb18030_bytes(p))
        if u < 0xA0:
            continue
        last = rows[-1] if rows else None
        if last and last[0] + last[2] == p and last[1] + last[2] == u:
            last[2] += 1
        else:
            rows.append([p, u, 1])
    return rows


def write_gb18030(path):
    with open(path, "w", encoding="ascii", newline="\n") as out:
        out.write("# gb18030.csv - the four-byte sequences of GB18030 that stand for\n")
        out.write("# characters of the Basic Multilingual Plane, as runs.  Made by\n")
        out.write("# tools/mkcjk.py from Python's gb18030 codec; compiled at build time by\n")
        out.write("# src/gen/cjkgen.c.  The bytes b1 b2 b3 b4 (b1, b3 81..FE; b2, b4\n")
        out.write("# 30..39) are pointer (((b1-0x81)*10 + b2-0x30)*126 + b3-0x81)*10 + b4-0x30.\n")
        out.write("# pointer: the first pointer of a run, in decimal, 0..39419, ascending.\n")
        out.write("# code: the code point it stands for, in hex; the run's next pointers\n")
        out.write("# stand for the next code points.  count: the pointers in the run.\n")
        out.write("# A pointer in no run (a control or private-use character) names none;\n")
        out.write("# pointers 189000..1237575 are U+10000..U+10FFFF, a formula, not listed.\n")
        out.write("pointer,code,count\n")
        for p, u, n in gb18030_ranges():
            out.write("%d,%X,%d\n" % (p, u, n))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: tools/mkcjk.py DATADIR")
    for name, codecs, what in TABLES:
        path = os.path.join(sys.argv[1], name + ".csv")
        with open(path, "w", encoding="ascii", newline="\n") as out:
            out.write("# %s.csv - %s\n" % (name, what))
            out.write("# to Unicode.  Made by tools/mkcjk.py from Python's %s codec%s;\n"
                      % (" and ".join(codecs), "s" if len(codecs) > 1 else ""))
            out.write("# compiled at build time by src/gen/cjkgen.c.\n")
            out.write("# lead: the lead byte in hex, 81..FE, each once.\n")
            out.write("# cells: the characters of the trail bytes 40..FE (191 cells), as\n")
            out.write("# space-separated items: HEX (one code point, 0 for none), HEX*N\n")
            out.write("# (N cells counting up from HEX) or 0*N (N empty cells).\n")
            out.write("lead,cells\n")
            for lead in range(0x81, 0xFF):
                cells = [cell(codecs, lead, t) for t in TRAILS]
                out.write("%X,%s\n" % (lead, compact(cells)))
    write_gb18030(os.path.join(sys.argv[1], "gb18030.csv"))


main()
