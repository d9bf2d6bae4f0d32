/*
 * choice: logit utilities and draws, see choice.h.
 *
 * Probabilities subtract the largest utility before exponentiating, so the
 * result is exact for utilities of any size.  A draw uses one uniform per
 * choice from the caller's stream: the number of draws does not depend on
 * the utilities, which keeps common random numbers aligned across
 * scenarios that change them.
 */
#include "models/choice.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>

/* U(i,c) of a usable channel c; the terms in choice.h's order, which fixes its rounding. */
static inline double utility(const struct model *m, const struct choice_input *in, int c)
{
    const struct citizen *ci = in->citizen;
    const struct segment_params *seg = &m->segments[ci->segment];
    const struct service_params *sv = &m->services[in->service];
    const struct choice_params *b = &m->choice;
    enum channel_kind k = m->channels[c].kind;
    double v = in->base ? in->base[c] : seg->asc[c] + sv->on[c].asc + b->type_bias[ci->type][c];
    v = v + b->b_skill[c] * ((double)ci->skill - 0.5)
             + b->b_cx[c] * sv->complexity + b->b_stakes[c] * sv->stakes
             + b->b_wait * in->wait_min[c] + b->steer[c]
             + b->b_defer * in->defer_h[c] * (1.0 + sv->urgency);
    if (k == CHANNEL_DESK)
        v += b->b_dist * (double)ci->distance_km;
    if (ci->habit == c)
        v += b->b_habit;
    if (in->failed & (1u << c))
        v += b->b_failed;
    if (in->at_work)
        v += b->b_work[c];
    if (choice_is_assisted(k) && in->attempt > 1)
        v += b->b_assisted_attempt * (in->attempt - 1);
    return v;
}

double *choice_base_build(const struct model *m)
{
    size_t n = (size_t)m->n_segments * (size_t)m->n_services * TYPE_COUNT * (size_t)m->n_channels;
    double *base = malloc((n ? n : 1) * sizeof *base);
    if (!base)
        return NULL;
    for (int s = 0; s < m->n_segments; s++)
        for (int v = 0; v < m->n_services; v++)
            for (int t = 0; t < TYPE_COUNT; t++) {
                double *row = (double *)choice_base_row(m, base, s, v, t);
                for (int c = 0; c < m->n_channels; c++)
                    row[c] = m->segments[s].asc[c] + m->services[v].on[c].asc +
                             m->choice.type_bias[t][c];
            }
    return base;
}

void choice_utilities(const struct model *m, const struct choice_input *in, double *u)
{
    for (int c = 0; c < m->n_channels; c++)
        u[c] = in->usable & (1u << c) ? utility(m, in, c) : -INFINITY;
}

/* The usable channels among the model's, as a mask. */
static uint32_t usable_mask(const struct model *m, const struct choice_input *in)
{
    return in->usable & ((1u << m->n_channels) - 1u);
}

/*
 * exp(U(c) - max U) of each usable channel into e, the others untouched;
 * returns their sum (0 when none is usable) and the number usable in *usable.
 * The sum runs in channel order, as over all channels with 0 for the others.
 */
static double weights(const struct model *m, const struct choice_input *in, double *e,
                      int *usable)
{
    uint32_t live = usable_mask(m, in);
    double top = -INFINITY, sum = 0.0;
    int best = -1, n = 0;
    for (uint32_t set = live; set; set &= set - 1) {
        int c = __builtin_ctz(set);
        e[c] = utility(m, in, c);
        if (e[c] > top) {
            top = e[c];
            best = c;
        }
    }
    for (uint32_t set = live; set; set &= set - 1) {
        int c = __builtin_ctz(set);
        int finite = isfinite(e[c]) != 0;
        /* exp(0) is exactly 1: the likeliest channel costs no exp */
        e[c] = c == best ? 1.0 : finite ? exp(e[c] - top) : 0.0;
        sum += e[c];
        n += finite;
    }
    *usable = n;
    return sum;
}

int choice_probabilities(const struct model *m, const struct choice_input *in, double *p)
{
    int usable;
    for (int c = 0; c < m->n_channels; c++)
        p[c] = 0.0;
    double sum = weights(m, in, p, &usable);
    for (int c = 0; c < m->n_channels; c++) {
        p[c] = usable ? p[c] / sum : 0.0;
        assert(p[c] >= 0.0 && p[c] <= 1.0);
    }
    return usable;
}

int choice_draw(const struct model *m, const struct choice_input *in, gsl_rng *r)
{
    return choice_pick(m, in, gsl_rng_uniform(r));
}

/*
 * As over choice_probabilities: channel c when x * sum falls below the
 * weights up to c, the same as x below the probabilities up to c, without
 * dividing each weight by the sum.
 */
int choice_pick(const struct model *m, const struct choice_input *in, double x)
{
    double e[MODEL_MAX_CHANNELS];
    int usable;
    double sum = weights(m, in, e, &usable);
    if (usable == 0)
        return -1;
    double target = x * sum, below = 0.0;
    int last = -1;
    for (uint32_t set = usable_mask(m, in); set; set &= set - 1) {
        int c = __builtin_ctz(set);
        assert(e[c] >= 0.0 && e[c] <= sum);
        if (e[c] <= 0.0)
            continue;
        last = c;
        below += e[c];
        if (target < below)
            return c;
    }
    return last;    /* rounding left the target just above the sum */
}
