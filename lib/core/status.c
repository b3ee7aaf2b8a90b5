/*
 * status.c - the messages of the status and reason tables in winnow.h.
 */
#include "winnow.h"

const char *wn_status_str(wn_status st)
{
    switch (st) {
#define WN_X_CASE(name, val, msg) \
    case WN_##name:               \
        return msg;
        WN_STATUS_MAP(WN_X_CASE)
#undef WN_X_CASE
    }
    return "unknown status";
}

const char *wn_reason_str(wn_reason r)
{
    switch (r) {
#define WN_X_CASE(name, val, str) \
    case WN_REASON_##name:        \
        return str;
        WN_REASON_MAP(WN_X_CASE)
#undef WN_X_CASE
    case WN_REASON_COUNT:
        break;
    }
    return NULL;
}
