/*
 * rng: stream seeding by a fixed hash, see rng.h.
 *
 * MT19937 in GSL takes a 32-bit seed; we fold the 64-bit hash into it.  With
 * a few thousand streams per run the chance that two share a seed is about
 * one in a million, and a shared seed would only correlate two streams, not
 * break a run.
 */
#include "sim/rng.h"

#include <Random123/philox.h>

static uint64_t mix64(uint64_t z)
{
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

uint64_t rng_stream_seed(uint64_t master, uint64_t replication, uint64_t purpose)
{
    return mix64(mix64(mix64(master) ^ replication) ^ (purpose * 0xd1b54a32d192ed03ULL));
}

static unsigned long fold32(uint64_t s)
{
    unsigned long seed = (unsigned long)((s ^ (s >> 32)) & 0xffffffffUL);
    return seed ? seed : 4357UL;    /* GSL maps seed 0 to its default anyway */
}

gsl_rng *rng_stream_alloc(uint64_t master, uint64_t replication, uint64_t purpose)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (r)
        gsl_rng_set(r, fold32(rng_stream_seed(master, replication, purpose)));
    return r;
}

gsl_rng *rng_counter_alloc(uint64_t master, uint64_t replication, uint64_t purpose)
{
    gsl_rng *r = gsl_rng_alloc(rng_keyed_type);
    if (r)
        rng_stream_reset(r, master, replication, purpose);
    return r;
}

void rng_stream_reset(gsl_rng *r, uint64_t master, uint64_t replication, uint64_t purpose)
{
    uint64_t seed = rng_stream_seed(master, replication, purpose);
    if (r->type != rng_keyed_type) {
        gsl_rng_set(r, fold32(seed));
        return;
    }
    struct rng_philox *s = r->state;
    s->base = (philox2x64_key_t){ { seed } };
    rng_philox_position(s, 0, 0, seed, RNG_BATCH);
}

uint64_t rng_u64_slow(gsl_rng *r)
{
    if (r->type == rng_keyed_type) {
        struct rng_philox *s = r->state;
        if (s->next == s->end) {
            rng_philox_refill(s);
            s->next = 2;
            return s->out[0];
        }
    } else if (r->type->min != 0 || r->type->max != 0xffffffffUL) {
        /* a generator of fewer bits: 32 of them from each of two uniforms */
        uint64_t lo = (uint64_t)(gsl_rng_uniform(r) * 4294967296.0);
        return lo | (uint64_t)(gsl_rng_uniform(r) * 4294967296.0) << 32;
    }
    uint64_t lo = gsl_rng_get(r);
    return lo | (uint64_t)gsl_rng_get(r) << 32;
}

/* ---- keyed streams: Philox2x64-10 as a gsl_rng type --------------------- */

static unsigned long keyed_get(void *vstate)
{
    struct rng_philox *s = vstate;
    if (s->next == s->end)
        rng_philox_refill(s);
    return rng_philox_word(s);
}

static double keyed_get_double(void *vstate)
{
    return (double)keyed_get(vstate) / 4294967296.0;
}

/* GSL's seeding entry: replication 0 of master seed s, stream (0, 0). */
static void keyed_seed(void *vstate, unsigned long seed)
{
    struct rng_philox *s = vstate;
    s->base = (philox2x64_key_t){ { rng_stream_seed((uint64_t)seed, 0, 0) } };
    rng_philox_position(s, 0, 0, s->base.v[0], RNG_BATCH);
}

static const gsl_rng_type keyed_type = {
    "philox2x64", 0xffffffffUL, 0, sizeof(struct rng_philox),
    keyed_seed, keyed_get, keyed_get_double,
};

const gsl_rng_type *rng_keyed_type = &keyed_type;

gsl_rng *rng_keyed_alloc(uint64_t master, uint64_t replication)
{
    gsl_rng *r = gsl_rng_alloc(rng_keyed_type);
    if (r)
        rng_keyed_reset(r, master, replication);
    return r;
}

void rng_keyed_reset(gsl_rng *r, uint64_t master, uint64_t replication)
{
    struct rng_philox *s = r->state;
    /* The purpose number keeps this key apart from the hash of any sequential stream. */
    s->base = (philox2x64_key_t){ { rng_stream_seed(master, replication, 0x6b657965ULL) } };
    rng_keyed_set(r, 0, 0);
}

void rng_keyed_set(gsl_rng *r, uint64_t key, uint64_t tag)
{
    struct rng_philox *s = r->state;
    /* A tag's high word, rare, selects another cipher key: distinct words, distinct keys. */
    rng_philox_position(s, key, (tag & 0xffffffffULL) << 32,
                        s->base.v[0] ^ (tag >> 32 ? mix64(tag >> 32) : 0), 1);
}
