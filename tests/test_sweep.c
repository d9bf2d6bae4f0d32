/*
 * chanmix sweep end to end: Sobol indices of a simulated Erlang C line
 * against those of the analytic function, the share of worlds where a
 * dominating scenario wins (exactly all of them), the same bytes on any
 * number of threads, each bad --vary refused with exit status 2 before
 * anything is simulated, and the files, charts and report of --out.
 */
#include <unistd.h>
#include "reportutil.h"
#include "models/erlang.h"
#include "models/sweep_analysis.h"
#include "scenarios/override.h"

static char erlang_cfg[1024];

static int setup(void **state)
{
    (void)state;
    snprintf(erlang_cfg, sizeof erlang_cfg, "%s/tests/scenarios/sweep_erlang.cfg",
             CHANMIX_SOURCE_DIR);
    return testutil_tmpdir(tmpdir, sizeof tmpdir, "sweep");
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmtree(tmpdir);
}

/* ---- the Erlang C line through the library ---- */

struct erlang_sweep {
    const struct sweep_spec *spec;
    const struct sweep_design *d;
};

static int load_point(void *ctx, int point, int s, struct model *m, char *err, size_t size)
{
    const struct erlang_sweep *es = ctx;
    struct override ov[SWEEP_MAX_PARAMS];
    struct scenario_errors e;
    (void)s;
    for (int i = 0; point >= 0 && i < es->spec->n_params; i++)
        ov[i] = (struct override){ es->spec->params[i].path,
                                   es->d->value[(size_t)point * es->d->k + i], 0 };
    int rc = scenario_load_with(erlang_cfg, ov, point >= 0 ? es->spec->n_params : 0, m, &e);
    snprintf(err, size, "%s", e.n ? e.lines[0] : "");
    scenario_errors_free(&e);
    return rc;
}

/* The probability of waiting (which = 0) or the occupancy (1) of M/M/14 at (h, x). */
static double analytic(int which, double h, double x)
{
    struct erlang_result r;
    assert_int_equal(erlang_c(x / 1800.0, h, 14, 20.0, &r), 0);
    return which ? r.occupancy : r.p_wait;
}

/* First-order and total indices of (h, x) uniform on the sweep's ranges, by quadrature. */
static void analytic_indices(int which, double s1[2], double st[2])
{
    enum { G = 300 };
    static double f[G][G];
    double mean = 0, m2 = 0, row[G] = { 0 }, col[G] = { 0 };
    for (int i = 0; i < G; i++)
        for (int j = 0; j < G; j++) {
            f[i][j] = analytic(which, 150.0 + 50.0 * (i + 0.5) / G, 80.0 + 30.0 * (j + 0.5) / G);
            mean += f[i][j];
            m2 += f[i][j] * f[i][j];
            row[i] += f[i][j] / G;      /* E[f | h] */
            col[j] += f[i][j] / G;      /* E[f | x] */
        }
    mean /= G * G;
    double var = m2 / (G * G) - mean * mean, vh = 0, vx = 0;
    for (int i = 0; i < G; i++) {
        vh += (row[i] - mean) * (row[i] - mean) / G;
        vx += (col[i] - mean) * (col[i] - mean) / G;
    }
    s1[0] = vh / var;
    s1[1] = vx / var;
    st[0] = 1.0 - s1[1];    /* two inputs: what x does not explain alone */
    st[1] = 1.0 - s1[0];
}

