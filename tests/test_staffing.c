/*
 * Capacity planning: the staffing requirement against Erlang A, the plan
 * against the simulation, and the plan's scenario file back through
 * chanmix run (the shift program against brute force: test_roster.c).
 */
#include <math.h>
#include <sys/wait.h>
#include "testutil.h"
#include "models/erlang.h"
#include "models/staffing.h"

/* A stationary phone line planned for a service-level norm: every interval needs want agents,
 * the Erlang A minimum. */
static void stationary_plan(double service_level, int want, double days, int reps)
{
    static struct model m;
    testutil_load("tests/scenarios/staff_stationary.cfg", &m);
    m.channels[0].targets.service_level = service_level;
    /* precise enough to tell want - 1 from want in every one of 336 intervals: no doubling */
    m.horizon_s = m.warmup_s + days * 86400.0;
    m.planning.replications = m.planning.max_replications = reps;
    struct staffing_plan plan;
    assert_int_equal(staffing_plan(&m, 0, NULL, &plan, NULL), 0);
    struct erlang_target t = { .target_s = 20.0, .service_level = service_level };
    struct erlang_result r;
    assert_int_equal(erlang_staff(100.0 / 1800.0, 180.0, 300.0, &t, &r), want);
    assert_int_equal(plan.n, 1);
    assert_true(plan.stable);
    for (int k = 0; k < plan.ch[0].n; k++) {
        assert_int_equal(plan.ch[0].iv[k].erlang, want);
        assert_int_equal(plan.ch[0].iv[k].required, want);
    }
    print_message("  %.0f%% within 20 s: %d agents for a load of 10 erlangs, %.3f ± %.3f\n",
                  100 * service_level, want, plan.ch[0].iv[0].service_level.mean,
                  plan.ch[0].iv[0].service_level.ci95);
    staffing_free(&plan);
}

/* The requirement is the Erlang A minimum, above the load and, for a low norm, below it. */
static void test_stationary_requirement_is_erlang_a(void **state)
{
    (void)state;
    stationary_plan(0.8, 13, 56.0, 40);     /* 12 agents give 77.2% by Erlang A: close */
    stationary_plan(0.3, 9, 28.0, 20);      /* 9 agents give 36.6%, 8 give 22.7%: below the
                                               load of 10, and far apart */
}

/*
 * A norm whose threshold (targets.within_s = 120 s) differs from the channel's
 * target_s (20 s): the planner sizes and checks the service level at 120 s,
 * so the plan is the Erlang A minimum for 120 s, it meets 80% within 120 s,
 * and the service level at 20 s, reported beside it, is below 80%.
 */
static void test_norm_threshold_is_planned_and_checked(void **state)
{
    (void)state;
    static struct model m;
    testutil_load("tests/scenarios/staff_stationary.cfg", &m);
    m.channels[0].targets.within_s = 120.0;
    m.planning.max_replications = m.planning.replications;
    static struct model shorter;        /* the plan on four weeks pooled, the check on eight */
    shorter = m;
    shorter.horizon_s = m.warmup_s + 28 * 86400.0;
    struct staffing_plan plan;
    assert_int_equal(staffing_plan(&shorter, 0, NULL, &plan, NULL), 0);
    struct erlang_target t = { .target_s = 120.0, .service_level = 0.8 };
    struct erlang_result r;
    int want = erlang_staff(100.0 / 1800.0, 180.0, 300.0, &t, &r);
    struct erlang_target t20 = { .target_s = 20.0, .service_level = 0.8 };
    assert_true(want < erlang_staff(100.0 / 1800.0, 180.0, 300.0, &t20, &r));
    assert_true(plan.stable);
    const struct staffing_channel *sc = &plan.ch[0];
    for (int k = 0; k < sc->n; k++) {
        assert_int_equal(sc->iv[k].erlang, want);
        assert_int_equal(sc->iv[k].required, want);
        assert_true(staffing_meets(&m.channels[0].targets, &sc->iv[k].service_level,
                                   &sc->iv[k].p_abandon, &sc->iv[k].wait_mean_s, NULL));
    }
    /* the plan simulated: 80% within 120 s holds, 80% within 20 s does not */
    static struct model planned;
    planned = m;
    staffing_apply(&planned, sc, 0);
    struct experiment e;
    assert_int_equal(experiment_run(&e, &planned, 10, 0, NULL, NULL), 0);
    const struct estimate *norm = &e.summary[results_norm_service_level(&e.ix, 0)];
    const struct estimate *at20 = &e.summary[results_channel(&e.ix, 0, CS_SERVICE_LEVEL)];
    assert_true(results_meta(&e.ix, results_norm_service_level(&e.ix, 0))->threshold_s == 120.0);
    assert_true(results_meta(&e.ix, results_channel(&e.ix, 0, CS_SERVICE_LEVEL))->threshold_s ==
                20.0);
    print_message("  %d agents: %.3f ± %.3f within 120 s, %.3f ± %.3f within 20 s\n", want,
                  norm->mean, norm->ci95, at20->mean, at20->ci95);
    assert_true(norm->mean + norm->ci95 >= 0.8);
    assert_true(at20->mean + at20->ci95 < 0.8);
    experiment_free(&e);
    staffing_free(&plan);
}

