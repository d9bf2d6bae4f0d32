/*
 * The staffing requirement as a planner reads it: the baseline's plan holds
 * when simulated again with another seed and four times the replications,
 * an interval without demand gets min_agents and the plan is stable, and
 * every shipped scenario with targets and shifts plans without error.
 */
#include <glob.h>
#include "testutil.h"
#include "models/staffing.h"
#include "models/workforce.h"

/* Norms failed beyond the interval, and on the point estimate, by the plan simulated in e. */
static void count_failures(const struct model *m, const struct staffing_plan *plan,
                           const struct experiment *e, int *open, int *point, int *beyond)
{
    *open = *point = *beyond = 0;
    for (int i = 0; i < plan->n; i++) {
        const struct staffing_channel *sc = &plan->ch[i];
        const struct target_params *t = &m->channels[sc->channel].targets;
        for (int k = 0; k < sc->n; k++) {
            struct estimate sl, ab, wt;
            if (!sc->iv[k].open || staffing_interval_figures(e, sc->channel, k, &sl, &ab, &wt))
                continue;
            (*open)++;
            int close;
            if (!staffing_meets(t, &sl, &ab, &wt, &close)) {
                (*point)++;
                char label[32];
                results_interval_label(m, k, label, sizeof label);
                print_message("  %s %s: %.3f ± %.3f, abandoned %.3f ± %.3f%s\n",
                              m->channels[sc->channel].name, label, sl.mean, sl.ci95, ab.mean,
                              ab.ci95, close ? "" : "  (beyond its interval)");
                *beyond += !close;
            }
        }
    }
}

/*
 * The baseline's first week, planned, then simulated with another seed and
 * four times the replications: no norm fails beyond its 95% interval, and at
 * most 5% of the open intervals fail one on the point estimate.
 */
static void test_baseline_plan_holds(void **state)
{
    (void)state;
    static struct model base, m;
    testutil_load("scenarios/baseline.cfg", &base);
    workforce_week_model(&base, 0, &m);
    struct staffing_plan plan;
    assert_int_equal(staffing_plan(&m, 0, NULL, &plan, NULL), 0);
    assert_true(plan.stable);
    int open, point, beyond;
    static struct model again;
    again = m;
    for (int i = 0; i < plan.n; i++)
        staffing_apply(&again, &plan.ch[i], 0);
    again.seed = m.seed ^ 0x5eed5eedULL;
    struct experiment e;
    assert_int_equal(experiment_run(&e, &again, 4 * m.planning.replications, 0, NULL, NULL), 0);
    count_failures(&m, &plan, &e, &open, &point, &beyond);
    print_message("  %d open intervals; with another seed and %d replications %d fail a norm on "
                  "the point estimate, %d beyond the interval\n", open, e.replications, point,
                  beyond);
    assert_true(open > 200);
    assert_int_equal(beyond, 0);
    assert_true(point <= 0.05 * open);
    experiment_free(&e);
    staffing_free(&plan);
    model_release(&base);
}

/* A line open till 20:00 that nobody calls after 18:00: those intervals get min_agents (2)
 * and no figures, and the plan is stable. */
static void test_empty_intervals_get_the_minimum(void **state)
{
    (void)state;
    static struct model m;
    testutil_load("tests/scenarios/staff_empty.cfg", &m);
    struct staffing_plan plan;
    assert_int_equal(staffing_plan(&m, 0, NULL, &plan, NULL), 0);
    assert_true(plan.stable);
    const struct staffing_channel *sc = &plan.ch[0];
    int empty = 0, busy = 0;
    for (int k = 0; k < sc->n; k++) {
        const struct staffing_interval *iv = &sc->iv[k];
        if (!iv->open)
            continue;
        int evening = (k % 48) >= 36;           /* 18:00 and after */
        assert_int_equal(iv->empty, evening);
        if (evening) {
            assert_int_equal(iv->required, 2);
            assert_int_equal(iv->erlang, 2);
            empty++;
        } else {
            assert_true(iv->required >= 2);
            assert_true(staffing_meets(&m.channels[0].targets, &iv->service_level,
                                       &iv->p_abandon, &iv->wait_mean_s, NULL));
            busy++;
        }
    }
    print_message("  %d intervals without contacts at the minimum, %d with contacts meet the "
                  "norm; %d rounds\n", empty, busy, plan.iterations);
    assert_int_equal(empty, 5 * 4);
    staffing_free(&plan);
}

