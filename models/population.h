/*
 * population: the citizens of one replication, drawn from segment profiles.
 *
 * A citizen is a 16-byte record, so ten million take 160 MB.  Citizens are
 * stored segment after segment: a need that arises in a segment picks its
 * citizen by a uniform index into the segment's range, without any search.
 * The only field that changes during a run is the habit channel.
 */
#ifndef CHANMIX_MODELS_POPULATION_H
#define CHANMIX_MODELS_POPULATION_H

#include <stdint.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include "models/model.h"

#define CITIZEN_SMARTPHONE 0x01u
#define CITIZEN_OFFICE_HOURS 0x02u
#define CITIZEN_NO_HABIT 0xffu

struct citizen {
    float skill;            /* digital skill in [0, 1] */
    float distance_km;      /* to the nearest desk */
    uint16_t segment;
    uint8_t type;           /* enum citizen_type */
    uint8_t age_band;
    uint8_t flags;          /* CITIZEN_SMARTPHONE | CITIZEN_OFFICE_HOURS */
    uint8_t habit;          /* channel index, or CITIZEN_NO_HABIT */
    uint16_t spare;
};

struct population {
    struct citizen *citizens;
    uint32_t n;
    uint32_t start[MODEL_MAX_SEGMENTS + 1];    /* segment s is [start[s], start[s+1]) */
    /* population_pick's divisor for 32-bit generators, (2^32 - 1) / the segment's size, as
     * ceil(2^64 / it), by which it multiplies; 0 where not set (then GSL divides) */
    uint64_t pick_magic[MODEL_MAX_SEGMENTS];
    uint64_t key;           /* keys each citizen's draws, with its index */
    uint64_t *drawn;        /* bit i: citizen i is drawn; NULL when all are */
};

/* Beta(a0, b0) by Cheng's algorithm BB where both exceed 1 (population_synth.c). */
struct beta_bb {
    double a0, b0, a, b, alpha, beta, gamma;    /* a = min(a0, b0), b = max */
    int cheng;                                  /* min(a0, b0) > 1 */
};

/* What drawing one citizen of a model takes, built once. */
struct population_segment {
    gsl_ran_discrete_t *kinds;  /* type x age band x flags, jointly */
    int bands;
    /* kinds' category k / 4 -> its type and age band, looked up: no division by bands */
    uint8_t kind_type[TYPE_COUNT * MODEL_MAX_AGE_BANDS], kind_band[TYPE_COUNT * MODEL_MAX_AGE_BANDS];
    struct beta_bb skill;
    double log_median;      /* of the distance, km */
};

struct population_synth {
    const struct model *m;
    gsl_rng *r;             /* keyed: (population key) x (citizen index) */
    uint64_t key;           /* the population key r is set for */
    int keyed;
    struct population_segment seg[MODEL_MAX_SEGMENTS];
};

/* 0, or -1 when memory runs out. */
int population_synth_init(struct population_synth *s, const struct model *m);
void population_synth_free(struct population_synth *s);

/* Draws citizen i of segment seg into p's array. */
void population_draw_one(struct population *p, struct population_synth *s, int seg, uint32_t i);

/* Citizen i of segment seg, drawn now if it was not yet (population_redraw_lazy). */
static inline void population_touch(struct population *p, struct population_synth *s, int seg,
                                    uint32_t i)
{
    if (p->drawn && !((p->drawn[i >> 6] >> (i & 63)) & 1u))
        population_draw_one(p, s, seg, i);
}

/*
 * Draws m->population citizens: segment sizes from a multinomial over the
 * shares and a key from r, then each citizen's attributes from its segment,
 * in a stream keyed by (key, its index).  Returns 0, or -1 when memory runs
 * out.
 */
int population_generate(struct population *p, const struct model *m, gsl_rng *r);

/* The same into p, drawn before: its array is kept when the size agrees. */
int population_redraw(struct population *p, const struct model *m, gsl_rng *r);

/*
 * The same, but each citizen is drawn on its first pick (population_touch):
 * the same citizens, and a run draws only those that have needs.
 */
int population_redraw_lazy(struct population *p, const struct model *m, gsl_rng *r);
void population_free(struct population *p);

/*
 * A copy of src (its own memory: habits change during a run); 0 or -1.
 * dst is empty (zeroed) or a population of its own, whose array is kept
 * when the size agrees.
 */
int population_copy(struct population *dst, const struct population *src);

/* Whether models a and b draw the same citizens from the same seed. */
int population_same_source(const struct model *a, const struct model *b);

/*
 * The populations of replications 0..n-1 of a model, drawn once: every
 * simulation of a planning search or a comparison starts replication r from
 * a copy of pops[r] instead of drawing it again.  The copy is exactly what
 * the draw would give, so results do not change.
 */
struct population_set {
    int n;
    struct population *pops;
};

/* Draws them on `threads` threads (<= 0: OpenMP's default); returns 0 or -1. */
int population_set_build(struct population_set *set, const struct model *m, int reps, int threads);
/* Draws replications set->n .. reps - 1 as well; returns 0 or -1 (set unchanged). */
int population_set_grow(struct population_set *set, const struct model *m, int reps, int threads);
void population_set_free(struct population_set *set);

/* Sets p's pick_magic from its segments' sizes. */
void population_pick_prepare(struct population *p, int n_segments);

/*
 * A uniformly chosen citizen of segment s (which must not be empty): the
 * number gsl_rng_uniform_int draws, without its two 64-bit divisions where
 * the generator gives 32 bits (MT19937, Philox): the quotient by the
 * segment's scale is a multiplication by its magic, exact for every 32-bit
 * word (Lemire, Kaser and Kurz, "Faster remainder by direct computation",
 * Softw. Pract. Exper. 49(6), 2019: ceil(2^64 / d) for d < 2^32).
 */
static inline uint32_t population_pick(const struct population *p, int s, gsl_rng *r)
{
    uint32_t n = p->start[s + 1] - p->start[s];
    uint64_t magic = p->pick_magic[s];
    if (magic == 0 || r->type->min != 0 || r->type->max != 0xffffffffUL)
        return p->start[s] + (uint32_t)gsl_rng_uniform_int(r, n);
    __extension__ typedef unsigned __int128 u128;
    uint64_t k;
    do
        k = (uint64_t)(((u128)gsl_rng_get(r) * magic) >> 64);
    while (k >= n);
    return p->start[s] + (uint32_t)k;
}

#endif
