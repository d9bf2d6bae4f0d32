/*
 * ziggurat: the exponential's tables and its rare path, see ziggurat.h.
 */
#include "sim/ziggurat.h"

#include <math.h>

/* Marsaglia and Tsang's constants for 256 layers: the tail starts at R; each layer has area V. */
#define R 7.697117470131487
#define V 3.949659822581572e-3
#define M 9007199254740992.0    /* 2^53: positions are 53-bit integers */

static struct ziggurat_tables tables;

const struct ziggurat_tables *const ziggurat_exp_tables = &tables;

/*
 * Layer 0 is the base strip with the tail (width V / f(R) as a rectangle);
 * layer i's right edge x_i solves V = x_i (f(x_{i+1}) - f(x_i)) walking up.
 * Runs before main: no thread can see the tables half made.
 */
__attribute__((constructor)) static void tables_compute(void)
{
    double x = R, q = V / exp(-R);
    tables.k[0] = (uint64_t)(R / q * M);
    tables.k[1] = 0;
    tables.w[0] = q / M;
    tables.w[255] = R / M;
    tables.f[0] = 1.0;
    tables.f[255] = exp(-R);
    for (int i = 254; i >= 1; i--) {
        double below = x;
        x = -log(V / x + exp(-x));
        tables.k[i + 1] = (uint64_t)(x / below * M);
        tables.f[i] = exp(-x);
        tables.w[i] = x / M;
    }
}

/* A uniform in (0, 1]: never 0, so its logarithm is finite. */
static double open_uniform(gsl_rng *r)
{
    return (double)((rng_u64(r) >> 11) + 1) / M;
}

double ziggurat_exponential_slow(gsl_rng *r, uint64_t u)
{
    const struct ziggurat_tables *t = &tables;
    for (;;) {
        unsigned i = (unsigned)(u & 255);
        uint64_t j = u >> 11;
        if (j < t->k[i])
            return (double)j * t->w[i];
        if (i == 0)             /* the tail: the exponential is memoryless beyond R */
            return R - log(open_uniform(r));
        double x = (double)j * t->w[i];
        double y = t->f[i] + (1.0 - open_uniform(r)) * (t->f[i - 1] - t->f[i]);
        if (y < exp(-x))        /* under the density in the wedge */
            return x;
        u = rng_u64(r);
    }
}
