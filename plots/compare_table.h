/*
 * compare_table: the terminal view of a comparison, for a policy adviser:
 * the headline figures of each scenario beside the reference, with the
 * paired difference and whether its 95% interval excludes zero, and who
 * wins and who loses among segments of citizens.
 */
#ifndef CHANMIX_PLOTS_COMPARE_TABLE_H
#define CHANMIX_PLOTS_COMPARE_TABLE_H

#include <stdio.h>
#include "models/comparison.h"

void compare_table_print(FILE *f, const struct comparison *c);

#endif
