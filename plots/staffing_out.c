/*
 * staffing_out: the terminal summary and the JSON of a workforce plan, and
 * the words every view of a plan shares.  Labels of the plan's figures come
 * from the catalogue (models/figures.c, FIG_PLAN and FIG_PLAN_INTERVAL).
 */
#include "plots/staffing_out.h"

#include <math.h>
#include <string.h>

#include "models/results.h"
#include "models/schedule.h"
#include "plots/json.h"

static const char *plan_label(enum plan_stat s)
{
    return figures_def(FIG_PLAN, s)->label;
}

static const char *interval_label(enum plan_interval_stat s)
{
    return figures_def(FIG_PLAN_INTERVAL, s)->label;
}

static void clock_words(int quarter, char *buf, size_t size)
{
    int minutes = ((quarter % SCHEDULE_SLOTS_PER_DAY) + SCHEDULE_SLOTS_PER_DAY) %
                  SCHEDULE_SLOTS_PER_DAY * 15;
    snprintf(buf, size, "%02d:%02d", minutes / 60, minutes % 60);
}

void staffing_out_shift_span(const struct shift_count *s, char *buf, size_t size)
{
    char a[8], b[8];
    clock_words(s->start_q, a, sizeof a);
    clock_words(s->start_q + (int)lround(s->length_h * 4.0), b, sizeof b);
    snprintf(buf, size, "%s-%s", a, b);
}

void staffing_out_break_span(const struct shift_count *s, int b, char *buf, size_t size)
{
    char a[8], z[8];
    clock_words(s->start_q + s->break_q[b], a, sizeof a);
    clock_words(s->start_q + s->break_q[b] + s->break_len_q[b], z, sizeof z);
    snprintf(buf, size, "%s-%s", a, z);
}

void staffing_out_breaks(const struct shift_count *s, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int b = 0; b < s->n_breaks && len < size; b++) {
        char span[16];
        staffing_out_break_span(s, b, span, sizeof span);
        int w = snprintf(buf + len, size - len, "%s%s", b ? ", " : "", span);
        len += w > 0 ? (size_t)w : 0;
    }
}

double staffing_out_mean_week(const struct workforce *wf)
{
    double mean = 0.0;
    for (int w = 0; w < wf->n; w++)
        mean += wf->weeks[w].agent_hours / wf->n;
    return mean;
}

int staffing_out_day_open(const struct model *m, const struct staffing_channel *sc, int d)
{
    int per_day = (int)(86400.0 / m->interval_s);
    for (int k = d * per_day; k < (d + 1) * per_day && k < sc->n; k++)
        if (sc->iv[k].open)
            return 1;
    return 0;
}

int staffing_out_covered(const struct model *m, const struct shift_plan *sh, int k)
{
    int quarters = (int)(m->interval_s / SCHEDULE_SLOT_S);
    int covered = sh->coverage[k * quarters];
    for (int q = 1; q < quarters; q++)
        if (sh->coverage[k * quarters + q] < covered)
            covered = sh->coverage[k * quarters + q];
    return covered;
}

void staffing_out_week_name(const struct model *m, const struct workforce_week *w, int dated,
                            char *buf, size_t size)
{
    char date[32];
    workforce_week_date(m, w, date, sizeof date);
    if (dated)
        snprintf(buf, size, "week %d (from %s)", w->week + 1, date);
    else
        snprintf(buf, size, "week %d", w->week + 1);
}

