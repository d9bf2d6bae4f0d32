/*
 * calibrate: fitting the choice model's constants, and with a period the
 * services' volumes, to observed channel use.
 *
 * What was observed comes in groups of citizens: all of them, a segment, or
 * a service.  A group gives contacts per channel (an export's counts) or
 * shares of its contacts (a survey's percentages).  Each group fixes
 * targets, each paired with the constants that move it:
 *
 *   counts     the share of each listed channel among the listed channels
 *              (a channel without a row is not known, and keeps its constant);
 *   shares     the share of each listed channel among all the group's
 *              contacts, and the unlisted channels together take the rest;
 *   a period   with period_days, a group of all citizens or of a service
 *              that gives counts also fixes its total contacts over that
 *              many days: the services' volumes (per_1000_year) scale to it.
 *
 * The constants: a segment's rows move that segment's asc; a service's rows
 * move the service's own asc (services[].channels.<c>.asc); rows of all
 * citizens move the asc of every segment that has no rows of its own, by
 * the same amount.  Totals of a service scale that service's volume; the
 * total of all citizens scales every service without a total of its own.
 *
 * Each round simulates the model (replications on common random numbers:
 * the scenario's seed and one population drawn once, so a round differs
 * from the last only by what the fit changed), reads the simulated shares
 * through the figures catalogue, and stops when every target is within its
 * tolerance: the larger of the floor (2 percentage points; for a total, 2%
 * of it) and the simulated figure's 95% interval.  Otherwise every constant
 * moves by alpha <- alpha + ln(observed share / simulated share) and every
 * volume by v <- v * observed / simulated, and the next round simulates
 * again: waits depend on the volumes and shares, and choice on waits, so
 * the simulation stays in the loop.  Where some segments have rows of their
 * own, the rows of all citizens move only the other segments' constants,
 * which carry a part (their leverage) of all citizens' contacts on a
 * channel: their step is divided by it (at most 5-fold).  Where rows of
 * services meet rows of segments or of all citizens, two sets of constants
 * move the same contacts, and each step goes half way so that they do not
 * overshoot together.  Steps are bounded (ln ratio within +-2, volume factor within
 * 1/4 to 4), and the constants are kept as the scenario file writes them
 * (CALIBRATE_ASC_FORMAT), so the calibrated file reproduces the round kept.
 */
#ifndef CHANMIX_MODELS_CALIBRATE_H
#define CHANMIX_MODELS_CALIBRATE_H

#include <stddef.h>
#include "models/model.h"
#include "models/results.h"
#include "sim/stats.h"

#define CALIBRATE_MAX_GROUPS (1 + MODEL_MAX_SEGMENTS + MODEL_MAX_SERVICES)
#define CALIBRATE_MAX_ROUNDS 100
#define CALIBRATE_MAX_TARGETS (CALIBRATE_MAX_GROUPS * (MODEL_MAX_CHANNELS + 2))

/* How constants and volumes are written, and kept between rounds. */
#define CALIBRATE_ASC_FORMAT "%.4f"
#define CALIBRATE_VOLUME_FORMAT "%.6g"

enum calibrate_level { CALIBRATE_ALL, CALIBRATE_SEGMENT, CALIBRATE_SERVICE };

/* What was observed of one group of citizens. */
struct calibrate_group {
    enum calibrate_level level;
    int index;                          /* the segment or service; -1 for all citizens */
    int shares;                         /* values are shares of its contacts, not counts */
    int listed[MODEL_MAX_CHANNELS];     /* a row gives channel c */
    double value[MODEL_MAX_CHANNELS];   /* contacts, or share in [0, 1] */
    long line[MODEL_MAX_CHANNELS];      /* the first row giving channel c */
    long first_line;                    /* the group's first row */
};

struct calibrate_observed {
    char file[256];                     /* as messages and comments name it */
    int n;
    struct calibrate_group g[CALIBRATE_MAX_GROUPS];
};

struct calibrate_options {
    double tolerance;           /* floor of a share's tolerance (0.02); of a total, relative */
    double period_days;         /* > 0: counts of all citizens and services are totals too */
    int max_rounds;             /* simulations at most, 1 to CALIBRATE_MAX_ROUNDS */
    int replications;           /* per round; 0: the scenario's */
    int threads;                /* 0: all cores */
};

/* A target's channel when it is not one channel. */
#define CALIBRATE_TOTAL (-1)    /* the group's contacts over the period */
#define CALIBRATE_OTHERS (-2)   /* the channels without a row, together (rows gave shares) */

/* One observed figure and the simulation's. */
struct calibrate_target {
    int group;                  /* in the observed */
    int channel;                /* a channel, CALIBRATE_TOTAL or CALIBRATE_OTHERS */
    double observed;            /* a share, or contacts over period_days */
    struct estimate sim;        /* the same, simulated: mean and 95% half-width */
    double tolerance;
    long figure;                /* the catalogue figure it is read from, or -1 (summed) */
};

/* What one round found. */
struct calibrate_round {
    int fits;
    double worst;               /* largest |simulated - observed| / tolerance */
    int worst_target;
};

struct calibrate_result {
    struct model *fitted;       /* the best round's model: m with the fitted values */
    struct results_index ix;    /* its figures (for the targets' paths) */
    int set_asc[MODEL_MAX_SEGMENTS][MODEL_MAX_CHANNELS];         /* values the fit moves */
    int set_service_asc[MODEL_MAX_SERVICES][MODEL_MAX_CHANNELS];
    int set_volume[MODEL_MAX_SERVICES];
    int n_targets;
    struct calibrate_target *targets;   /* as simulated in the best round */
    int rounds;                 /* simulated */
    int best;                   /* the round (from 1) of fitted and targets */
    int fits;                   /* every target within tolerance in that round */
    struct calibrate_round history[CALIBRATE_MAX_ROUNDS];
    int replications;
    double measured_days;       /* simulated time that counts, per replication */
    double step;                /* the share of each step taken: 1, or 0.5 */
};

/*
 * Whether obs can be fitted in m: every channel observed is one the group
 * can use, shares sum to at most 1, counts are not all 0, the rows of all
 * citizens have a segment left to move, a period has totals to match.
 * Returns 0, or -1 with the first problem in err, naming file and line.
 */
int calibrate_check(const struct model *m, const struct calibrate_observed *obs,
                    const struct calibrate_options *o, char *err, size_t size);

/* Called after each round; r holds the best round so far. */
typedef void (*calibrate_round_fn)(void *ctx, int round, const struct calibrate_round *this_round,
                                   const struct calibrate_result *r);

/*
 * Fits obs (checked by calibrate_check) from m.  Returns 0 when the fit
 * met every tolerance, 1 when max_rounds went by without (r holds the best
 * round), -1 when memory ran out.  Free r with calibrate_free either way.
 */
int calibrate_run(const struct model *m, const struct calibrate_observed *obs,
                  const struct calibrate_options *o, calibrate_round_fn round, void *ctx,
                  struct calibrate_result *r);
void calibrate_free(struct calibrate_result *r);

/* "all citizens", "segment seniors", "service passport". */
void calibrate_group_name(const struct model *m, const struct calibrate_group *g, char *buf,
                          size_t size);

/* Whether channel c reaches citizens of group g: a service they have offers it, and they
 * can use it (the app needs smartphones). */
int calibrate_reaches(const struct model *m, const struct calibrate_group *g, int c);

#endif
