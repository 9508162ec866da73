#!/usr/bin/env python3
"""Write data/jisx0208.csv: the Unicode code point of every JIS X 0208
cell (row 1..94, column 1..94), as ISO-2022-JP text carries them.

Run by a maintainer when the table needs remaking; the build reads only the
CSV.  Python's iso2022_jp codec gives the standard's cells; the cells it
lacks are taken from Windows code page 932 (NEC row 13 and the IBM
extensions in rows 89-92), which Windows mail software writes into
ISO-2022-JP (code page 50220) and Japanese bounces carry.
"""
import sys


def cell(row, col):
    a, b = row + 0x20, col + 0x20
    try:
        s = bytes([0x1B, 0x24, 0x42, a, b, 0x1B, 0x28, 0x42]).decode("iso2022_jp")
        if len(s) == 1:
            return ord(s)
    except UnicodeDecodeError:
        pass
    # JIS row/column to Shift_JIS bytes, read as code page 932
    s1 = (a + 1) // 2 + (0x70 if a <= 0x5E else 0xB0)
    s2 = b + (0x1F if a % 2 else 0x7E)
    if s2 >= 0x7F and a % 2:
        s2 += 1
    try:
        s = bytes([s1, s2]).decode("cp932")
        if len(s) == 1 and ord(s) >= 0x80:
            return ord(s)
    except UnicodeDecodeError:
        pass
    return 0


def main():
    out = sys.stdout
    out.write("# jisx0208.csv - JIS X 0208 (with the Windows code page 932 cells of\n")
    out.write("# rows 13 and 89-92) to Unicode, for decoding ISO-2022-JP text.\n")
    out.write("# Made by tools/mkjis.py; compiled at build time by src/gen/jisgen.c.\n")
    out.write("# row: 1..94; cells: 94 code points in hex for columns 1..94, each\n")
    out.write("# four or five digits, 0 for a cell with no character.\n")
    out.write("row,cells\n")
    for row in range(1, 95):
        cells = " ".join("%X" % cell(row, col) for col in range(1, 95))
        out.write("%d,%s\n" % (row, cells))


main()
