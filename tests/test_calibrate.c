/*
 * Calibration: the fit recovers shares a scenario with known constants
 * generated, from constants off by +-1, within tolerance and in a stated
 * number of rounds; with a period it recovers the volume too.  Requests
 * that cannot be fitted are refused before any simulation.
 *
 * The "observed" figures are the means of a simulation of the true model
 * (tests/scenarios/calibrate.cfg) on the scenario's seed: the fit runs on
 * the same seed and population, so the true constants reproduce them
 * exactly and the fit has a fixed point to find.  Tolerances are the
 * default: 2 percentage points, or the share's 95% interval where wider.
 */
#include "testutil.h"
#include "models/calibrate.h"

/* Rounds (simulations) the fits below need at most; they take 3 to 5. */
#define MAX_ROUNDS_STATED 8

static struct model truth;

static int setup(void **state)
{
    (void)state;
    testutil_load("tests/scenarios/calibrate.cfg", &truth);
    return 0;
}

/* Contacts of group (kind, g) on channel c, mean over the replications of e. */
static double group_contacts(const struct experiment *e, enum group_kind kind, int g, int c)
{
    size_t n = e->ix.layout->n;
    long a = results_group(&e->ix, kind, g, GS_CONTACTS), b = results_share(&e->ix, kind, g, c);
    assert_true(a >= 0 && b >= 0);
    double sum = 0.0;
    for (int rep = 0; rep < e->replications; rep++)
        sum += e->values[(size_t)rep * n + (size_t)a] * e->values[(size_t)rep * n + (size_t)b];
    return sum / e->replications;
}

/* Contacts offered on channel c, mean over the replications. */
static double offered(const struct experiment *e, int c)
{
    long i = results_channel(&e->ix, c, CS_OFFERED);
    assert_true(i >= 0);
    return e->summary[i].mean;
}

/* Constants off by +1 and -1 in turn, by segment and channel. */
static void perturb(struct model *m)
{
    for (int s = 0; s < m->n_segments; s++)
        for (int c = 0; c < m->n_channels; c++)
            m->segments[s].asc[c] += (s + c) % 2 ? -1.0 : 1.0;
}

/* Mean absolute distance from the true constants, each segment's taken relative to its
 * mean (a logit's constants are known up to a shift per segment). */
static double distance_to_truth(const struct model *m)
{
    double sum = 0.0;
    for (int s = 0; s < m->n_segments; s++) {
        double a = 0.0, b = 0.0;
        for (int c = 0; c < m->n_channels; c++) {
            a += m->segments[s].asc[c] / m->n_channels;
            b += truth.segments[s].asc[c] / m->n_channels;
        }
        for (int c = 0; c < m->n_channels; c++)
            sum += fabs((m->segments[s].asc[c] - a) - (truth.segments[s].asc[c] - b));
    }
    return sum / (m->n_segments * m->n_channels);
}

static void print_fit(const struct calibrate_result *r)
{
    print_message("  %d rounds:", r->rounds);
    for (int k = 0; k < r->rounds; k++)
        print_message(" %.2f", r->history[k].worst);
    print_message("\n");
}

/* Every target of the kept round within its tolerance, and in the rounds stated. */
static void assert_fitted(int rc, const struct calibrate_result *r)
{
    print_fit(r);
    assert_int_equal(rc, 0);
    assert_true(r->fits);
    assert_int_equal(r->best, r->rounds);
    assert_true(r->rounds <= MAX_ROUNDS_STATED);
    for (int i = 0; i < r->n_targets; i++) {
        const struct calibrate_target *t = &r->targets[i];
        assert_true(t->tolerance >= 0.02 * (t->channel == CALIBRATE_TOTAL ? t->observed : 1.0));
        assert_true(fabs(t->sim.mean - t->observed) <= t->tolerance);
    }
}

static const struct calibrate_options defaults = { 0.02, 0.0, MAX_ROUNDS_STATED, 0, 0 };

