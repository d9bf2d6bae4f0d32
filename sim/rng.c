/*
 * rng: stream seeding by a fixed hash, see rng.h.
 *
 * MT19937 in GSL takes a 32-bit seed; we fold the 64-bit hash into it.  With
 * a few thousand streams per run the chance that two share a seed is about
 * one in a million, and a shared seed would only correlate two streams, not
 * break a run.
 */
#include "sim/rng.h"

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

void rng_stream_reset(gsl_rng *r, uint64_t master, uint64_t replication, uint64_t purpose)
{
    gsl_rng_set(r, fold32(rng_stream_seed(master, replication, purpose)));
}

gsl_rng *rng_keyed_alloc(void)
{
    return gsl_rng_alloc(gsl_rng_taus2);
}

void rng_keyed_set(gsl_rng *r, uint64_t master, uint64_t replication, uint64_t key, uint64_t tag)
{
    uint64_t s = mix64(rng_stream_seed(master, replication, tag) ^ mix64(key));
    gsl_rng_set(r, fold32(s));
}
