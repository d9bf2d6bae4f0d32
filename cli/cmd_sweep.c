/*
 * chanmix sweep: how results depend on uncertain assumptions.  The plan is
 * settled and every point checked first (cli/sweep_plan.c), then the points
 * are simulated (models/sweep_run.c), analysed (models/sweep_analysis.c)
 * and shown (plots/sweep_out.c, chart_sweep.c, report_sweep.c).
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "cli/sweep_cluster.h"
#include "cli/sweep_plan.h"
#include "cli/cluster.h"
#include "models/sweep_analysis.h"
#include "plots/chart.h"
#include "plots/report.h"
#include "plots/sweep_out.h"

static void usage(FILE *f)
{
    fputs("usage: chanmix sweep FILE.cfg [B.cfg ...] --vary PATH=LOW:HIGH [--vary ...]\n"
          "                     [--points N] [--method lhs|sobol|morris] [--metric PATH ...]\n"
          "                     [--replications R] [--threads T] [--seed S] [--json]\n"
          "                     [--out DIR] [--quiet] [--shard K/N]\n"
          "\n"
          "Simulates the scenarios at points spread over the uncertain assumptions, every\n"
          "point on the same seeds (common random numbers), and says how the results\n"
          "spread, which assumption drives them and, with several scenarios, in what share\n"
          "of plausible worlds each beats the first on each headline figure.\n"
          "\n"
          "  --vary PATH=LOW:HIGH  a numeric scenario setting, uniform over LOW..HIGH, by its\n"
          "                path in docs/scenarios.md (channels.phone.handling.mean_s,\n"
          "                choice.steer.web, segments.seniors.patience); repeat for each.\n"
          "                Without --vary, the first file's sweep group says what to vary.\n"
          "  --method M    sobol (Sobol indices, default), lhs (Latin hypercube, rank\n"
          "                correlations) or morris (elementary effects, for screening)\n"
          "  --points N    design size: base points (sobol: N x (k+2) points for k\n"
          "                assumptions), points (lhs) or trajectories (morris: N x (k+1));\n"
          "                default the sweep group's, or 32\n"
          "  --metric PATH a figure to study, by its path in the JSON (cost.total.organisation);\n"
          "                repeat for each; default the headline figures\n"
          "  --replications R  per point (default the sweep group's, or the scenario's)\n"
          "  --json        the summary as JSON on standard output\n"
          "  --out DIR     write points.csv, indices.csv, summary.json, charts and report.html\n"
          "  --quiet       no progress bar on stderr\n"
          "  --shard K/N   run only shard K of N of the design points and write them raw to\n"
          "                the file --out PART, for `chanmix merge` (docs/cluster.md)\n", f);
}

static int load_point(void *ctx, int point, int s, struct model *m, char *err, size_t size)
{
    return sweep_plan_load(ctx, point, s, m, err, size);
}

/* Charts and report.html in dir; returns 0 or EXIT_RUNTIME. */
static int write_report(const char *dir, const struct sweep_view *v, const struct sweep_plan *p)
{
    struct chart_set *set = malloc(sizeof *set);
    struct report_source src[SWEEP_MAX_SCENARIOS];
    char *questions[SWEEP_MAX_SCENARIOS] = { NULL }, err[1200];
    int told = 0, rc;
    if (!set) {
        cli_error("sweep", "out of memory");
        return EXIT_RUNTIME;
    }
    chart_draw_sweep(dir, v, set);
    rc = cli_charts_outcome("sweep", set, &told);
    for (int s = 0; s < p->n; s++) {
        questions[s] = cli_read_question(p->files[s]);
        src[s] = (struct report_source){ p->files[s], questions[s] };
    }
    if (report_write_sweep(dir, v, src, set, err, sizeof err) != 0) {
        cli_error("sweep", "%s", err);
        rc = EXIT_RUNTIME;
    }
    for (int s = 0; s < p->n; s++)
        free(questions[s]);
    free(set);
    return rc;
}

