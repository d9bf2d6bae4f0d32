/*
 * population: synthesis from segment profiles, see population.h.
 *
 * The segment sizes and the population's key come from the caller's stream;
 * each citizen's attributes from population_synth.c.
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

/* Segment sizes and the key from r; 0, or -1 when memory runs out. */
static int prepare(struct population *p, const struct model *m, gsl_rng *r, int lazy)
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
    size_t words = ((size_t)n + 63) / 64;
    if (lazy && !p->drawn && !(p->drawn = malloc(words * sizeof *p->drawn)))
        return -1;
    if (!lazy) {
        free(p->drawn);
        p->drawn = NULL;
    } else {
        memset(p->drawn, 0, words * sizeof *p->drawn);
    }
    double shares[MODEL_MAX_SEGMENTS];
    unsigned int sizes[MODEL_MAX_SEGMENTS];
    for (int s = 0; s < m->n_segments; s++)
        shares[s] = m->segments[s].share;
    gsl_ran_multinomial(r, (size_t)m->n_segments, p->n, shares, sizes);
    p->start[0] = 0;
    for (int s = 0; s < m->n_segments; s++)
        p->start[s + 1] = p->start[s] + sizes[s];
    population_pick_prepare(p, m->n_segments);
    uint64_t high = gsl_rng_get(r);     /* MT19937 gives 32 bits a call */
    p->key = high << 32 | gsl_rng_get(r);
    return 0;
}

/* Draws every citizen of p. */
static int fill(struct population *p, const struct model *m)
{
    struct population_synth s;
    if (population_synth_init(&s, m) != 0)
        return -1;
    for (int seg = 0; seg < m->n_segments; seg++)
        for (uint32_t i = p->start[seg]; i < p->start[seg + 1]; i++)
            population_draw_one(p, &s, seg, i);
    population_synth_free(&s);
    return 0;
}

int population_generate(struct population *p, const struct model *m, gsl_rng *r)
{
    memset(p, 0, sizeof *p);
    return population_redraw(p, m, r);
}

int population_redraw(struct population *p, const struct model *m, gsl_rng *r)
{
    if (prepare(p, m, r, 0) != 0 || (p->n > 0 && fill(p, m) != 0)) {
        population_free(p);
        return -1;
    }
    return 0;
}

int population_redraw_lazy(struct population *p, const struct model *m, gsl_rng *r)
{
    if (prepare(p, m, r, 1) != 0) {
        population_free(p);
        return -1;
    }
    return 0;
}

void population_pick_prepare(struct population *p, int n_segments)
{
    for (int s = 0; s < MODEL_MAX_SEGMENTS; s++) {
        uint32_t n = s < n_segments ? p->start[s + 1] - p->start[s] : 0;
        uint32_t scale = n > 0 ? 0xffffffffu / n : 0;
        /* ceil(2^64 / scale); a scale of 1 (2^31 citizens or more) is left to GSL */
        p->pick_magic[s] = scale > 1 ? UINT64_MAX / scale + 1 : 0;
    }
}

void population_free(struct population *p)
{
    free(p->citizens);
    free(p->drawn);
    p->citizens = NULL;
    p->drawn = NULL;
    p->n = 0;
}

int population_copy(struct population *dst, const struct population *src)
{
    struct citizen *mine = dst->n == src->n ? dst->citizens : NULL;
    uint64_t *bits = mine ? dst->drawn : NULL;
    if (!mine)
        population_free(dst);
    *dst = *src;
    dst->citizens = mine;
    dst->drawn = bits;
    if (src->n == 0)
        return 0;
    if (!dst->citizens && !(dst->citizens = citizens_alloc(src->n))) {
        dst->n = 0;
        return -1;
    }
    memcpy(dst->citizens, src->citizens, (size_t)src->n * sizeof *dst->citizens);
    size_t words = ((size_t)src->n + 63) / 64;
    if (!src->drawn) {
        free(dst->drawn);
        dst->drawn = NULL;
    } else {
        if (!dst->drawn && !(dst->drawn = malloc(words * sizeof *dst->drawn))) {
            population_free(dst);
            return -1;
        }
        memcpy(dst->drawn, src->drawn, words * sizeof *dst->drawn);
    }
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
