/*
 * sweep_cluster: sharded and MPI sweeps, see sweep_cluster.h.
 */
#include "cli/sweep_cluster.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cluster.h"
#include "cli/progress.h"

/* The sweep's own settings as options text; 0, or EXIT_BAD_INPUT after saying why not. */
static int options_text(const struct sweep_plan *p, const struct sweep_args *a, char *text,
                        size_t size)
{
    size_t at = 0;
    const char *words[2 * (SWEEP_MAX_PARAMS + SWEEP_MAX_METRICS) + 4];
    const char *flags[2 * (SWEEP_MAX_PARAMS + SWEEP_MAX_METRICS) + 4];
    int n = 0;
    for (int i = 0; i < a->n_vary; i++)
        flags[n] = "--vary", words[n++] = a->vary[i];
    for (int i = 0; i < a->n_metric; i++)
        flags[n] = "--metric", words[n++] = a->metric[i];
    if (a->method)
        flags[n] = "--method", words[n++] = a->method;
    if (a->points)
        flags[n] = "--points", words[n++] = a->points;
    at += (size_t)snprintf(text, size, "--replications %d --design-seed %llu", p->replications,
                           (unsigned long long)p->seed);
    for (int i = 0; i < n && at < size; i++) {
        for (const char *c = words[i]; *c; c++)
            if (isspace((unsigned char)*c)) {
                cli_error("sweep", "%s '%s': a sharded sweep's settings cannot hold spaces",
                          flags[i], words[i]);
                return EXIT_BAD_INPUT;
            }
        at += (size_t)snprintf(text + at, size - at, " %s %s", flags[i], words[i]);
    }
    if (at >= size) {
        cli_error("sweep", "the sweep's settings are too long to shard");
        return EXIT_BAD_INPUT;
    }
    return 0;
}

/* The shard's raw values as records: a block per scenario, a row per (point, replication). */
static int to_records(const struct sweep_plan *p, const char *options, const double *raw,
                      int shard, int shards, struct records *r)
{
    int S = p->n, F = p->n_figures, R = p->replications, N = p->design.n;
    int mine = sweep_run_shard_points(N, shard, shards);
    int rc = cluster_records_head("sweep", "sweep", p->files, S, p->seed, N * R, shard, shards, r);
    if (rc != 0)
        return rc;
    snprintf(r->options, sizeof r->options, "%s", options);
    r->blocks = calloc((size_t)S, sizeof *r->blocks);
    if (!r->blocks)
        goto oom;
    for (int s = 0; s < S; s++) {
        struct records_block *b = &r->blocks[r->n_blocks++];
        snprintf(b->name, sizeof b->name, "%s", p->base[s]->name);
        b->width = (size_t)F;
        b->rows = mine * R;
        b->paths = calloc((size_t)F + 1, sizeof *b->paths);
        b->reps = malloc(((size_t)b->rows + 1) * sizeof *b->reps);
        b->values = malloc(((size_t)b->rows * F + 1) * sizeof *b->values);
        if (!b->paths || !b->reps || !b->values)
            goto oom;
        for (int f = 0; f < F; f++) {
            const char *path = p->paths[(size_t)s * F + f];
            snprintf(b->paths[f], sizeof b->paths[f], "%s", path ? path : "-");
        }
        for (int i = 0; i < mine; i++) {
            int point = shard - 1 + i * shards;
            for (int rep = 0; rep < R; rep++) {
                int row = i * R + rep;
                b->reps[row] = point * R + rep;
                memcpy(b->values + (size_t)row * F,
                       raw + (((size_t)point * S + s) * R + rep) * F, (size_t)F * sizeof *raw);
            }
        }
    }
    return 0;
oom:
    records_free(r);
    cli_error("sweep", "out of memory");
    return EXIT_RUNTIME;
}

static int load_point(void *ctx, int point, int s, struct model *m, char *err, size_t size)
{
    return sweep_plan_load(ctx, point, s, m, err, size);
}

/* Shard (1-based) of shards of the sweep, as records in *r; returns the exit status. */
static int sweep_part(struct sweep_plan *p, const struct sweep_args *a, int quiet, int shard,
                      int shards, struct records *r)
{
    char options[RECORDS_TEXT_MAX], err[1200];
    int rc = options_text(p, a, options, sizeof options);
    if (rc != 0)
        return rc;
    size_t cells = (size_t)p->design.n * p->n * p->replications * (p->n_figures ? p->n_figures : 1);
    double *raw = malloc(cells * sizeof *raw);
    if (!raw) {
        cli_error("sweep", "out of memory");
        return EXIT_RUNTIME;
    }
    struct progress bar;
    struct sweep_job job = {
        .n_points = p->design.n, .n_scenarios = p->n, .replications = p->replications,
        .threads = p->threads, .n_figures = p->n_figures, .paths = p->paths,
        .load = load_point, .ctx = p, .progress = progress_update, .progress_ctx = &bar,
        .shard = shard, .shards = shards, .raw = raw,
    };
    struct sweep_results res;
    progress_start(&bar, stderr, quiet || shard > 1,
                   sweep_run_shard_points(p->design.n, shard, shards) * p->n * p->replications,
                   1, NULL);
    rc = sweep_run(&job, &res, err, sizeof err);
    progress_finish(&bar);
    if (rc == SWEEP_OVERFLOW) {
        cli_error("sweep", "at point %d of the design:", res.overflow_point);
        rc = cli_report_overflow("sweep", p->base[res.overflow_scenario], &res.overflow);
    } else if (rc != 0) {
        cli_error("sweep", "%s", err);
        rc = EXIT_RUNTIME;
    } else {
        sweep_results_free(&res);
        rc = to_records(p, options, raw, shard, shards, r);
    }
    free(raw);
    return rc;
}

