/*
 * A need's keyed draws: every (decision, try, chase) has a stream of its
 * own, however many chases a case at the back office makes (the key once
 * wrapped at 256 chases, so chase 256 drew the numbers of chase 0), while
 * the tags of fewer than 256 tries and chases are those of earlier versions,
 * so results do not move.
 */
#include "testutil.h"
#include "models/world_internal.h"

/* The tag as the first versions computed it (tries and chases below 256). */
static uint64_t first_tag(unsigned what, unsigned tries, unsigned chases)
{
    return PURPOSE_NEED_DRAWS + ((uint64_t)what << 16) + ((uint64_t)tries << 8) + chases;
}

static int cmp_tag(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void test_chases_past_256(void **state)
{
    (void)state;
    enum { CHASES = 2000, TRIES = 21, WHATS = ND_BO_HANDLING + 1 };
    size_t n = (size_t)CHASES * TRIES * WHATS, k = 0;
    uint64_t *tags = malloc(n * sizeof *tags);
    assert_non_null(tags);
    struct need need = { 0 };
    for (int tries = 0; tries < TRIES; tries++) {
        need.attempts = (uint8_t)tries;
        need.chases = 0;
        for (int c = 0; c < CHASES; c++) {
            for (int what = 0; what < WHATS; what++) {
                tags[k++] = world_need_tag(&need, (enum need_draw)what);
                if (c < 256)
                    assert_true(tags[k - 1] == first_tag((unsigned)what, (unsigned)tries,
                                                         (unsigned)c));
            }
            need.chases++;      /* as journey_on_chase counts them */
        }
        assert_int_equal(need.chases, CHASES);
    }
    qsort(tags, n, sizeof *tags, cmp_tag);
    for (size_t i = 1; i < n; i++)
        if (tags[i] == tags[i - 1])
            fail_msg("two draws share the tag %#llx", (unsigned long long)tags[i]);
    free(tags);

    /* far out: a year of chases a minute apart, and the largest counts */
    struct need a = { .chases = 527040 }, b = { .chases = 527040 + 256 }, c = { .chases = UINT32_MAX };
    struct need d = { .chases = UINT32_MAX - 256 };
    assert_true(world_need_tag(&a, ND_CHOICE) != world_need_tag(&b, ND_CHOICE));
    assert_true(world_need_tag(&c, ND_CHOICE) != world_need_tag(&d, ND_CHOICE));
    assert_true(world_need_tag(&c, ND_CHOICE) != world_need_tag(&c, ND_OUTCOME));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chases_past_256),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
