/*
 * rng: independent random streams per replication and purpose.
 *
 * Every stream is a GSL generator (MT19937) seeded by a fixed hash of
 * (master seed, replication, purpose).  Because a purpose owns its stream, a
 * scenario change that adds draws for one purpose (say, channel choice) does
 * not shift the draws of another (arrivals, service times): two scenarios
 * run with the same master seed see common random numbers where they agree.
 * The hash is SplitMix64's finaliser applied in a chain; it is part of the
 * results' reproducibility and must not change.
 */
#ifndef CHANMIX_SIM_RNG_H
#define CHANMIX_SIM_RNG_H

#include <stdint.h>
#include <gsl/gsl_rng.h>
#include <Random123/philox.h>

/* The seed of stream (master, replication, purpose). */
uint64_t rng_stream_seed(uint64_t master, uint64_t replication, uint64_t purpose);

/* A GSL generator seeded for that stream; NULL when memory runs out. */
gsl_rng *rng_stream_alloc(uint64_t master, uint64_t replication, uint64_t purpose);

/*
 * The same stream drawn by the counter-based generator below (Philox2x64-10
 * keyed by the stream's whole 64-bit seed, counting blocks from 0) rather
 * than MT19937: about half the instructions per word, and rng_u64 reads it
 * without a call.  The event loop's streams use it; NULL when memory runs out.
 */
gsl_rng *rng_counter_alloc(uint64_t master, uint64_t replication, uint64_t purpose);

/* Reseeds an existing generator (either kind) for that stream, reusing its memory. */
void rng_stream_reset(gsl_rng *r, uint64_t master, uint64_t replication, uint64_t purpose);

/*
 * Keyed streams.  A model that wants an entity (a citizen's need, say) to
 * make the same random decisions whatever happens around it keys its draws
 * by that entity and decision: two scenarios that meet the same entity at
 * the same decision then draw the same numbers even when events come in
 * another order, which is what keeps common random numbers aligned.
 *
 * The generator is counter-based (Random123's Philox2x64-10): the n-th word
 * of stream (key, tag) is a fixed function of (key, tag, n) under a cipher
 * key derived from (master, replication), so moving to another stream costs
 * setting a counter, not seeding a generator.  It is a gsl_rng type, so
 * GSL's distributions draw from it as from any other; each word is 32 bits,
 * like GSL's own generators, four to a block of the cipher (one 64 x 64-bit
 * multiplication a round: about half the work of Philox4x32's two 32-bit
 * ones).  A stream yields 2^34 words before it would wrap, far more than
 * one decision uses.
 */
extern const gsl_rng_type *rng_keyed_type;

/* A keyed generator for replication `replication`; NULL when memory runs out. */
gsl_rng *rng_keyed_alloc(uint64_t master, uint64_t replication);

/* The same generator for another replication (reuses its memory). */
void rng_keyed_reset(gsl_rng *r, uint64_t master, uint64_t replication);

/* Positions r at the start of the stream of (key, tag). */
void rng_keyed_set(gsl_rng *r, uint64_t key, uint64_t tag);

/*
 * Blocks of the cipher computed at once by a sequential stream's refill:
 * eight independent blocks overlap in the processor where one block's ten
 * rounds would wait on each other.  A keyed stream, re-keyed for each
 * decision of a few words, computes one block at a time.
 */
#define RNG_BATCH 8

/* The state of rng_keyed_type (and of rng_counter_alloc's streams), for rng_u64. */
struct rng_philox {
    philox2x64_ctr_t ctr;   /* key; tag << 32 | block */
    philox2x64_key_t key;   /* base, or base ^ the tag's high word mixed */
    philox2x64_key_t base;  /* from (master, replication) */
    uint64_t out[2 * RNG_BATCH];    /* blocks computed ahead, in order: four 32-bit words each */
    int next;               /* the next 32-bit word of out to draw */
    int end;                /* words in out; next == end: none left */
    int blocks;             /* blocks a refill computes: RNG_BATCH, or 1 for a keyed stream */
};

/* rng_u64 when no aligned pair is ready in the block, or for GSL's own generators. */
uint64_t rng_u64_slow(gsl_rng *r);

/* A Philox state at the start of stream (key, tag) under cipher key k, computing `blocks`
 * blocks a refill; no word is left from before. */
static inline void rng_philox_position(struct rng_philox *s, uint64_t key, uint64_t tag,
                                       uint64_t k, int blocks)
{
    s->ctr = (philox2x64_ctr_t){ { key, tag } };
    s->key = (philox2x64_key_t){ { k } };
    s->next = s->end = 0;
    s->blocks = blocks;
}

/* The next s->blocks blocks of the stream into out, from its first word. */
static inline void rng_philox_refill(struct rng_philox *s)
{
    for (int b = 0; b < s->blocks; b++) {
        philox2x64_ctr_t ctr = s->ctr;
        ctr.v[1] += (uint64_t)b;
        philox2x64_ctr_t o = philox2x64(ctr, s->key);
        s->out[2 * b] = o.v[0];
        s->out[2 * b + 1] = o.v[1];
    }
    s->ctr.v[1] += (uint64_t)s->blocks;
    s->next = 0;
    s->end = 4 * s->blocks;
}

/* The next 32-bit word of a Philox state whose out holds one. */
static inline uint32_t rng_philox_word(struct rng_philox *s)
{
    int w = s->next++;
    return (uint32_t)(s->out[w >> 1] >> ((w & 1) * 32));
}

/*
 * 64 random bits: the next two 32-bit words w0, w1 of r as w0 | w1 << 32.
 * From rng_keyed_type's state they are read inline, a whole half block at
 * a time, so a sampler pays neither GSL's indirect call nor its conversion;
 * a new batch of blocks, a word left over, or any other generator goes
 * through rng_u64_slow.
 */
static inline __attribute__((always_inline)) uint64_t rng_u64(gsl_rng *r)
{
    if (r->type == rng_keyed_type) {
        struct rng_philox *s = r->state;
        if ((s->next & 1) == 0 && s->next < s->end) {   /* words 2k, 2k+1: out[k] */
            uint64_t v = s->out[s->next >> 1];
            s->next += 2;
            return v;
        }
    }
    return rng_u64_slow(r);
}

/*
 * rng_keyed_set, inline, for a tag below 2^32 (every decision of a need but
 * the rare try or chase past 255, which goes to rng_keyed_set): the same
 * stream, positioned without a call.
 */
static inline __attribute__((always_inline)) void rng_keyed_seek(gsl_rng *r, uint64_t key,
                                                                 uint64_t tag)
{
    if (tag >> 32) {
        rng_keyed_set(r, key, tag);
        return;
    }
    struct rng_philox *s = r->state;
    rng_philox_position(s, key, tag << 32, s->base.v[0], 1);
}

/*
 * gsl_rng_uniform(r), the same number: from a keyed stream (one block a
 * refill) the next 32-bit word over 2^32, read and refilled inline, so a
 * decision's draw costs its block's ten rounds and no call; from any other
 * generator (a sequential stream's refill too) through GSL.
 */
static inline __attribute__((always_inline)) double rng_uniform(gsl_rng *r)
{
    if (r->type != rng_keyed_type)
        return gsl_rng_uniform(r);
    struct rng_philox *s = r->state;
    if (s->next == s->end) {
        if (s->blocks != 1)
            return gsl_rng_uniform(r);
        rng_philox_refill(s);
    }
    return (double)rng_philox_word(s) / 4294967296.0;
}

#endif