/* Counts per segment and channel, as a survey by segment gives them. */
static void test_recovers_segment_shares(void **state)
{
    (void)state;
    struct experiment e;
    assert_int_equal(experiment_run(&e, &truth, 0, 0, NULL, NULL), 0);
    static struct calibrate_observed obs;
    memset(&obs, 0, sizeof obs);
    snprintf(obs.file, sizeof obs.file, "truth");
    for (int s = 0; s < truth.n_segments; s++) {
        struct calibrate_group *g = &obs.g[obs.n++];
        *g = (struct calibrate_group){ .level = CALIBRATE_SEGMENT, .index = s, .first_line = 2 };
        for (int c = 0; c < truth.n_channels; c++) {
            g->listed[c] = 1;
            g->value[c] = group_contacts(&e, GROUP_SEGMENT, s, c);
        }
    }
    experiment_free(&e);
    static struct model start;
    start = truth;
    perturb(&start);
    char err[600];
    assert_int_equal(calibrate_check(&start, &obs, &defaults, err, sizeof err), 0);
    struct calibrate_result r;
    int rc = calibrate_run(&start, &obs, &defaults, NULL, NULL, &r);
    assert_fitted(rc, &r);
    assert_int_equal(r.n_targets, truth.n_segments * truth.n_channels);
    assert_true(r.history[0].worst > 1.0);          /* the start was off */
    double before = distance_to_truth(&start), after = distance_to_truth(r.fitted);
    print_message("  constants off by %.3f on average, then %.3f\n", before, after);
    assert_true(after < 0.25 * before);
    calibrate_free(&r);
}

/* Channel totals of all citizens over the run's days, from a start with 30% too few needs. */
static void test_recovers_totals_and_volumes(void **state)
{
    (void)state;
    struct experiment e;
    assert_int_equal(experiment_run(&e, &truth, 0, 0, NULL, NULL), 0);
    static struct calibrate_observed obs;
    memset(&obs, 0, sizeof obs);
    snprintf(obs.file, sizeof obs.file, "truth");
    struct calibrate_group *g = &obs.g[obs.n++];
    *g = (struct calibrate_group){ .level = CALIBRATE_ALL, .index = -1, .first_line = 2 };
    for (int c = 0; c < truth.n_channels; c++) {
        g->listed[c] = 1;
        g->value[c] = offered(&e, c);
    }
    experiment_free(&e);
    static struct model start;
    start = truth;
    perturb(&start);
    for (int v = 0; v < start.n_services; v++)
        start.services[v].per_1000_year *= 0.7;
    struct calibrate_options o = defaults;
    o.period_days = (truth.horizon_s - truth.warmup_s) / 86400.0;
    char err[600];
    assert_int_equal(calibrate_check(&start, &obs, &o, err, sizeof err), 0);
    struct calibrate_result r;
    int rc = calibrate_run(&start, &obs, &o, NULL, NULL, &r);
    assert_fitted(rc, &r);
    assert_int_equal(r.n_targets, truth.n_channels + 1);
    assert_int_equal(r.targets[truth.n_channels].channel, CALIBRATE_TOTAL);
    for (int v = 0; v < truth.n_services; v++) {
        double k = r.fitted->services[v].per_1000_year / truth.services[v].per_1000_year;
        print_message("  %s: volume %.4f of the true one\n", truth.services[v].name, k);
        assert_true(r.set_volume[v]);
        assert_true(fabs(k - 1.0) < 0.05);
    }
    calibrate_free(&r);
}

