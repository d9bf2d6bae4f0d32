/*
 * volumes_csv: reading contacts per channel and interval from a CSV file,
 * the format of an arrivals file and of chanmix forecast's history and
 * output (docs/data.md):
 *
 *   start,channel,contacts,aht_s
 *   2026-03-02T08:30,phone,41,312
 *
 * `start` is local time on an interval boundary (a "T" or a space between
 * date and time); `aht_s` is optional, as a column and per row.  Columns
 * may come in any order and others are ignored.  Rows for the same channel
 * and interval add up (the hour repeated when clocks go back); an interval
 * without a row has no contacts.  The table starts on the file's first
 * Monday; rows before it are left out.
 *
 * libcsv splits the fields (quotes, embedded commas; csv_rows.h); this
 * file checks them.  Every bad row is reported as "file:line: column: message", up to
 * a limit, and nothing is returned unless the whole file is good.
 */
#ifndef CHANMIX_SCENARIOS_VOLUMES_CSV_H
#define CHANMIX_SCENARIOS_VOLUMES_CSV_H

#include "models/volumes.h"
#include "scenarios/loader.h"

struct volumes_csv_options {
    double interval_s;          /* rows start on multiples of this from midnight */
    const char *const *known;   /* the channel names a row may give; NULL: any */
    int n_known;
    const char *only;           /* keep this channel's rows only; NULL: every channel */
};

/*
 * Reads path into *out (to free with volumes_free); messages name the file
 * as `shown`.  Returns 0; -1 with lines appended to errors; -2 when the
 * file cannot be opened (errno tells why, nothing appended).
 */
int volumes_csv_read(const char *path, const char *shown, const struct volumes_csv_options *o,
                     struct volumes *out, struct scenario_errors *errors);

#endif