/* The results of merged records into *res (the plan settled again); 0 or an exit status. */
static int from_records(const char *cmd, const struct sweep_plan *p, const struct records *w,
                        struct sweep_results *res)
{
    int S = p->n, F = p->n_figures, R = p->replications, N = p->design.n;
    if (w->n_blocks != S || w->replications != N * R) {
        cli_error(cmd, "the parts do not hold the sweep's %d points x %d replications of %d "
                  "scenarios", N, R, S);
        return EXIT_BAD_INPUT;
    }
    for (int s = 0; s < S; s++)
        if (w->blocks[s].width != (size_t)F) {
            cli_error(cmd, "the scenario files no longer give the figures the parts hold");
            return EXIT_BAD_INPUT;
        }
    double *raw = malloc(((size_t)N * S * R * F + 1) * sizeof *raw);
    if (!raw) {
        cli_error(cmd, "out of memory");
        return EXIT_RUNTIME;
    }
    for (int pt = 0; pt < N; pt++)
        for (int s = 0; s < S; s++)
            memcpy(raw + ((size_t)pt * S + s) * R * F, w->blocks[s].values + (size_t)pt * R * F,
                   (size_t)R * F * sizeof *raw);
    int rc = sweep_results_from_raw(res, raw, N, S, F, R);
    free(raw);
    if (rc != 0)
        cli_error(cmd, "out of memory");
    return rc != 0 ? EXIT_RUNTIME : 0;
}

int sweep_cluster_run(struct sweep_plan *p, const struct sweep_args *a,
                      const struct cli_options *o, int rank, int ranks)
{
    struct records mine = { .n_blocks = 0 }, whole = { .n_blocks = 0 };
    int shard = o->shard ? o->shard : rank + 1, shards = o->shard ? o->shards : ranks;
    struct cli_out out;
    int rc;
    if (!o->shard && rank == 0 && o->out && (rc = cli_out_open(&out, "sweep", o->out)) != 0)
        return rc;
    rc = sweep_part(p, a, o->quiet, shard, shards, &mine);
    if (rc != 0 || o->shard) {
        if (rc == 0)
            rc = cluster_write_part("sweep", o->out, &mine);
        records_free(&mine);
        return !o->shard && rank == 0 && o->out ? cli_out_close(&out, rc) : rc;
    }
    rc = cluster_mpi_gather("sweep", &mine, rank, ranks, &whole);
    records_free(&mine);
    if (rank != 0 || rc != 0)
        return rank == 0 && o->out ? cli_out_close(&out, rc) : rc;
    struct sweep_results res;
    rc = from_records("sweep", p, &whole, &res);
    records_free(&whole);
    if (rc == 0)
        rc = sweep_show("sweep", p, o, o->out ? &out : NULL, &res);
    return o->out ? cli_out_close(&out, rc) : rc;
}

/* The records' sweep settings back into argv form (text is cut up in place). */
static int split_options(char *text, char **argv, int max)
{
    int n = 0;
    argv[n++] = "merge";
    for (char *w = strtok(text, " "); w && n < max; w = strtok(NULL, " "))
        argv[n++] = w;
    return n;
}

int sweep_cluster_merge(const struct cli_options *o, const struct records *whole)
{
    char text[RECORDS_TEXT_MAX], *argv[2 * (SWEEP_MAX_PARAMS + SWEEP_MAX_METRICS) + 8];
    snprintf(text, sizeof text, "%s", whole->options);
    int argc = split_options(text, argv, (int)(sizeof argv / sizeof *argv));
    long reps = -1;
    unsigned long long seed = 0;
    struct sweep_args a;
    if (argc < 5 || strcmp(argv[1], "--replications") != 0 || sscanf(argv[2], "%ld", &reps) != 1 ||
        strcmp(argv[3], "--design-seed") != 0 || sscanf(argv[4], "%llu", &seed) != 1) {
        cli_error("merge", "the parts' sweep settings are not readable: '%s'", whole->options);
        return EXIT_BAD_INPUT;
    }
    argv[4] = argv[0];
    int rest = argc - 4;
    if (sweep_args_take(&rest, argv + 4, &a) != 0 || rest != 1) {
        cli_error("merge", "the parts' sweep settings are not readable: '%s'", whole->options);
        return EXIT_BAD_INPUT;
    }
    struct model *check[RECORDS_MAX_INPUTS];
    int rc = cluster_load_inputs("merge", whole, check);
    if (rc != 0)
        return rc;
    for (int k = 0; k < whole->n_inputs; k++) {
        model_release(check[k]);
        free(check[k]);
    }
    struct sweep_plan *p = calloc(1, sizeof *p);
    char *files[RECORDS_MAX_INPUTS];
    for (int k = 0; k < whole->n_inputs; k++)
        files[k] = (char *)whole->input_path[k];
    if (!p) {
        cli_error("merge", "out of memory");
        return EXIT_RUNTIME;
    }
    rc = sweep_plan_build(p, &a, files, whole->n_inputs, reps, (long)seed, -1);
    struct cli_out out;
    struct sweep_results res;
    if (rc == 0 && (rc = from_records("merge", p, whole, &res)) == 0) {
        if (o->out && (rc = cli_out_open(&out, "merge", o->out)) != 0)
            sweep_results_free(&res);
        else {
            rc = sweep_show("merge", p, o, o->out ? &out : NULL, &res);
            if (o->out)
                rc = cli_out_close(&out, rc);
        }
    }
    sweep_plan_free(p);
    free(p);
    return rc;
}
