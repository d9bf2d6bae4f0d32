/*
 * json: a small streaming JSON writer, and the run object chanmix prints.
 *
 * Numbers are written with enough digits to round-trip (%.10g is not
 * enough for a checksum-grade comparison, %.17g is noisy), so we use %.12g:
 * identical doubles always give identical text, which is what the
 * determinism tests compare.
 */
#ifndef CHANMIX_PLOTS_JSON_H
#define CHANMIX_PLOTS_JSON_H

#include <stdio.h>
#include "models/comparison.h"
#include "models/experiment.h"
#include "models/results.h"
#include "sim/metrics.h"

#define JSON_MAX_DEPTH 32

struct json {
    FILE *f;
    int depth;
    int count[JSON_MAX_DEPTH];  /* members written at each depth */
};

void json_init(struct json *j, FILE *f);
void json_begin_object(struct json *j, const char *key);  /* key NULL at top or in arrays */
void json_end_object(struct json *j);
void json_begin_array(struct json *j, const char *key);
void json_end_array(struct json *j);
void json_string(struct json *j, const char *key, const char *value);
void json_number(struct json *j, const char *key, double value);
void json_int(struct json *j, const char *key, long long value);
void json_bool(struct json *j, const char *key, int value);     /* true or false */
void json_estimate(struct json *j, const char *key, const struct estimate *e);

/* Writes the figures of a layout as nested objects rebuilt from their paths;
 * with a mask, only those where present[i] is set. */
void json_metrics(struct json *j, const struct results_index *ix, const struct estimate *est);
void json_metrics_masked(struct json *j, const struct results_index *ix,
                         const struct estimate *est, const unsigned char *present);

/* The whole run object of `chanmix run --json`. */
void json_write_experiment(FILE *f, const struct experiment *e);

/* The run object as a member `key` of an enclosing object. */
void json_experiment_member(struct json *j, const char *key, const struct experiment *e);

/* The object of `chanmix compare --json`: scenarios and differences, keyed by name. */
void json_write_comparison(FILE *f, const struct comparison *c);

#endif