/*
 * The planner's probe of a plan: one agent fewer in every open interval above min_agents,
 * simulated with the planner's replications.
 */
static void simulate_probe(const struct model *base, const struct staffing_channel *sc,
                           struct experiment *e)
{
    static struct model m;
    m = *base;
    staffing_apply(&m, sc, 0);
    int quarters = (int)(m.interval_s / SCHEDULE_SLOT_S);
    int least = m.channels[sc->channel].targets.min_agents;
    for (int k = 0; k < sc->n; k++)
        if (sc->iv[k].open && sc->iv[k].required > least)
            for (int q = 0; q < quarters; q++)
                m.channels[sc->channel].week.agents[k * quarters + q]--;
    assert_int_equal(experiment_run(e, &m, m.planning.replications, 0, NULL, NULL), 0);
}

/*
 * A week with a peak: with the plan every open interval meets its targets
 * within the simulation's interval, the agents always exceed the offered
 * load, and with one agent fewer (the planner's probe: everywhere at once)
 * the three busiest binding intervals do not meet their norms beyond doubt:
 * each fails one on its point estimate, or has one inside its 95% interval,
 * where the planner keeps the agent.
 */
static void test_peak_week_plan(void **state)
{
    (void)state;
    static struct model m;
    testutil_load("tests/scenarios/staff_peak.cfg", &m);
    m.channels[0].shrinkage = 0.3;
    struct staffing_plan plan;
    assert_int_equal(staffing_plan(&m, 0, NULL, &plan, NULL), 0);
    assert_true(plan.stable);
    const struct staffing_channel *sc = &plan.ch[0];
    assert_close(sc->rostered_hours, sc->agent_hours / 0.7, 1e-9);
    const struct target_params *t = &m.channels[0].targets;
    struct experiment probe;
    simulate_probe(&m, sc, &probe);
    int open = 0, binding = 0, failed = 0, doubtful = 0, busiest[3] = { -1, -1, -1 };
    for (int k = 0; k < sc->n; k++) {
        const struct staffing_interval *iv = &sc->iv[k];
        if (!iv->open)
            continue;
        open++;
        assert_true(staffing_meets(t, &iv->service_level, &iv->p_abandon, &iv->wait_mean_s, NULL));
        assert_close(iv->rostered, iv->required / 0.7, 1e-9);  /* shrinkage 0.3 */
        double load = iv->arrivals / m.interval_s * sc->aht_s;
        assert_true(iv->required > load);       /* occupancy below 1 */
        if (!iv->binding || iv->required <= t->min_agents)
            continue;
        binding++;
        struct estimate sl, ab, wt;
        assert_int_equal(staffing_interval_figures(&probe, 0, k, &sl, &ab, &wt), 0);
        int close, meets = staffing_meets(t, &sl, &ab, &wt, &close);
        failed += !meets;
        doubtful += meets && close;
        /* the three busiest binding intervals */
        for (int b = 0; b < 3; b++)
            if (busiest[b] < 0 || iv->arrivals > sc->iv[busiest[b]].arrivals) {
                for (int j = 2; j > b; j--)
                    busiest[j] = busiest[j - 1];
                busiest[b] = k;
                break;
            }
    }
    print_message("  with the probe, of %d binding intervals %d fail a norm and %d are too close "
                  "to call\n", binding, failed, doubtful);
    assert_int_equal(open, 5 * 20);
    for (int b = 0; b < 3; b++) {
        int k = busiest[b];
        assert_true(k >= 0);
        struct estimate sl, ab, wt;
        assert_int_equal(staffing_interval_figures(&probe, 0, k, &sl, &ab, &wt), 0);
        int close, meets = staffing_meets(t, &sl, &ab, &wt, &close);
        char label[32];
        results_interval_label(&m, k, label, sizeof label);
        print_message("  %s: %d agents meet %.3f; the probe's %d give %.3f ± %.3f\n", label,
                      sc->iv[k].required, sc->iv[k].service_level.mean, sc->iv[k].required - 1,
                      sl.mean, sl.ci95);
        assert_true(!meets || close);
    }
    experiment_free(&probe);
    staffing_free(&plan);
}

