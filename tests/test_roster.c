/*
 * Shifts and roster lines: the shift program against brute force with days
 * off together and apart, the patterns of days against their definition,
 * and plans whose lines work one run of days at no less cost than lines
 * whose days off may fall anywhere.
 */
#include <math.h>
#include "testutil.h"
#include "models/schedule.h"
#include "models/shifts.h"

/*
 * The definition, written apart from models/shifts_roster.c: a line works
 * min_days to max_days days, each one a day shifts may start, and with its
 * days off together, at most one of its days follows a day off in the
 * repeating week (none when it works every day).
 */
static int is_pattern(const struct shift_params *sp, int mask)
{
    int days = 0, starts = 0;
    for (int d = 0; d < 7; d++) {
        if (!(mask >> d & 1))
            continue;
        if (!sp->days[d])
            return 0;
        days++;
        starts += !(mask >> (d + 6) % 7 & 1);
    }
    return days >= sp->min_days && days <= sp->max_days && (sp->days_off_any || starts <= 1);
}

/*
 * Every line: a pattern of the rules, one length, its days' shifts of that
 * length on those days, its paid hours their sum; every shift dealt once.
 */
static void check_lines(const struct shift_params *sp, const struct shift_plan *plan)
{
    int *dealt = calloc((size_t)(plan->n ? plan->n : 1), sizeof *dealt);
    assert_non_null(dealt);
    for (int l = 0; l < plan->n_lines; l++) {
        const struct roster_line *ln = &plan->lines[l];
        int mask = 0;
        double paid = 0.0;
        for (int d = 0; d < 7; d++) {
            int u = ln->shift[d];
            if (u < 0)
                continue;
            mask |= 1 << d;
            dealt[u]++;
            paid += plan->used[u].paid_h;
            assert_int_equal(plan->used[u].length, ln->length);
            assert_int_equal(plan->used[u].day, d);
        }
        if (!is_pattern(sp, mask))
            fail_msg("line %d works days 0x%02x, not a pattern of the rules", l + 1, mask);
        assert_close(ln->paid_h, paid, 1e-9);
    }
    for (int s = 0; s < plan->n; s++)
        assert_int_equal(dealt[s], plan->used[s].count);
    free(dealt);
}

/*
 * The small instance: Monday to Wednesday, shifts of 4 h or 6 h from 08:00
 * or 10:00, a 6 h shift takes an unpaid 30-minute break 2 to 2.5 hours in, at
 * least half the paid hours in 6 h shifts, and roster lines of 2 or 3 days
 * that keep one length all week.
 */
static struct shift_params small_rules(int days_off_any)
{
    struct shift_params sp = { .set = 1, .n_starts = 2, .starts = { 32, 40 }, .n_lengths = 2,
                               .lengths_h = { 4.0, 6.0 }, .n_breaks = 1, .cost_hour = 10.0,
                               .days = { 1, 1, 1, 0, 0, 0, 0 }, .min_days = 2, .max_days = 3,
                               .days_off_any = days_off_any, .n_shares = 1, .max_gap = 0.0 };
    sp.breaks[0] = (struct shift_break){ 8, 10, 2, 0, 5.0 };
    sp.shares[0] = (struct shift_share){ 1, { 6.0 }, 0.5, 1.0 };
    return sp;
}

#define KINDS 8     /* 4 h from either start; 6 h from either start, break at 8, 9 or 10 */

/* Whether the split x[from..] of what is left (left4, left6) completes a cover of day d. */
static int split_covers(const struct shift_params *sp, const int *required, int d, int *x,
                        int from, int left4, int left6)
{
    static const int start[KINDS] = { 32, 40, 32, 32, 32, 40, 40, 40 };
    static const int brk[KINDS] = { 0, 0, 8, 9, 10, 8, 9, 10 };
    if (from == KINDS) {
        if (left4 || left6)
            return 0;
        for (int q = d * 96; q < (d + 1) * 96; q++) {
            int cover = 0;
            for (int k = 0; k < KINDS; k++)
                cover += x[k] * shifts_covers(sp, d, start[k], k < 2 ? 0 : 1, &brk[k], q);
            if (cover < required[q])
                return 0;
        }
        return 1;
    }
    int left = from < 2 ? left4 : left6;
    for (x[from] = 0; x[from] <= left; x[from]++)
        if (split_covers(sp, required, d, x, from + 1, from < 2 ? left4 - x[from] : left4,
                         from < 2 ? left6 : left6 - x[from]))
            return 1;
    return 0;
}

