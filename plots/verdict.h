/*
 * verdict: the two or three sentences a comparison opens with, the same in
 * the terminal and the report.  For each scenario against the first: what it
 * saves or costs per year, how many more or fewer needs a year go
 * unresolved, and the segments of citizens ranked from most harmed to most
 * helped by the change in the share of their needs given up.  Every number
 * is a paired difference from the comparison, with its 95% interval; it
 * keeps its index in the scenario's figures, so a view can name the JSON
 * path it comes from.
 */
#ifndef CHANMIX_PLOTS_VERDICT_H
#define CHANMIX_PLOTS_VERDICT_H

#include <stdio.h>

#include "models/comparison.h"

#define VERDICT_PARTS (8 + 2 * MODEL_MAX_SEGMENTS)

/* Words, or a number to say with its interval. */
struct verdict_part {
    char text[200];             /* words; for a number, what it is of ("seniors") */
    int number;
    enum figure_unit unit;
    int lower_is_better;
    struct estimate d;          /* the paired difference, scenario minus reference */
    long at;                    /* its index in the scenario's layout, or -1 */
};

struct verdict {
    int n;
    struct verdict_part part[VERDICT_PARTS];
};

/* The verdict on scenario k (k >= 1) against scenario 0. */
void verdict_build(const struct comparison *c, int k, struct verdict *v);

/* A number in words: "saves EUR 48,700 a year (95% CI EUR 48,200 to 49,200)". */
void verdict_say(const struct verdict_part *p, const char *currency, char *buf, size_t size);

/* The verdict as plain text, for the terminal. */
void verdict_print(FILE *f, const struct comparison *c, int k);

#endif