/* The weeks side by side: one row per week and channel. */
static void print_weeks(FILE *f, const struct staffing_report *r)
{
    const struct model *m = r->m;
    const struct workforce *wf = r->wf;
    fprintf(f, "  %-24s %-8s %12s %12s %10s %8s %12s\n", "week", "channel", "required h",
            "rostered h", "paid h", "FTE", m->currency);
    for (int w = 0; w < wf->n; w++) {
        const struct workforce_week *wk = &wf->weeks[w];
        char name[64];
        staffing_out_week_name(m, wk, 1, name, sizeof name);
        for (int i = 0; i < wk->plan.n; i++) {
            const struct staffing_channel *sc = &wk->plan.ch[i];
            const struct workforce_channel *wc = &wk->ch[i];
            fprintf(f, "  %-24s %-8s %12.1f %12.1f %10.1f %8.1f %12.0f\n", i ? "" : name,
                    m->channels[sc->channel].name, sc->agent_hours, sc->rostered_hours,
                    wc->paid_hours, wc->fte, wc->cost);
        }
    }
    fprintf(f, "  (%s, %s, %s, %s and %s per week)\n", plan_label(PS_AGENT_HOURS),
            plan_label(PS_ROSTERED_HOURS), plan_label(PS_PAID_HOURS), plan_label(PS_FTE),
            plan_label(PS_COST));
    if (wf->alike) {
        fprintf(f, "every week alike: %.1f %s each, no peak (the weeks have the same load here, "
                   "and so the same plan: each week's simulation draws the same random "
                   "numbers, so weeks differ by their load alone)\n", wf->weeks[0].agent_hours,
                plan_label(PS_AGENT_HOURS));
    } else if (wf->n > 1) {
        const struct workforce_week *pk = &wf->weeks[wf->peak];
        double mean = staffing_out_mean_week(wf);
        char name[64];
        staffing_out_week_name(m, pk, 1, name, sizeof name);
        fprintf(f, "peak week: %s, %.1f %s, %+.1f%% against the mean week\n", name,
                pk->agent_hours, plan_label(PS_AGENT_HOURS),
                mean > 0 ? 100.0 * (pk->agent_hours / mean - 1.0) : 0.0);
    }
}

static void print_norms(FILE *f, const struct channel_params *cp)
{
    const struct target_params *t = &cp->targets;
    fprintf(f, "\n%s: norms", cp->name);
    if (t->service_level > 0)
        fprintf(f, " %.0f%% answered within %.0f s;", 100 * t->service_level, t->within_s);
    if (t->max_abandon > 0)
        fprintf(f, " at most %.0f%% abandoning;", 100 * t->max_abandon);
    if (t->max_wait_s > 0)
        fprintf(f, " mean wait at most %.0f s;", t->max_wait_s);
    if (t->max_occupancy > 0)
        fprintf(f, " occupancy at most %.0f%%;", 100 * t->max_occupancy);
    fprintf(f, " at least %d agent%s while open\n", t->min_agents, t->min_agents == 1 ? "" : "s");
}

static void print_intervals(FILE *f, const struct model *m, const struct staffing_channel *sc)
{
    fprintf(f, "  %-10s %9s %16s %16s %16s %16s %17s  %s\n", "interval",
            figures_def(FIG_INTERVAL, IS_ARRIVALS)->label, interval_label(PI_ERLANG),
            interval_label(PI_REQUIRED), interval_label(PI_ROSTERED),
            figures_def(FIG_INTERVAL, IS_SERVICE_LEVEL)->label,
            figures_def(FIG_INTERVAL, IS_P_ABANDON)->label, "notes");
    for (int k = 0; k < sc->n; k++) {
        const struct staffing_interval *iv = &sc->iv[k];
        if (!iv->open)
            continue;
        char label[32];
        results_interval_label(m, k, label, sizeof label);
        fprintf(f, "  %-10s %9.1f %16d %16d %16.1f", label, iv->arrivals, iv->erlang,
                iv->required, iv->rostered);
        if (iv->empty)
            fprintf(f, " %16s %17s  no contacts: the minimum\n", "-", "-");
        else
            fprintf(f, " %8.1f%% ± %4.1f %16.1f%%  %s%s%s\n", 100 * iv->service_level.mean,
                    100 * iv->service_level.ci95, 100 * iv->p_abandon.mean,
                    iv->binding ? "binding" : "", iv->close ? " at risk" : "",
                    iv->required != iv->erlang ? " (differs)" : "");
    }
}

void staffing_out_line_days(const struct roster_line *ln, char *buf, size_t size)
{
    int n = 0, starts = 0, first = 0;
    for (int d = 0; d < 7; d++) {
        if (ln->shift[d] < 0)
            continue;
        n++;
        if (ln->shift[(d + 6) % 7] < 0) {
            starts++;
            first = d;
        }
    }
    if (n == 7)
        snprintf(buf, size, "every day");
    else if (starts == 1)       /* one run, perhaps from Sunday into Monday */
        snprintf(buf, size, "%s%s%s", schedule_days[first].key, n > 1 ? "-" : "",
                 n > 1 ? schedule_days[(first + n - 1) % 7].key : "");
    else {
        size_t at = 0;
        buf[0] = '\0';
        for (int d = 0; d < 7 && at < size; d++)
            if (ln->shift[d] >= 0)
                at += (size_t)snprintf(buf + at, size - at, "%s%s", at ? ", " : "",
                                       schedule_days[d].key);
    }
}

