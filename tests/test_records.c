/*
 * Records of sharded runs: parts written and read back merge into exactly
 * the values of the whole run, and parts that do not belong together are
 * refused with a message naming the part.
 */
#include "testutil.h"
#include "sim/records.h"

#define REPS 7
#define WIDTH 3

/* Shard k of n of a run whose replication r has values r + i / 3 (and an awkward one). */
static void make_part(struct records *r, int k, int n, uint64_t seed)
{
    memset(r, 0, sizeof *r);
    snprintf(r->command, sizeof r->command, "run");
    snprintf(r->options, sizeof r->options, "replications=%d", REPS);
    r->seed = seed;
    r->replications = REPS;
    r->shard = k;
    r->shards = n;
    r->n_inputs = 1;
    records_hash("scenario text", 13, r->input_hash[0]);
    snprintf(r->input_path[0], sizeof r->input_path[0], "scenarios/with space.cfg");
    r->n_blocks = 1;
    r->blocks = calloc(1, sizeof *r->blocks);
    struct records_block *b = r->blocks;
    snprintf(b->name, sizeof b->name, "town");
    b->width = WIDTH;
    b->paths = calloc(WIDTH, sizeof *b->paths);
    b->reps = calloc(REPS, sizeof *b->reps);
    b->values = calloc(REPS * WIDTH, sizeof *b->values);
    snprintf(b->paths[0], sizeof b->paths[0], "channels.phone.offered");
    snprintf(b->paths[1], sizeof b->paths[1], "intervals.phone.mon 08:30.arrivals");
    snprintf(b->paths[2], sizeof b->paths[2], "needs.gave_up_share");
    for (int rep = 0; rep < REPS; rep++)
        if (records_in_shard(rep, k, n)) {
            b->reps[b->rows] = rep;
            for (int i = 0; i < WIDTH; i++)
                b->values[b->rows * WIDTH + i] = rep + i / 3.0 + (i == 2 ? 1e-300 : 0.0);
            b->rows++;
        }
}

/* Writes r to dir/name and reads it back into *back. */
static void round_trip(const char *dir, const char *name, const struct records *r,
                       struct records *back)
{
    char path[600], err[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(records_write(f, r), 0);
    fclose(f);
    if (records_read(path, back, err, sizeof err) != 0)
        fail_msg("%s", err);
}

static void test_parts_merge_into_the_whole(void **state)
{
    (void)state;
    char dir[256], err[600];
    assert_int_equal(testutil_tmpdir(dir, sizeof dir, "records"), 0);
    struct records parts[3], whole;
    const char *names[3] = { "p3", "p1", "p2" };
    for (int k = 0; k < 3; k++) {
        struct records r;
        make_part(&r, k == 0 ? 3 : k, 3, 42);   /* in any order */
        round_trip(dir, names[k], &r, &parts[k]);
        records_free(&r);
    }
    assert_string_equal(parts[0].input_path[0], "scenarios/with space.cfg");
    assert_int_equal(records_merge(parts, names, 3, &whole, err, sizeof err), 0);
    assert_int_equal(whole.blocks[0].rows, REPS);
    for (int rep = 0; rep < REPS; rep++)
        for (int i = 0; i < WIDTH; i++)     /* bit for bit */
            assert_true(whole.blocks[0].values[rep * WIDTH + i] ==
                        rep + i / 3.0 + (i == 2 ? 1e-300 : 0.0));
    records_free(&whole);

    /* a shard missing, a shard twice, a part of another run */
    assert_int_equal(records_merge(parts, names, 2, &whole, err, sizeof err), -1);
    assert_string_equal(err, "shard 2/3 is missing");
    struct records twice[3] = { parts[0], parts[1], parts[1] };
    const char *twice_names[3] = { "p3", "p1", "p1-again" };
    assert_int_equal(records_merge(twice, twice_names, 3, &whole, err, sizeof err), -1);
    assert_string_equal(err, "p1-again: shard 1/3 is given twice (also p1)");
    struct records other;
    make_part(&other, 2, 3, 43);
    struct records mixed[3] = { parts[0], parts[1], other };
    assert_int_equal(records_merge(mixed, names, 3, &whole, err, sizeof err), -1);
    assert_string_equal(err, "p2: not a part of the same run as the first part: another seed");
    records_free(&other);
    make_part(&other, 2, 3, 42);
    records_hash("another text", 12, other.input_hash[0]);
    mixed[2] = other;
    assert_int_equal(records_merge(mixed, names, 3, &whole, err, sizeof err), -1);
    assert_non_null(strstr(err, "scenario files whose contents differ"));
    records_free(&other);
    for (int k = 0; k < 3; k++)
        records_free(&parts[k]);
    testutil_rmtree(dir);
}

static void test_broken_files_are_refused(void **state)
{
    (void)state;
    char dir[256], path[600], err[600];
    assert_int_equal(testutil_tmpdir(dir, sizeof dir, "records"), 0);
    struct records r, back;
    make_part(&r, 1, 2, 42);
    snprintf(path, sizeof path, "%s/cut", dir);
    FILE *f = fopen(path, "w");
    assert_int_equal(records_write(f, &r), 0);
    fclose(f);
    /* cut off the "end" line, as an interrupted shard would */
    size_t len = 0;
    char *text = testutil_slurp(path, &len);
    testutil_write(dir, "cut", "");
    f = fopen(path, "w");
    fwrite(text, 1, len - 4, f);
    fclose(f);
    free(text);
    assert_int_equal(records_read(path, &back, err, sizeof err), -1);
    assert_non_null(strstr(err, "the file ends early"));
    testutil_write(dir, "junk", "hello\n");
    snprintf(path, sizeof path, "%s/junk", dir);
    assert_int_equal(records_read(path, &back, err, sizeof err), -1);
    assert_non_null(strstr(err, "junk:1: not a chanmix records file"));
    records_free(&r);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parts_merge_into_the_whole),
        cmocka_unit_test(test_broken_files_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
