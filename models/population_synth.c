/*
 * population_synth: one citizen's attributes from its segment's profile,
 * see population.h.
 *
 * Each citizen draws from a keyed stream of its own (the population's key,
 * its index), so a citizen is the same whether drawn with all the others or
 * alone on its first pick, in whatever order.  Discrete attributes (type,
 * age band) use GSL's alias tables, built once per segment, so each draw
 * costs O(1) whatever the number of categories.
 */
#include "models/population.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>

#include "sim/rng.h"

/*
 * Beta(a, b) by Cheng's algorithm BB (Comm. ACM 21(4), 1978) when both
 * shapes exceed 1: two uniforms, a log and an exp a try, and more than 3 in
 * 4 tries accepted, where the ratio of two gammas costs two normals, two
 * uniforms and their rejections.  Exact; other shapes go to GSL's.
 */
static struct beta_bb beta_setup(double a0, double b0)
{
    struct beta_bb q = { .a0 = a0, .b0 = b0, .a = fmin(a0, b0), .b = fmax(a0, b0) };
    q.cheng = q.a > 1.0;
    q.alpha = q.a + q.b;
    if (q.cheng) {
        q.beta = sqrt((q.alpha - 2.0) / (2.0 * q.a * q.b - q.alpha));
        q.gamma = q.a + 1.0 / q.beta;
    }
    return q;
}

static double beta_draw(const struct beta_bb *q, gsl_rng *r)
{
    if (!q->cheng)
        return gsl_ran_beta(r, q->a0, q->b0);
    const double log4 = 1.3862943611198906, one_log5 = 2.6094379124341003;
    for (;;) {
        /* u1 in (0, 1 - 2^-32] and beta < 1 keep v within +-23: w is finite */
        double u1 = gsl_rng_uniform_pos(r), u2 = gsl_rng_uniform(r);
        double v = q->beta * log(u1 / (1.0 - u1));
        double w = q->a * exp(v);
        double z = u1 * u1 * u2, rr = q->gamma * v - log4, s = q->a + rr - w;
        if (s + one_log5 < 5.0 * z) {
            double t = log(z);
            if (s < t && rr + q->alpha * log(q->alpha / (q->b + w)) < t)
                continue;
        }
        return q->a == q->a0 ? w / (q->b + w) : q->b / (q->b + w);
    }
}

/* The one category of a mix with a single non-zero share, or -1. */
static int only_category(const double *mix, int n)
{
    int only = -1;
    for (int k = 0; k < n; k++)
        if (mix[k] > 0.0) {
            if (only >= 0)
                return -1;
            only = k;
        }
    return only;
}

/*
 * The two flags from one uniform: the part of [0, 1) on either side of the
 * first probability, stretched back to [0, 1), is a fresh uniform.
 */
static uint8_t flags_draw(const struct segment_params *sp, gsl_rng *r)
{
    double u = gsl_rng_uniform(r), p = sp->p_smartphone;
    uint8_t f = 0;
    if (u < p) {
        f |= CITIZEN_SMARTPHONE;
        u /= p;
    } else {
        u = (u - p) / (1.0 - p);
    }
    if (u < sp->p_office_hours)
        f |= CITIZEN_OFFICE_HOURS;
    return f;
}

int population_synth_init(struct population_synth *s, const struct model *m)
{
    memset(s, 0, sizeof *s);
    s->m = m;
    int bands = m->n_age_bands > 0 ? m->n_age_bands : 1;
    static const double one = 1.0;
    s->r = rng_keyed_alloc(0, 0);
    if (!s->r)
        return -1;
    for (int i = 0; i < m->n_segments; i++) {
        const struct segment_params *sp = &m->segments[i];
        struct population_segment *g = &s->seg[i];
        const double *age_mix = m->n_age_bands > 0 ? sp->age_mix : &one;
        g->types = gsl_ran_discrete_preproc(TYPE_COUNT, sp->type_mix);
        g->ages = gsl_ran_discrete_preproc((size_t)bands, age_mix);
        if (!g->types || !g->ages) {
            population_synth_free(s);
            return -1;
        }
        g->age_only = only_category(age_mix, bands);    /* no draw where there is no choice */
        g->skill = beta_setup(sp->skill_a, sp->skill_b);
        g->log_median = log(sp->distance_median_km);
    }
    return 0;
}

void population_synth_free(struct population_synth *s)
{
    for (int i = 0; i < MODEL_MAX_SEGMENTS; i++) {
        gsl_ran_discrete_free(s->seg[i].types);
        gsl_ran_discrete_free(s->seg[i].ages);
    }
    gsl_rng_free(s->r);
    memset(s, 0, sizeof *s);
}

void population_draw_one(struct population *p, struct population_synth *s, int seg, uint32_t i)
{
    const struct segment_params *sp = &s->m->segments[seg];
    const struct population_segment *g = &s->seg[seg];
    if (s->key != p->key || !s->keyed) {
        rng_keyed_reset(s->r, p->key, 0);
        s->key = p->key;
        s->keyed = 1;
    }
    rng_keyed_set(s->r, i, 0);
    gsl_rng *r = s->r;
    struct citizen *c = &p->citizens[i];
    c->skill = (float)beta_draw(&g->skill, r);
    /* lognormal by the ziggurat normal, as dist.c draws it */
    c->distance_km =
        (float)exp(g->log_median + sp->distance_sigma * gsl_ran_gaussian_ziggurat(r, 1.0));
    c->segment = (uint16_t)seg;
    c->type = (uint8_t)gsl_ran_discrete(r, g->types);
    c->age_band = (uint8_t)(g->age_only >= 0 ? g->age_only : (int)gsl_ran_discrete(r, g->ages));
    c->flags = flags_draw(sp, r);
    c->habit = CITIZEN_NO_HABIT;
    c->spare = 0;
    if (p->drawn)
        p->drawn[i >> 6] |= 1ull << (i & 63);
}
