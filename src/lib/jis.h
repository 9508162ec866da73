/*
 * jis.h - the JIS X 0208 character table (internal), generated at build
 * time from data/jisx0208.csv by src/gen/jisgen.c.
 */
#ifndef NDR_JIS_H
#define NDR_JIS_H

/* ndr_jis0208[row - 1][column - 1]: the Unicode code point of a cell (in
 * ISO-2022-JP, the two bytes row + 0x20, column + 0x20), 0 if empty. */
extern const unsigned short ndr_jis0208[94][94];

#endif
