/*
 * output: atomic files of a run, see output.h.
 */
#include "plots/output.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plots/csv.h"
#include "plots/json.h"
#include "plots/xlsx.h"

const char *const output_comparison_entries[4] = { "charts", "comparison.json", "comparison.xlsx",
                                                   "report.html" };

/* "dir/name" in a new string, or NULL (no memory). */
char *output_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

int output_make_dir(const char *dir)
{
    char *buf = malloc(strlen(dir) + 1);
    if (!buf) {
        errno = ENOMEM;
        return -1;
    }
    strcpy(buf, dir);
    int rc = 0;
    for (char *p = buf + 1; *p && rc == 0; p++)
        if (*p == '/') {
            *p = '\0';
            if (mkdir(buf, 0777) != 0 && errno != EEXIST)
                rc = -1;
            *p = '/';
        }
    if (rc == 0 && mkdir(buf, 0777) != 0 && errno != EEXIST)
        rc = -1;
    int e = errno;
    free(buf);
    errno = e;
    return rc;
}

/* Writes one file through a temporary name; 0, or -1 with err (the temporary removed). */
static int write_one(const char *dir, const char *name, output_writer write, int i,
                     const void *ctx, char **tmp, char *err, size_t size)
{
    char tname[300];
    snprintf(tname, sizeof tname, ".%s.%ld.tmp", name, (long)getpid());
    *tmp = output_path(dir, tname);
    if (!*tmp) {
        snprintf(err, size, "out of memory");
        return -1;
    }
    FILE *f = fopen(*tmp, "w");
    if (!f) {
        snprintf(err, size, "cannot write %s: %s", *tmp, strerror(errno));
        return -1;
    }
    int bad = write(f, i, ctx) != 0;
    bad |= fflush(f) != 0 || ferror(f);
    int e = errno;
    if (fclose(f) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    if (bad) {
        snprintf(err, size, "cannot write %s/%s: %s", dir, name, strerror(e));
        unlink(*tmp);
        return -1;
    }
    return 0;
}

int output_write_files(const char *dir, int n, const char *const *names, output_writer write,
                       const void *ctx, char *err, size_t size)
{
    if (output_make_dir(dir) != 0) {
        snprintf(err, size, "cannot create folder %s: %s", dir, strerror(errno));
        return -1;
    }
    char **tmp = calloc((size_t)n, sizeof *tmp);
    if (!tmp) {
        snprintf(err, size, "out of memory");
        return -1;
    }
    int done = 0, rc = 0;
    while (done < n && rc == 0)
        if ((rc = write_one(dir, names[done], write, done, ctx, &tmp[done], err, size)) == 0)
            done++;
    for (int i = 0; i < done && rc == 0; i++) {
        char *final = output_path(dir, names[i]);
        if (!final || rename(tmp[i], final) != 0) {
            snprintf(err, size, "cannot rename %s: %s", tmp[i], final ? strerror(errno)
                                                                      : "out of memory");
            rc = -1;
        }
        free(final);
    }
    for (int i = 0; i < n; i++) {
        if (rc != 0 && i < done)
            unlink(tmp[i]);
        free(tmp[i]);
    }
    free(tmp);
    return rc;
}

static const struct csv_table tables[] = {
    { "channels.csv", "channels.", 1, { "channel", NULL }, NULL },
    { "segments.csv", "segments.", 1, { "segment", NULL }, NULL },
    { "types.csv", "types.", 1, { "type", NULL }, NULL },
    { "services.csv", "services.", 1, { "service", NULL }, NULL },
    { "intervals.csv", "intervals.", 2, { "channel", "interval" }, NULL },
    { "weekdays.csv", "weekdays.", 2, { "channel", "day" }, NULL },
    { "escalations.csv", "escalations.", 0, { "from->to", NULL }, NULL },
    { "costs.csv", "cost.", 1, { "part", NULL }, "total" },
    { "totals.csv", "cost.total.", 0, { "figure", NULL }, NULL },
};

enum { TABLES = sizeof tables / sizeof tables[0] };

/* summary.json, the CSV tables, then the workbook of those tables. */
static int write_run_file(FILE *f, int i, const void *ctx)
{
    const struct experiment *e = ctx;
    if (i == 0) {
        json_write_experiment(f, e);
        return ferror(f) ? -1 : 0;
    }
    if (i > TABLES)
        return xlsx_write_run(f, &e->ix, e->summary, tables, TABLES);
    const struct csv_table *t = &tables[i - 1];
    return csv_write_table(f, &e->ix, e->summary, t->prefix, t->keys, t->key_names, t->skip);
}

int output_write_run(const char *dir, const struct experiment *e, char *err, size_t size)
{
    enum { N = 2 + TABLES };
    const char *names[N] = { "summary.json" };
    for (int i = 1; i <= TABLES; i++)
        names[i] = tables[i - 1].file;
    names[N - 1] = "tables.xlsx";
    return output_write_files(dir, N, names, write_run_file, e, err, size);
}

/* comparison.json, then its workbook. */
static int write_comparison_file(FILE *f, int i, const void *ctx)
{
    if (i == 1)
        return xlsx_write_comparison(f, ctx);
    json_write_comparison(f, ctx);
    return ferror(f) ? -1 : 0;
}

int output_write_comparison(const char *dir, const struct comparison *c, char *err, size_t size)
{
    const char *names[2] = { "comparison.json", "comparison.xlsx" };
    return output_write_files(dir, 2, names, write_comparison_file, c, err, size);
}

int output_comparison_name_ok(const char *name)
{
    for (size_t i = 0; i < sizeof output_comparison_entries / sizeof output_comparison_entries[0];
         i++)
        if (strcasecmp(name, output_comparison_entries[i]) == 0)
            return 0;
    return 1;
}
