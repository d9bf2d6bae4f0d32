/*
 * Population synthesis against the segment profiles it draws from.
 *
 * One population of the baseline (360,000 citizens) is drawn from a fixed
 * stream and each statistic compared with its expectation.  Every statistic
 * is a mean of n independent draws, so by the central limit theorem it lies
 * within z * sd / sqrt(n) of its expectation, sd being one draw's standard
 * deviation:
 *   a share with probability p        sqrt(p (1 - p))     (a segment's size is
 *                                     a multinomial marginal, hence binomial)
 *   mean skill, Beta(a, b)            sqrt(ab / ((a+b)^2 (a+b+1)))
 *   share below the median distance   1/2                 (p = 1/2)
 *   mean index of population_pick     sqrt((k^2 - 1) / 12) for k citizens
 * A probability of 0 or 1 gives a tolerance of 0: the draw must be exact.
 *
 * Each test is a family of such checks and fails on a correct generator with
 * probability at most ALPHA: its z is the two-sided normal quantile at
 * ALPHA / checks (Bonferroni), e.g. 3.66 for the four segment sizes and 4.00
 * for the 4 x 4 type shares.  Nothing is tuned to the seed.
 */
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_cdf.h>
#include "testutil.h"
#include "models/population.h"
#include "models/world.h"
#include "sim/rng.h"

#define ALPHA 0.001

static struct model town;
static struct population pop;

/* What one pass over a segment's range counts. */
struct tally {
    uint32_t n;
    double skill_sum;
    uint32_t below_median, smartphone, office_hours;
    uint32_t type[TYPE_COUNT];
    uint32_t age[MODEL_MAX_AGE_BANDS];
};
static struct tally tallies[MODEL_MAX_SEGMENTS];

static int bands(void) { return town.n_age_bands > 0 ? town.n_age_bands : 1; }

