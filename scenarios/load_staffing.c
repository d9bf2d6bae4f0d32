/*
 * load_staffing: what the staffing planner reads of an assisted channel:
 * its norms (targets), its shift rules (shifts: starts, lengths, breaks,
 * shares of lengths, roster lines) and its workforce (shrinkage and the
 * full-time week).  Read after the channel's hours, so that shift rules
 * that cannot cover an open quarter hour are refused here, with the file
 * and line, before anything is simulated.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "models/shifts.h"
#include "scenarios/loader_internal.h"
#include "scenarios/week.h"

static void read_targets(struct reader *r, config_setting_t *g, struct channel_params *c)
{
    struct target_params *t = &c->targets;
    config_setting_t *tg = reader_group(r, g, "targets", 0);
    t->set = tg != NULL;
    long min_agents;
    reader_double(r, tg, "service_level", 0.0, 0.0, 0.9999, 0, &t->service_level);
    reader_double(r, tg, "within_s", c->target_s, 0.0, 1e7, 0, &t->within_s);
    reader_double(r, tg, "max_abandon", 0.0, 0.0, 1.0, 0, &t->max_abandon);
    reader_double(r, tg, "max_wait_s", 0.0, 0.0, 1e7, 0, &t->max_wait_s);
    reader_double(r, tg, "max_occupancy", 0.0, 0.0, 1.0, 0, &t->max_occupancy);
    reader_int(r, tg, "min_agents", 1, 1, 100000, 0, &min_agents);
    t->min_agents = (int)min_agents;
    if (tg && t->service_level <= 0 && t->max_abandon <= 0 && t->max_wait_s <= 0 &&
        t->max_occupancy <= 0)
        reader_error(r, tg, "give at least one target (service_level, max_abandon, max_wait_s "
                     "or max_occupancy)");
}

/* A number of hours on a quarter hour, into quarters; -1 (reported) when not. */
static int quarters_of(struct reader *r, config_setting_t *g, const char *name, double h)
{
    if (fmod(h * 4.0, 1.0) != 0.0) {
        reader_error(r, reader_member(r, g, name), "must be a whole number of quarter hours, "
                     "got %g", h);
        return -1;
    }
    return (int)lround(h * 4.0);
}

static void read_starts(struct reader *r, config_setting_t *sg, struct shift_params *sh)
{
    config_setting_t *starts = reader_member(r, sg, "starts");
    if (!starts || !config_setting_is_array(starts) || config_setting_length(starts) < 1 ||
        config_setting_length(starts) > MODEL_MAX_SHIFT_STARTS) {
        reader_error_missing(r, sg, "starts", "must be an array of 1 to %d start times like "
                             "\"08:00\"", MODEL_MAX_SHIFT_STARTS);
        return;
    }
    sh->n_starts = config_setting_length(starts);
    for (int i = 0; i < sh->n_starts; i++) {
        const char *t = config_setting_get_string_elem(starts, i);
        if (!t || week_parse_time(t, &sh->starts[i]) != 0 || sh->starts[i] >= 96)
            reader_error(r, starts, "start %d must be HH:MM on a quarter hour before 24:00",
                         i + 1);
    }
}

/* An array of 1 to MODEL_MAX_SHIFT_LENGTHS shift lengths in hours; returns how many. */
static int read_lengths(struct reader *r, config_setting_t *g, const char *name, double *out)
{
    config_setting_t *lengths = reader_member(r, g, name);
    if (!lengths || !config_setting_is_array(lengths) || config_setting_length(lengths) < 1 ||
        config_setting_length(lengths) > MODEL_MAX_SHIFT_LENGTHS) {
        reader_error_missing(r, g, name, "must be an array of 1 to %d shift lengths in hours",
                             MODEL_MAX_SHIFT_LENGTHS);
        return 0;
    }
    int n = config_setting_length(lengths);
    for (int i = 0; i < n; i++) {
        config_setting_t *e = config_setting_get_elem(lengths, (unsigned)i);
        double v = 0.0;
        if (reader_number_value(e, &v) != 0) {
            reader_error(r, e, "must be a number");
            continue;
        }
        if (!(v >= 1.0 && v <= 12.0) || fmod(v * 4.0, 1.0) != 0.0)
            reader_error(r, e, "shift lengths must be whole quarter hours from 1 to 12, got %g", v);
        out[i] = v;
    }
    return n;
}