/* The agents answering in each row of staffing.cfg's week: its staffing table checked
 * against staffing.csv's covered agents less shrinkage (0.3 in staff_peak.cfg). */
static void check_planned_week(const char *dir)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/staffing.cfg", dir);
    static struct model planned;
    struct scenario_errors err;
    int rc = scenario_load(path, &planned, &err);
    for (size_t i = 0; i < err.n; i++)
        print_error("%s\n", err.lines[i]);
    scenario_errors_free(&err);
    assert_int_equal(rc, 0);
    snprintf(path, sizeof path, "%s/staffing.csv", dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[512];
    int rows = 0;
    assert_non_null(fgets(line, sizeof line, f));
    while (fgets(line, sizeof line, f)) {
        int week, erlang, required, covered;
        double start, arrivals, rostered;
        char label[32], label2[32];
        assert_int_equal(sscanf(line, "%d,phone,%lf,%31s %31[^,],%lf,%d,%d,%lf,%d", &week, &start,
                                label, label2, &arrivals, &erlang, &required, &rostered,
                                &covered), 9);
        assert_int_equal(week, 1);
        assert_close(rostered, required / 0.7, 1e-4);
        assert_true(covered >= ceil(required / 0.7 - 1e-9));
        /* covered: the fewer of the interval's two quarter hours */
        int a = planned.channels[0].week.agents[schedule_slot(start)];
        int b = planned.channels[0].week.agents[schedule_slot(start) + 1];
        int answering = a < b ? a : b;
        assert_int_equal(answering, (int)floor(covered * 0.7 + 1e-9));
        assert_true(answering >= required);
        rows++;
    }
    fclose(f);
    assert_int_equal(rows, 100);
}

/*
 * The JSON's roster (staff_peak's one channel): days off together, one entry per line, each
 * a run of days, and the lines' paid hours adding up to the plan's: every shift is on one line.
 */
static void check_json_roster(const char *json, double paid)
{
    assert_non_null(strstr(json, "\"days_off\": \"together\""));
    const char *p = strstr(json, "\"roster_lines\": ");
    assert_non_null(p);
    int lines = 0;
    sscanf(p, "\"roster_lines\": %d", &lines);
    assert_true(lines > 0);
    const char *r = strstr(json, "\"roster\": [");
    assert_non_null(r);
    const char *end = strchr(r, ']');     /* a line's week is an object, not an array */
    int n = 0;
    double sum = 0.0;
    for (const char *q = strstr(r, "\"days\": \""); q && q < end; q = strstr(q + 1, "\"days\": \"")) {
        const char *v = q + strlen("\"days\": \""), *close = strchr(v, '"');
        assert_null(memchr(v, ',', (size_t)(close - v)));      /* "mon-fri", not "mon, wed" */
        double h = 0.0;
        sscanf(strstr(q, "\"paid_h\": "), "\"paid_h\": %lf", &h);
        sum += h;
        n++;
    }
    assert_int_equal(n, lines);
    assert_close(sum, paid, 1e-9 * paid);
}

/* The workbook's roster names each line's days, as the JSON's first line has them. */
static void check_workbook_roster(const char *dir, const char *json)
{
    if (system("command -v unzip >/dev/null 2>&1") != 0)
        return;     /* scripts/setup installs unzip; the zip's signature is checked below */
    char cmd[1200], days[80];
    snprintf(cmd, sizeof cmd, "unzip -p '%s/staffing.xlsx' xl/sharedStrings.xml", dir);
    int status;
    char *strings = testutil_capture(cmd, &status);
    assert_int_equal(status, 0);
    const char *q = strstr(json, "\"days\": \"");
    assert_non_null(q);
    assert_int_equal(sscanf(q, "\"days\": \"%70[^\"]\"", days + 3), 1);
    memcpy(days, "<t>", 3);
    strcat(days, "</t>");
    assert_non_null(strstr(strings, "<t>days</t>"));
    assert_non_null(strstr(strings, days));
    free(strings);
}

