/*
 * Channels and the journey of a need: conservation on every shipped
 * scenario, and the behaviours the model promises (chat with one session is
 * the phone queue, callbacks never abandon, shift ends never cut a contact,
 * closed channels get nothing, tickets turn away exactly the surplus, no
 * failure means no escalation, Little's law, costs add up).
 */
#include <math.h>
#include <sys/wait.h>
#include "testutil.h"
#include "models/results.h"

static double value(const struct experiment *e, int rep, const char *fmt, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, fmt, name);
    return testutil_value(e, rep, path);
}

/* offered = handled + abandoned + balked + in system; needs and cases likewise. */
static void check_conservation(const struct experiment *e)
{
    const struct model *m = e->m;
    for (int rep = 0; rep < e->replications; rep++) {
        for (int c = 0; c < m->n_channels; c++) {
            const char *n = m->channels[c].name;
            double offered = value(e, rep, "channels.%s.offered", n);
            double ended = value(e, rep, "channels.%s.handled", n) +
                           value(e, rep, "channels.%s.abandoned", n) +
                           value(e, rep, "channels.%s.balked", n) +
                           value(e, rep, "channels.%s.in_system_at_end", n);
            if (offered != ended)
                fail_msg("%s, replication %d, %s: offered %.0f, ended %.0f", m->name, rep, n,
                         offered, ended);
        }
        if (e->ix.needs >= 0) {
            double arrived = testutil_value(e, rep, "needs.arrived");
            double ended = testutil_value(e, rep, "needs.resolved") +
                           testutil_value(e, rep, "needs.gave_up") +
                           testutil_value(e, rep, "needs.open_at_end");
            if (arrived != ended)
                fail_msg("%s, replication %d: needs arrived %.0f, ended %.0f", m->name, rep,
                         arrived, ended);
        }
        if (e->ix.back_office >= 0) {
            double cases = testutil_value(e, rep, "back_office.cases");
            double ended = testutil_value(e, rep, "back_office.closed") +
                           testutil_value(e, rep, "back_office.open_at_end");
            assert_true(cases == ended);
        }
    }
}

static void run_dir(const char *dir)
{
    char path[1024];
    static char names[TESTUTIL_MAX_FILES][256];
    snprintf(path, sizeof path, "%s/%s", CHANMIX_SOURCE_DIR, dir);
    int n = testutil_cfg_files(path, names);
    assert_true(n > 0);
    for (int i = 0; i < n; i++) {
        static struct model m;
        char rel[512];
        snprintf(rel, sizeof rel, "%s/%.255s", dir, names[i]);
        testutil_load(rel, &m);
        if (m.horizon_s - m.warmup_s > 14 * 86400.0)
            m.horizon_s = m.warmup_s + 14 * 86400.0;   /* two weeks show every mechanism */
        struct experiment e;
        assert_int_equal(experiment_run(&e, &m, 3, 0, NULL, NULL), 0);
        print_message("  %-32s conserved over %d replications\n", names[i], e.replications);
        check_conservation(&e);
        experiment_free(&e);
        model_release(&m);      /* a scenario's arrival files */
    }
}

static void test_conservation_in_shipped_scenarios(void **state)
{
    (void)state;
    run_dir("scenarios");
    run_dir("tests/scenarios");
}

/* Chat with one session per agent (agents tracked one by one) is the phone queue. */
static void test_single_session_chat_is_phone(void **state)
{
    (void)state;
    static struct model phone, chat;
    testutil_load("tests/scenarios/erlang_c.cfg", &phone);
    phone.channels[0].patience = (struct dist){ .kind = DIST_EXPONENTIAL, .mean = 300.0 };
    model_set_constant_agents(&phone, 0, 13);
    chat = phone;
    chat.channels[0].kind = CHANNEL_CHAT;
    chat.channels[0].sessions = 1;
    struct experiment a, b;
    assert_int_equal(experiment_run(&a, &phone, 6, 0, NULL, NULL), 0);
    assert_int_equal(experiment_run(&b, &chat, 6, 0, NULL, NULL), 0);
    size_t n = a.ix.layout->n * (size_t)a.replications;
    assert_int_equal(a.ix.layout->n, b.ix.layout->n);
    for (size_t i = 0; i < n; i++)
        assert_true(a.values[i] == b.values[i]);
    assert_true(testutil_value(&b, 0, "channels.phone.abandoned") > 0);
    experiment_free(&a);
    experiment_free(&b);
}

