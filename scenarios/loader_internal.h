/*
 * loader_internal: the parts of the scenario loader, shared by its files:
 * loader.c (the file as a whole, run settings, back office, planning, and
 * the entry points), load_channels.c (channels and arrival streams),
 * load_staffing.c (what the staffing planner reads of a channel) and
 * load_citizens.c (segments, services, choice, demand, journey).  Each
 * load_* function reads one part through the reader, which records errors
 * and goes on, so that one pass reports every problem.
 */
#ifndef CHANMIX_SCENARIOS_LOADER_INTERNAL_H
#define CHANMIX_SCENARIOS_LOADER_INTERNAL_H

#include "models/model.h"
#include "scenarios/reader.h"

/* A distribution group (dist, mean_s, cv, shape) into *d. */
void load_dist(struct reader *r, config_setting_t *g, const char *name,
               enum dist_kind def_kind, int required, struct dist *d);

/* A group keyed by channel name into out[channel]; channels not named keep out's values. */
void load_channel_table(struct reader *r, config_setting_t *g, const char *name,
                        const struct model *m, double lo, double hi, double *out);

/* Checks that the n values in p are probabilities summing to 1. */
void load_check_mix(struct reader *r, config_setting_t *s, const double *p, int n);

/* An array of exactly n non-negative numbers into out; absent leaves out as is. */
void load_factors(struct reader *r, config_setting_t *g, const char *name, int n, double *out);

void load_channels(struct reader *r, config_setting_t *root, struct model *m);
/* An assisted channel's norms, shift rules and workforce settings, after its hours. */
void load_staffing(struct reader *r, config_setting_t *g, struct channel_params *c);
void load_arrivals(struct reader *r, config_setting_t *root, struct model *m);
void load_population(struct reader *r, config_setting_t *root, struct model *m);
void load_services(struct reader *r, config_setting_t *root, struct model *m);
void load_choice(struct reader *r, config_setting_t *root, struct model *m);
void load_demand(struct reader *r, config_setting_t *root, struct model *m);
void load_journey(struct reader *r, config_setting_t *root, struct model *m);
void load_sweep(struct reader *r, config_setting_t *root, struct model *m);

#endif
