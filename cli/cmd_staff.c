/*
 * chanmix staff: a staffing plan for each week of the horizon that meets
 * each assisted channel's norms, rostered with shrinkage and covered by
 * shifts and roster lines (models/workforce.h).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "models/workforce.h"
#include "plots/chart.h"
#include "plots/report.h"
#include "plots/staffing_out.h"

static void usage(FILE *f)
{
    fputs("usage: chanmix staff FILE.cfg [--week N] [--threads N] [--json] [--out DIR] [--quiet]\n"
          "\n"
          "For every assisted channel with `targets`, finds the fewest agents per interval\n"
          "that meet them, week by week over the horizon: Erlang A per interval on the\n"
          "offered load, refined by simulation until every open interval meets its norms on\n"
          "the point estimate. Then the agents to roster (with `shrinkage`), and where the\n"
          "channel lists `shifts`, the cheapest shifts, breaks and roster lines that cover\n"
          "them (an integer program solved by GLPK). Names the peak week.\n"
          "\n"
          "  --week N    plan week N of the horizon only\n"
          "  --json      one object: every week planned, its channels, intervals and shifts\n"
          "  --out DIR   report.html and charts; staffing.json, staffing.csv, shifts.csv,\n"
          "              roster.csv, staffing.xlsx; and staffing.cfg: the scenario with the\n"
          "              peak week's plan (or week N's) as its staffing, for `chanmix run`\n", f);
}

/* The bar: the simulation running now, named by week and round. */
struct staff_bar {
    struct progress bar;
    double t0;
    int weeks_done, last_week;
};

static void on_step(void *ctx, const struct staffing_step *s)
{
    struct staff_bar *b = ctx;
    if (s->week != b->last_week) {
        b->weeks_done += b->last_week >= 0;
        b->last_week = s->week;
    }
    char what[96];
    snprintf(what, sizeof what, "week %d of %d, round %d (%s)", s->week + 1, s->weeks, s->round,
             s->what);
    double left = -1.0;
    if (b->weeks_done > 0 && s->weeks > 1) {
        double elapsed = b->bar.last_draw - b->bar.t0;
        left = elapsed / b->weeks_done * (s->weeks - s->week);
    }
    progress_step(&b->bar, s->done, s->total, s->run_before, what, left);
}

/* Charts and the report in dir; 0 or EXIT_RUNTIME. */
static int write_report(const char *dir, const struct staffing_report *r)
{
    struct chart_set *set = malloc(sizeof *set);
    if (!set) {
        cli_error("staff", "out of memory");
        return EXIT_RUNTIME;
    }
    int told = 0;
    chart_draw_staffing(dir, r, set);
    int status = cli_charts_outcome("staff", set, &told);
    char *question = cli_read_question(r->scenario_path);
    struct report_source src = { r->scenario_path, question };
    char err[1200];
    if (report_write_staff(dir, r, &src, set, err, sizeof err) != 0) {
        cli_error("staff", "%s", err);
        status = EXIT_RUNTIME;
    }
    free(question);
    free(set);
    return status;
}

/* Says why workforce_plan returned rc; returns the exit status. */
static int plan_failed(int rc, const char *path, const struct model *m,
                       const struct workforce *wf, const char *err)
{
    if (rc == WORKFORCE_NO_TARGETS) {
        fprintf(stderr, "%s: channels: no assisted channel has `targets`; give at least one "
                "(see docs/scenarios.md)\n", path);
        return EXIT_BAD_INPUT;
    }
    if (rc == WORKFORCE_NO_SHIFTS) {
        fprintf(stderr, "%s: %s\n", path, err);
        return EXIT_BAD_INPUT;
    }
    if (rc == WORKFORCE_OVERFLOW)
        return cli_report_overflow("staff", m, &wf->overflow);
    cli_error("staff", "%s", err);
    return EXIT_RUNTIME;
}

/* The files, charts and report in the output folder, then the plan on stdout. */
static int write_plan(const struct cli_options *o, struct cli_out *out,
                      const struct staffing_report *r)
{
    int status = 0;
    char err[PATH_MAX + 512];
    const char *dir;
    if (o->out && (status = cli_out_begin(out, &dir)) == 0 &&
        staffing_out_write(dir, r, err, sizeof err) != 0) {
        cli_error("staff", "%s", err);
        status = EXIT_RUNTIME;
    }
    if (o->out && status == 0)
        status = write_report(dir, r);
    if (status != 0)
        return status;
    /* the plan goes to stdout in one piece, and a failure is said here with its reason:
     * after a long plan's earlier writes failed, the final flush (cli/main.c) no longer
     * knows it */
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) {
        cli_error("staff", "out of memory");
        return EXIT_RUNTIME;
    }
    if (o->json)
        staffing_out_json(mem, r);
    else
        staffing_out_print(mem, r);
    int bad = fclose(mem) != 0;
    if (bad)
        cli_error("staff", "out of memory");
    else if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
        fprintf(stderr, "chanmix: cannot write the standard output: %s\n", strerror(errno));
        clearerr(stdout);       /* said once */
        bad = 1;
    }
    free(text);
    return bad ? EXIT_RUNTIME : status;
}

static int plan_and_write(const struct cli_options *o, struct cli_out *out,
                          const struct model *m, const char *path)
{
    int weeks = workforce_weeks(m);
    if (o->week > weeks) {
        cli_error("staff", "--week %ld: the horizon of %s has %d week%s after its warm-up",
                  o->week, path, weeks, weeks == 1 ? "" : "s");
        return EXIT_BAD_INPUT;
    }
    struct staff_bar b = { .last_week = -1 };
    progress_start(&b.bar, stderr, o->quiet, 0, 1, NULL);
    struct staffing_progress pr = { on_step, &b, 0, 0 };
    struct workforce wf;
    char err[600];
    int rc = workforce_plan(m, (int)o->week - 1, (int)o->threads, &pr, &wf, err, sizeof err);
    progress_finish(&b.bar);
    if (rc != 0)
        return plan_failed(rc, path, m, &wf, err);
    struct staffing_report r = { m, path, &wf, o->week > 0 ? 0 : wf.peak };
    int status = write_plan(o, out, &r);
    workforce_free(&wf);
    return status;
}

int cmd_staff(int argc, char **argv)
{
    struct cli_options o;
    int prc = cli_options_parse(argc, argv, "staff",
                                OPT_THREADS | OPT_JSON | OPT_QUIET | OPT_OUT | OPT_WEEK, 2, usage,
                                &o);
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
    int status = plan_and_write(&o, &out, m, path);
    model_release(m);
    free(m);
    return o.out ? cli_out_close(&out, status) : status;
}
