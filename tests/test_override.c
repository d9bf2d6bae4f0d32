/*
 * Settings set by path before loading (scenarios/override.c): what a path
 * names, each way a path can be wrong and the words that say so, integers
 * rounded, a setting the file leaves out, a mix's other shares rescaled,
 * and the loader's own checks still applied to the values set.
 */
#include "testutil.h"
#include "scenarios/override.h"

static char baseline[1024], erlang[1024];

static int setup(void **state)
{
    (void)state;
    snprintf(baseline, sizeof baseline, "%s/scenarios/baseline.cfg", CHANMIX_SOURCE_DIR);
    snprintf(erlang, sizeof erlang, "%s/tests/scenarios/sweep_erlang.cfg", CHANMIX_SOURCE_DIR);
    return 0;
}

static void describes(const char *file, const char *path, int integer, int present, int mix)
{
    struct override_target t;
    char err[2048];
    if (scenario_describe_setting(file, path, &t, err, sizeof err) != 0)
        fail_msg("%s: %s", path, err);
    assert_int_equal(t.integer, integer);
    assert_int_equal(t.present, present);
    assert_int_equal(t.mix, mix);
}

static void refuses(const char *file, const char *path, const char *words)
{
    struct override_target t;
    char err[2048];
    assert_int_equal(scenario_describe_setting(file, path, &t, err, sizeof err), -1);
    if (!strstr(err, words))
        fail_msg("%s: expected \"%s\" in \"%s\"", path, words, err);
}

static void test_describe(void **state)
{
    (void)state;
    describes(baseline, "channels.phone.handling.mean_s", 0, 1, 0);
    describes(baseline, "channels.phone.agents", 1, 1, 0);
    describes(baseline, "segments.seniors.patience", 0, 1, 0);
    describes(baseline, "segments.seniors.share", 0, 1, 1);
    describes(baseline, "segments.seniors.types.certainty", 0, 1, 1);
    describes(baseline, "channels.desk.staffing[0].agents", 1, 1, 0);
    describes(erlang, "arrivals[0].per_interval", 0, 1, 0);
    /* known to the loader in a group the file has, though the file leaves it out */
    describes(erlang, "channels.phone.handling.cv", 0, 0, 0);
    describes(baseline, "channels.phone.handling.shape", 0, 0, 0);
}

static void test_refusals(void **state)
{
    (void)state;
    refuses(baseline, "channels.phone.handlng.mean_s",
            "unknown setting channels.phone.handlng; did you mean "
            "'channels.phone.handling.mean_s'?");
    refuses(baseline, "channels.phone.agnets", "did you mean 'channels.phone.agents'?");
    refuses(baseline, "channels.fax.agents",
            "channels has no item named 'fax' (items: desk, phone, chat, web, app)");
    refuses(baseline, "channels.desk.staffing[7].agents", "has no item [7]");
    refuses(baseline, "channels.phone.kind", "not a number: it is a string");
    refuses(baseline, "channels.phone.handling", "not a number: it is a group");
    refuses(baseline, "demand.weekday", "not a number: it is an array");
    refuses(baseline, "seed", "run control");
    refuses(baseline, "planning.replications", "run control");
    refuses(baseline, "choice.steer.web", "choice.steer is not in the scenario");
    refuses(baseline, "channels.phone.agents.x", "is a number, with no member 'x'");
    refuses(baseline, "channels..agents", "is not a setting's path");
}

static void load_with(const char *file, const struct override *ov, int n, struct model *m)
{
    struct scenario_errors e;
    int rc = scenario_load_with(file, ov, n, m, &e);
    for (size_t i = 0; i < e.n; i++)
        print_error("%s\n", e.lines[i]);
    scenario_errors_free(&e);
    assert_int_equal(rc, 0);
}

