/*
 * output: atomic files of a run, see output.h.
 */
#include "plots/output.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plots/csv.h"
#include "plots/json.h"

struct pending {
    char tmp[1024], final[1024];
};

/* mkdir -p */
static int make_dir(const char *dir)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", dir);
    for (char *p = buf + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            if (mkdir(buf, 0777) != 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    return mkdir(buf, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

struct table {
    const char *file, *prefix;
    int keys;
    const char *key_names[2];
    const char *skip;
};

static const struct table tables[] = {
    { "channels.csv", "channels.", 1, { "channel", NULL }, NULL },
    { "segments.csv", "segments.", 1, { "segment", NULL }, NULL },
    { "types.csv", "types.", 1, { "type", NULL }, NULL },
    { "services.csv", "services.", 1, { "service", NULL }, NULL },
    { "intervals.csv", "intervals.", 2, { "channel", "interval" }, NULL },
    { "escalations.csv", "escalations.", 0, { "from->to", NULL }, NULL },
    { "costs.csv", "cost.", 1, { "part", NULL }, "total" },
    { "totals.csv", "cost.total.", 0, { "figure", NULL }, NULL },
};

int output_write_run(const char *dir, const struct experiment *e, char *err, size_t size)
{
    enum { N = 1 + sizeof tables / sizeof tables[0] };
    struct pending p[N];
    int n = 0, rc = -1;
    if (make_dir(dir) != 0) {
        snprintf(err, size, "cannot create folder %s: %s", dir, strerror(errno));
        return -1;
    }
    for (int i = 0; i < N; i++) {
        const char *name = i == 0 ? "summary.json" : tables[i - 1].file;
        snprintf(p[i].final, sizeof p[i].final, "%s/%s", dir, name);
        snprintf(p[i].tmp, sizeof p[i].tmp, "%s/.%s.%ld.tmp", dir, name, (long)getpid());
        FILE *f = fopen(p[i].tmp, "w");
        if (!f) {
            snprintf(err, size, "cannot write %s: %s", p[i].tmp, strerror(errno));
            goto out;
        }
        n = i + 1;
        int bad;
        if (i == 0) {
            json_write_experiment(f, e);
            bad = ferror(f);
        } else {
            const struct table *t = &tables[i - 1];
            bad = csv_write_table(f, &e->ix, e->summary, t->prefix, t->keys, t->key_names,
                                  t->skip);
        }
        if (fclose(f) != 0 || bad) {
            snprintf(err, size, "cannot write %s", p[i].tmp);
            goto out;
        }
    }
    for (int i = 0; i < N; i++)
        if (rename(p[i].tmp, p[i].final) != 0) {
            snprintf(err, size, "cannot rename %s: %s", p[i].tmp, strerror(errno));
            goto out;
        }
    n = 0;
    rc = 0;
out:
    for (int i = 0; i < n; i++)
        unlink(p[i].tmp);
    return rc;
}

int output_write_comparison(const char *dir, const struct comparison *c, char *err, size_t size)
{
    char tmp[1024], final[1024];
    if (make_dir(dir) != 0) {
        snprintf(err, size, "cannot create folder %s: %s", dir, strerror(errno));
        return -1;
    }
    snprintf(final, sizeof final, "%s/comparison.json", dir);
    snprintf(tmp, sizeof tmp, "%s/.comparison.json.%ld.tmp", dir, (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f) {
        snprintf(err, size, "cannot write %s: %s", tmp, strerror(errno));
        return -1;
    }
    json_write_comparison(f, c);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad || rename(tmp, final) != 0) {
        snprintf(err, size, "cannot write %s", final);
        unlink(tmp);
        return -1;
    }
    return 0;
}
