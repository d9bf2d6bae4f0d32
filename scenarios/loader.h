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
#include <stdio.h>
#include "models/model.h"

struct scenario_errors {
    char **lines;       /* "file:line: path: message" */
    size_t n;
};

/* Loads path into *m.  Returns 0, or -1 with errors->n > 0. */
int scenario_load(const char *path, struct model *m, struct scenario_errors *errors);

/*
 * Loads path with the settings of ov[0..n) set first, by path, in the merged
 * file (scenarios/override.h: integers rounded, a mix's other shares
 * rescaled).  Returns as scenario_load.
 */
struct override;
int scenario_load_with(const char *path, const struct override *ov, int n, struct model *m,
                       struct scenario_errors *errors);

/*
 * What `setting` (a path: "channels.phone.handling.mean_s") names in the
 * scenario file path: an integer or a number, present or not, a share of a
 * mix.  Returns 0, or -1 with err (an unknown setting with a suggestion, a
 * list item that does not exist, not a number, a run control, or a file
 * with errors).
 */
struct override_target;
int scenario_describe_setting(const char *path, const char *setting, struct override_target *t,
                              char *err, size_t size);

/*
 * Loads and checks path like scenario_load; when it is valid, writes the
 * resolved scenario (after inheritance) to out as libconfig text.
 */
int scenario_resolve(const char *path, FILE *out, struct scenario_errors *errors);

/*
 * Loads path and calls cb with the path of every setting the loader knows
 * in the groups the file has, written as in the scenario reference: list
 * items as "[]", channel names as "<channel>", segment names as "<segment>"
 * ("channels[].handling.mean_s", "choice.skill.<channel>").  Returns 0 or -1.
 */
int scenario_known_settings(const char *path, void (*cb)(void *ctx, const char *setting),
                            void *ctx);
void scenario_errors_free(struct scenario_errors *errors);

/*
 * The scenario's question: the comment block at the top of the file, before
 * its first setting, with the comment marks taken off: lines joined by '\n',
 * an empty line between paragraphs.  *question is NULL when there is none;
 * otherwise the caller frees it.  Returns 0, or -1 with a message when the
 * file cannot be read.  The reports show it; they never read the file.
 */
int scenario_read_question(const char *path, char **question, char *err, size_t size);

#endif