/* The lines: with days off together, how many of each length work each run of days; with
 * any days off, how many of each length work each number of days. */
static void print_roster(FILE *f, const struct channel_params *cp, const struct shift_plan *sh)
{
    if (sh->n_lines == 0)
        return;
    int together = !cp->shifts.days_off_any;
    fprintf(f, "  roster: %d line%s, %s (roster.csv lists each line's week)\n", sh->n_lines,
            sh->n_lines == 1 ? "" : "s", together ? "each working consecutive days, its days off "
            "together" : "days off wherever the shifts fall (days_off = \"any\")");
    if (sh->overlaps > 0)
        fprintf(f, "  warning: %d roster line%s a shift that begins before the one of the day "
                   "before ends (shifts past midnight); the program knows no rest between "
                   "shifts: redo %s by hand\n", sh->overlaps, sh->overlaps == 1 ? " has" : "s have",
                sh->overlaps == 1 ? "it" : "them");
    for (int i = 0; together && i < sh->n_lines;) {
        char days[64], next[64];
        staffing_out_line_days(&sh->lines[i], days, sizeof days);
        int j = i + 1;
        for (; j < sh->n_lines && sh->lines[j].length == sh->lines[i].length; j++) {
            staffing_out_line_days(&sh->lines[j], next, sizeof next);
            if (strcmp(next, days) != 0)
                break;
        }
        fprintf(f, "    %g h, %s: %d line%s\n", cp->shifts.lengths_h[sh->lines[i].length], days,
                j - i, j - i == 1 ? "" : "s");
        i = j;
    }
    for (int l = 0; !together && l < cp->shifts.n_lengths; l++)
        for (int days = 1; days <= 7; days++) {
            int lines = 0;
            for (int i = 0; i < sh->n_lines; i++) {
                int worked = 0;
                for (int d = 0; d < 7; d++)
                    worked += sh->lines[i].shift[d] >= 0;
                lines += sh->lines[i].length == l && worked == days;
            }
            if (lines)
                fprintf(f, "    %d days of %g h: %d line%s\n", days, cp->shifts.lengths_h[l],
                        lines, lines == 1 ? "" : "s");
        }
}

static void print_shifts(FILE *f, const struct model *m, const struct channel_params *cp,
                         const struct workforce_channel *wc)
{
    const struct shift_plan *sh = &wc->shifts;
    char how[64] = "optimal";
    if (!sh->optimal)
        snprintf(how, sizeof how, "within %.2f%% of the optimum", 100 * sh->gap);
    fprintf(f, "  shifts (%s): %.1f %s, %.0f %s; %s %.1f agent-hours (%.0f %s); %s %.0f%%\n",
            how, sh->paid_hours, plan_label(PS_PAID_HOURS), sh->cost, m->currency,
            plan_label(PS_OVER_HOURS), sh->over_hours, sh->over_cost, m->currency,
            plan_label(PS_FULL_TIME_SHARE), 100 * wc->full_time_share);
    if (cp->fte_hours > 0)
        fprintf(f, "  %.1f %s of %.0f paid hours a week\n", wc->fte, plan_label(PS_FTE),
                cp->fte_hours);
    for (int s = 0; s < sh->n; s++) {
        char span[16], breaks[64];
        staffing_out_shift_span(&sh->used[s], span, sizeof span);
        staffing_out_breaks(&sh->used[s], breaks, sizeof breaks);
        fprintf(f, "    %s %s  %4.1f h%s%s  x %d\n", schedule_days[sh->used[s].day].key, span,
                sh->used[s].length_h, breaks[0] ? ", breaks " : "", breaks, sh->used[s].count);
    }
    print_roster(f, cp, sh);
}

