/*
 * cjk.h - the double-byte tables of the Chinese and Korean decoders
 * (internal), and the four-byte ranges of GB18030, generated at build time
 * from data/gbk.csv, data/big5.csv, data/uhc.csv and data/gb18030.csv by
 * src/gen/cjkgen.c.
 */
#ifndef NDR_CJK_H
#define NDR_CJK_H

/* ndr_cjk_X[lead - 0x81][trail - 0x40]: the Unicode code point of the
 * pair lead (0x81..0xFE), trail (0x40..0xFE); 0 if it names none. */
extern const unsigned short ndr_cjk_gbk[126][191]; /* GBK, code page 936 */
extern const unsigned short ndr_cjk_big5[126][191]; /* Big5, code page 950 */
extern const unsigned short ndr_cjk_uhc[126][191]; /* UHC, code page 949 */

/* GB18030's four-byte sequences of the BMP, numbered by pointer (see
 * cjk_char in bounce.c): ndr_cjk_gb18030_ranges[i] = {first pointer, its
 * code point, count}, the runs in ascending order, not overlapping; a
 * pointer in no run names no character. */
extern const unsigned ndr_cjk_gb18030_nranges;
extern const unsigned short ndr_cjk_gb18030_ranges[][3];

#endif