/*
 * Brute force over whole rosters: lines per (pattern, length), each 0..2,
 * the patterns those is_pattern admits (Monday-Wednesday apart only with
 * any days off).  The lines fix each day's shifts of each length, so the
 * cost, and the day can be checked alone for a placement of starts and
 * breaks that covers it.
 */
static double brute_force(const struct shift_params *sp, const int *required)
{
    int pattern[8], np = 0;
    for (int m = 1; m < 128; m++)
        if (is_pattern(sp, m))
            pattern[np++] = m;
    assert_true(np >= 3 && np <= 4);
    int feasible[3][7][7];
    for (int d = 0; d < 3; d++)
        for (int a = 0; a <= 6; a++)
            for (int b = 0; b <= 6; b++)
                feasible[d][a][b] = split_covers(sp, required, d, (int[KINDS]){ 0 }, 0, a, b);
    double best = INFINITY, paid4 = 4.0, paid6 = 5.5;
    int y[8] = { 0 }, vars = 2 * np;
    for (;;) {
        int n[3][2] = { { 0 } };
        for (int p = 0; p < np; p++)
            for (int l = 0; l < 2; l++)
                for (int d = 0; d < 3; d++)
                    n[d][l] += (pattern[p] >> d & 1) * y[p * 2 + l];
        double h4 = 0, h6 = 0;
        int ok = 1;
        for (int d = 0; d < 3; d++) {
            h4 += n[d][0] * paid4;
            h6 += n[d][1] * paid6;
            ok &= n[d][0] <= 6 && n[d][1] <= 6 && feasible[d][n[d][0]][n[d][1]];
        }
        if (ok && h6 >= 0.5 * (h4 + h6) && (h4 + h6) * sp->cost_hour < best)
            best = (h4 + h6) * sp->cost_hour;
        int k = 0;
        while (k < vars && ++y[k] > 2)
            y[k++] = 0;
        if (k == vars)
            return best;
    }
}

static void small_requirement(int *required)
{
    memset(required, 0, SCHEDULE_SLOTS * sizeof *required);
    for (int q = 32; q < 64; q++) {
        required[q] = q < 56 ? 2 : 1;               /* Monday 08:00-14:00: 2, to 16:00: 1 */
        required[96 + q] = q < 48 ? 1 : 2;          /* Tuesday 08:00-12:00: 1, to 16:00: 2 */
        required[192 + q] = q < 48 ? 3 : 0;         /* Wednesday 08:00-12:00: 3 */
    }
}

/* The program's plan for the rules and requirement, proved optimal and covering it all. */
static void solve_optimal(const struct shift_params *sp, const int *required,
                          struct shift_plan *plan)
{
    char err[256];
    if (shifts_solve(sp, required, plan, err, sizeof err) != 0)
        fail_msg("shifts_solve: %s", err);
    assert_true(plan->optimal);
    for (int q = 0; q < SCHEDULE_SLOTS; q++)
        assert_true(plan->coverage[q] >= required[q]);
}

/* The program's plan costs what the brute force finds, with days off apart and together. */
static void test_shift_program_is_optimal(void **state)
{
    (void)state;
    int required[SCHEDULE_SLOTS];
    small_requirement(required);
    double cost[2];
    for (int any = 1; any >= 0; any--) {
        struct shift_params sp = small_rules(any);
        struct shift_plan plan;
        solve_optimal(&sp, required, &plan);
        double best = brute_force(&sp, required);
        print_message("  days off %s: integer program %.2f, brute force %.2f; %d shift kinds, "
                      "%d roster lines\n", any ? "any" : "together", plan.cost, best, plan.n,
                      plan.n_lines);
        assert_close(plan.cost, best, 1e-6);
        check_lines(&sp, &plan);
        assert_true(plan.paid_by_length[1] >= 0.5 * plan.paid_hours - 1e-9);
        cost[any] = plan.cost;
        shifts_free(&plan);
    }
    assert_true(cost[0] >= cost[1] - 1e-9);     /* together: fewer patterns, never cheaper */

    /* a quarter no shift can reach is an error, not a silent gap */
    struct shift_params sp = small_rules(0);
    struct shift_plan plan;
    char err[256];
    required[5] = 1;
    assert_int_equal(shifts_solve(&sp, required, &plan, err, sizeof err), -1);
    assert_non_null(strstr(err, "no allowed shift covers Monday 01:15"));
}