void staffing_out_print(FILE *f, const struct staffing_report *r)
{
    const struct model *m = r->m;
    const struct workforce *wf = r->wf;
    fprintf(f, "chanmix staff: scenario '%s', %d of %d week%s planned one by one\n", m->name,
            wf->n, wf->weeks_in_horizon, wf->weeks_in_horizon == 1 ? "" : "s");
    print_weeks(f, r);
    const struct workforce_week *wk = &wf->weeks[r->detail];
    const struct staffing_plan *p = &wk->plan;
    char name[64];
    staffing_out_week_name(m, wk, 1, name, sizeof name);
    fprintf(f, "\n%s in full%s: %d rounds, %d replications behind each figure (%ld run), "
               "plan %s; %d intervals at risk (a norm inside the 95%% interval)\n", name,
            wf->n > 1 ? " (--week N for another)" : "", p->iterations, p->replications,
            p->replications_run, p->stable ? "stable" : "not yet stable: raise "
            "planning.max_iterations", p->close);
    for (int i = 0; i < p->n; i++) {
        const struct staffing_channel *sc = &p->ch[i];
        const struct channel_params *cp = &m->channels[sc->channel];
        print_norms(f, cp);
        fprintf(f, "  mean handling %.0f s; shrinkage %.0f%%; per week %.1f %s, %.0f %s (%.1f "
                   "%s), %.1f %s\n", sc->aht_s, 100 * cp->shrinkage, sc->agent_hours,
                plan_label(PS_AGENT_HOURS), sc->cost, m->currency, sc->erlang_agent_hours,
                plan_label(PS_ERLANG_AGENT_HOURS), sc->rostered_hours,
                plan_label(PS_ROSTERED_HOURS));
        print_intervals(f, m, sc);
        if (wk->ch[i].has_shifts)
            print_shifts(f, m, cp, &wk->ch[i]);
    }
}

/* JSON */

static void json_interval(struct json *j, const struct model *m, const struct staffing_channel *sc,
                          const struct workforce_channel *wc, int k)
{
    const struct staffing_interval *iv = &sc->iv[k];
    char label[32];
    results_interval_label(m, k, label, sizeof label);
    json_begin_object(j, NULL);
    json_number(j, "start", iv->start_s);
    json_string(j, "label", label);
    json_number(j, "arrivals", iv->arrivals);
    json_int(j, figures_def(FIG_PLAN_INTERVAL, PI_REQUIRED)->name, iv->required);
    json_int(j, figures_def(FIG_PLAN_INTERVAL, PI_ERLANG)->name, iv->erlang);
    json_number(j, figures_def(FIG_PLAN_INTERVAL, PI_ROSTERED)->name, iv->rostered);
    if (wc->has_shifts)
        json_int(j, figures_def(FIG_PLAN_INTERVAL, PI_ON_SHIFTS)->name,
                 staffing_out_covered(m, &wc->shifts, k));
    json_string(j, "binding", iv->binding ? "yes" : "no");
    json_string(j, "at_risk", iv->close ? "yes" : "no");
    json_string(j, "no_contacts", iv->empty ? "yes" : "no");
    if (!iv->empty) {
        json_estimate(j, "service_level", &iv->service_level);
        json_estimate(j, "p_abandon", &iv->p_abandon);
        json_estimate(j, "wait_mean_s", &iv->wait_mean_s);
    }
    json_end_object(j);
}

static void json_shift_list(struct json *j, const struct model *m, const struct shift_plan *sh)
{
    (void)m;
    json_begin_array(j, "shifts");
    for (int s = 0; s < sh->n; s++) {
        const struct shift_count *u = &sh->used[s];
        char span[16];
        staffing_out_shift_span(u, span, sizeof span);
        json_begin_object(j, NULL);
        json_string(j, "day", schedule_days[u->day].key);
        json_string(j, "hours", span);
        json_number(j, "length_h", u->length_h);
        json_number(j, "paid_h", u->paid_h);
        json_begin_array(j, "breaks");
        for (int b = 0; b < u->n_breaks; b++) {
            staffing_out_break_span(u, b, span, sizeof span);
            json_string(j, NULL, span);
        }
        json_end_array(j);
        json_int(j, "count", u->count);
        json_end_object(j);
    }
    json_end_array(j);
}

