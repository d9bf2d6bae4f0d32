/*
 * ziggurat: exponential draws by Marsaglia and Tsang's ziggurat method
 * ("The Ziggurat Method for Generating Random Variables", J. Stat. Softw.
 * 5(8), 2000), 256 layers.
 *
 * Why not GSL: GSL draws the exponential only by inversion, -mean *
 * log1p(-u), and a log1p costs about a hundred instructions; with GSL's
 * function-pointer generator an exponential draw was ~135 instructions,
 * half of what the kernel spends on an M/M/1 customer.  The ziggurat is
 * exact (no approximation: it samples the density itself), accepts 98.9% of
 * draws with one table lookup, one comparison and one multiplication, and
 * needs a logarithm only in the tail beyond 7.7 means (1 draw in 2,200) and
 * an exp in the wedges.  GSL has a ziggurat for the normal only.
 *
 * As published, except that each draw takes 64 random bits (rng_u64):
 * the layer from the low 8 and the position in it from the high 53, so the
 * two are independent (the 32-bit original reuses the layer's bits in the
 * position) and positions have a double's resolution.
 *
 * The tables follow from the method's two constants (the tail's start r
 * and the layers' common area v) and are computed once, before main runs;
 * they are read-only afterwards: constant data, not state, shared by every
 * thread.
 */
#ifndef CHANMIX_SIM_ZIGGURAT_H
#define CHANMIX_SIM_ZIGGURAT_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

#include "sim/rng.h"

struct ziggurat_tables {
    uint64_t k[256];    /* a position below k[i] is inside layer i's rectangle's core */
    double w[256];      /* position (53 bits) to x in layer i */
    double f[256];      /* exp(-x_i) at the layer's edges */
};

extern const struct ziggurat_tables *const ziggurat_exp_tables;

/* The rare path: a wedge or the tail (u, the draw that fell outside the core). */
double ziggurat_exponential_slow(gsl_rng *r, uint64_t u);

/*
 * An exponential draw of mean 1 from r (any GSL generator; fastest with
 * rng_keyed_type's).  Always inline: its common path is a dozen
 * instructions, about what a call costs.
 */
static inline __attribute__((always_inline)) double ziggurat_exponential(gsl_rng *r)
{
    const struct ziggurat_tables *t = ziggurat_exp_tables;
    uint64_t u = rng_u64(r);
    unsigned i = (unsigned)(u & 255);
    uint64_t j = u >> 11;
    if (j < t->k[i])
        return (double)j * t->w[i];
    return ziggurat_exponential_slow(r, u);
}

#endif
