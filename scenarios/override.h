/*
 * override: numeric settings of a scenario set by path before the loader
 * reads it, for `chanmix sweep`.
 *
 * A path is written as in docs/scenarios.md and in the loader's errors:
 * groups by name, list items by their `name` when they have one
 * ("channels.phone.handling.mean_s", "segments.seniors.patience"), by
 * position from 0 otherwise ("arrivals[0].per_interval",
 * "channels.desk.staffing[1].agents").  The value goes into the parsed
 * tree (after `extends` is merged), so the loader checks it like any value
 * written in the file.  A setting the file leaves out may be set when the
 * loader knows it in a group the file has ("choice.steer.web" with a
 * `steer` group); a setting inside a group the file lacks may not.
 *
 * Rules:
 *   - an integer setting takes the value rounded to the nearest integer;
 *   - run controls (name, seed, replications, horizon_days, warmup_hours,
 *     interval_minutes, planning, sweep) are not assumptions and are refused;
 *   - a share of a mix that must sum to 1 (segments[].share,
 *     segments[].types.<type>) takes its value and the mix's other shares,
 *     those not set too, are rescaled in proportion so that the mix still
 *     sums to 1.  Set shares that sum to more than 1, or a mix whose other
 *     shares are all 0, are errors.
 */
#ifndef CHANMIX_SCENARIOS_OVERRIDE_H
#define CHANMIX_SCENARIOS_OVERRIDE_H

#include <stddef.h>
#include "scenarios/reader.h"

/* One setting set to a value. */
struct override {
    const char *path;
    double value;
    int integer;        /* as override_describe says: written as an integer, rounded */
};

/* What a path names in one scenario, as override_describe finds it. */
struct override_target {
    int integer;        /* the loader reads an integer: values are rounded */
    int present;        /* the file gives it; otherwise its default applies */
    double current;     /* the file's value (NaN when absent) */
    int mix;            /* a share of a mix that sums to 1: the others follow */
};

/*
 * Describes `path` in the scenario r holds, after a loading pass that asked
 * for every setting.  Returns 0, or -1 with err: an unknown setting (with a
 * suggestion), a list item that does not exist, a setting that is not a
 * number, a group the file lacks, a run control.
 */
int override_describe(const struct reader *r, const char *path, struct override_target *t,
                      char *err, size_t size);

/*
 * Sets ov[0..n) in r's parsed tree before the loader reads it, with the
 * rules above.  Returns 0, or -1 with the errors recorded in r.
 */
int override_apply(struct reader *r, const struct override *ov, int n);

#endif
