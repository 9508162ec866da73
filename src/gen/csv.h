/*
 * csv.h - a strict RFC 4180 reader for the build-time generator.
 */
#ifndef NDR_GEN_CSV_H
#define NDR_GEN_CSV_H

#include <stddef.h>
#include <stdio.h>

#define CSV_MAX_FIELDS 16

typedef struct csv_reader {
    FILE *f;
    const char *path;
    unsigned long line;     /* physical line being read */
    unsigned long rec_line; /* line on which the current record began */
    char *buf;              /* field storage for the current record */
    size_t cap;
    size_t nfields;
    char *field[CSV_MAX_FIELDS];
    int header_seen;
} csv_reader;

/* Open PATH; returns 0, or -1 after printing "PATH: reason". */
int csv_open(csv_reader *r, const char *path);
void csv_close(csv_reader *r);

/* Read the next record, skipping '#' comment lines before the header.
 * Returns 1 with r->field/r->nfields set, 0 at end of file, -1 after
 * printing "PATH:LINE: message" for broken quoting or a read error. */
int csv_next(csv_reader *r);

/* Open PATH and read its header, which must be HEADER: the names of the
 * fields joined by commas (the code-point tables: "row,cells",
 * "lead,cells", "pointer,code,count"); returns 0, or -1 after printing
 * the reason. */
int csv_open_header(csv_reader *r, const char *path, const char *header);

/* The value of the hexadecimal digit C (either case), or -1. */
int csv_hex_digit(int c);

/* Write the ROWS x COLS code points at T as the rows of a C array
 * initializer, eight to a line ("    {0x3000, ...},"). */
void csv_put_rows(FILE *f, const unsigned short *t, unsigned rows,
                  unsigned cols);

/* Close the output file OUT written through F: returns 0, or -1 after
 * printing the reason and removing it. */
int csv_close_out(FILE *f, const char *out);

/* Print "PATH:LINE: message" for the current record and return -1. */
int csv_error(const csv_reader *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
