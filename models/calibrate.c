/*
 * calibrate: the fit in rounds, see calibrate.h.
 *
 * A fit holds the model being simulated and, per observed group, which
 * channels are targets and which move together (the unlisted ones).  A
 * round runs the experiment, computes every target per replication from
 * the catalogue's figures (a share is contacts on a channel over contacts
 * on the channels it is a share of, so a conditional share gets its own
 * interval), keeps the round if it is the best so far, and moves the
 * constants and volumes.  The population is drawn once for all rounds.
 */
#include "models/calibrate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/experiment.h"
#include "models/population.h"

#define SHARE_FLOOR 1e-4        /* ln of a share of 0: as if one contact in 10,000 */
#define MAX_LN_STEP 2.0
#define MAX_VOLUME_STEP 4.0
#define ASC_LIMIT 50.0          /* the loader's range */
#define VOLUME_LIMIT 1e6
#define MIN_LEVERAGE 0.2        /* steps of all citizens' rows grow at most 5-fold */

struct fit {
    const struct model *m0;
    const struct calibrate_observed *obs;
    const struct calibrate_options *o;
    struct model *cur;
    uint32_t listed[CALIBRATE_MAX_GROUPS];  /* target channels: listed and reached */
    uint32_t others[CALIBRATE_MAX_GROUPS];  /* unlisted and reached (rows gave shares) */
    int own_rows[MODEL_MAX_SEGMENTS];       /* the segment has a group of its own */
    int own_total[MODEL_MAX_SERVICES];      /* the service has a total of its own */
    int any_own_rows;
    double leverage[MODEL_MAX_CHANNELS];    /* share of citizens' contacts on c that the rows
                                               of all citizens move (segments without rows) */
    int n;
    struct calibrate_target *t;             /* this round's */
    double *x;                              /* per replication */
};

/* x written with fmt and read back: the value the scenario file will hold. */
static double as_written(double x, const char *fmt)
{
    char buf[64];
    snprintf(buf, sizeof buf, fmt, x);
    return strtod(buf, NULL);
}

/* ---- targets -------------------------------------------------------- */

static void add_target(struct fit *f, int g, int c, double observed, long figure)
{
    f->t[f->n++] = (struct calibrate_target){ g, c, observed, { 0.0, 0.0 }, 0.0, figure };
}

static enum group_kind kind_of(const struct calibrate_group *g)
{
    return g->level == CALIBRATE_SEGMENT ? GROUP_SEGMENT : GROUP_SERVICE;
}

/* The targets of group gi, with the catalogue figure each is read from. */
static void group_targets(struct fit *f, const struct results_index *ix, int gi)
{
    const struct calibrate_group *g = &f->obs->g[gi];
    const struct model *m = f->m0;
    double sum = 0.0;
    for (int c = 0; c < m->n_channels; c++) {
        int reach = calibrate_reaches(m, g, c);
        if (g->listed[c] && reach) {
            f->listed[gi] |= 1u << c;
            sum += g->value[c];
        } else if (!g->listed[c] && reach && g->shares) {
            f->others[gi] |= 1u << c;
        }
    }
    /* counts are shares of their sum; shares of rounded percentages are scaled to 1 at most,
     * and to exactly 1 where no channel is left out */
    double scale = !g->shares || sum > 1.0 || !f->others[gi] ? sum : 1.0;
    for (int c = 0; c < m->n_channels; c++) {
        if (!(f->listed[gi] & (1u << c)))
            continue;
        long fig = g->level != CALIBRATE_ALL ? results_share(ix, kind_of(g), g->index, c)
                 : results_channel(ix, c, g->shares ? CS_SHARE_OF_CONTACTS : CS_OFFERED);
        add_target(f, gi, c, g->value[c] / scale, fig);
    }
    if (f->others[gi])
        add_target(f, gi, CALIBRATE_OTHERS, sum < 1.0 ? 1.0 - sum : 0.0, -1);
    if (!g->shares && f->o->period_days > 0 && g->level != CALIBRATE_SEGMENT)
        add_target(f, gi, CALIBRATE_TOTAL, sum,
                   g->level == CALIBRATE_ALL ? -1
                                             : results_group(ix, kind_of(g), g->index, GS_CONTACTS));
}