/* Callers who accept a callback keep their place and never abandon. */
static void test_callback_never_abandons(void **state)
{
    (void)state;
    static struct model m;
    testutil_load("tests/scenarios/erlang_c.cfg", &m);
    m.channels[0].patience = (struct dist){ .kind = DIST_EXPONENTIAL, .mean = 60.0 };
    model_set_constant_agents(&m, 0, 11);
    struct experiment without, with;
    assert_int_equal(experiment_run(&without, &m, 4, 0, NULL, NULL), 0);
    m.channels[0].callback_above_s = 1.0;   /* offered to everyone who would wait */
    m.channels[0].callback_accept = 1.0;
    assert_int_equal(experiment_run(&with, &m, 4, 0, NULL, NULL), 0);
    for (int rep = 0; rep < 4; rep++) {
        assert_true(testutil_value(&without, rep, "channels.phone.abandoned") > 100);
        assert_true(testutil_value(&with, rep, "channels.phone.abandoned") == 0);
        assert_true(testutil_value(&with, rep, "channels.phone.p_wait") > 0.1);
    }
    check_conservation(&with);
    experiment_free(&without);
    experiment_free(&with);
}

/*
 * Ten agents until noon, none after, one-hour calls: the calls in hand at
 * noon are finished (handled), none is cut, and nobody starts after noon.
 */
static void test_shift_end_never_cuts_a_contact(void **state)
{
    (void)state;
    static struct model m;
    testutil_load("tests/scenarios/erlang_c.cfg", &m);
    m.warmup_s = 0;
    m.horizon_s = 86400.0 - 1.0;
    m.channels[0].handling = (struct dist){ .kind = DIST_CONSTANT, .mean = 3600.0 };
    m.channels[0].patience = (struct dist){ .kind = DIST_EXPONENTIAL, .mean = 600.0 };
    model_set_constant_agents(&m, 0, 10);
    for (int d = 0; d < 7; d++)
        for (int q = 48; q < 96; q++)
            m.channels[0].week.agents[d * 96 + q] = 0;
    struct experiment e;
    assert_int_equal(experiment_run(&e, &m, 4, 0, NULL, NULL), 0);
    for (int rep = 0; rep < 4; rep++) {
        double answered = testutil_value(&e, rep, "channels.phone.answered");
        double handled = testutil_value(&e, rep, "channels.phone.handled");
        assert_true(answered > 100);
        /* 10 agents x 12 one-hour slots: at most 120 answered, all finished */
        assert_true(answered <= 120 + 10);
        assert_true(answered == handled);
    }
    check_conservation(&e);
    experiment_free(&e);
}