/* shifts_patterns holds exactly the patterns of the definition, for every set of days and
 * range of days a week; shifts_longest_run is the longest of them. */
static void test_patterns_are_runs(void **state)
{
    (void)state;
    int checked = 0;
    for (int days = 1; days < 128; days++)
        for (int lo = 1; lo <= 7; lo++)
            for (int hi = lo; hi <= 7; hi++)
                for (int any = 0; any < 2; any++) {
                    struct shift_params sp = { .min_days = lo, .max_days = hi,
                                               .days_off_any = any };
                    for (int d = 0; d < 7; d++)
                        sp.days[d] = days >> d & 1;
                    int mask[SHIFTS_MAX_PATTERNS], n = shifts_patterns(&sp, mask), want = 0;
                    char seen[128] = { 0 };
                    for (int k = 0; k < n; k++) {
                        assert_true(is_pattern(&sp, mask[k]));
                        assert_int_equal(seen[mask[k]]++, 0);
                    }
                    for (int m = 1; m < 128; m++)
                        want += is_pattern(&sp, m);
                    assert_int_equal(n, want);
                    checked++;
                }
    for (int days = 1; days < 128; days++) {
        struct shift_params sp = { .min_days = 1, .max_days = 7 };
        int run = 0;
        for (int d = 0; d < 7; d++)
            sp.days[d] = days >> d & 1;
        for (int m = 1; m < 128; m++)
            if (is_pattern(&sp, m))
                run = __builtin_popcount((unsigned)m) > run ? __builtin_popcount((unsigned)m) : run;
        assert_int_equal(shifts_longest_run(&sp), run);
    }
    /* weekdays, 3 to 5 days: six runs, and Thursday-Friday-Monday is none of them */
    struct shift_params wk = { .days = { 1, 1, 1, 1, 1, 0, 0 }, .min_days = 3, .max_days = 5 };
    int mask[SHIFTS_MAX_PATTERNS];
    assert_int_equal(shifts_patterns(&wk, mask), 6);
    for (int k = 0; k < 6; k++)
        assert_int_not_equal(mask[k], 0x19);
    /* the whole week, 3 days: seven runs, Saturday-Sunday-Monday among them */
    struct shift_params all = { .days = { 1, 1, 1, 1, 1, 1, 1 }, .min_days = 3, .max_days = 3 };
    int n = shifts_patterns(&all, mask), wraps = 0;
    assert_int_equal(n, 7);
    for (int k = 0; k < n; k++)
        wraps += mask[k] == 0x61;
    assert_int_equal(wraps, 1);
    print_message("  %d sets of rules: the patterns are the runs of the definition\n", checked);
}

/*
 * A whole week, every day allowed (so runs may wrap from Sunday into
 * Monday), weekdays busier than the weekend, lines of 4 or 5 days, both
 * plans proved optimal: with days off together every line works one run,
 * and the plan costs no less than the one whose days off may fall anywhere.
 */