/* Contacts of group g on channel c in one replication's row v. */
static double contacts(const struct results_index *ix, const double *v,
                       const struct calibrate_group *g, int c)
{
    if (g->level == CALIBRATE_ALL)
        return v[results_channel(ix, c, CS_OFFERED)];
    return v[results_group(ix, kind_of(g), g->index, GS_CONTACTS)] *
           v[results_share(ix, kind_of(g), g->index, c)];
}

/* Target t in one replication's row v. */
static double simulated(const struct fit *f, const struct results_index *ix, const double *v,
                        const struct calibrate_target *t, double measured_days)
{
    const struct calibrate_group *g = &f->obs->g[t->group];
    uint32_t of = t->channel == CALIBRATE_TOTAL || !g->shares ? f->listed[t->group]
                                                            : (1u << f->m0->n_channels) - 1;
    uint32_t num = t->channel >= 0 ? 1u << t->channel
                 : t->channel == CALIBRATE_OTHERS ? f->others[t->group] : of;
    double a = 0.0, b = 0.0;
    for (int c = 0; c < f->m0->n_channels; c++) {
        if (!((num | of) & (1u << c)))
            continue;
        double x = contacts(ix, v, g, c);
        a += num & (1u << c) ? x : 0.0;
        b += of & (1u << c) ? x : 0.0;
    }
    if (t->channel == CALIBRATE_TOTAL)
        return a * f->o->period_days / measured_days;
    return stats_ratio(a, b);
}

/*
 * Where some segments have rows of their own, the rows of all citizens move
 * only the others' constants: a step of ln(observed / simulated) would move
 * the share of all citizens by about `leverage` of that, so it is divided
 * by it.  leverage[c] is the share of citizens' contacts on c from segments
 * without rows, summed over replications.
 */
static void measure_leverage(struct fit *f, const struct experiment *e)
{
    size_t n = e->ix.layout->n;
    for (int c = 0; c < f->m0->n_channels; c++) {
        double mine = 0.0, all = 0.0;
        for (int s = 0; s < f->m0->n_segments; s++) {
            struct calibrate_group g = { .level = CALIBRATE_SEGMENT, .index = s };
            for (int rep = 0; rep < e->replications; rep++) {
                double x = contacts(&e->ix, e->values + (size_t)rep * n, &g, c);
                all += x;
                mine += f->own_rows[s] ? 0.0 : x;
            }
        }
        f->leverage[c] = all > 0 ? mine / all : 1.0;
    }
}

/* Every target of the experiment, with its tolerance; fills the round's record. */
static void evaluate(struct fit *f, const struct experiment *e, double measured_days,
                     struct calibrate_round *rd)
{
    size_t n = e->ix.layout->n;
    *rd = (struct calibrate_round){ 1, 0.0, 0 };
    if (f->any_own_rows)
        measure_leverage(f, e);
    for (int i = 0; i < f->n; i++) {
        struct calibrate_target *t = &f->t[i];
        for (int rep = 0; rep < e->replications; rep++)
            f->x[rep] = simulated(f, &e->ix, e->values + (size_t)rep * n, t, measured_days);
        t->sim = stats_estimate(f->x, 1, (size_t)e->replications);
        double floor = t->channel == CALIBRATE_TOTAL ? f->o->tolerance * t->observed
                                                     : f->o->tolerance;
        t->tolerance = t->sim.ci95 > floor ? t->sim.ci95 : floor;
        double off = fabs(t->sim.mean - t->observed) / t->tolerance;
        if (!(off <= 1.0))
            rd->fits = 0;
        if (i == 0 || !(off <= rd->worst)) {
            rd->worst = off;
            rd->worst_target = i;
        }
    }
}