/* Shares of one service (a survey) beside counts of all citizens: half steps. */
static void test_recovers_service_shares_beside_all(void **state)
{
    (void)state;
    struct experiment e;
    assert_int_equal(experiment_run(&e, &truth, 0, 0, NULL, NULL), 0);
    static struct calibrate_observed obs;
    memset(&obs, 0, sizeof obs);
    snprintf(obs.file, sizeof obs.file, "truth");
    struct calibrate_group *all = &obs.g[obs.n++], *svc = &obs.g[obs.n++];
    *all = (struct calibrate_group){ .level = CALIBRATE_ALL, .index = -1, .first_line = 2 };
    *svc = (struct calibrate_group){ .level = CALIBRATE_SERVICE, .index = 1, .shares = 1,
                                     .first_line = 3 };
    for (int c = 0; c < truth.n_channels; c++) {
        all->listed[c] = 1;
        all->value[c] = offered(&e, c);
    }
    double sum = 0.0;
    for (int c = 0; c < truth.n_channels; c++)
        sum += group_contacts(&e, GROUP_SERVICE, 1, c);
    for (int c = 0; c < 2; c++) {       /* desk and phone only: web and app share the rest */
        svc->listed[c] = 1;
        svc->value[c] = group_contacts(&e, GROUP_SERVICE, 1, c) / sum;
    }
    experiment_free(&e);
    static struct model start;
    start = truth;
    perturb(&start);
    struct calibrate_options o = defaults;
    o.max_rounds = CALIBRATE_MAX_ROUNDS;
    struct calibrate_result r;
    int rc = calibrate_run(&start, &obs, &o, NULL, NULL, &r);
    print_fit(&r);
    assert_int_equal(rc, 0);
    assert_true(r.step == 0.5);
    assert_int_equal(r.n_targets, truth.n_channels + 3);    /* all 4, desk, phone, others */
    assert_int_equal(r.targets[r.n_targets - 1].channel, CALIBRATE_OTHERS);
    assert_true(r.set_service_asc[1][0] && r.set_service_asc[1][3] && !r.set_service_asc[0][0]);
    assert_true(r.rounds <= 2 * MAX_ROUNDS_STATED);
    calibrate_free(&r);
}

/* Counts of all citizens beside a survey of one segment: the rows of all citizens move the
 * other segment's constants, with the larger steps its smaller leverage needs. */
static void test_recovers_all_beside_a_segment(void **state)
{
    (void)state;
    struct experiment e;
    assert_int_equal(experiment_run(&e, &truth, 0, 0, NULL, NULL), 0);
    static struct calibrate_observed obs;
    memset(&obs, 0, sizeof obs);
    snprintf(obs.file, sizeof obs.file, "truth");
    struct calibrate_group *all = &obs.g[obs.n++], *seg = &obs.g[obs.n++];
    *all = (struct calibrate_group){ .level = CALIBRATE_ALL, .index = -1, .first_line = 2 };
    *seg = (struct calibrate_group){ .level = CALIBRATE_SEGMENT, .index = 1, .shares = 1,
                                     .first_line = 3 };
    double sum = 0.0;
    for (int c = 0; c < truth.n_channels; c++)
        sum += group_contacts(&e, GROUP_SEGMENT, 1, c);
    for (int c = 0; c < truth.n_channels; c++) {
        all->listed[c] = seg->listed[c] = 1;
        all->value[c] = offered(&e, c);
        seg->value[c] = group_contacts(&e, GROUP_SEGMENT, 1, c) / sum;
    }
    experiment_free(&e);
    static struct model start;
    start = truth;
    perturb(&start);
    struct calibrate_result r;
    int rc = calibrate_run(&start, &obs, &defaults, NULL, NULL, &r);
    assert_fitted(rc, &r);
    assert_true(r.step == 1.0);
    for (int c = 0; c < truth.n_channels; c++)
        assert_true(r.set_asc[0][c] && r.set_asc[1][c]);
    double before = distance_to_truth(&start), after = distance_to_truth(r.fitted);
    print_message("  constants off by %.3f on average, then %.3f\n", before, after);
    assert_true(after < 0.25 * before);
    calibrate_free(&r);
}

/* A group of observed rows for the refusals below. */
static struct calibrate_group *add(struct calibrate_observed *o, enum calibrate_level level,
                                   int index, int shares, const double *v)
{
    struct calibrate_group *g = &o->g[o->n++];
    *g = (struct calibrate_group){ .level = level, .index = index, .shares = shares,
                                   .first_line = 10 * o->n };
    for (int c = 0; c < truth.n_channels; c++)
        if (v[c] >= 0) {
            g->listed[c] = 1;
            g->value[c] = v[c];
            g->line[c] = 10 * o->n + c;
        }
    return g;
}