static int setup(void **state)
{
    (void)state;
    testutil_load("scenarios/baseline.cfg", &town);
    gsl_rng *r = rng_stream_alloc(town.seed, 0, PURPOSE_POPULATION);
    if (!r || population_generate(&pop, &town, r) != 0)
        return -1;
    gsl_rng_free(r);
    for (int s = 0; s < town.n_segments; s++) {
        const struct segment_params *sp = &town.segments[s];
        struct tally *t = &tallies[s];
        for (uint32_t i = pop.start[s]; i < pop.start[s + 1]; i++) {
            const struct citizen *c = &pop.citizens[i];
            t->n++;
            t->skill_sum += c->skill;
            t->below_median += c->distance_km < sp->distance_median_km;
            t->smartphone += (c->flags & CITIZEN_SMARTPHONE) != 0;
            t->office_hours += (c->flags & CITIZEN_OFFICE_HOURS) != 0;
            if (c->type < TYPE_COUNT)           /* out of range is test_invariants' */
                t->type[c->type]++;
            if (c->age_band < bands())
                t->age[c->age_band]++;
        }
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    population_free(&pop);
    return 0;
}

/* A family of checks sharing one false-alarm budget, ALPHA. */
struct family {
    double z;
    int planned, done;
};

static struct family family_begin(int planned)
{
    struct family f = { gsl_cdf_ugaussian_Qinv(ALPHA / (2.0 * planned)), planned, 0 };
    print_message("  %d checks, z = %.3f\n", planned, f.z);
    return f;
}

/* Planned and done must agree, or z would be wrong for the family. */
static void family_end(const struct family *f)
{
    assert_int_equal(f->done, f->planned);
}

/* A mean of n draws, each with standard deviation sd, against its expectation. */
static void expect_mean(struct family *f, const char *what, int s, double got, double want,
                        double sd, double n)
{
    double tol = f->z * sd / sqrt(n);
    f->done++;
    print_message("  %-10s %-18s %.6f  expected %.6f ± %.6f\n", town.segments[s].name, what,
                  got, want, tol);
    assert_true(n > 0);
    assert_true(fabs(got - want) <= tol);
}

static void expect_share(struct family *f, const char *what, int s, double hits, double n,
                         double p)
{
    expect_mean(f, what, s, hits / n, p, sqrt(p * (1.0 - p)), n);
}

/* Segment sizes: a multinomial draw over the shares. */
static void test_segment_sizes(void **state)
{
    (void)state;
    assert_int_equal(pop.n, (uint32_t)town.population);
    assert_int_equal(pop.start[0], 0);
    assert_int_equal(pop.start[town.n_segments], pop.n);
    double sum = 0.0;       /* the loader lets shares sum to 1 within 1e-6 */
    for (int s = 0; s < town.n_segments; s++) {
        assert_true(pop.start[s] <= pop.start[s + 1]);
        sum += town.segments[s].share;
    }
    struct family f = family_begin(town.n_segments);
    for (int s = 0; s < town.n_segments; s++)
        expect_share(&f, "share", s, tallies[s].n, pop.n, town.segments[s].share / sum);
    family_end(&f);
}

static void test_skill_mean(void **state)
{
    (void)state;
    struct family f = family_begin(town.n_segments);
    for (int s = 0; s < town.n_segments; s++) {
        double a = town.segments[s].skill_a, b = town.segments[s].skill_b;
        double var = a * b / ((a + b) * (a + b) * (a + b + 1.0));
        expect_mean(&f, "skill mean", s, tallies[s].skill_sum / tallies[s].n, a / (a + b),
                    sqrt(var), tallies[s].n);
    }
    family_end(&f);
}

/* Half of a lognormal lies below its median, whatever its sigma. */
static void test_distance_median(void **state)
{
    (void)state;
    struct family f = family_begin(town.n_segments);
    for (int s = 0; s < town.n_segments; s++)
        expect_share(&f, "below median km", s, tallies[s].below_median, tallies[s].n, 0.5);
    family_end(&f);
}

static void test_flags(void **state)
{
    (void)state;
    struct family f = family_begin(2 * town.n_segments);
    for (int s = 0; s < town.n_segments; s++) {
        const struct segment_params *sp = &town.segments[s];
        expect_share(&f, "smartphone", s, tallies[s].smartphone, tallies[s].n, sp->p_smartphone);
        expect_share(&f, "office hours", s, tallies[s].office_hours, tallies[s].n,
                     sp->p_office_hours);
    }
    family_end(&f);
}

/* The two flags are drawn independently: both together at p_smartphone * p_office_hours. */
static void test_flags_independent(void **state)
{
    (void)state;
    struct family f = family_begin(town.n_segments);
    for (int s = 0; s < town.n_segments; s++) {
        const struct segment_params *sp = &town.segments[s];
        uint32_t both = 0;
        for (uint32_t i = pop.start[s]; i < pop.start[s + 1]; i++)
            both += (pop.citizens[i].flags & (CITIZEN_SMARTPHONE | CITIZEN_OFFICE_HOURS)) ==
                    (CITIZEN_SMARTPHONE | CITIZEN_OFFICE_HOURS);
        expect_share(&f, "both flags", s, both, tallies[s].n,
                     sp->p_smartphone * sp->p_office_hours);
    }
    family_end(&f);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/*
 * Kolmogorov-Smirnov distance of segment s's skills from Beta(a, b), against
 * the bound P(sqrt(n) D > x) <= 2 exp(-2 x^2) at the family's share of ALPHA.
 */
static void expect_beta(const struct population *p, int s, double a, double b, int checks)
{
    uint32_t n = p->start[s + 1] - p->start[s];
    double *x = malloc(n * sizeof *x), d = 0.0;
    assert_non_null(x);
    for (uint32_t i = 0; i < n; i++)
        x[i] = p->citizens[p->start[s] + i].skill;
    qsort(x, n, sizeof *x, cmp_double);
    for (uint32_t i = 0; i < n; i++) {
        double cdf = gsl_cdf_beta_P(x[i], a, b);
        d = fmax(d, fmax(cdf - (double)i / n, (double)(i + 1) / n - cdf));
    }
    free(x);
    double limit = sqrt(-log(ALPHA / checks / 2.0) / 2.0) / sqrt(n);
    print_message("  segment %d Beta(%g, %g): KS distance %.5f, limit %.5f (n = %u)\n", s, a, b,
                  d, limit, n);
    assert_true(d <= limit);
}

/*
 * Skills follow Beta(a, b) in the baseline's segments and in shapes that
 * take each way of drawing: both above 1 (a below, equal to and above b),
 * and one or both at most 1.
 */
static void test_skill_distribution(void **state)
{
    (void)state;
    static const double shapes[][2] = { { 0.5, 0.5 }, { 0.8, 3.0 }, { 1.5, 4.0 }, { 2.0, 2.0 },
                                        { 6.0, 2.0 }, { 40.0, 25.0 } };
    const int extra = (int)(sizeof shapes / sizeof shapes[0]), checks = town.n_segments + extra;
    for (int s = 0; s < town.n_segments; s++)
        expect_beta(&pop, s, town.segments[s].skill_a, town.segments[s].skill_b, checks);
    static struct model shaped;
    shaped = town;
    shaped.population = 40000 * extra;
    shaped.n_segments = extra;
    for (int s = 0; s < extra; s++) {
        shaped.segments[s] = town.segments[0];
        shaped.segments[s].share = 1.0 / extra;
        shaped.segments[s].skill_a = shapes[s][0];
        shaped.segments[s].skill_b = shapes[s][1];
    }
    struct population q;
    gsl_rng *r = rng_stream_alloc(town.seed, 7, PURPOSE_POPULATION);
    assert_non_null(r);
    assert_int_equal(population_generate(&q, &shaped, r), 0);
    for (int s = 0; s < extra; s++)
        expect_beta(&q, s, shapes[s][0], shapes[s][1], checks);
    population_free(&q);
    gsl_rng_free(r);
}

static void test_type_mix(void **state)
{
    (void)state;
    struct family f = family_begin(TYPE_COUNT * town.n_segments);
    for (int s = 0; s < town.n_segments; s++)
        for (int t = 0; t < TYPE_COUNT; t++)
            expect_share(&f, citizen_type_name((enum citizen_type)t), s, tallies[s].type[t],
                         tallies[s].n, town.segments[s].type_mix[t]);
    family_end(&f);
}

/* The baseline has age shares of 0, which must never be drawn. */
static void test_age_mix(void **state)
{
    (void)state;
    assert_true(town.n_age_bands > 0);
    struct family f = family_begin(town.n_age_bands * town.n_segments);
    for (int s = 0; s < town.n_segments; s++)
        for (int b = 0; b < town.n_age_bands; b++)
            expect_share(&f, town.age_bands[b], s, tallies[s].age[b], tallies[s].n,
                         town.segments[s].age_mix[b]);
    family_end(&f);
}

/* What must hold for every citizen, not only on average. */
static void test_invariants(void **state)
{
    (void)state;
    assert_true(sizeof(struct citizen) <= 32);
    for (int s = 0; s < town.n_segments; s++)
        for (uint32_t i = pop.start[s]; i < pop.start[s + 1]; i++) {
            const struct citizen *c = &pop.citizens[i];
            if (!(c->skill >= 0.0f && c->skill <= 1.0f) || !(c->distance_km > 0.0f)
                || !isfinite(c->distance_km) || c->segment != s || c->type >= TYPE_COUNT
                || c->age_band >= bands()
                || (c->flags & ~(CITIZEN_SMARTPHONE | CITIZEN_OFFICE_HOURS)) != 0
                || c->habit != CITIZEN_NO_HABIT || c->spare != 0)
                fail_msg("citizen %u of segment %d: skill %g, distance %g, segment %u, "
                         "type %u, age band %u, flags %#x, habit %u, spare %u", i, s,
                         (double)c->skill, (double)c->distance_km, c->segment, c->type,
                         c->age_band, c->flags, c->habit, c->spare);
        }
}

static void generate(struct population *p, uint64_t rep)
{
    gsl_rng *r = rng_stream_alloc(town.seed, rep, PURPOSE_POPULATION);
    assert_non_null(r);
    assert_int_equal(population_generate(p, &town, r), 0);
    gsl_rng_free(r);
}

/* The stream alone decides the population: same stream, same bytes. */
static void test_reproducible(void **state)
{
    (void)state;
    struct population again, other;
    generate(&again, 0);
    generate(&other, 1);
    size_t bytes = (size_t)pop.n * sizeof *pop.citizens;
    assert_int_equal(again.n, pop.n);
    assert_memory_equal(again.start, pop.start, sizeof pop.start);
    assert_true(memcmp(again.citizens, pop.citizens, bytes) == 0);
    assert_int_equal(other.n, pop.n);
    assert_true(memcmp(other.citizens, pop.citizens, bytes) != 0);
    population_free(&again);
    population_free(&other);
    assert_null(again.citizens);
    assert_int_equal(again.n, 0);
}

/* No population: nothing allocated, not an error. */
static void test_empty(void **state)
{
    (void)state;
    static struct model none;
    none = town;
    none.population = 0;
    struct population p;
    gsl_rng *r = rng_stream_alloc(town.seed, 0, PURPOSE_POPULATION);
    assert_int_equal(population_generate(&p, &none, r), 0);
    assert_int_equal(p.n, 0);
    assert_null(p.citizens);
    population_free(&p);
    gsl_rng_free(r);
}

/* Picks stay inside the segment and are uniform over it (mean index). */
static void test_pick(void **state)
{
    (void)state;
    const int draws = 20000;
    gsl_rng *r = rng_stream_alloc(town.seed, 0, PURPOSE_NEEDS);
    struct family f = family_begin(town.n_segments);
    for (int s = 0; s < town.n_segments; s++) {
        uint32_t lo = pop.start[s], hi = pop.start[s + 1];
        double sum = 0.0, k = hi - lo;
        for (int i = 0; i < draws; i++) {
            uint32_t c = population_pick(&pop, s, r);
            if (c < lo || c >= hi)
                fail_msg("segment %d: picked %u outside [%u, %u)", s, c, lo, hi);
            sum += c - lo;
        }
        expect_mean(&f, "pick offset", s, sum / draws, (k - 1.0) / 2.0,
                    sqrt((k * k - 1.0) / 12.0), draws);
    }
    family_end(&f);
    /* a one-citizen segment has one answer */
    struct population tiny = { .n = 5, .start = { 0, 1, 5 } };
    for (int i = 0; i < 100; i++) {
        assert_int_equal(population_pick(&tiny, 0, r), 0);
        uint32_t c = population_pick(&tiny, 1, r);
        assert_true(c >= 1 && c < 5);
    }
    gsl_rng_free(r);
}

/*
 * The pick by a multiplication draws exactly gsl_rng_uniform_int's citizen:
 * two copies of a stream, one picking, one through GSL, agree for segments
 * of every size class, including those whose scale is a power of two.
 */
static void test_pick_is_gsl(void **state)
{
    (void)state;
    static const uint32_t sizes[] = { 1, 2, 3, 7, 64, 1000, 65536, 90001, 360000, 1u << 20,
                                      (1u << 31) - 1 };
    gsl_rng *a = rng_stream_alloc(town.seed, 1, PURPOSE_NEEDS);
    gsl_rng *b = rng_stream_alloc(town.seed, 1, PURPOSE_NEEDS);
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        struct population p = { .start = { 0, 5, 5 + sizes[i] } };
        population_pick_prepare(&p, 2);
        assert_true(p.pick_magic[1] != 0);
        for (int d = 0; d < 20000; d++) {
            uint32_t c = population_pick(&p, 1, a);
            assert_int_equal(c, 5 + gsl_rng_uniform_int(b, sizes[i]));
        }
    }
    gsl_rng_free(a);
    gsl_rng_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_segment_sizes),
        cmocka_unit_test(test_skill_mean),
        cmocka_unit_test(test_distance_median),
        cmocka_unit_test(test_flags),
        cmocka_unit_test(test_flags_independent),
        cmocka_unit_test(test_skill_distribution),
        cmocka_unit_test(test_type_mix),
        cmocka_unit_test(test_age_mix),
        cmocka_unit_test(test_invariants),
        cmocka_unit_test(test_reproducible),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_pick),
        cmocka_unit_test(test_pick_is_gsl),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
