/*
 * results: where a model's figures sit in the flat per-replication vector.
 *
 * The catalogue (figures.h) says what each figure is; this module declares
 * the figures of one model (which channels, groups and open intervals it
 * has) as metrics paths, once before the replications, shared by all of
 * them, and gives each view the index of a figure by its owner and
 * statistic, or by its path.  Nothing else formats a path to find a figure.
 */
#ifndef CHANMIX_MODELS_RESULTS_H
#define CHANMIX_MODELS_RESULTS_H

#include "models/figures.h"
#include "models/model.h"
#include "sim/metrics.h"

/* Points (seconds) at which each assisted channel reports the share of waits
 * up to that long: channels.<name>.wait_cdf.<seconds>. */
#define RESULTS_CDF_POINTS 18
extern const double results_cdf_points[RESULTS_CDF_POINTS];

/* The groups of citizens whose figures are reported alike. */
enum group_kind { GROUP_SEGMENT, GROUP_TYPE, GROUP_SERVICE, GROUP_KIND_COUNT };

/* What the catalogue says of the figure at one index of the layout. */
struct figure_meta {
    const struct figure_def *def;
    enum figure_family family;
    double threshold_s;         /* for a service level; 0 otherwise */
    int alt;                    /* owner is a self-service channel or the back office:
                                   the definition's alt_label applies */
    double cap;                 /* a percentile: the histogram's top; a value there means
                                   "at least this"; 0 otherwise */
};

struct results_index {
    struct metrics_layout *layout;
    struct figure_meta *meta;           /* layout->n entries */
    size_t meta_cap;
    int n_channels;
    double year_volume;                 /* a year's demand over the measured period's */
    double year_time;                   /* 365 days over the measured days */
    long channel[MODEL_MAX_CHANNELS];   /* index of the channel's CS_OFFERED */
    long norm_sl[MODEL_MAX_CHANNELS];   /* CS_SERVICE_LEVEL_NORM, or -1 */
    long needs;                         /* index of NS_ARRIVED, or -1 */
    long group[GROUP_KIND_COUNT][MODEL_MAX_SERVICES];  /* index of the group's GS_NEEDS */
    int n_groups[GROUP_KIND_COUNT];
    long cost_channel[MODEL_MAX_CHANNELS + 1];  /* COST_ORGANISATION; [n_channels]: back office */
    long cost_total;                    /* TC_ORGANISATION */
    long escalations;                   /* from c to d at escalations + c*(n_channels+1) + d;
                                           d = n_channels is the back office */
    long back_office;                   /* BO_CASES, or -1 */
    long intervals[MODEL_MAX_CHANNELS]; /* IS_ARRIVALS of the channel's first interval, or -1 */
    int interval_stride[MODEL_MAX_CHANNELS];   /* figures per interval: IS_COUNT, or + the norm */
    long wait_cdf[MODEL_MAX_CHANNELS];  /* first point of the channel's wait CDF, or -1 */
    int interval_count;                 /* intervals in a week */
    int interval_open[MODEL_MAX_CHANNELS][7 * 96];  /* week interval -> rank among open ones, -1 */
    long weekdays[MODEL_MAX_CHANNELS];  /* WD_ARRIVALS of the channel's first open day, or -1 */
    int weekday_open[MODEL_MAX_CHANNELS][7];        /* day (0 Monday) -> rank among open days, -1 */
};

/* "mon 08:30" for interval k of the week. */
void results_interval_label(const struct model *m, int k, char *buf, size_t size);

/* Declares every figure of model m; returns 0 or -1 (out of memory). */
int results_index_build(const struct model *m, struct results_index *ix);
void results_index_free(struct results_index *ix);

/*
 * The index of a figure by owner and statistic, or -1 where the model has
 * none (a closed interval, a channel without a norm, no needs).
 */
long results_channel(const struct results_index *ix, int ch, enum channel_stat s);
long results_wait_cdf(const struct results_index *ix, int ch, int point);
long results_need(const struct results_index *ix, enum need_stat s);
long results_group(const struct results_index *ix, enum group_kind kind, int g, enum group_stat s);
long results_share(const struct results_index *ix, enum group_kind kind, int g, int ch);
long results_cost(const struct results_index *ix, int part, enum cost_stat s);  /* part n_channels: back office */
long results_total(const struct results_index *ix, enum total_cost_stat s);
long results_back_office(const struct results_index *ix, enum back_office_stat s);
long results_escalation(const struct results_index *ix, int from, int to);
long results_interval(const struct results_index *ix, int ch, int k, enum interval_stat s);
long results_weekday(const struct results_index *ix, int ch, int day, enum weekday_stat s);

/* The service level a channel's staffing norm names: at targets.within_s. */
long results_norm_service_level(const struct results_index *ix, int ch);
long results_interval_norm_service_level(const struct results_index *ix, int ch, int k);

/* The catalogue's word on the figure at index i. */
const struct figure_meta *results_meta(const struct results_index *ix, long i);

/* Its label, with the threshold of a service level and, for the back office
 * or a self-service channel, its own words. */
void results_label(const struct results_index *ix, long i, char *buf, size_t size);

/*
 * The index of the figure at a path as the JSON writes it
 * ("channels.phone.service_level"), or -1 with err set to
 * "no figure named 'X' (did you mean 'Y'?)".
 */
long results_find(const struct results_index *ix, const char *path, char *err, size_t size);

#endif
