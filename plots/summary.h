/*
 * summary: the terminal table of a run, for people rather than programs.
 */
#ifndef CHANMIX_PLOTS_SUMMARY_H
#define CHANMIX_PLOTS_SUMMARY_H

#include <stdio.h>
#include "models/experiment.h"

void summary_print(FILE *f, const struct experiment *e);

#endif