/* One break rule of the list `breaks`. */
static void read_break(struct reader *r, config_setting_t *b, struct shift_break *br)
{
    double minutes, earliest, latest, min_shift;
    reader_double(r, b, "minutes", 0.0, 15.0, 120.0, 1, &minutes);
    reader_double(r, b, "earliest_h", 0.0, 0.0, 12.0, 1, &earliest);
    reader_double(r, b, "latest_h", earliest, earliest, 12.0, 0, &latest);
    reader_bool(r, b, "paid", 0, &br->paid);
    reader_double(r, b, "min_shift_h", latest + minutes / 60.0, 0.0, 24.0, 0, &min_shift);
    if (fmod(minutes, 15.0) != 0.0)
        reader_error(r, reader_member(r, b, "minutes"), "must be a whole number of quarter "
                     "hours, got %g", minutes);
    br->quarters = (int)lround(minutes / 15.0);
    br->earliest_q = quarters_of(r, b, "earliest_h", earliest);
    br->latest_q = quarters_of(r, b, "latest_h", latest);
    br->min_shift_h = min_shift;
}

/* Breaks: the list `breaks`, or one fixed break by break_minutes and break_after_h. */
static void read_breaks(struct reader *r, config_setting_t *sg, struct shift_params *sh)
{
    double minutes, after;
    reader_double(r, sg, "break_minutes", 0.0, 0.0, 120.0, 0, &minutes);
    reader_double(r, sg, "break_after_h", 4.0, 0.0, 12.0, 0, &after);
    config_setting_t *list = reader_list(r, sg, "breaks", 0);
    int n = list ? config_setting_length(list) : 0;
    if (n > MODEL_MAX_BREAKS) {
        reader_error(r, list, "at most %d breaks, got %d", MODEL_MAX_BREAKS, n);
        n = MODEL_MAX_BREAKS;
    }
    for (int i = 0; i < n; i++) {
        config_setting_t *b = config_setting_get_elem(list, (unsigned)i);
        if (!config_setting_is_group(b))
            reader_error(r, b, "each break must be a group { }");
        else
            read_break(r, b, &sh->breaks[sh->n_breaks++]);
    }
    if (minutes <= 0)
        return;
    if (list) {
        reader_error(r, list, "give breaks or break_minutes, not both");
        return;
    }
    if (fmod(minutes, 15.0) != 0.0)
        reader_error(r, reader_member(r, sg, "break_minutes"), "must be a whole number of "
                     "quarter hours, got %g", minutes);
    int at = quarters_of(r, sg, "break_after_h", after);
    sh->breaks[0] = (struct shift_break){ at, at, (int)lround(minutes / 15.0), 0,
                                          after + minutes / 60.0 };
    sh->n_breaks = 1;
}

/*
 * Every length that takes breaks must have room for each, and a break's
 * window must end before the next one's begins: the planner places each
 * break on its own (models/shifts_program.c), which is exact only then.
 */
static void check_breaks_fit(struct reader *r, config_setting_t *sg, const struct shift_params *sh)
{
    for (int l = 0; l < sh->n_lengths; l++) {
        int len = (int)lround(sh->lengths_h[l] * 4.0), prev = -1;
        for (int b = 0; b < sh->n_breaks; b++) {
            const struct shift_break *br = &sh->breaks[b];
            if (sh->lengths_h[l] < br->min_shift_h - 1e-9)
                continue;
            if (br->earliest_q + br->quarters > len) {
                reader_error(r, sg, "break %d does not fit in a %g h shift: move its window or "
                             "raise its min_shift_h", b + 1, sh->lengths_h[l]);
                return;
            }
            if (prev >= 0 && sh->breaks[prev].latest_q + sh->breaks[prev].quarters > br->earliest_q) {
                reader_error(r, sg, "break %d may start before break %d ends: a break's window "
                             "must end (latest_h + minutes) before the next one's earliest_h",
                             b + 1, prev + 1);
                return;
            }
            prev = b;
        }
    }
}

/* Rules on the share of paid hours in shifts of some lengths. */
static void read_shares(struct reader *r, config_setting_t *sg, struct shift_params *sh)
{
    config_setting_t *list = reader_list(r, sg, "shares", 0);
    int n = list ? config_setting_length(list) : 0;
    if (n > MODEL_MAX_SHARE_RULES) {
        reader_error(r, list, "at most %d share rules, got %d", MODEL_MAX_SHARE_RULES, n);
        n = MODEL_MAX_SHARE_RULES;
    }
    for (int i = 0; i < n; i++) {
        config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
        if (!config_setting_is_group(g)) {
            reader_error(r, g, "each share rule must be a group { }");
            continue;
        }
        struct shift_share *s = &sh->shares[sh->n_shares++];
        s->n = read_lengths(r, g, "lengths_h", s->lengths_h);
        reader_double(r, g, "min", 0.0, 0.0, 1.0, 0, &s->min);
        reader_double(r, g, "max", 1.0, 0.0, 1.0, 0, &s->max);
        if (s->min > s->max)
            reader_error(r, g, "min (%g) is above max (%g)", s->min, s->max);
        for (int k = 0; k < s->n; k++) {
            int known = 0;
            for (int l = 0; l < sh->n_lengths; l++)
                known |= fabs(sh->lengths_h[l] - s->lengths_h[k]) < 1e-9;
            if (!known)
                reader_error(r, reader_member(r, g, "lengths_h"), "%g h is not one of the "
                             "shift lengths (lengths_h)", s->lengths_h[k]);
        }
    }
}