static void test_erlang_indices(void **state)
{
    (void)state;
    struct model *m = malloc(sizeof *m);
    testutil_load("tests/scenarios/sweep_erlang.cfg", m);
    struct sweep_spec spec = m->sweep;
    struct sweep_design d;
    char err[512];
    assert_int_equal(sweep_design_build(&d, &spec, m->seed, err, sizeof err), 0);
    struct erlang_sweep es = { &spec, &d };
    const char *paths[2] = { "channels.phone.p_wait", "channels.phone.occupancy" };
    struct sweep_job job = { .n_points = d.n, .n_scenarios = 1, .replications = spec.replications,
                             .threads = 0, .n_figures = 2, .paths = paths, .load = load_point,
                             .ctx = &es };
    struct sweep_results res;
    struct sweep_analysis an;
    assert_int_equal(sweep_run(&job, &res, err, sizeof err), 0);
    assert_int_equal(sweep_analyse(&an, &d, &res, 2, 0, NULL, m->seed, err, sizeof err), 0);
    for (int which = 0; which < 2; which++) {
        double s1[2], st[2];
        analytic_indices(which, s1, st);
        const struct sweep_output *o = &an.out[which];
        for (int i = 0; i < 2; i++) {
            print_message("  %s, %s: S1 %.3f [%.3f, %.3f] analytic %.3f; ST %.3f [%.3f, %.3f] "
                          "analytic %.3f\n", paths[which], spec.params[i].path, o->first[i].value,
                          o->first[i].lo, o->first[i].hi, s1[i], o->total[i].value,
                          o->total[i].lo, o->total[i].hi, st[i]);
            assert_true(o->first[i].lo <= s1[i] && s1[i] <= o->first[i].hi);
            assert_true(o->total[i].lo <= st[i] && st[i] <= o->total[i].hi);
        }
        /* the simulation agrees with Erlang C over the points, within one point's noise */
        double exact = 0;
        for (int p = 0; p < d.n; p++)
            exact += analytic(which, d.value[p * 2], d.value[p * 2 + 1]) / d.n;
        print_message("  %s: mean over the points %.4f, Erlang C %.4f, noise ± %.4f\n",
                      paths[which], o->mean, exact, o->noise);
        assert_close(o->mean, exact, o->noise);
    }
    sweep_analysis_free(&an);
    sweep_results_free(&res);
    sweep_design_free(&d);
    model_release(m);
    free(m);
}

/* ---- the command ---- */

static void expect_refusal(const char *args, const char *words, const char *name)
{
    char full[4096], out[600];
    snprintf(out, sizeof out, "%s/out-%s", tmpdir, name);
    snprintf(full, sizeof full, "sweep '%s' %s --quiet --out '%s'", erlang_cfg, args, out);
    int rc = chanmix(NULL, full, name);
    char *err = stderr_of(name), file[300];
    if (rc != 2 || !strstr(err, words))
        fail_msg("sweep %s: exit %d, expected 2 and \"%s\" in:\n%s", args, rc, words, err);
    snprintf(file, sizeof file, "%s.out", name);
    char *so = slurp_in(tmpdir, file, NULL);
    assert_string_equal(so, "");       /* nothing simulated, nothing said on stdout */
    assert_false(file_exists(out) || access(out, F_OK) == 0);
    free(so);
    free(err);
}

static void test_bad_vary_exits_2(void **state)
{
    (void)state;
    expect_refusal("--vary channels.phone.handlng.mean_s=150:200",
                   "did you mean 'channels.phone.handling.mean_s'?", "unknown");
    expect_refusal("--vary channels.phone.kind=1:2", "not a number: it is a string",
                   "not-number");
    expect_refusal("--vary channels.phone.handling.mean_s=200:150",
                   "LOW (200) must be below HIGH (150)", "low-high");
    expect_refusal("--vary channels.fax.agents=10:12",
                   "channels has no item named 'fax' (items: phone)", "no-item");
    expect_refusal("--vary 'arrivals[3].per_interval=10:12'", "arrivals has no item [3]",
                   "no-position");
    expect_refusal("--vary channels.phone.agents=-2:14",
                   "channels.phone.agents: must be >= 0, got -2", "loader-range");
    expect_refusal("--vary seed=1:9", "run control", "run-control");
    expect_refusal("--vary channels.phone.agents=a:b", "LOW and HIGH must be numbers", "nan");
    expect_refusal("--metric channels.phone.p_wiat", "did you mean 'channels.phone.p_wait'?",
                   "metric");
    expect_refusal("--method grid", "--method: must be lhs, sobol or morris", "method");
}

/* The same seed gives the same bytes on 1, 2 and 3 threads. */
static void test_threads_deterministic(void **state)
{
    (void)state;
    static const char *const files[] = { "summary.json", "points.csv", "indices.csv",
                                         "standard output" };
    char *first[4] = { NULL };
    for (int t = 1; t <= 3; t++) {
        char args[2048], name[32], dir[600];
        snprintf(name, sizeof name, "threads-%d", t);
        snprintf(dir, sizeof dir, "%s/%s", tmpdir, name);
        snprintf(args, sizeof args, "sweep '%s' --points 4 --method morris --replications 2 "
                 "--threads %d --quiet --json --out '%s'", erlang_cfg, t, dir);
        assert_int_equal(chanmix("CHANMIX_GNUPLOT=/nonexistent", args, name), 0);
        for (int f = 0; f < 4; f++) {
            char file[300];
            snprintf(file, sizeof file, "%s.out", name);
            char *text = f < 3 ? slurp_in(dir, files[f], NULL) : slurp_in(tmpdir, file, NULL);
            assert_non_null(text);
            if (t == 1)
                first[f] = text;
            else {
                if (strcmp(text, first[f]) != 0)
                    fail_msg("%s differs between 1 and %d threads", files[f], t);
                free(text);
            }
        }
    }
    assert_non_null(strstr(first[3], "\"mu_star\""));
    for (int f = 0; f < 4; f++)
        free(first[f]);
}