/* A desk closed on Wednesdays gets no contact then, and nobody is turned away for it. */
static void test_closed_channel_gets_no_contacts(void **state)
{
    (void)state;
    static struct model m;
    testutil_load("tests/scenarios/citizens.cfg", &m);
    m.choice.b_defer = -0.1;
    for (int q = 0; q < 96; q++)
        m.channels[0].week.open[2 * 96 + q] = 0;    /* desk: Wednesday */
    struct experiment e;
    assert_int_equal(experiment_run(&e, &m, 3, 0, NULL, NULL), 0);
    const struct metrics_layout *l = e.ix.layout;
    int days = (int)((m.horizon_s - m.warmup_s) / 86400.0);
    assert_int_equal(days % 7, 0);
    for (int rep = 0; rep < e.replications; rep++) {
        double in_open = 0.0;
        for (size_t i = 0; i < l->n; i++) {
            const char *p = l->paths[i];
            if (strncmp(p, "intervals.desk.", 15) != 0)
                continue;
            assert_true(strncmp(p + 15, "wed", 3) != 0);
            if (strstr(p, ".arrivals"))
                in_open += e.values[(size_t)rep * l->n + i] * (days / 7);
        }
        double offered = testutil_value(&e, rep, "channels.desk.offered");
        assert_true(offered > 0);
        assert_true(fabs(in_open - offered) < 1e-6 * offered);
        assert_true(testutil_value(&e, rep, "channels.desk.balked") == 0);
    }
    experiment_free(&e);
}

/* With a daily ticket limit, exactly the walk-ins beyond it are turned away. */
static void test_ticket_limit_turns_away_the_surplus(void **state)
{
    (void)state;
    static struct model m;
    testutil_load("tests/scenarios/erlang_c.cfg", &m);
    m.warmup_s = 0;
    m.horizon_s = 5 * 86400.0;
    m.channels[0].kind = CHANNEL_DESK;
    m.channels[0].tickets_per_day = 50;
    model_set_constant_agents(&m, 0, 200);
    struct experiment e;
    assert_int_equal(experiment_run(&e, &m, 4, 0, NULL, NULL), 0);
    for (int rep = 0; rep < 4; rep++) {
        double offered = testutil_value(&e, rep, "channels.phone.offered");
        double balked = testutil_value(&e, rep, "channels.phone.balked");
        double served = testutil_value(&e, rep, "channels.phone.handled") +
                        testutil_value(&e, rep, "channels.phone.in_system_at_end");
        assert_true(offered > 5 * 1000);
        assert_true(balked == offered - 5 * 50);
        assert_true(served == 5 * 50);
    }
    experiment_free(&e);
}

/* A world where every contact resolves its need has nothing to escalate. */
static void test_no_failures_no_escalations(void **state)
{
    (void)state;
    static struct model m;
    testutil_load("tests/scenarios/citizens.cfg", &m);
    m.journey.max_attempts = 5;
    for (int v = 0; v < m.n_services; v++)
        for (int c = 0; c < m.n_channels; c++) {
            m.services[v].on[c].fcr = 1.0;
            m.services[v].on[c].success_a = 60.0;   /* logistic(60) is 1 in double precision */
        }
    for (int c = 0; c < m.n_channels; c++)
        m.channels[c].patience.kind = DIST_NONE;
    struct experiment e;
    assert_int_equal(experiment_run(&e, &m, 3, 0, NULL, NULL), 0);
    const struct metrics_layout *l = e.ix.layout;
    for (int rep = 0; rep < e.replications; rep++) {
        for (size_t i = 0; i < l->n; i++)
            if (strncmp(l->paths[i], "escalations.", 12) == 0)
                assert_true(e.values[(size_t)rep * l->n + i] == 0.0);
        assert_true(testutil_value(&e, rep, "needs.gave_up") == 0);
        assert_true(testutil_value(&e, rep, "needs.attempts_mean") == 1.0);
    }
    /* and the same town with failures does escalate */
    struct experiment f;
    static struct model base;
    testutil_load("tests/scenarios/citizens.cfg", &base);
    base.journey.max_attempts = 3;
    assert_int_equal(experiment_run(&f, &base, 1, 0, NULL, NULL), 0);
    assert_true(testutil_value(&f, 0, "escalations.web->desk") +
                testutil_value(&f, 0, "escalations.web->phone") > 0);
    experiment_free(&f);
    experiment_free(&e);
}