/* ---- moving constants and volumes ----------------------------------- */

static void shift(double *asc, double d)
{
    double v = *asc + d;
    v = v > ASC_LIMIT ? ASC_LIMIT : v < -ASC_LIMIT ? -ASC_LIMIT : v;
    *asc = as_written(v, CALIBRATE_ASC_FORMAT);
}

/* Adds d to the constants of group g for the channels in mask (marks them when d is NAN). */
static void move_asc(struct fit *f, struct calibrate_result *r, const struct calibrate_group *g,
                     uint32_t mask, double d)
{
    struct model *m = f->cur;
    for (int c = 0; c < m->n_channels; c++) {
        if (!(mask & (1u << c)))
            continue;
        if (g->level == CALIBRATE_SERVICE) {
            r->set_service_asc[g->index][c] = 1;
            if (!isnan(d))
                shift(&m->services[g->index].on[c].asc, d);
            continue;
        }
        for (int s = 0; s < m->n_segments; s++) {
            if (g->level == CALIBRATE_SEGMENT ? s != g->index : f->own_rows[s])
                continue;
            r->set_asc[s][c] = 1;
            if (!isnan(d))
                shift(&m->segments[s].asc[c], d);
        }
    }
}

/* Scales the volumes a total of group g moves by k (marks them when k is NAN). */
static void move_volume(struct fit *f, struct calibrate_result *r,
                        const struct calibrate_group *g, double k)
{
    for (int v = 0; v < f->cur->n_services; v++) {
        if (g->level == CALIBRATE_SERVICE ? v != g->index : f->own_total[v])
            continue;
        r->set_volume[v] = 1;
        if (isnan(k))
            continue;
        double x = f->cur->services[v].per_1000_year * k;
        f->cur->services[v].per_1000_year =
            as_written(x > VOLUME_LIMIT ? VOLUME_LIMIT : x, CALIBRATE_VOLUME_FORMAT);
    }
}

/* One step of every target's constants or volumes, a share `step` of the full one. */
static void update(struct fit *f, struct calibrate_result *r, double step)
{
    for (int i = 0; i < f->n; i++) {
        const struct calibrate_target *t = &f->t[i];
        const struct calibrate_group *g = &f->obs->g[t->group];
        if (t->channel == CALIBRATE_TOTAL) {
            double k = t->sim.mean > 0 ? t->observed / t->sim.mean : MAX_VOLUME_STEP;
            k = k > MAX_VOLUME_STEP ? MAX_VOLUME_STEP : k < 1.0 / MAX_VOLUME_STEP
                                                        ? 1.0 / MAX_VOLUME_STEP : k;
            move_volume(f, r, g, pow(k, step));
            continue;
        }
        double o = t->observed > SHARE_FLOOR ? t->observed : SHARE_FLOOR;
        double s = t->sim.mean > SHARE_FLOOR ? t->sim.mean : SHARE_FLOOR;
        double d = log(o / s);
        if (g->level == CALIBRATE_ALL && f->any_own_rows && t->channel >= 0)
            d /= f->leverage[t->channel] > MIN_LEVERAGE ? f->leverage[t->channel] : MIN_LEVERAGE;
        d = d > MAX_LN_STEP ? MAX_LN_STEP : d < -MAX_LN_STEP ? -MAX_LN_STEP : d;
        move_asc(f, r, g, t->channel >= 0 ? 1u << t->channel : f->others[t->group], d * step);
    }
}

/* ---- the rounds ----------------------------------------------------- */