static void test_together_costs_at_least_any(void **state)
{
    (void)state;
    int required[SCHEDULE_SLOTS] = { 0 };
    static const int level[7][2] = { { 6, 4 }, { 4, 3 }, { 3, 3 }, { 4, 2 }, { 5, 3 },
                                     { 2, 1 }, { 1, 1 } };
    for (int d = 0; d < 7; d++)
        for (int q = 32; q < 72; q++)       /* 08:00-18:00: the morning level, then the afternoon */
            required[d * 96 + q] = level[d][q >= 52];
    double cost[2];
    int lines[2];
    for (int any = 1; any >= 0; any--) {
        struct shift_params sp = { .set = 1, .n_starts = 3, .starts = { 32, 40, 52 },
                                   .n_lengths = 2, .lengths_h = { 5.0, 8.0 }, .cost_hour = 1.0,
                                   .days = { 1, 1, 1, 1, 1, 1, 1 }, .min_days = 4,
                                   .max_days = 5, .days_off_any = any, .max_gap = 0.0 };
        struct shift_plan plan;
        solve_optimal(&sp, required, &plan);
        check_lines(&sp, &plan);
        cost[any] = plan.cost;
        lines[any] = plan.n_lines;
        shifts_free(&plan);
    }
    print_message("  days off together: %.2f paid hours, %d lines; any: %.2f, %d lines\n",
                  cost[0], lines[0], cost[1], lines[1]);
    assert_true(cost[0] >= cost[1] - 1e-9);

    /* no run of 3 days on Monday, Tuesday, Thursday and Friday: an error, not a plan */
    struct shift_params gap = { .set = 1, .n_starts = 1, .starts = { 32 }, .n_lengths = 1,
                                .lengths_h = { 8.0 }, .cost_hour = 1.0,
                                .days = { 1, 1, 0, 1, 1, 0, 0 }, .min_days = 3, .max_days = 4 };
    memset(required, 0, sizeof required);
    required[40] = 1;
    struct shift_plan plan;
    char err[256];
    assert_int_equal(shifts_solve(&gap, required, &plan, err, sizeof err), -1);
    assert_non_null(strstr(err, "no roster line can work 3 days in a row"));
    gap.days_off_any = 1;
    assert_int_equal(shifts_solve(&gap, required, &plan, err, sizeof err), 0);
    check_lines(&gap, &plan);
    shifts_free(&plan);
}

/*
 * A line whose shift begins before the day before's ends is found, across midnight and across
 * the week's end; shifts that meet or leave a gap are not.
 */
static void test_overlaps_are_found(void **state)
{
    (void)state;
    struct shift_count used[] = {
        { .day = 3, .start_q = 88, .length_h = 8.0 },   /* Thursday 22:00-06:00 */
        { .day = 4, .start_q = 8, .length_h = 8.0 },    /* Friday 02:00-10:00 */
        { .day = 4, .start_q = 24, .length_h = 8.0 },   /* Friday 06:00-14:00: meets it */
        { .day = 6, .start_q = 88, .length_h = 8.0 },   /* Sunday 22:00-06:00 */
        { .day = 0, .start_q = 8, .length_h = 8.0 },    /* Monday 02:00-10:00 */
        { .day = 0, .start_q = 32, .length_h = 8.0 },   /* Monday 08:00-16:00 */
    };
    struct roster_line lines[] = {
        { .shift = { -1, -1, -1, 0, 1, -1, -1 } },      /* Thursday night, Friday 02:00 */
        { .shift = { -1, -1, -1, 0, 2, -1, -1 } },      /* Thursday night, Friday 06:00 */
        { .shift = { 4, -1, -1, -1, -1, -1, 3 } },      /* Sunday night, Monday 02:00 */
        { .shift = { 5, -1, -1, -1, -1, -1, 3 } },      /* Sunday night, Monday 08:00 */
        { .shift = { 5, 5, 5, -1, -1, -1, -1 } },       /* days only */
    };
    struct shift_plan plan = { .n = 6, .used = used, .n_lines = 5, .lines = lines };
    assert_int_equal(shifts_overlaps(&plan), 2);
    plan.n_lines = 1;
    assert_int_equal(shifts_overlaps(&plan), 1);
    plan.lines = &lines[1];
    assert_int_equal(shifts_overlaps(&plan), 0);
    plan.lines = &lines[2];
    assert_int_equal(shifts_overlaps(&plan), 1);
}

int main(void)
{
    if (getenv("CHANMIX_TEST_FILTER"))
        cmocka_set_test_filter(getenv("CHANMIX_TEST_FILTER"));
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shift_program_is_optimal),
        cmocka_unit_test(test_patterns_are_runs),
        cmocka_unit_test(test_together_costs_at_least_any),
        cmocka_unit_test(test_overlaps_are_found),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
