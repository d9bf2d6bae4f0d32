/*
 * sweep: uncertain assumptions and the design of points at which a scenario
 * is simulated to see how much its results depend on them.
 *
 * An assumption is a numeric scenario setting, named by its path, with a
 * distribution over a range: uniform, triangular, or a normal truncated to
 * [low, high].  A design chooses points in the unit hypercube, one
 * coordinate per assumption, and maps each through the inverse of the
 * assumption's distribution (an integer setting is rounded):
 *
 *   lhs     Latin hypercube: n points, each assumption's range cut into n
 *           strata of equal probability, one point in each.  For the
 *           distribution of results.
 *   sobol   Saltelli's scheme for Sobol indices on GSL's Sobol sequence:
 *           base point j of dimension 2k gives A_j (its first k coordinates)
 *           and B_j (the last k), and AB_j^(i) is A_j with coordinate i taken
 *           from B_j (the sequence's first point, 1/2 in every coordinate, is
 *           skipped: its A and B coincide).  Points are written as SALib's sampler writes them with
 *           no second-order indices: per base point, A_j, AB_j^(1..k), B_j,
 *           that is k + 2 points, so points.csv feeds SALib's sobol.analyze.
 *   morris  Morris' elementary effects: r trajectories of k + 1 points on a
 *           grid of `levels` levels; each step moves one assumption by
 *           delta = levels / (2 (levels - 1)), up or down.  For screening.
 *
 * Random choices (the strata of a hypercube, Morris' starts, orders and
 * directions) come from the stream (seed, 0, PURPOSE_SWEEP_DESIGN), so the
 * same seed gives the same points.  The Sobol sequence needs no seed.
 * Nothing here knows scenario files: models/ sets nothing by path.
 */
#ifndef CHANMIX_MODELS_SWEEP_H
#define CHANMIX_MODELS_SWEEP_H

#include <stddef.h>
#include <stdint.h>

#define SWEEP_PATH_MAX 128
#define SWEEP_MAX_PARAMS 16         /* GSL's Sobol sequence has 40 dimensions: 2k of them */
#define SWEEP_MAX_METRICS 32
#define SWEEP_MAX_POINTS 1000000    /* simulated points of one design, all told */

enum sweep_method { SWEEP_LHS, SWEEP_SOBOL, SWEEP_MORRIS, SWEEP_METHOD_COUNT };

enum sweep_dist { SWEEP_UNIFORM, SWEEP_TRIANGULAR, SWEEP_TRUNCATED_NORMAL, SWEEP_DIST_COUNT };

/* One uncertain assumption. */
struct sweep_param {
    char path[SWEEP_PATH_MAX];  /* as docs/scenarios.md writes it: "choice.steer.web" */
    enum sweep_dist dist;
    double low, high;           /* the range; every distribution stays inside it */
    double mode;                /* triangular */
    double mean, sd;            /* truncated normal, before truncation */
    int integer;                /* the setting is an integer: values are rounded */
};

/* A sweep as a scenario's `sweep` group or the command line describes it. */
struct sweep_spec {
    int set;                    /* the scenario has a sweep group */
    enum sweep_method method;
    int points;                 /* lhs: points; sobol: base points; morris: trajectories */
    int replications;           /* per point; 0: the scenario's */
    int levels;                 /* morris: grid levels, even */
    int n_params;
    struct sweep_param params[SWEEP_MAX_PARAMS];
    int n_metrics;              /* 0: the headline figures */
    char metrics[SWEEP_MAX_METRICS][SWEEP_PATH_MAX];
};

#define SWEEP_DEFAULT_POINTS 32
#define SWEEP_DEFAULT_LEVELS 4

const char *sweep_method_name(enum sweep_method m);
int sweep_method_from_name(const char *name, enum sweep_method *out);
const char *sweep_dist_name(enum sweep_dist d);
int sweep_dist_from_name(const char *name, enum sweep_dist *out);

/* Checks a distribution's numbers (low < high, mode and mean inside, sd > 0); 0 or -1 with err. */
int sweep_param_check(const struct sweep_param *p, char *err, size_t size);

/* The value of p at probability u in [0, 1]: its inverse distribution function, rounded
 * for an integer setting, always within [low, high]. */
double sweep_param_value(const struct sweep_param *p, double u);

/* Simulated points of a design of `points` (see sweep_spec) over k assumptions. */
long sweep_design_size(enum sweep_method method, int points, int k);

/* The points of a design. */
struct sweep_design {
    enum sweep_method method;
    int k;                      /* assumptions */
    int base;                   /* the spec's points: base points or trajectories */
    int n;                      /* simulated points */
    int levels;                 /* morris */
    double *unit;               /* n x k, in [0, 1] */
    double *value;              /* n x k: the settings' values */
    int *group;                 /* n: the base point or trajectory a point belongs to */
    int *role;                  /* n: sobol 0 A, 1..k AB^(i), k+1 B; morris the step; lhs 0 */
    int *moved;                 /* morris, n: the assumption the step to this point moved, or -1 */
};

/*
 * Builds the design of spec (its method, points, levels and params) with
 * random choices from `seed`.  Returns 0, or -1 with err (too many points or
 * assumptions, no memory).
 */
int sweep_design_build(struct sweep_design *d, const struct sweep_spec *spec, uint64_t seed,
                       char *err, size_t size);
void sweep_design_free(struct sweep_design *d);

#endif