/* 40 agents in the hour before time t: the line is empty by t (load 10 Erlang). */
static void empty_line_by(struct schedule *week, double t)
{
    for (double s = t - 3600.0; s < t; s += SCHEDULE_SLOT_S)
        week->agents[schedule_slot(s)] = 40;
}

/*
 * Little's law on the phone line: mean queue = arrival rate x mean wait.
 * Over a window it holds exactly once the edges are counted: the time
 * average of the line is the waits spent inside the window, and the mean
 * wait leaves out those who were waiting at the warm-up's end or are still
 * waiting at the horizon, so L - lambda W is their waits inside the window
 * over its length, never negative, and a bias no number of replications
 * removes.  With the line staffed empty at both edges that term is zero and
 * the law holds to rounding, whatever the draws.
 */
static void test_littles_law(void **state)
{
    (void)state;
    static struct model m;
    testutil_load("tests/scenarios/erlang_c.cfg", &m);
    m.channels[0].patience = (struct dist){ .kind = DIST_EXPONENTIAL, .mean = 300.0 };
    model_set_constant_agents(&m, 0, 13);
    empty_line_by(&m.channels[0].week, m.warmup_s);
    empty_line_by(&m.channels[0].week, m.horizon_s);
    struct experiment e;
    assert_int_equal(experiment_run(&e, &m, 20, 0, NULL, NULL), 0);
    double span = m.horizon_s - m.warmup_s;
    for (int rep = 0; rep < 20; rep++) {
        double ended = testutil_value(&e, rep, "channels.phone.answered") +
                       testutil_value(&e, rep, "channels.phone.abandoned");
        double lw = ended / span * testutil_value(&e, rep, "channels.phone.wait_mean_s");
        double l = testutil_value(&e, rep, "channels.phone.queue_mean");
        if (rep == 0)
            print_message("  L %.6f, lambda W %.6f\n", l, lw);
        assert_true(l > 0.1);                   /* a line that waits, not an idle one */
        assert_close(l - lw, 0.0, 1e-9 * l);    /* rounding only */
    }
    experiment_free(&e);
}

/* A channel's cost is its agent-hours times the hourly cost plus its contacts. */
static void test_costs_add_up(void **state)
{
    (void)state;
    static struct model m;
    testutil_load("scenarios/baseline.cfg", &m);
    m.horizon_s = m.warmup_s + 7 * 86400.0;
    struct experiment e;
    assert_int_equal(experiment_run(&e, &m, 2, 0, NULL, NULL), 0);
    for (int rep = 0; rep < 2; rep++) {
        double total = 0.0;
        for (int c = 0; c < m.n_channels; c++) {
            const char *n = m.channels[c].name;
            double want = value(&e, rep, "channels.%s.agent_hours", n) * m.channels[c].cost_agent_hour +
                          value(&e, rep, "channels.%s.handled", n) * m.channels[c].cost_per_contact;
            double got = value(&e, rep, "cost.%s.organisation", n);
            assert_true(fabs(got - want) <= 1e-9 * (1.0 + want));
            total += got;
        }
        total += testutil_value(&e, rep, "cost.back_office.organisation");
        assert_true(fabs(testutil_value(&e, rep, "cost.total.organisation") - total) < 1e-6);
        /* phone agent-hours from the table: 8.5 h x 8 agents plus the morning peaks */
        assert_true(testutil_value(&e, rep, "channels.phone.agent_hours") > 0);
    }
    experiment_free(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conservation_in_shipped_scenarios),
        cmocka_unit_test(test_single_session_chat_is_phone),
        cmocka_unit_test(test_callback_never_abandons),
        cmocka_unit_test(test_shift_end_never_cuts_a_contact),
        cmocka_unit_test(test_closed_channel_gets_no_contacts),
        cmocka_unit_test(test_ticket_limit_turns_away_the_surplus),
        cmocka_unit_test(test_no_failures_no_escalations),
        cmocka_unit_test(test_littles_law),
        cmocka_unit_test(test_costs_add_up),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