/* The points simulated into *res; returns 0, or an exit status after saying why not. */
static int simulate(struct sweep_plan *p, const struct cli_options *o, struct sweep_results *res)
{
    struct sweep_job job = {
        .n_points = p->design.n, .n_scenarios = p->n, .replications = p->replications,
        .threads = p->threads, .n_figures = p->n_figures, .paths = p->paths,
        .load = load_point, .ctx = p, .progress = progress_update,
    };
    struct progress bar;
    char err[1200];
    job.progress_ctx = &bar;
    progress_start(&bar, stderr, o->quiet, p->design.n * p->n * p->replications, 1, NULL);
    int rc = sweep_run(&job, res, err, sizeof err);
    progress_finish(&bar);
    if (rc == SWEEP_OVERFLOW) {
        cli_error("sweep", "at point %d of the design:", res->overflow_point);
        return cli_report_overflow("sweep", p->base[res->overflow_scenario], &res->overflow);
    }
    if (rc != 0) {
        cli_error("sweep", "%s", err);
        return EXIT_RUNTIME;
    }
    return 0;
}

int sweep_show(const char *cmd, struct sweep_plan *p, const struct cli_options *o,
               struct cli_out *out, struct sweep_results *res)
{
    const char *names[SWEEP_MAX_SCENARIOS];
    for (int s = 0; s < p->n; s++)
        names[s] = p->base[s]->name;
    struct sweep_analysis an;
    char err[1200];
    int rc = 0;
    if (sweep_analyse(&an, &p->design, res, p->n_metrics, p->n_headlines, p->direction,
                      p->seed, err, sizeof err) != 0) {
        cli_error(cmd, "%s", err);
        sweep_results_free(res);
        return EXIT_RUNTIME;
    }
    struct sweep_view v = {
        .spec = &p->spec, .design = &p->design, .res = res, .an = &an, .n_scenarios = p->n,
        .names = names, .currency = p->base[0]->currency, .seed = p->seed,
        .replications = p->replications, .n_metrics = p->n_metrics, .metrics = p->metrics,
        .n_headlines = p->n_headlines, .headlines = p->headlines, .paths = p->paths,
    };
    const char *dir;
    if (o->out && (rc = cli_out_begin(out, &dir)) == 0) {
        if (sweep_out_write(dir, &v, err, sizeof err) != 0) {
            cli_error(cmd, "%s", err);
            rc = EXIT_RUNTIME;
        } else
            rc = write_report(dir, &v, p);
    }
    if (o->json)
        sweep_out_json(stdout, &v);
    else
        sweep_out_print(stdout, &v);
    sweep_analysis_free(&an);
    sweep_results_free(res);
    return rc;
}

/* Runs the plan's points and shows what they come to; returns the exit status. */
static int sweep(struct sweep_plan *p, const struct cli_options *o, struct cli_out *out)
{
    struct sweep_results res;
    int rc = simulate(p, o, &res);
    return rc != 0 ? rc : sweep_show("sweep", p, o, out, &res);
}

int cmd_sweep(int argc, char **argv)
{
    struct sweep_args a;
    if (sweep_args_take(&argc, argv, &a) != 0) {
        usage(stderr);
        return EXIT_BAD_INPUT;
    }
    struct cli_options o;
    int prc = cli_options_parse(argc, argv, "sweep", OPT_REPLICATIONS | OPT_THREADS | OPT_SEED |
                                OPT_JSON | OPT_QUIET | OPT_OUT | OPT_SHARD, 1, usage, &o);
    if (prc != 0)
        return prc == 1 ? 0 : prc;
    if (argc - o.first < 1) {
        cli_error("sweep", "give the scenario file (and any to compare with it)");
        usage(stderr);
        return EXIT_BAD_INPUT;
    }
    int rank, ranks;
    if ((prc = cluster_mpi_begin(&argc, &argv, &rank, &ranks)) != 0)
        return prc;
    struct sweep_plan *p = calloc(1, sizeof *p);
    if (!p) {
        cli_error("sweep", "out of memory");
        return cluster_mpi_end(EXIT_RUNTIME);
    }
    int rc = sweep_plan_build(p, &a, argv + o.first, argc - o.first, o.replications, o.seed,
                              o.threads);
    struct cli_out out;
    if (rc == 0 && (o.shard || ranks > 1))
        rc = sweep_cluster_run(p, &a, &o, rank, ranks);
    else if (rc == 0 && o.out && (rc = cli_out_open(&out, "sweep", o.out)) != 0)
        o.out = NULL;       /* refused: nothing of the folder is held */
    else if (rc == 0) {
        rc = sweep(p, &o, &out);
        if (o.out)
            rc = cli_out_close(&out, rc);
    }
    sweep_plan_free(p);
    free(p);
    return cluster_mpi_end(rc);
}
