/*
 * reader: checked access to a parsed scenario file.
 *
 * The loader asks the reader for each setting it knows, with its type and
 * range; the reader records every problem as "file:line: path: message"
 * instead of stopping at the first, and remembers which names were asked
 * for under each group.  At the end, reader_check_unknown walks the file and
 * reports every setting nobody asked for, suggesting the nearest known name:
 * a misspelt setting never silently falls back to its default.
 */
#ifndef CHANMIX_SCENARIOS_READER_H
#define CHANMIX_SCENARIOS_READER_H

#include <stddef.h>
#include <libconfig.h>
#include "scenarios/merge.h"

struct reader {
    struct merge_chain chain;   /* the file and what it extends */
    config_t *cfg;              /* the merged scenario */
    const char *file;           /* as the user named it */
    char **errors;
    size_t n_errors, cap_errors;
    struct reader_asked *asked; /* names asked for, per group */
    size_t n_asked, cap_asked;
    struct reader_named *named; /* groups whose members are names of things */
    size_t n_named, cap_named;
};

/* Parses path and what it extends, merged; returns 0, or -1 with the error recorded. */
int reader_open(struct reader *r, const char *path);
void reader_close(struct reader *r);

/* Records an error about setting s (NULL: the file itself). */
void reader_error(struct reader *r, const config_setting_t *s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Records an error about the missing setting `name` in group g. */
void reader_error_missing(struct reader *r, const config_setting_t *g, const char *name,
                          const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Records an error line as it is: a problem in a file the scenario names (a CSV row). */
void reader_error_line(struct reader *r, const char *line);

/* The setting's full path for messages: "channels.phone.agents". */
void reader_path(const config_setting_t *s, char *buf, size_t size);

/* Looks up `name` in group g and marks it known; NULL when absent. */
config_setting_t *reader_member(struct reader *r, config_setting_t *g, const char *name);

/*
 * Typed getters: absent -> *out = def and return 0 (or an error when
 * required); present -> type and range [lo, hi] checked.  Return 0 or -1.
 */
int reader_double(struct reader *r, config_setting_t *g, const char *name, double def,
                  double lo, double hi, int required, double *out);
int reader_int(struct reader *r, config_setting_t *g, const char *name, long def,
               long lo, long hi, int required, long *out);
int reader_bool(struct reader *r, config_setting_t *g, const char *name, int def, int *out);
/* The value of a numeric setting (an integer or a number) in *out; -1 if not numeric. */
int reader_number_value(const config_setting_t *s, double *out);

/* A string copied into out (size bytes); too long is an error. */
int reader_string(struct reader *r, config_setting_t *g, const char *name, const char *def,
                  int required, char *out, size_t size);
/* A group (or list/array when kind says so) that must be there if required. */
config_setting_t *reader_group(struct reader *r, config_setting_t *g, const char *name,
                               int required);
config_setting_t *reader_list(struct reader *r, config_setting_t *g, const char *name,
                              int required);

/*
 * Says that the members of group g are names of `what` (a channel, a
 * segment): an unknown member is then reported as "no channel named 'fax'"
 * with the known names, rather than as an unknown setting.
 */
void reader_names(struct reader *r, const config_setting_t *g, const char *what);

/*
 * What the loader asked for as `name` in group g: the CONFIG_TYPE_* of the
 * typed getter that asked (CONFIG_TYPE_FLOAT for reader_double,
 * CONFIG_TYPE_INT for reader_int, ...), 0 when only reader_member did, -1
 * when nobody asked.  Lets a caller tell a known but absent setting, and its
 * type, from an unknown one.
 */
int reader_asked_type(const struct reader *r, const config_setting_t *g, const char *name);

/* The known name of group g nearest to `name`, when it is close enough to suggest; else NULL. */
const char *reader_nearest(const struct reader *r, const config_setting_t *g, const char *name);

/* Calls cb for every (group, name) the loader asked for, in order. */
void reader_for_each_asked(const struct reader *r,
                           void (*cb)(void *ctx, const config_setting_t *group, const char *name),
                           void *ctx);

/* Reports settings nobody asked for, with a "did you mean" where one is close. */
void reader_check_unknown(struct reader *r);

#endif