/* Each roster line: its length, its days ("mon-fri"), its paid hours and its week, day by day. */
static void json_roster(struct json *j, const struct shift_params *sp,
                        const struct shift_plan *sh)
{
    if (sp->min_days > 0)       /* the rules ask for roster lines */
        json_string(j, "days_off", sp->days_off_any ? "any" : "together");
    json_int(j, "roster_lines", sh->n_lines);
    json_int(j, "roster_overlaps", sh->overlaps);
    json_begin_array(j, "roster");
    for (int i = 0; i < sh->n_lines; i++) {
        const struct roster_line *ln = &sh->lines[i];
        char buf[64];
        staffing_out_line_days(ln, buf, sizeof buf);
        json_begin_object(j, NULL);
        json_number(j, "length_h", sp->lengths_h[ln->length]);
        json_string(j, "days", buf);
        json_number(j, "paid_h", ln->paid_h);
        json_begin_object(j, "week");
        for (int d = 0; d < 7; d++) {
            if (ln->shift[d] >= 0)
                staffing_out_shift_span(&sh->used[ln->shift[d]], buf, sizeof buf);
            else
                snprintf(buf, sizeof buf, "off");
            json_string(j, schedule_days[d].key, buf);
        }
        json_end_object(j);
        json_end_object(j);
    }
    json_end_array(j);
}

static void json_channel(struct json *j, const struct model *m, const struct workforce_week *wk,
                         int i)
{
    const struct staffing_channel *sc = &wk->plan.ch[i];
    const struct workforce_channel *wc = &wk->ch[i];
    const struct channel_params *cp = &m->channels[sc->channel];
    const double totals[PS_COUNT] = {
        [PS_AGENT_HOURS] = sc->agent_hours, [PS_ERLANG_AGENT_HOURS] = sc->erlang_agent_hours,
        [PS_ROSTERED_HOURS] = sc->rostered_hours, [PS_PAID_HOURS] = wc->paid_hours,
        [PS_OVER_HOURS] = wc->shifts.over_hours, [PS_OVER_COST] = wc->shifts.over_cost,
        [PS_FTE] = wc->fte, [PS_FULL_TIME_SHARE] = wc->full_time_share, [PS_COST] = wc->cost,
    };
    json_begin_object(j, cp->name);
    json_number(j, "aht_s", sc->aht_s);
    json_number(j, "patience_s", sc->patience_s);
    json_number(j, "shrinkage", cp->shrinkage);
    json_number(j, "fte_hours", cp->fte_hours);
    for (int s = 0; s < PS_COUNT; s++)
        json_number(j, figures_def(FIG_PLAN, s)->name, totals[s]);
    json_number(j, "erlang_cost", sc->erlang_cost);
    json_begin_array(j, "intervals");
    for (int k = 0; k < sc->n; k++)
        if (sc->iv[k].open)
            json_interval(j, m, sc, wc, k);
    json_end_array(j);
    if (wc->has_shifts) {
        json_string(j, "shifts_optimal", wc->shifts.optimal ? "yes" : "no");
        json_number(j, "shifts_gap", wc->shifts.gap);
        json_shift_list(j, m, &wc->shifts);
        json_roster(j, &cp->shifts, &wc->shifts);
    }
    json_end_object(j);
}

void staffing_out_json(FILE *f, const struct staffing_report *r)
{
    const struct model *m = r->m;
    struct json j;
    json_init(&j, f);
    json_begin_object(&j, NULL);
    json_string(&j, "scenario", m->name);
    json_string(&j, "currency", m->currency);
    json_string(&j, "service_level_definition", FIGURES_SL_DEFINITION);
    json_int(&j, "weeks_in_horizon", r->wf->weeks_in_horizon);
    json_int(&j, "peak_week", r->wf->weeks[r->wf->peak].week + 1);
    json_bool(&j, "weeks_alike", r->wf->alike);
    json_begin_array(&j, "weeks");
    for (int w = 0; w < r->wf->n; w++) {
        const struct workforce_week *wk = &r->wf->weeks[w];
        char date[32];
        workforce_week_date(m, wk, date, sizeof date);
        json_begin_object(&j, NULL);
        json_int(&j, "week", wk->week + 1);
        json_string(&j, "from", date);
        json_int(&j, "iterations", wk->plan.iterations);
        json_string(&j, "stable", wk->plan.stable ? "yes" : "no");
        json_int(&j, "replications", wk->plan.replications);
        json_int(&j, "at_risk", wk->plan.close);
        json_begin_object(&j, "channels");
        for (int i = 0; i < wk->plan.n; i++)
            json_channel(&j, m, wk, i);
        json_end_object(&j);
        json_end_object(&j);
    }
    json_end_array(&j);
    json_end_object(&j);
}
