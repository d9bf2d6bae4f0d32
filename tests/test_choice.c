/*
 * Channel choice: the logit against its formula, simulated shares against
 * the analytic probabilities, the feedback from queues, and the channels a
 * need may never reach.
 *
 * Statistical checks use fixed seeds and a chi-square test at the 0.1%
 * level: with a correct model the test fails at a given seed with
 * probability 0.001.
 */
#include <math.h>
#include <sys/wait.h>
#include <gsl/gsl_cdf.h>
#include "testutil.h"
#include "models/choice.h"
#include "models/population.h"
#include "models/world.h"
#include "sim/rng.h"

#define ALPHA 0.001

static struct model town;

static int setup(void **state)
{
    (void)state;
    testutil_load("tests/scenarios/citizens.cfg", &town);
    return 0;
}

/* The utilities of choice.c, computed here by hand for one citizen. */
static void test_utilities_follow_the_formula(void **state)
{
    (void)state;
    static struct model mm;
    mm = town;
    mm.choice.b_defer = -0.1;
    mm.services[1].urgency = 0.5;
    mm.services[1].on[3].asc = 0.7;     /* the service's own pull toward the app */
    const struct model *m = &mm;
    struct citizen ci = { .skill = 0.8f, .distance_km = 3.0f, .segment = 1,
                          .type = TYPE_PEACE_OF_MIND, .habit = 1 };
    struct choice_input in = { .citizen = &ci, .service = 1, .usable = 0xf, .failed = 0x4,
                               .attempt = 2 };
    in.wait_min[1] = 5.0;
    in.defer_h[0] = 14.0;       /* the desk opens tomorrow morning */
    double u[MODEL_MAX_CHANNELS], p[MODEL_MAX_CHANNELS];
    choice_utilities(m, &in, u);
    const struct segment_params *sg = &m->segments[1];
    const struct service_params *sv = &m->services[1];
    const struct choice_params *b = &m->choice;
    for (int c = 0; c < m->n_channels; c++) {
        double want = sg->asc[c] + sv->on[c].asc + b->type_bias[TYPE_PEACE_OF_MIND][c] + b->b_skill[c] * 0.3
                    + b->b_cx[c] * sv->complexity + b->b_stakes[c] * sv->stakes
                    + b->b_wait * in.wait_min[c] + b->steer[c]
                    + b->b_defer * in.defer_h[c] * (1.0 + sv->urgency);
        if (m->channels[c].kind == CHANNEL_DESK)
            want += b->b_dist * 3.0;
        if (c == 1)
            want += b->b_habit;
        if (c == 2)
            want += b->b_failed;
        if (choice_is_assisted(m->channels[c].kind))
            want += b->b_assisted_attempt;
        assert_true(fabs(u[c] - want) < 1e-6);
    }
    assert_int_equal(choice_probabilities(m, &in, p), 4);
    double denom = 0.0;
    for (int c = 0; c < 4; c++)
        denom += exp(u[c]);
    for (int c = 0; c < 4; c++)
        assert_true(fabs(p[c] - exp(u[c]) / denom) < 1e-12);
}

/* Draws with fixed waits follow the probabilities (chi-square). */
static void test_draws_match_probabilities(void **state)
{
    (void)state;
    const struct model *m = &town;
    gsl_rng *r = rng_stream_alloc(11, 0, 1);
    const int draws = 200000;
    struct citizen people[] = {
        { .skill = 0.9f, .distance_km = 1.0f, .segment = 0, .type = TYPE_INFORMATION,
          .habit = CITIZEN_NO_HABIT },
        { .skill = 0.2f, .distance_km = 6.0f, .segment = 1, .type = TYPE_PEACE_OF_MIND,
          .habit = 0 },
    };
    for (size_t k = 0; k < sizeof people / sizeof people[0]; k++) {
        struct choice_input in = { .citizen = &people[k], .service = 1, .usable = 0xb,
                                   .attempt = 1 };
        in.wait_min[1] = 3.0 + 4.0 * (double)k;     /* held fixed for every draw */
        double p[MODEL_MAX_CHANNELS];
        long count[MODEL_MAX_CHANNELS] = { 0 };
        int usable = choice_probabilities(m, &in, p);
        assert_int_equal(usable, 3);
        for (int i = 0; i < draws; i++) {
            int c = choice_draw(m, &in, r);
            assert_true(c >= 0 && (in.usable & (1u << c)));
            count[c]++;
        }
        double chi2 = 0.0;
        for (int c = 0; c < m->n_channels; c++)
            if (p[c] > 0) {
                double e = p[c] * draws;
                chi2 += (count[c] - e) * (count[c] - e) / e;
            }
        double pv = gsl_cdf_chisq_Q(chi2, usable - 1);
        print_message("citizen %zu: chi2 %.3f on %d df, p = %.3f\n", k, chi2, usable - 1, pv);
        assert_true(pv > ALPHA);
    }
    gsl_rng_free(r);
}