/*
 * chanmix staff --week 1 --out: the JSON, the files (CSV, roster, workbook,
 * report) and a scenario that runs with the shifts less shrinkage as its
 * staffing.
 */
static void test_plan_runs_as_staffing(void **state)
{
    (void)state;
    char dir[] = "/tmp/chanmix-staff-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char cmd[2048];
    int status;
    snprintf(cmd, sizeof cmd, "'%s' staff '%s/tests/scenarios/staff_peak.cfg' --week 1 --quiet "
             "--json --out '%s'", CHANMIX_BINARY, CHANMIX_SOURCE_DIR, dir);
    char *json = testutil_capture(cmd, &status);
    assert_int_equal(status, 0);
    assert_non_null(strstr(json, "\"weeks_in_horizon\": 2"));
    assert_non_null(strstr(json, "\"peak_week\": 1"));
    assert_non_null(strstr(json, "\"required\": "));
    assert_non_null(strstr(json, "\"rostered\": "));
    assert_non_null(strstr(json, "\"breaks\": ["));
    double paid = 0, fte = 0;
    const char *p = strstr(json, "\"paid_hours\": ");
    assert_non_null(p);
    sscanf(p, "\"paid_hours\": %lf", &paid);
    p = strstr(json, "\"fte\": ");
    assert_non_null(p);
    sscanf(p, "\"fte\": %lf", &fte);
    assert_close(fte, paid / 36.0, 1e-6 * paid);
    check_json_roster(json, paid);
    check_workbook_roster(dir, json);
    free(json);
    check_planned_week(dir);
    static const char *const files[] = { "roster.csv", "shifts.csv", "staffing.xlsx",
                                         "report.html", "staffing.json" };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        size_t len = 0;
        char *text = testutil_slurp(path, &len);
        assert_non_null(text);
        assert_true(len > 100);
        if (i == 2)
            assert_memory_equal(text, "PK", 2);      /* a zip, as .xlsx files are */
        if (i == 3) {
            /* the answer first, and no markup of the page's own escaped into text */
            const char *summary = strstr(text, "<h2 id=\"summary\">In short</h2>");
            assert_non_null(summary);
            assert_true(summary < strstr(text, "<h2 id=\"weeks\">"));
            assert_non_null(strstr(summary, "<li><strong>To meet every norm in week"));
            assert_null(strstr(text, "&lt;p"));
            assert_null(strstr(text, "&lt;li"));
            assert_null(strstr(text, "&lt;/"));
        }
        free(text);
    }
    snprintf(cmd, sizeof cmd, "'%s' run '%s/staffing.cfg' --quiet --replications 2 --json >/dev/null && rm -rf '%s'",
             CHANMIX_BINARY, dir, dir);
    assert_int_equal(system(cmd), 0);
}

/* Citizens drawn once and copied give exactly the results of drawing them in each run. */
static void test_shared_citizens_change_nothing(void **state)
{
    (void)state;
    static struct model m;
    testutil_load("tests/scenarios/citizens.cfg", &m);
    struct population_set set;
    assert_int_equal(population_set_build(&set, &m, 3, 0), 0);
    struct experiment a, b;
    assert_int_equal(experiment_run(&a, &m, 3, 0, NULL, NULL), 0);
    assert_int_equal(experiment_run_with(&b, &m, 3, 0, NULL, NULL, &set), 0);
    assert_int_equal(a.ix.layout->n, b.ix.layout->n);
    assert_memory_equal(a.values, b.values, a.ix.layout->n * 3 * sizeof *a.values);
    experiment_free(&a);
    experiment_free(&b);
    population_set_free(&set);
}

int main(void)
{
    if (getenv("CHANMIX_TEST_FILTER"))
        cmocka_set_test_filter(getenv("CHANMIX_TEST_FILTER"));
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stationary_requirement_is_erlang_a),
        cmocka_unit_test(test_norm_threshold_is_planned_and_checked),
        cmocka_unit_test(test_peak_week_plan),
        cmocka_unit_test(test_plan_runs_as_staffing),
        cmocka_unit_test(test_shared_citizens_change_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
