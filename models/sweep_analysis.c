/*
 * sweep_analysis: percentiles, indices and shares of a sweep, see
 * sweep_analysis.h.
 */
#include "models/sweep_analysis.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/streams.h"
#include "sim/rng.h"

double sweep_output_value(const struct sweep_results *res, const struct sweep_output *o, int p)
{
    return o->against < 0 ? sweep_results_at(res, p, o->scenario, o->metric)->mean
                          : sweep_results_diff(res, p, o->scenario, o->metric)->mean;
}

double sweep_output_importance(const struct sweep_output *o, enum sweep_method m, int i)
{
    switch (m) {
    case SWEEP_SOBOL: return o->total[i].value;
    case SWEEP_MORRIS: return o->mu_star[i].value;
    default: return fabs(o->rho[i].value);
    }
}

/* The output's indices by the design's estimator; y holds its values at the points. */
static int indices(struct sweep_output *o, const struct sweep_design *d, const double *y,
                   gsl_rng *r)
{
    switch (d->method) {
    case SWEEP_SOBOL:
        return sensitivity_sobol(y, d->base, d->k, SENSITIVITY_RESAMPLES, r, o->first, o->total);
    case SWEEP_MORRIS:
        return sensitivity_morris(y, d, SENSITIVITY_RESAMPLES, r, o->mu_star, o->mu, o->sigma);
    default:
        return sensitivity_rank(y, d->value, d->n, d->k, SENSITIVITY_RESAMPLES, r, o->rho);
    }
}

static int analyse_output(struct sweep_output *o, int index, const struct sweep_design *d,
                          const struct sweep_results *res, uint64_t seed, double *y)
{
    double noise = 0;
    int with_noise = 0;
    for (int p = 0; p < d->n; p++) {
        y[p] = sweep_output_value(res, o, p);
        const struct estimate *e = o->against < 0
                                       ? sweep_results_at(res, p, o->scenario, o->metric)
                                       : sweep_results_diff(res, p, o->scenario, o->metric);
        if (isfinite(e->ci95)) {
            noise += e->ci95;
            with_noise++;
        }
    }
    o->noise = with_noise ? noise / with_noise : NAN;
    o->p5 = sensitivity_quantile(y, d->n, 0.05);
    o->p50 = sensitivity_quantile(y, d->n, 0.50);
    o->p95 = sensitivity_quantile(y, d->n, 0.95);
    double sum = 0;
    int m = 0;
    for (int p = 0; p < d->n; p++)
        if (isfinite(y[p])) {
            sum += y[p];
            m++;
        }
    o->mean = m ? sum / m : NAN;
    gsl_rng *r = rng_stream_alloc(seed, (uint64_t)index, PURPOSE_SWEEP_BOOTSTRAP);
    if (!r || indices(o, d, y, r) != 0) {
        if (r)
            gsl_rng_free(r);
        return -1;
    }
    gsl_rng_free(r);
    o->driver = -1;
    double best = 0;
    for (int i = 0; i < d->k; i++) {
        double v = sweep_output_importance(o, d->method, i);
        if (isfinite(v) && v > best) {
            best = v;
            o->driver = i;
        }
    }
    return 0;
}

static void count_share(struct sweep_share *sh, const struct sweep_results *res, int figure,
                        int n_points)
{
    for (int p = 0; p < n_points; p++) {
        double a = sweep_results_at(res, p, 0, figure)->mean;
        double b = sweep_results_at(res, p, sh->scenario, figure)->mean;
        if (!isfinite(a) || !isfinite(b))
            continue;
        sh->n++;
        if (b > a)
            sh->higher++;
        else if (b < a)
            sh->lower++;
        else
            sh->equal++;
    }
}

int sweep_analyse(struct sweep_analysis *a, const struct sweep_design *d,
                  const struct sweep_results *res, int n_metrics, int n_headlines,
                  const int *direction, uint64_t seed, char *err, size_t size)
{
    int S = res->n_scenarios;
    memset(a, 0, sizeof *a);
    a->n_outputs = n_metrics * (2 * S - 1);
    a->n_shares = n_headlines * (S - 1);
    a->out = calloc((size_t)(a->n_outputs ? a->n_outputs : 1), sizeof *a->out);
    a->share = calloc((size_t)(a->n_shares ? a->n_shares : 1), sizeof *a->share);
    double *y = malloc((size_t)d->n * sizeof *y);
    if (!a->out || !a->share || !y)
        goto fail;
    int o = 0;
    for (int s = 0; s < S; s++)
        for (int m = 0; m < n_metrics; m++)
            a->out[o++] = (struct sweep_output){ .scenario = s, .against = -1, .metric = m };
    for (int s = 1; s < S; s++)
        for (int m = 0; m < n_metrics; m++)
            a->out[o++] = (struct sweep_output){ .scenario = s, .against = 0, .metric = m };
    for (o = 0; o < a->n_outputs; o++)
        if (analyse_output(&a->out[o], o, d, res, seed, y) != 0)
            goto fail;
    for (int s = 1, i = 0; s < S; s++)
        for (int h = 0; h < n_headlines; h++, i++) {
            struct sweep_share *sh = &a->share[i];
            *sh = (struct sweep_share){ .scenario = s, .headline = h, .direction = direction[h] };
            count_share(sh, res, n_metrics + h, d->n);
        }
    free(y);
    return 0;
fail:
    free(y);
    sweep_analysis_free(a);
    snprintf(err, size, "out of memory while analysing the sweep");
    return -1;
}

void sweep_analysis_free(struct sweep_analysis *a)
{
    free(a->out);
    free(a->share);
    memset(a, 0, sizeof *a);
}

double sweep_share_better(const struct sweep_share *s)
{
    if (s->n == 0)
        return NAN;
    int better = s->direction == 0 ? s->higher : s->direction == 1 ? s->lower : s->higher;
    return (double)better / s->n;
}

double sweep_share_worse(const struct sweep_share *s)
{
    if (s->n == 0)
        return NAN;
    int worse = s->direction == 0 ? s->lower : s->direction == 1 ? s->higher : s->lower;
    return (double)worse / s->n;
}
