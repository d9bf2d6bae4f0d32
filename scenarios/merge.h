/*
 * merge: scenario inheritance.
 *
 * A scenario that says `extends = "baseline.cfg";` (a path relative to its
 * own file) gives only what it changes.  merge_load reads the chain of
 * files from the oldest ancestor down and merges each child into it:
 *
 *   - groups merge member by member, by name;
 *   - lists of groups that have a `name` (channels, segments, services,
 *     staffing rows are not named and so are replaced whole) merge item by
 *     item by name; a child's item with a new name is appended;
 *   - anything else (numbers, strings, arrays, unnamed lists) replaces.
 *
 * Merged settings keep the file and line they came from, so errors point at
 * the file the user wrote.  A cycle of extends is an error.
 */
#ifndef CHANMIX_SCENARIOS_MERGE_H
#define CHANMIX_SCENARIOS_MERGE_H

#include <stddef.h>
#include <libconfig.h>

#define MERGE_MAX_DEPTH 16

struct merge_chain {
    config_t *configs[MERGE_MAX_DEPTH];     /* [0]: the oldest ancestor, holds the result */
    char *paths[MERGE_MAX_DEPTH];
    int n;
};

/*
 * Loads path and its ancestors into chain; the merged scenario is the root
 * of chain->configs[0].  Returns 0, or -1 with a message "file:line: ..."
 * in err (size bytes).
 */
int merge_load(struct merge_chain *chain, const char *path, char *err, size_t size);
void merge_free(struct merge_chain *chain);

/* The folder of `file` joined with `rel` (an absolute rel as is), malloc'ed; NULL when out of memory. */
char *merge_relative_to(const char *file, const char *rel);

#endif
