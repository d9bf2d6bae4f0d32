/*
 * chanmix staff: staffing per interval that meets each assisted channel's
 * targets, and the shifts that cover it.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "models/shifts.h"
#include "models/staffing.h"
#include "cli/progress.h"
#include "plots/chart.h"
#include "plots/staffing_out.h"

static void usage(FILE *f)
{
    fputs("usage: chanmix staff FILE.cfg [--threads N] [--json] [--out DIR] [--quiet]\n"
          "\n"
          "For every assisted channel with `targets`, finds the fewest agents per interval\n"
          "that meet them: Erlang A per interval on the offered load, refined by simulation\n"
          "until the plan is stable; then, where the channel lists `shifts`, the cheapest\n"
          "shifts that cover the requirement (an integer program solved by GLPK).\n"
          "\n"
          "  --json      one object: \"staffing\" and \"shifts\", keyed by channel\n"
          "  --out DIR   staffing.json, staffing.csv, shifts.csv, and staffing.cfg: the\n"
          "              scenario with the plan as its staffing, for `chanmix run`\n", f);
}

/* Charts of the requirement, Erlang and the shifts per interval; 0 or EXIT_RUNTIME. */
static int staffing_charts(const char *dir, const struct model *m, const struct staffing_plan *plan,
                           const struct shift_plan *shifts, const int *has_shifts)
{
    int told = 0, rc = 0;
    int quarters = (int)(m->interval_s / SCHEDULE_SLOT_S);
    for (int i = 0; i < plan->n && rc == 0; i++) {
        const struct staffing_channel *sc = &plan->ch[i];
        double start[7 * 96], required[7 * 96], erlang[7 * 96], covered[7 * 96];
        int n = 0;
        for (int k = 0; k < sc->n; k++) {
            if (!sc->iv[k].open)
                continue;
            start[n] = sc->iv[k].start_s;
            required[n] = sc->iv[k].required;
            erlang[n] = sc->iv[k].erlang;
            int cover = has_shifts[i] ? shifts[i].coverage[k * quarters] : 0;
            for (int q = 1; q < quarters && has_shifts[i]; q++)
                if (shifts[i].coverage[k * quarters + q] < cover)
                    cover = shifts[i].coverage[k * quarters + q];
            covered[n++] = cover;
        }
        char err[600];
        int c = chart_staffing(dir, m->channels[sc->channel].name, n, start, required, erlang,
                               has_shifts[i] ? covered : NULL, err, sizeof err);
        if (c == CHART_NO_GNUPLOT && !told) {
            cli_error("staff", "charts skipped: %s", err);
            told = 1;
        } else if (c == CHART_FAILED) {
            cli_error("staff", "%s", err);
            rc = EXIT_RUNTIME;
        }
    }
    return rc;
}

/* Says why staffing_plan returned rc; returns the exit status. */
static int plan_failed(int rc, const char *path, const struct model *m,
                       const struct staffing_plan *plan)
{
    if (rc == -2) {
        fprintf(stderr, "%s: channels: no assisted channel has `targets`; give at least one "
                "(see docs/scenarios.md)\n", path);
        return EXIT_BAD_INPUT;
    }
    if (rc == STAFFING_OVERFLOW)
        return cli_report_overflow("staff", m, &plan->overflow);
    cli_error("staff", "out of memory while planning");
    return EXIT_RUNTIME;
}

int cmd_staff(int argc, char **argv)
{
    struct cli_options o;
    int prc = cli_options_parse(argc, argv, "staff", OPT_THREADS | OPT_JSON | OPT_QUIET | OPT_OUT,
                                2, usage, &o);
    if (prc != 0)
        return prc == 1 ? 0 : prc;
    struct model *m;
    const char *path;
    if ((prc = cli_load_scenario("staff", argc, argv, o.first, usage, &m, &path)) != 0)
        return prc;
    struct cli_out out;
    if (o.out && (prc = cli_out_open(&out, "staff", o.out)) != 0) {
        model_release(m);
        free(m);
        return prc;
    }
    struct staffing_plan plan;
    /* the search stops when the plan is stable: the bar counts up to the most it may take */
    struct progress bar;
    progress_start(&bar, stderr, o.quiet, m->planning.replications *
                   (2 + 2 * m->planning.max_iterations), 1, NULL);
    int rc = staffing_plan(m, (int)o.threads, &plan, progress_update, &bar);
    progress_finish(&bar);
    if (rc != 0) {
        rc = plan_failed(rc, path, m, &plan);
        model_release(m);
        free(m);
        return o.out ? cli_out_close(&out, rc) : rc;
    }

    struct shift_plan shifts[MODEL_MAX_CHANNELS];
    int has_shifts[MODEL_MAX_CHANNELS] = { 0 };
    memset(shifts, 0, sizeof shifts);
    int status = 0;
    for (int i = 0; i < plan.n && status == 0; i++) {
        const struct channel_params *cp = &m->channels[plan.ch[i].channel];
        if (!cp->shifts.set)
            continue;
        int required[SCHEDULE_SLOTS];
        int quarters = (int)(m->interval_s / SCHEDULE_SLOT_S);
        for (int k = 0; k < plan.ch[i].n; k++)
            for (int q = 0; q < quarters; q++)
                required[k * quarters + q] = plan.ch[i].iv[k].required;
        char err[512];
        if (shifts_solve(&cp->shifts, required, &shifts[i], err, sizeof err) != 0) {
            fprintf(stderr, "%s: channels.%s.shifts: %s\n", path, cp->name, err);
            status = EXIT_BAD_INPUT;
        } else {
            has_shifts[i] = 1;
        }
    }
    if (status == 0) {
        struct staffing_report r = { m, path, &plan, shifts, has_shifts };
        char err[PATH_MAX + 512];
        const char *dir;
        if (o.out && (status = cli_out_begin(&out, &dir)) == 0 &&
            staffing_out_write(dir, &r, err, sizeof err) != 0) {
            cli_error("staff", "%s", err);
            status = EXIT_RUNTIME;
        }
        if (o.out && status == 0)
            status = staffing_charts(dir, m, &plan, shifts, has_shifts);
        if (status == 0) {
            if (o.json)
                staffing_out_json(stdout, &r);
            else
                staffing_out_print(stdout, &r);
        }
    }
    for (int i = 0; i < plan.n; i++)
        shifts_free(&shifts[i]);
    staffing_free(&plan);
    model_release(m);
    free(m);
    return o.out ? cli_out_close(&out, status) : status;
}