/* days_off: "together" (a line works one run of consecutive days) or "any". */
static void read_days_off(struct reader *r, config_setting_t *sg, struct shift_params *sh)
{
    char how[16];
    if (reader_string(r, sg, "days_off", "together", 0, how, sizeof how) != 0)
        return;
    if (strcmp(how, "any") == 0)
        sh->days_off_any = 1;
    else if (strcmp(how, "together") != 0)
        reader_error(r, reader_member(r, sg, "days_off"), "'%s' is neither \"together\" (a "
                     "roster line's days off in one block) nor \"any\"", how);
}

/* days_per_week: a number of days, or [fewest, most]; none: no roster lines. */
static void read_roster(struct reader *r, config_setting_t *sg, struct shift_params *sh)
{
    read_days_off(r, sg, sh);
    config_setting_t *s = reader_member(r, sg, "days_per_week");
    if (!s)
        return;
    int allowed = 0;
    for (int d = 0; d < 7; d++)
        allowed += sh->days[d] != 0;
    if (allowed == 0)
        return;     /* days did not parse, and said so: no second error on its account */
    if (config_setting_type(s) == CONFIG_TYPE_INT) {
        sh->min_days = sh->max_days = config_setting_get_int(s);
    } else if (config_setting_is_array(s) && config_setting_length(s) == 2) {
        sh->min_days = config_setting_get_int_elem(s, 0);
        sh->max_days = config_setting_get_int_elem(s, 1);
    } else {
        reader_error(r, s, "must be a number of days, or [fewest, most] like [3, 5]");
        return;
    }
    if (sh->min_days < 1 || sh->max_days < sh->min_days || sh->max_days > 7)
        reader_error(r, s, "must be days from 1 to 7, the fewest first");
    else if (sh->min_days > allowed)
        reader_error(r, s, "a roster line cannot work %d days when shifts start on %d (days)",
                     sh->min_days, allowed);
    else if (!sh->days_off_any && sh->min_days > shifts_longest_run(sh))
        reader_error(r, s, "a roster line cannot work %d days in a row when shifts start on at "
                     "most %d days in a row (days), and its days off must be together: allow "
                     "more days, lower days_per_week, or set days_off = \"any\"", sh->min_days,
                     shifts_longest_run(sh));
    else if (!sh->days_off_any && sh->max_days > shifts_longest_run(sh))
        reader_error(r, s, "a roster line cannot work more than %d days in a row when shifts "
                     "start on at most %d days in a row (days), and its days off must be "
                     "together: give at most %d days, or set days_off = \"any\"",
                     shifts_longest_run(sh), shifts_longest_run(sh), shifts_longest_run(sh));
}

static void read_shifts(struct reader *r, config_setting_t *g, struct channel_params *c)
{
    struct shift_params *sh = &c->shifts;
    config_setting_t *sg = reader_group(r, g, "shifts", 0);
    sh->set = sg != NULL;
    if (!sg)
        return;
    read_starts(r, sg, sh);
    sh->n_lengths = read_lengths(r, sg, "lengths_h", sh->lengths_h);
    read_breaks(r, sg, sh);
    reader_double(r, sg, "cost_per_hour", c->cost_agent_hour, 0.0, 1e6, 0, &sh->cost_hour);
    char days[64];
    reader_string(r, sg, "days", "all", 0, days, sizeof days);
    if (week_parse_days(days, sh->days) != 0)
        reader_error(r, reader_member(r, sg, "days"), "'%s' is not a day list like \"mon-fri\"",
                     days);
    read_shares(r, sg, sh);
    read_roster(r, sg, sh);
    reader_double(r, sg, "max_gap", 0.002, 0.0, 0.2, 0, &sh->max_gap);
    if (r->n_errors > 0)
        return;     /* the checks below need rules that read well */
    check_breaks_fit(r, sg, sh);
    int q = shifts_first_uncovered(sh, c->week.open);
    if (q >= 0) {
        char when[40];
        shifts_quarter_words(q, when, sizeof when);
        reader_error(r, sg, "no allowed shift covers %s, when the channel is open: add a start "
                     "time, a length or a day (days) that does", when);
    }
}

void load_staffing(struct reader *r, config_setting_t *g, struct channel_params *c)
{
    read_targets(r, g, c);
    read_shifts(r, g, c);
    reader_double(r, g, "shrinkage", 0.0, 0.0, 0.95, 0, &c->shrinkage);
    reader_double(r, g, "fte_hours", 0.0, 0.0, 80.0, 0, &c->fte_hours);
}