static void test_apply(void **state)
{
    (void)state;
    struct model *m = malloc(sizeof *m), *ref = malloc(sizeof *ref);
    testutil_load("scenarios/baseline.cfg", ref);
    const struct override ov[] = {
        { "channels.phone.agents", 11.0, 1 },
        { "channels.phone.handling.mean_s", 333.5, 0 },
        { "segments.seniors.patience", 0.7, 0 },
        { "channels.phone.handling.shape", 2.0, 0 },    /* absent from the file */
        { "channels.desk.staffing[0].agents", 3.0, 1 },
    };
    load_with(baseline, ov, 5, m);
    int phone = model_find_channel(m, "phone"), seniors = model_find_segment(m, "seniors");
    assert_int_equal(m->channels[phone].agents, 11);
    assert_close(m->channels[phone].handling.mean, 333.5, 0);
    assert_close(m->segments[seniors].patience_mult, 0.7, 0);
    assert_close(m->channels[phone].handling.shape, 2.0, 0);
    /* everything else as written */
    assert_int_equal(m->channels[model_find_channel(m, "chat")].agents,
                     ref->channels[model_find_channel(ref, "chat")].agents);
    assert_close(m->choice.b_wait, ref->choice.b_wait, 0);
    model_release(m);
    model_release(ref);
    free(m);
    free(ref);
}

/* Setting one share rescales the mix's others in proportion, so it still sums to 1. */
static void test_mix_rule(void **state)
{
    (void)state;
    struct model *m = malloc(sizeof *m), *ref = malloc(sizeof *ref);
    testutil_load("scenarios/baseline.cfg", ref);
    int s = model_find_segment(ref, "seniors");
    const struct override ov[] = { { "segments.seniors.share", 0.5, 0 },
                                   { "segments.seniors.types.certainty", 0.1, 0 } };
    load_with(baseline, ov, 2, m);
    double sum = 0, others = 1.0 - ref->segments[s].share;
    for (int g = 0; g < m->n_segments; g++) {
        sum += m->segments[g].share;
        if (g != s)
            assert_close(m->segments[g].share, ref->segments[g].share * 0.5 / others, 1e-12);
    }
    assert_close(m->segments[s].share, 0.5, 0);
    assert_close(sum, 1.0, 1e-12);
    const double *t = m->segments[s].type_mix, *t0 = ref->segments[s].type_mix;
    double rest = 1.0 - t0[TYPE_CERTAINTY];
    assert_close(t[TYPE_CERTAINTY], 0.1, 0);
    assert_close(t[TYPE_INFORMATION], t0[TYPE_INFORMATION] * 0.9 / rest, 1e-12);
    assert_close(t[TYPE_CONVENIENCE], t0[TYPE_CONVENIENCE] * 0.9 / rest, 1e-12);
    model_release(m);

    /* shares set above 1 together cannot be made room for */
    const struct override two[] = { { "segments.seniors.share", 0.7, 0 },
                                    { "segments.young.share", 0.6, 0 } };
    struct scenario_errors e;
    assert_int_equal(scenario_load_with(baseline, two, 2, m, &e), -1);
    assert_true(e.n >= 1 && strstr(e.lines[0], "the shares set sum to 1.3"));
    scenario_errors_free(&e);
    model_release(ref);
    free(m);
    free(ref);
}

/* The loader's checks apply to a value set by path, with the setting's path. */
static void test_loader_checks_values(void **state)
{
    (void)state;
    struct model *m = malloc(sizeof *m);
    struct scenario_errors e;
    const struct override ov[] = { { "channels.phone.agents", -2.0, 1 } };
    assert_int_equal(scenario_load_with(baseline, ov, 1, m, &e), -1);
    assert_true(e.n == 1 && strstr(e.lines[0], "channels.phone.agents: must be >= 0, got -2"));
    scenario_errors_free(&e);
    free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_describe),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_apply),
        cmocka_unit_test(test_mix_rule),
        cmocka_unit_test(test_loader_checks_values),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
