/*
 * loader: turns a scenario file into a validated model.
 *
 * Every setting is checked for type and range, every reference (a source's
 * channel) must resolve, and unknown settings are errors with a suggestion.
 * All problems are collected; the caller prints them and exits with 2.
 */
#ifndef CHANMIX_SCENARIOS_LOADER_H
#define CHANMIX_SCENARIOS_LOADER_H

#include <stddef.h>
#include "models/model.h"

struct scenario_errors {
    char **lines;       /* "file:line: path: message" */
    size_t n;
};

/* Loads path into *m.  Returns 0, or -1 with errors->n > 0. */
int scenario_load(const char *path, struct model *m, struct scenario_errors *errors);
void scenario_errors_free(struct scenario_errors *errors);

#endif
