/*
 * population_synth: one citizen's attributes from its segment's profile,
 * see population.h.
 *
 * Each citizen draws from a keyed stream of its own (the population's key,
 * its index), so a citizen is the same whether drawn with all the others or
 * alone on its first pick, in whatever order.  The discrete attributes
 * (type, age band, flags) come from one of GSL's alias tables, built once
 * per segment, so their draw costs one uniform whatever the categories.
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
        double u1, u2;
        do  /* gsl_rng_uniform_pos, inline */
            u1 = rng_uniform(r);
        while (u1 == 0.0);
        u2 = rng_uniform(r);
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

/*
 * The joint alias table of type, age band and the two flags, drawn
 * independently of each other: P(t, a, f) = P(t) P(a) P(f), so one uniform
 * draws all four, exactly as four draws would.  Category k is
 * (t * bands + a) * 4 + f, f the CITIZEN_* flags.
 */
static gsl_ran_discrete_t *kinds_table(const struct segment_params *sp, const double *age_mix,
                                       int bands)
{
    double p[TYPE_COUNT * MODEL_MAX_AGE_BANDS * 4];
    double ps = sp->p_smartphone, po = sp->p_office_hours;
    double pf[4] = { (1.0 - ps) * (1.0 - po), ps * (1.0 - po), (1.0 - ps) * po, ps * po };
    _Static_assert(CITIZEN_SMARTPHONE == 1 && CITIZEN_OFFICE_HOURS == 2, "f is the flags");
    for (int t = 0; t < TYPE_COUNT; t++)
        for (int a = 0; a < bands; a++)
            for (int f = 0; f < 4; f++)
                p[(t * bands + a) * 4 + f] = sp->type_mix[t] * age_mix[a] * pf[f];
    return gsl_ran_discrete_preproc((size_t)(TYPE_COUNT * bands * 4), p);
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
        g->bands = bands;
        for (int k = 0; k < TYPE_COUNT * bands; k++) {
            g->kind_type[k] = (uint8_t)(k / bands);
            g->kind_band[k] = (uint8_t)(k % bands);
        }
        if (!(g->kinds = kinds_table(sp, age_mix, bands))) {
            population_synth_free(s);
            return -1;
        }
        g->skill = beta_setup(sp->skill_a, sp->skill_b);
        g->log_median = log(sp->distance_median_km);
    }
    return 0;
}

void population_synth_free(struct population_synth *s)
{
    for (int i = 0; i < MODEL_MAX_SEGMENTS; i++)
        gsl_ran_discrete_free(s->seg[i].kinds);
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
    rng_keyed_seek(s->r, i, 0);
    gsl_rng *r = s->r;
    struct citizen *c = &p->citizens[i];
    c->skill = (float)beta_draw(&g->skill, r);
    /* lognormal by the ziggurat normal, as dist.c draws it */
    c->distance_km =
        (float)exp(g->log_median + sp->distance_sigma * gsl_ran_gaussian_ziggurat(r, 1.0));
    c->segment = (uint16_t)seg;
    int k = (int)gsl_ran_discrete(r, g->kinds);
    c->type = g->kind_type[k / 4];
    c->age_band = g->kind_band[k / 4];
    c->flags = (uint8_t)(k % 4);
    c->habit = CITIZEN_NO_HABIT;
    c->spare = 0;
    if (p->drawn)
        p->drawn[i >> 6] |= 1ull << (i & 63);
}