/* Sixteen agents beat fourteen on the same calls at every point: exactly 100% of worlds. */
static void test_dominating_scenario(void **state)
{
    (void)state;
    char more[2048], args[4096];
    snprintf(more, sizeof more, "extends = \"%s\";\nname = \"sixteen\";\n"
             "channels = ( { name = \"phone\"; agents = 16; } );\n", erlang_cfg);
    testutil_write(tmpdir, "sixteen.cfg", more);
    snprintf(args, sizeof args, "sweep '%s' '%s/sixteen.cfg' --points 8 --replications 1 "
             "--quiet --json", erlang_cfg, tmpdir);
    assert_int_equal(chanmix(NULL, args, "dominate"), 0);
    char *json = slurp_in(tmpdir, "dominate.out", NULL);
    const char *wait = strstr(json, "\"figure\": \"phone: mean wait\"");
    const char *sl = strstr(json, "\"figure\": \"phone: service level within 20 s\"");
    assert_non_null(wait);
    assert_non_null(sl);
    assert_non_null(strstr(wait, "\"better\": 1,\n"));
    assert_non_null(strstr(wait, "\"worse\": 0,\n"));
    assert_non_null(strstr(sl, "\"better\": 1,\n"));
    assert_non_null(strstr(wait, "\"points\": 32\n"));
    free(json);
}

/* Points in the design's order with the values set, indices, charts and a report linking them. */
static void test_outputs(void **state)
{
    (void)state;
    need_gnuplot();
    char dir[600], args[2048];
    snprintf(dir, sizeof dir, "%s/report", tmpdir);
    snprintf(args, sizeof args, "sweep '%s' --vary channels.phone.agents=14.4:17.6 "
             "--vary channels.phone.handling.mean_s=150:200 --method lhs --points 12 "
             "--replications 2 --metric channels.phone.wait_mean_s --quiet --out '%s'",
             erlang_cfg, dir);
    assert_int_equal(chanmix(NULL, args, "outputs"), 0);
    char *points = slurp_in(dir, "points.csv", NULL), *out = slurp_in(tmpdir, "outputs.out", NULL);
    assert_non_null(points);
    assert_int_equal(count_lines(points), 13);
    assert_non_null(strstr(points, "point,group,role,moved,channels.phone.agents,"
                                   "channels.phone.handling.mean_s,"
                                   "erlang-sweep:channels.phone.wait_mean_s,"));
    for (const char *line = strchr(points, '\n') + 1; *line; line = strchr(line, '\n') + 1) {
        double agents, mean_s;
        assert_int_equal(sscanf(line, "%*d,%*d,,,%lf,%lf", &agents, &mean_s), 2);
        assert_true(agents == round(agents) && agents >= 15 && agents <= 17);
        assert_true(mean_s >= 150 && mean_s <= 200);
    }
    /* answer first: the first lines after the heading say the range and its driver */
    assert_non_null(strstr(out, "\nIn 90% of plausible worlds, phone: mean wait lies between"));
    char *indices = slurp_in(dir, "indices.csv", NULL);
    assert_non_null(strstr(indices, "erlang-sweep,,channels.phone.wait_mean_s,"
                                    "channels.phone.agents,rank_correlation,-"));
    assert_true(file_exists(strcat(strcpy(args, dir), "/charts/tornado-channels_phone_wait_mean_s.png")));
    assert_true(file_exists(strcat(strcpy(args, dir), "/charts/scatter-channels_phone_wait_mean_s.svg")));
    assert_true(assert_links_exist(dir) >= 2);
    char *html = slurp_in(dir, "report.html", NULL);
    assert_non_null(strstr(html, "<li>In 90% of plausible worlds, phone: mean wait lies between"));
    assert_null(strstr(html, ".."));
    free(html);
    free(points);
    free(out);
    free(indices);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_erlang_indices),
        cmocka_unit_test(test_bad_vary_exits_2),
        cmocka_unit_test(test_threads_deterministic),
        cmocka_unit_test(test_dominating_scenario),
        cmocka_unit_test(test_outputs),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