/* No draw ever lands outside the usable set, whatever the set. */
static void test_draws_stay_usable(void **state)
{
    (void)state;
    gsl_rng *r = rng_stream_alloc(12, 0, 1);
    struct citizen ci = { .skill = 0.5f, .distance_km = 2.0f, .segment = 0, .type = 0,
                          .habit = CITIZEN_NO_HABIT };
    for (uint32_t mask = 0; mask < 16; mask++) {
        struct choice_input in = { .citizen = &ci, .service = 0, .usable = mask, .attempt = 1 };
        for (int i = 0; i < 2000; i++) {
            int c = choice_draw(&town, &in, r);
            if (mask == 0)
                assert_int_equal(c, -1);
            else
                assert_true(c >= 0 && (mask & (1u << c)));
        }
    }
    gsl_rng_free(r);
}

/*
 * The whole world with waits out of the choice (wait = 0) and one try per
 * need: the contacts of each segment follow the logit probabilities
 * averaged over the segment's citizens and the service mix.
 */
static void test_simulated_shares_match_logit(void **state)
{
    (void)state;
    const struct model *m = &town;
    struct experiment e;
    assert_int_equal(experiment_run(&e, m, 0, 0, NULL, NULL), 0);
    double chi2 = 0.0;
    int df = 0;
    for (int g = 0; g < m->n_segments; g++) {
        double expected[MODEL_MAX_CHANNELS] = { 0 }, observed[MODEL_MAX_CHANNELS] = { 0 };
        for (int rep = 0; rep < e.replications; rep++) {
            struct population pop;
            gsl_rng *r = rng_stream_alloc(m->seed, (uint64_t)rep, PURPOSE_POPULATION);
            assert_int_equal(population_generate(&pop, m, r), 0);
            /* the service mix of segment g: proportional to volume x segment multiplier */
            double wsum = 0.0, wv[MODEL_MAX_SERVICES];
            for (int v = 0; v < m->n_services; v++)
                wsum += wv[v] = m->services[v].per_1000_year * m->services[v].segment_mult[g];
            double pbar[MODEL_MAX_CHANNELS] = { 0 };
            for (uint32_t i = pop.start[g]; i < pop.start[g + 1]; i++) {
                for (int v = 0; v < m->n_services; v++) {
                    struct choice_input in = { .citizen = &pop.citizens[i], .service = v,
                                               .attempt = 1 };
                    for (int c = 0; c < m->n_channels; c++)
                        if (m->services[v].on[c].offered &&
                            (m->channels[c].kind != CHANNEL_APP ||
                             (pop.citizens[i].flags & CITIZEN_SMARTPHONE)))
                            in.usable |= 1u << c;
                    double p[MODEL_MAX_CHANNELS];
                    choice_probabilities(m, &in, p);
                    for (int c = 0; c < m->n_channels; c++)
                        pbar[c] += wv[v] / wsum * p[c];
                }
            }
            double n_g = (double)(pop.start[g + 1] - pop.start[g]);
            char path[128];
            snprintf(path, sizeof path, "segments.%s.contacts", m->segments[g].name);
            double contacts = testutil_value(&e, rep, path);
            for (int c = 0; c < m->n_channels; c++) {
                snprintf(path, sizeof path, "segments.%s.shares.%s", m->segments[g].name,
                         m->channels[c].name);
                observed[c] += round(testutil_value(&e, rep, path) * contacts);
                expected[c] += contacts * pbar[c] / n_g;
            }
            population_free(&pop);
            gsl_rng_free(r);
        }
        int cells = 0;
        for (int c = 0; c < m->n_channels; c++) {
            if (expected[c] <= 0) {
                assert_true(observed[c] == 0);  /* e.g. the app for citizens without a smartphone */
                continue;
            }
            cells++;
            chi2 += (observed[c] - expected[c]) * (observed[c] - expected[c]) / expected[c];
            print_message("  %-8s %-6s observed %7.0f expected %9.1f\n", m->segments[g].name,
                          m->channels[c].name, observed[c], expected[c]);
        }
        df += cells - 1;
    }
    double pv = gsl_cdf_chisq_Q(chi2, df);
    print_message("segments x channels: chi2 %.3f on %d df, p = %.3f\n", chi2, df, pv);
    assert_true(pv > ALPHA);
    experiment_free(&e);
}

