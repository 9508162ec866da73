/*
 * table.h - the compiled knowledge tables (internal).
 *
 * Defined in the generated ndr_tables.c; see src/gen/gen.c for the order:
 * entries are class rows, subject rows, then detail rows sorted by
 * (subject, detail, class with X first, vendor with registry first); reply
 * codes are sorted by number; tokens case-insensitively.
 */
#ifndef NDR_TABLE_H
#define NDR_TABLE_H

#include "ndrcode.h"

typedef struct ndr_vendor_row {
    const char *id;
    const char *name;
    const char *const *markers; /* NULL-terminated */
} ndr_vendor_row;

extern const char ndr_tab_registry_date[];
extern const ndr_vendor_row ndr_tab_vendors[];
extern const size_t ndr_tab_nvendors;
extern const ndr_entry ndr_tab_entries[];
extern const size_t ndr_tab_nentries;
extern const size_t ndr_tab_first_subject;
extern const size_t ndr_tab_first_detail;
extern const ndr_reply ndr_tab_replies[];
extern const size_t ndr_tab_nreplies;
extern const ndr_token ndr_tab_tokens[];
extern const size_t ndr_tab_ntokens;

#endif