/* Whether a channel of m has both norms and shift rules. */
static int plans_shifts(const struct model *m)
{
    for (int c = 0; c < m->n_channels; c++)
        if (m->channels[c].targets.set && m->channels[c].shifts.set)
            return 1;
    return 0;
}

/*
 * Every shipped scenario with targets and shifts plans its first week, shifts
 * and roster lines included, without error (with few replications: this is
 * about the rules, not the figures).
 */
static void test_shipped_scenarios_plan(void **state)
{
    (void)state;
    glob_t g;
    char pattern[1024];
    snprintf(pattern, sizeof pattern, "%s/scenarios/*.cfg", CHANMIX_SOURCE_DIR);
    assert_int_equal(glob(pattern, 0, NULL, &g), 0);
    snprintf(pattern, sizeof pattern, "%s/scenarios/data/*.cfg", CHANMIX_SOURCE_DIR);
    assert_int_equal(glob(pattern, GLOB_APPEND, NULL, &g), 0);
    int planned = 0;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        static struct model m;
        struct scenario_errors err;
        int rc = scenario_load(g.gl_pathv[i], &m, &err);
        scenario_errors_free(&err);
        assert_int_equal(rc, 0);
        if (!plans_shifts(&m)) {
            model_release(&m);
            continue;
        }
        m.planning.replications = m.planning.max_replications = 2;
        m.planning.max_iterations = 2;
        for (int c = 0; c < m.n_channels; c++)
            m.channels[c].shifts.max_gap = 0.02;   /* a rough requirement: no need to prove */
        struct workforce wf;
        char why[600] = "";
        rc = workforce_plan(&m, 0, 0, NULL, &wf, why, sizeof why);
        if (rc != 0)
            fail_msg("%s: %d: %s", g.gl_pathv[i], rc, why);
        for (int c = 0; c < wf.weeks[0].plan.n; c++) {
            const struct workforce_channel *wc = &wf.weeks[0].ch[c];
            int rosters = m.channels[wf.weeks[0].plan.ch[c].channel].shifts.min_days > 0;
            assert_true(!wc->has_shifts || !rosters || wc->shifts.n_lines > 0);
        }
        workforce_free(&wf);
        model_release(&m);
        planned++;
    }
    globfree(&g);
    print_message("  %d shipped scenarios with targets and shifts planned\n", planned);
    assert_true(planned >= 10);
}

/* Shift rules that cannot cover an open quarter hour: exit 2 with file and line, before
 * anything is simulated, and no output. */
static void test_uncovered_hours_refused(void **state)
{
    (void)state;
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "'%s' staff '%s/tests/broken/shifts_uncovered.cfg' --out "
             "/tmp/chanmix-never-written 2>&1", CHANMIX_BINARY, CHANMIX_SOURCE_DIR);
    int status;
    char *out = testutil_capture(cmd, &status);
    assert_int_equal(status, 2);
    assert_non_null(strstr(out, "baseline.cfg:"));
    assert_non_null(strstr(out, ": channels.phone.shifts: no allowed shift covers Saturday "
                                "09:00"));
    assert_null(strstr(out, "replications"));     /* nothing simulated */
    free(out);
    FILE *f = fopen("/tmp/chanmix-never-written", "r");
    assert_null(f);
    /* a week beyond the horizon: refused the same way */
    snprintf(cmd, sizeof cmd, "'%s' staff '%s/scenarios/baseline.cfg' --week 5 2>&1",
             CHANMIX_BINARY, CHANMIX_SOURCE_DIR);
    out = testutil_capture(cmd, &status);
    assert_int_equal(status, 2);
    assert_non_null(strstr(out, "--week 5: the horizon of "));
    assert_non_null(strstr(out, "has 4 weeks after its warm-up"));
    free(out);
}

int main(void)
{
    if (getenv("CHANMIX_TEST_FILTER"))
        cmocka_set_test_filter(getenv("CHANMIX_TEST_FILTER"));
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_baseline_plan_holds),
        cmocka_unit_test(test_empty_intervals_get_the_minimum),
        cmocka_unit_test(test_shipped_scenarios_plan),
        cmocka_unit_test(test_uncovered_hours_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
