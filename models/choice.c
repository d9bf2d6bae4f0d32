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

void choice_utilities(const struct model *m, const struct choice_input *in, double *u)
{
    const struct citizen *ci = in->citizen;
    const struct segment_params *seg = &m->segments[ci->segment];
    const struct service_params *sv = &m->services[in->service];
    const struct choice_params *b = &m->choice;
    for (int c = 0; c < m->n_channels; c++) {
        if (!(in->usable & (1u << c))) {
            u[c] = -INFINITY;
            continue;
        }
        enum channel_kind k = m->channels[c].kind;
        double v = seg->asc[c] + sv->on[c].asc + b->type_bias[ci->type][c]
                 + b->b_skill[c] * ((double)ci->skill - 0.5)
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
        u[c] = v;
    }
}

int choice_probabilities(const struct model *m, const struct choice_input *in, double *p)
{
    double u[MODEL_MAX_CHANNELS], top = -INFINITY, sum = 0.0;
    int usable = 0;
    choice_utilities(m, in, u);
    int best = -1;
    for (int c = 0; c < m->n_channels; c++)
        if (u[c] > top) {
            top = u[c];
            best = c;
        }
    for (int c = 0; c < m->n_channels; c++) {
        /* exp(0) is exactly 1: the likeliest channel costs no exp */
        p[c] = c == best ? 1.0 : isfinite(u[c]) ? exp(u[c] - top) : 0.0;
        sum += p[c];
        usable += isfinite(u[c]) != 0;
    }
    for (int c = 0; c < m->n_channels; c++) {
        p[c] = usable ? p[c] / sum : 0.0;
        assert(p[c] >= 0.0 && p[c] <= 1.0);
    }
    return usable;
}

int choice_draw(const struct model *m, const struct choice_input *in, gsl_rng *r)
{
    double p[MODEL_MAX_CHANNELS];
    double x = gsl_rng_uniform(r);
    if (choice_probabilities(m, in, p) == 0)
        return -1;
    int last = -1;
    for (int c = 0; c < m->n_channels; c++) {
        if (p[c] <= 0.0)
            continue;
        last = c;
        if (x < p[c])
            return c;
        x -= p[c];
    }
    return last;    /* rounding left x just above the sum */
}
