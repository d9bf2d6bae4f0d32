/*
 * observed_csv: observed channel use from a CSV file, for chanmix calibrate
 * (docs/data.md):
 *
 *   channel,contacts,segment,service
 *   phone,13210,,
 *   phone,45,seniors,
 *
 * A row gives contacts on a channel, or (a `share` column) the share of a
 * group's contacts on it, for all citizens, or for the segment or the
 * service it names (not both).  Columns may come in any order, in any case;
 * others are ignored.  Rows of the same group and channel add up (counts)
 * or are refused (shares).
 *
 * libcsv splits the fields, as for arrival files (csv_rows.h); names are
 * checked against the scenario.  Every bad row is reported as
 * "file:line: column: message", up to a limit, and nothing is returned
 * unless the whole file is good.
 */
#ifndef CHANMIX_SCENARIOS_OBSERVED_CSV_H
#define CHANMIX_SCENARIOS_OBSERVED_CSV_H

#include "models/calibrate.h"
#include "scenarios/loader.h"

/*
 * Reads path into *out, with m's channels, segments and services; messages
 * and out->file name it as `shown`.  Returns 0; -1 with lines appended to
 * errors; -2 when the file cannot be opened (errno tells why).
 */
int observed_csv_read(const char *path, const char *shown, const struct model *m,
                      struct calibrate_observed *out, struct scenario_errors *errors);

#endif
