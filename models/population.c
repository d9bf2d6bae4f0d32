/*
 * population: synthesis from segment profiles, see population.h.
 *
 * Discrete attributes (type, age band) use GSL's alias tables, built once per
 * segment, so each draw costs O(1) whatever the number of categories.
 */
#define _DEFAULT_SOURCE     /* madvise's MADV_HUGEPAGE, a Linux extension */
#include "models/population.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <gsl/gsl_randist.h>
#include <omp.h>

#include "models/streams.h"
#include "sim/rng.h"

_Static_assert(sizeof(struct citizen) == 16, "a citizen record stays at 16 bytes");

/*
 * The citizens' array.  A need picks its citizen at random among hundreds
 * of thousands, so nearly every pick misses the TLB as well as the cache;
 * in 2 MB pages (where the kernel offers them on request) the whole array
 * of a large town fits the TLB.
 */
#define HUGE_PAGE (2u << 20)

static struct citizen *citizens_alloc(uint32_t n)
{
    size_t bytes = (size_t)n * sizeof(struct citizen);
    if (bytes < HUGE_PAGE)
        return malloc(bytes);
    size_t rounded = (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
    struct citizen *c = aligned_alloc(HUGE_PAGE, rounded);
#ifdef MADV_HUGEPAGE
    if (c)
        madvise(c, rounded, MADV_HUGEPAGE);     /* a hint: refused, it costs nothing */
#endif
    return c;
}

/*
 * Beta(a, b) by Cheng's algorithm BB (Comm. ACM 21(4), 1978) when both
 * shapes exceed 1: two uniforms, a log and an exp a try, and more than 3 in
 * 4 tries accepted, where the ratio of two gammas costs two normals, two
 * uniforms and their rejections.  Exact; other shapes go to GSL's.
 */
struct beta_bb {
    double a0, a, b, alpha, beta, gamma;    /* a = min(a0, b0), b = max */
    int cheng;                              /* min(a0, b0) > 1 */
};

static struct beta_bb beta_setup(double a0, double b0)
{
    struct beta_bb q = { .a0 = a0, .a = fmin(a0, b0), .b = fmax(a0, b0) };
    q.cheng = q.a > 1.0;
    q.alpha = q.a + q.b;
    if (q.cheng) {
        q.beta = sqrt((q.alpha - 2.0) / (2.0 * q.a * q.b - q.alpha));
        q.gamma = q.a + 1.0 / q.beta;
    }
    return q;
}

static double beta_draw(const struct beta_bb *q, double b0, gsl_rng *r)
{
    if (!q->cheng)
        return gsl_ran_beta(r, q->a0, b0);
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

static int generate_segment(struct population *p, const struct model *m, int s, gsl_rng *r)
{
    const struct segment_params *sp = &m->segments[s];
    int bands = m->n_age_bands > 0 ? m->n_age_bands : 1;
    double one = 1.0;
    const double *age_mix = m->n_age_bands > 0 ? sp->age_mix : &one;
    gsl_ran_discrete_t *types = gsl_ran_discrete_preproc(TYPE_COUNT, sp->type_mix);
    gsl_ran_discrete_t *ages = gsl_ran_discrete_preproc((size_t)bands, age_mix);
    if (!types || !ages) {
        gsl_ran_discrete_free(types);
        gsl_ran_discrete_free(ages);
        return -1;
    }
    int age_only = only_category(age_mix, bands);   /* no draw where there is no choice */
    struct beta_bb skill = beta_setup(sp->skill_a, sp->skill_b);
    double log_median = log(sp->distance_median_km);
    for (uint32_t i = p->start[s]; i < p->start[s + 1]; i++) {
        struct citizen *c = &p->citizens[i];
        c->skill = (float)beta_draw(&skill, sp->skill_b, r);
        /* lognormal by the ziggurat normal, as dist.c draws it */
        c->distance_km =
            (float)exp(log_median + sp->distance_sigma * gsl_ran_gaussian_ziggurat(r, 1.0));
        c->segment = (uint16_t)s;
        c->type = (uint8_t)gsl_ran_discrete(r, types);
        c->age_band = (uint8_t)(age_only >= 0 ? age_only : (int)gsl_ran_discrete(r, ages));
        c->flags = flags_draw(sp, r);
        c->habit = CITIZEN_NO_HABIT;
        c->spare = 0;
    }
    gsl_ran_discrete_free(types);
    gsl_ran_discrete_free(ages);
    return 0;
}

/* Draws p->n citizens into p's array. */
static int fill(struct population *p, const struct model *m, gsl_rng *r)
{
    double shares[MODEL_MAX_SEGMENTS];
    unsigned int sizes[MODEL_MAX_SEGMENTS];
    for (int s = 0; s < m->n_segments; s++)
        shares[s] = m->segments[s].share;
    gsl_ran_multinomial(r, (size_t)m->n_segments, p->n, shares, sizes);
    p->start[0] = 0;
    for (int s = 0; s < m->n_segments; s++)
        p->start[s + 1] = p->start[s] + sizes[s];

    for (int s = 0; s < m->n_segments; s++)
        if (generate_segment(p, m, s, r) != 0)
            return -1;
    return 0;
}

int population_generate(struct population *p, const struct model *m, gsl_rng *r)
{
    memset(p, 0, sizeof *p);
    return population_redraw(p, m, r);
}

int population_redraw(struct population *p, const struct model *m, gsl_rng *r)
{
    uint32_t n = m->population > 0 && m->n_segments > 0 ? (uint32_t)m->population : 0;
    if (p->n != n || !p->citizens) {
        population_free(p);
        if (n == 0)
            return 0;
        if (!(p->citizens = citizens_alloc(n)))
            return -1;
        p->n = n;
    }
    if (n > 0 && fill(p, m, r) != 0) {
        population_free(p);
        return -1;
    }
    return 0;
}

void population_free(struct population *p)
{
    free(p->citizens);
    p->citizens = NULL;
    p->n = 0;
}

int population_copy(struct population *dst, const struct population *src)
{
    struct citizen *mine = dst->n == src->n ? dst->citizens : NULL;
    if (!mine)
        population_free(dst);
    *dst = *src;
    dst->citizens = mine;
    if (src->n == 0)
        return 0;
    if (!dst->citizens && !(dst->citizens = citizens_alloc(src->n))) {
        dst->n = 0;
        return -1;
    }
    memcpy(dst->citizens, src->citizens, (size_t)src->n * sizeof *dst->citizens);
    return 0;
}

int population_same_source(const struct model *a, const struct model *b)
{
    if (a->seed != b->seed || a->population != b->population ||
        a->n_segments != b->n_segments || a->n_age_bands != b->n_age_bands)
        return 0;
    for (int s = 0; s < a->n_segments; s++) {
        const struct segment_params *x = &a->segments[s], *y = &b->segments[s];
        if (x->share != y->share || x->skill_a != y->skill_a || x->skill_b != y->skill_b ||
            x->distance_median_km != y->distance_median_km ||
            x->distance_sigma != y->distance_sigma || x->p_smartphone != y->p_smartphone ||
            x->p_office_hours != y->p_office_hours ||
            memcmp(x->type_mix, y->type_mix, sizeof x->type_mix) != 0 ||
            memcmp(x->age_mix, y->age_mix, sizeof x->age_mix) != 0)
            return 0;
    }
    return 1;
}

int population_set_build(struct population_set *set, const struct model *m, int reps, int threads)
{
    set->n = 0;
    set->pops = NULL;
    if (population_set_grow(set, m, reps, threads) != 0) {
        population_set_free(set);
        return -1;
    }
    return 0;
}

int population_set_grow(struct population_set *set, const struct model *m, int reps, int threads)
{
    if (reps <= set->n)
        return 0;
    struct population *pops = realloc(set->pops, (size_t)reps * sizeof *pops);
    if (!pops)
        return -1;
    set->pops = pops;
    memset(pops + set->n, 0, (size_t)(reps - set->n) * sizeof *pops);
    int failed = 0, from = set->n;
    if (threads <= 0)
        threads = omp_get_max_threads();
#pragma omp parallel for schedule(dynamic, 1) reduction(| : failed) num_threads(threads)
    for (int r = from; r < reps; r++) {
        gsl_rng *rng = rng_stream_alloc(m->seed, (uint64_t)r, PURPOSE_POPULATION);
        failed |= !rng || population_generate(&pops[r], m, rng) != 0;
        gsl_rng_free(rng);
    }
    if (failed) {
        for (int r = from; r < reps; r++)
            population_free(&pops[r]);
        return -1;
    }
    set->n = reps;
    return 0;
}

void population_set_free(struct population_set *set)
{
    for (int r = 0; r < set->n; r++)
        population_free(&set->pops[r]);
    free(set->pops);
    set->pops = NULL;
    set->n = 0;
}
