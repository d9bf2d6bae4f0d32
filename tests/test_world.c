/*
 * A world kept for many replications gives, replication by replication,
 * the same bytes as a fresh world for each: nothing of one replication
 * (counts, lines, streams, citizens' habits, the calendar) leaks into the
 * next, whatever order a thread meets them in.  Checked on the baseline and
 * on the scenario that uses every feature, and through the runner on one
 * and two threads.
 */
#include "testutil.h"
#include "models/world.h"

#define REPS 4

static void check_reuse(const char *rel, double days)
{
    static struct model m;
    testutil_load(rel, &m);
    m.horizon_s = m.warmup_s + days * 86400.0;
    struct results_index ix;
    assert_int_equal(results_index_build(&m, &ix), 0);
    size_t n = ix.layout->n;
    double *fresh = calloc(REPS * n, sizeof *fresh), *kept = calloc(REPS * n, sizeof *kept);
    assert_non_null(fresh);
    assert_non_null(kept);
    for (int r = 0; r < REPS; r++)
        assert_int_equal(world_run(&m, &ix, r, fresh + (size_t)r * n), 0);
    struct world *w = world_alloc(&m);
    assert_non_null(w);
    static const int order[REPS] = { 3, 1, 0, 2 };
    for (int i = 0; i < REPS; i++)
        assert_int_equal(world_replicate(w, &ix, order[i], NULL, kept + (size_t)order[i] * n, NULL), 0);
    world_free(w);
    for (size_t k = 0; k < REPS * n; k++)
        if (memcmp(&fresh[k], &kept[k], sizeof fresh[k]) != 0)
            fail_msg("%s: replication %zu, figure %zu: fresh %.17g, kept %.17g", rel, k / n,
                     k % n, fresh[k], kept[k]);

    struct experiment one, two;     /* the runner keeps a world per thread */
    assert_int_equal(experiment_run(&one, &m, REPS, 1, NULL, NULL), 0);
    assert_int_equal(experiment_run(&two, &m, REPS, 2, NULL, NULL), 0);
    assert_memory_equal(one.values, fresh, REPS * n * sizeof *fresh);
    assert_memory_equal(two.values, fresh, REPS * n * sizeof *fresh);
    experiment_free(&one);
    experiment_free(&two);
    free(fresh);
    free(kept);
    results_index_free(&ix);
}

static void test_reuse_baseline(void **state)
{
    (void)state;
    check_reuse("scenarios/baseline.cfg", 10.0);
}

static void test_reuse_everything(void **state)
{
    (void)state;
    check_reuse("tests/scenarios/everything.cfg", 10.0);
}

static void test_reuse_phone(void **state)
{
    (void)state;
    check_reuse("tests/scenarios/erlang_c.cfg", 2.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reuse_baseline),
        cmocka_unit_test(test_reuse_everything),
        cmocka_unit_test(test_reuse_phone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