/* The targets, the marks of what the fit moves, and the size of a step. */
static int prepare(struct fit *f, struct calibrate_result *r)
{
    int levels[3] = { 0 };
    for (int i = 0; i < f->obs->n; i++) {
        const struct calibrate_group *g = &f->obs->g[i];
        levels[g->level] = 1;
        if (g->level == CALIBRATE_SEGMENT)
            f->own_rows[g->index] = f->any_own_rows = 1;
        if (g->level == CALIBRATE_SERVICE && !g->shares && f->o->period_days > 0)
            f->own_total[g->index] = 1;
    }
    for (int i = 0; i < f->obs->n; i++)
        group_targets(f, &r->ix, i);
    for (int i = 0; i < f->n; i++) {
        const struct calibrate_target *t = &f->t[i];
        const struct calibrate_group *g = &f->obs->g[t->group];
        if (t->channel == CALIBRATE_TOTAL)
            move_volume(f, r, g, NAN);
        else
            move_asc(f, r, g, t->channel >= 0 ? 1u << t->channel : f->others[t->group], NAN);
    }
    r->n_targets = f->n;
    r->step = levels[CALIBRATE_SERVICE] && (levels[CALIBRATE_ALL] || levels[CALIBRATE_SEGMENT])
            ? 0.5 : 1.0;
    return 0;
}

/* Simulates round k; keeps it in r when it is the best so far.  0 or -1. */
static int simulate(struct fit *f, const struct population_set *pops, struct calibrate_result *r,
                    int k)
{
    struct experiment e;
    if (experiment_run_with(&e, f->cur, r->replications, f->o->threads, NULL, NULL, pops) != 0)
        return -1;
    struct calibrate_round *rd = &r->history[k - 1];
    evaluate(f, &e, r->measured_days, rd);
    experiment_free(&e);
    r->rounds = k;
    if (r->best == 0 || rd->worst < r->history[r->best - 1].worst) {
        r->best = k;
        r->fits = rd->fits;
        *r->fitted = *f->cur;
        memcpy(r->targets, f->t, (size_t)f->n * sizeof *f->t);
    }
    return 0;
}

int calibrate_run(const struct model *m, const struct calibrate_observed *obs,
                  const struct calibrate_options *o, calibrate_round_fn round, void *ctx,
                  struct calibrate_result *r)
{
    memset(r, 0, sizeof *r);
    struct fit f = { .m0 = m, .obs = obs, .o = o };
    r->replications = o->replications > 0 ? o->replications : m->replications;
    r->measured_days = (m->horizon_s - m->warmup_s) / 86400.0;
    r->fitted = malloc(sizeof *r->fitted);
    r->targets = calloc(CALIBRATE_MAX_TARGETS, sizeof *r->targets);
    f.cur = malloc(sizeof *f.cur);
    f.t = calloc(CALIBRATE_MAX_TARGETS, sizeof *f.t);
    f.x = calloc((size_t)r->replications, sizeof *f.x);
    struct population_set pops = { 0, NULL };
    int rc = -1;
    if (!r->fitted || !r->targets || !f.cur || !f.t || !f.x || results_index_build(m, &r->ix) != 0)
        goto out;
    *f.cur = *m;
    *r->fitted = *m;
    prepare(&f, r);
    if (population_set_build(&pops, m, r->replications, o->threads) != 0)
        goto out;
    int max = o->max_rounds < CALIBRATE_MAX_ROUNDS ? o->max_rounds : CALIBRATE_MAX_ROUNDS;
    for (int k = 1; k <= max; k++) {
        if (simulate(&f, &pops, r, k) != 0)
            goto out;
        if (round)
            round(ctx, k, &r->history[k - 1], r);
        if (r->history[k - 1].fits)
            break;
        update(&f, r, r->step);
    }
    rc = r->fits ? 0 : 1;
out:
    population_set_free(&pops);
    free(f.cur);
    free(f.t);
    free(f.x);
    return rc;
}

void calibrate_free(struct calibrate_result *r)
{
    free(r->fitted);
    free(r->targets);
    if (r->ix.layout)
        results_index_free(&r->ix);
    r->fitted = NULL;
    r->targets = NULL;
}