/* calibrate_check's answer for obs, printed; returns whether err contains want. */
static int refused(const struct model *m, struct calibrate_observed *obs,
                   const struct calibrate_options *o, const char *want)
{
    char err[600];
    snprintf(obs->file, sizeof obs->file, "seen.csv");
    int rc = calibrate_check(m, obs, o, err, sizeof err);
    print_message("  %s\n", rc ? err : "(accepted)");
    return rc == -1 && strstr(err, want) != NULL;
}

static void test_refuses_what_cannot_be_fitted(void **state)
{
    (void)state;
    static struct calibrate_observed obs;
    const struct calibrate_options o = defaults;
    /* desk, phone, web, app; -1: no row */
    memset(&obs, 0, sizeof obs);
    add(&obs, CALIBRATE_SERVICE, 0, 0, (double[]){ 10, 20, 30, 5 });  /* permit has no app */
    assert_true(refused(&truth, &obs, &o, "seen.csv:13: channel 'app' is observed for service "
                        "permit, but the service is not offered there"));
    memset(&obs, 0, sizeof obs);
    add(&obs, CALIBRATE_SEGMENT, 1, 1, (double[]){ 0.5, 0.4, 0.2, -1 });
    assert_true(refused(&truth, &obs, &o, "seen.csv:10: the shares of segment offline sum to "
                        "1.100, above 1"));
    memset(&obs, 0, sizeof obs);
    add(&obs, CALIBRATE_SEGMENT, 0, 1, (double[]){ 0.2, 0.3, 0.2, 0.2 });
    assert_true(refused(&truth, &obs, &o, "must sum to 1"));
    memset(&obs, 0, sizeof obs);
    add(&obs, CALIBRATE_ALL, -1, 0, (double[]){ 10, 20, 30, 5 });
    add(&obs, CALIBRATE_SEGMENT, 0, 0, (double[]){ 10, 20, 30, 5 });
    add(&obs, CALIBRATE_SEGMENT, 1, 0, (double[]){ 10, 20, 30, 5 });
    assert_true(refused(&truth, &obs, &o, "seen.csv:10: every segment has rows of its own"));
    memset(&obs, 0, sizeof obs);
    add(&obs, CALIBRATE_ALL, -1, 0, (double[]){ -1, 20, -1, -1 });
    assert_true(refused(&truth, &obs, &o, "counts for one channel only"));
    memset(&obs, 0, sizeof obs);
    add(&obs, CALIBRATE_ALL, -1, 0, (double[]){ 0, 0, 0, -1 });
    assert_true(refused(&truth, &obs, &o, "are all 0"));
    memset(&obs, 0, sizeof obs);
    add(&obs, CALIBRATE_SEGMENT, 0, 0, (double[]){ 10, 20, 30, 5 });
    struct calibrate_options period = o;
    period.period_days = 7.0;
    assert_true(refused(&truth, &obs, &period, "--period-days: no totals to match"));
    static struct model m;
    m = truth;
    m.segments[1].p_smartphone = 0.0;
    memset(&obs, 0, sizeof obs);
    add(&obs, CALIBRATE_SEGMENT, 1, 0, (double[]){ 10, 20, 30, 5 });
    assert_true(refused(&m, &obs, &o, "channel 'app' is observed for segment offline, but no service these citizens need offers it, or none of "
                        "them has a smartphone"));
    /* a count of 0 where the channel is not offered is no request: accepted */
    memset(&obs, 0, sizeof obs);
    add(&obs, CALIBRATE_SERVICE, 0, 0, (double[]){ 10, 20, 30, 0 });
    assert_false(refused(&truth, &obs, &o, ""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recovers_segment_shares),
        cmocka_unit_test(test_recovers_totals_and_volumes),
        cmocka_unit_test(test_recovers_all_beside_a_segment),
        cmocka_unit_test(test_recovers_service_shares_beside_all),
        cmocka_unit_test(test_refuses_what_cannot_be_fitted),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
