/*
 * reason.c - the reason vocabulary and a first classifier from the status
 * code alone.  (The rule tables from data/reasons.csv replace the
 * classifier.)
 */
#include "ndrcode.h"

#include <string.h>

static const char *const names[] = {
#define NDR_REASON_NAME_(e, name, text) name,
    NDR_REASONS(NDR_REASON_NAME_)
#undef NDR_REASON_NAME_
};

static const char *const texts[] = {
#define NDR_REASON_TEXT_(e, name, text) text,
    NDR_REASONS(NDR_REASON_TEXT_)
#undef NDR_REASON_TEXT_
};

const char *ndr_reason_name(ndr_reason r)
{
    return (unsigned)r < NDR_REASON_COUNT_ ? names[r] : names[0];
}

const char *ndr_reason_text(ndr_reason r)
{
    return (unsigned)r < NDR_REASON_COUNT_ ? texts[r] : texts[0];
}

ndr_reason ndr_reason_classify(const char *status, int reply,
                               const char *action, const char *text,
                               size_t len)
{
    (void)reply;
    (void)text;
    (void)len;
    if (action != NULL && strcmp(action, "delivered") == 0)
        return NDR_REASON_DELIVERED;
    if (status == NULL)
        return NDR_REASON_UNDEFINED;
    if (status[0] == '2')
        return NDR_REASON_DELIVERED;
    if (strcmp(status + 1, ".1.1") == 0)
        return NDR_REASON_USERUNKNOWN;
    if (strcmp(status + 1, ".2.2") == 0)
        return NDR_REASON_MAILBOXFULL;
    return NDR_REASON_UNDEFINED;
}

int ndr_reason_is_hard(ndr_reason r, const char *status)
{
    switch (r) {
    case NDR_REASON_USERUNKNOWN:
    case NDR_REASON_HOSTUNKNOWN:
    case NDR_REASON_HASMOVED:
        return 1;
    case NDR_REASON_NOTACCEPT:
        return status != NULL && status[0] == '5';
    default:
        return 0;
    }
}
