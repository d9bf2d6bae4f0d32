/*
 * choice: the multinomial logit of channel choice.
 *
 *   U(i,c) = asc[seg][c] + asc_service[svc][c] + type_bias[type][c]
 *          + b_skill[c]*(skill - 0.5) + b_cx[c]*complexity + b_stakes[c]*stakes
 *          + b_wait*W_c + b_dist*distance*[c is a desk] + b_habit*[c = habit]
 *          + b_failed*[c failed earlier in this need] + steer[c]
 *          + b_defer*hours until c opens*(1 + urgency)   (waiting for a closed channel;
 *                                                    urgent needs mind it more)
 *          + b_assisted_attempt*(attempt - 1)*[c is assisted]
 *          + b_work[c]*[the citizen works office hours and is at work (choice.work_hours)]
 *   P(c)   = exp(U(i,c)) / sum over usable k of exp(U(i,k))
 *
 * The caller says which channels are usable (offered for the service, usable
 * by this citizen, open or deferrable) and what wait it expects on each; the
 * module knows nothing of queues, so a test can hold waits fixed and compare
 * simulated shares with these probabilities.
 */
#ifndef CHANMIX_MODELS_CHOICE_H
#define CHANMIX_MODELS_CHOICE_H

#include <stdint.h>
#include <gsl/gsl_rng.h>
#include "models/model.h"
#include "models/population.h"

struct choice_input {
    const struct citizen *citizen;
    int service;
    uint32_t usable;                        /* bit c: channel c may be chosen */
    uint32_t failed;                        /* bit c: c failed earlier in this need */
    double wait_min[MODEL_MAX_CHANNELS];    /* expected wait, minutes */
    double defer_h[MODEL_MAX_CHANNELS];     /* hours until c opens; 0 when open */
    int attempt;                            /* 1 for the first try */
    int at_work;                            /* citizen works office hours, and it is now */
    /* asc[seg][c] + asc_service[svc][c] + type_bias[type][c] of this citizen and
     * service by channel (choice_base_row), or NULL: summed here */
    const double *base;
};

/*
 * The first three terms of U, summed once per model for every (segment,
 * service, type): n_segments x n_services x TYPE_COUNT x n_channels doubles
 * (malloc'ed; NULL when memory runs out).  The same sums as at each choice,
 * so the same utilities.
 */
double *choice_base_build(const struct model *m);

static inline const double *choice_base_row(const struct model *m, const double *base,
                                            int segment, int service, int type)
{
    return base + (((size_t)segment * (size_t)m->n_services + (size_t)service) * TYPE_COUNT +
                   (size_t)type) * (size_t)m->n_channels;
}

/* Utility of each usable channel (unusable ones get -INFINITY). */
void choice_utilities(const struct model *m, const struct choice_input *in, double *u);

/* Probabilities over the model's channels; returns the number usable. */
int choice_probabilities(const struct model *m, const struct choice_input *in, double *p);

/* Draws a channel with one uniform from r; -1 when none is usable. */
int choice_draw(const struct model *m, const struct choice_input *in, gsl_rng *r);

/* The same with the uniform x in [0, 1) given: choice_draw is choice_pick(gsl_rng_uniform). */
int choice_pick(const struct model *m, const struct choice_input *in, double x);

/* Whether channel kind k has agents who answer (desk, phone, chat). */
static inline int choice_is_assisted(enum channel_kind k)
{
    return k == CHANNEL_DESK || k == CHANNEL_PHONE || k == CHANNEL_CHAT;
}

#endif
