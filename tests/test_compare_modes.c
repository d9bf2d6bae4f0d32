/*
 * Comparisons at fixed staffing and at equal service.  A nudge toward web
 * and app on a town whose phone line is staffed by a norm: with the staffing
 * held fixed it saves nothing, because the agents are paid whether or not
 * they are busy; at equal service both scenarios are first staffed to the
 * same norm, and the nudge saves agent-hours and cost with a paired interval
 * that excludes zero, while both meet the norm.
 */
#include "testutil.h"
#include "models/comparison.h"
#include "plots/json.h"

static struct model **two_scenarios(void)
{
    struct model **models = calloc(2, sizeof *models);
    assert_non_null(models);
    for (int k = 0; k < 2; k++) {
        models[k] = calloc(1, sizeof **models);
        assert_non_null(models[k]);
        testutil_load("tests/scenarios/nudge.cfg", models[k]);
    }
    snprintf(models[1]->name, sizeof models[1]->name, "nudge-web");
    models[1]->choice.steer[model_find_channel(models[1], "web")] = 1.0;
    models[1]->choice.steer[model_find_channel(models[1], "app")] = 1.0;
    return models;
}

static const struct estimate *difference(const struct comparison *c, long at)
{
    assert_true(at >= 0 && c->present[1][at]);
    return &c->diff[1][at];
}

static void test_fixed_staffing_saves_nothing(void **state)
{
    (void)state;
    struct comparison c;
    assert_int_equal(comparison_run(&c, two_scenarios(), 2, 0, 0, NULL, NULL), 0);
    assert_int_equal(c.mode, COMPARISON_FIXED_STAFFING);
    const struct estimate *cost = difference(&c, results_total(&c.runs[1].ix, TC_PER_YEAR));
    int phone = model_find_channel(c.models[1], "phone");
    const struct estimate *offered =
        difference(&c, results_channel(&c.runs[1].ix, phone, CS_OFFERED));
    print_message("  fixed staffing: cost per year %+.0f ± %.0f, phone contacts %+.0f ± %.0f\n",
                  cost->mean, cost->ci95, offered->mean, offered->ci95);
    assert_true(offered->mean + offered->ci95 < 0);    /* the nudge moves contacts off the phone */
    assert_true(fabs(cost->mean) <= cost->ci95 + 1e-6);    /* and saves nothing */
    comparison_free(&c);
}

static void test_equal_service_saves(void **state)
{
    (void)state;
    struct comparison c;
    assert_int_equal(comparison_run_equal_service(&c, two_scenarios(), 2, 0, 0, NULL, NULL, NULL,
                                                  NULL), 0);
    assert_int_equal(c.mode, COMPARISON_EQUAL_SERVICE);
    int phone = model_find_channel(c.models[1], "phone");
    for (int k = 0; k < 2; k++) {
        assert_int_equal(c.planned[k], 1);
        assert_int_equal(c.unstable[k], 0);
        /* the norm holds on the point estimate in every open interval */
        const struct results_index *ix = &c.runs[k].ix;
        int open = 0;
        for (int i = 0; i < ix->interval_count; i++) {
            long at = results_interval_norm_service_level(ix, phone, i);
            if (at < 0 || c.runs[k].summary[results_interval(ix, phone, i, IS_ARRIVALS)].mean == 0)
                continue;
            open++;
            assert_true(c.runs[k].summary[at].mean >= 0.8 - 1e-9 ||
                        c.runs[k].summary[at].mean + c.runs[k].summary[at].ci95 >= 0.8);
        }
        assert_true(open > 0);
    }
    const struct estimate *cost = difference(&c, results_total(&c.runs[1].ix, TC_PER_YEAR));
    const struct estimate *hours =
        difference(&c, results_channel(&c.runs[1].ix, phone, CS_AGENT_HOURS_PER_YEAR));
    print_message("  equal service: cost per year %+.0f ± %.0f, phone agent-hours per year "
                  "%+.0f ± %.0f\n", cost->mean, cost->ci95, hours->mean, hours->ci95);
    assert_true(hours->mean + hours->ci95 < 0);
    assert_true(cost->mean + cost->ci95 < 0);

    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    json_write_comparison(f, &c);
    fclose(f);
    assert_non_null(strstr(text, "\"mode\": \"equal_service\""));
    free(text);
    comparison_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed_staffing_saves_nothing),
        cmocka_unit_test(test_equal_service_saves),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