/* A channel that does not offer a service, or that a citizen cannot use, gets none of it. */
static void test_unoffered_and_unusable_channels_get_nothing(void **state)
{
    (void)state;
    struct experiment e;
    assert_int_equal(experiment_run(&e, &town, 0, 0, NULL, NULL), 0);
    for (int rep = 0; rep < e.replications; rep++) {
        /* permit is offered at the desk and on the web only */
        assert_true(testutil_value(&e, rep, "services.permit.shares.phone") == 0.0);
        assert_true(testutil_value(&e, rep, "services.permit.shares.app") == 0.0);
        assert_true(testutil_value(&e, rep, "services.permit.shares.desk") > 0.0);
        /* question is not offered at the desk */
        assert_true(testutil_value(&e, rep, "services.question.shares.desk") == 0.0);
        /* nobody in "offline" has a smartphone: no app */
        assert_true(testutil_value(&e, rep, "segments.offline.shares.app") == 0.0);
        assert_true(testutil_value(&e, rep, "segments.online.shares.app") > 0.0);
        /* conservation of needs */
        double arrived = testutil_value(&e, rep, "needs.arrived");
        assert_true(arrived > 0);
        assert_true(arrived == testutil_value(&e, rep, "needs.resolved") +
                                   testutil_value(&e, rep, "needs.gave_up") +
                                   testutil_value(&e, rep, "needs.open_at_end"));
    }
    experiment_free(&e);
}

/*
 * A longer phone queue moves citizens to the other channels.  One try per
 * need keeps the mix of citizens behind the contacts fixed, so by the
 * logit's proportionality every other channel must gain.
 */
static void test_queue_pushes_citizens_elsewhere(void **state)
{
    (void)state;
    static struct model m;
    const char *paths[] = { "services.question.shares.phone", "services.question.shares.web",
                            "services.question.shares.app" };
    struct estimate share[2][3];
    int agents[2] = { 30, 3 };
    for (int k = 0; k < 2; k++) {
        m = town;
        m.population = 400000;      /* about 4 Erlang of phone load */
        m.choice.b_wait = -0.3;     /* per minute of expected wait */
        model_set_constant_agents(&m, 1, agents[k]);
        struct experiment e;
        assert_int_equal(experiment_run(&e, &m, 0, 0, NULL, NULL), 0);
        for (int i = 0; i < 3; i++)
            share[k][i] = *experiment_get(&e, paths[i]);
        experiment_free(&e);
    }
    for (int i = 0; i < 3; i++) {
        double diff = share[1][i].mean - share[0][i].mean;
        double half = sqrt(share[0][i].ci95 * share[0][i].ci95 + share[1][i].ci95 * share[1][i].ci95);
        print_message("  %-32s %d agents %.4f, %d agents %.4f\n", paths[i], agents[0],
                      share[0][i].mean, agents[1], share[1][i].mean);
        if (i == 0)
            assert_true(diff < -half);      /* the phone loses */
        else
            assert_true(diff > half);       /* web and app gain */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utilities_follow_the_formula),
        cmocka_unit_test(test_draws_match_probabilities),
        cmocka_unit_test(test_draws_stay_usable),
        cmocka_unit_test(test_simulated_shares_match_logit),
        cmocka_unit_test(test_unoffered_and_unusable_channels_get_nothing),
        cmocka_unit_test(test_queue_pushes_citizens_elsewhere),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
