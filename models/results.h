/*
 * results: the figures a chanmix run reports, declared as metrics paths.
 *
 * The layout depends only on the model (which channels exist), so it is
 * built once before the replications and shared by all of them.  Per channel:
 *
 *   offered            contacts that arrived after warm-up
 *   handled            of those, answered by an agent
 *   abandoned          of those, left the queue when patience ran out
 *   in_system_at_end   of those, still waiting or in service at the horizon
 *   p_wait             share of ended contacts that waited at all
 *   p_abandon          share of ended contacts that abandoned
 *   wait_mean_s        mean wait of ended contacts (handled or abandoned)
 *   wait_p50_s .. p95  percentiles of that wait (log-binned, 0.5% relative)
 *   service_level      answered within the target over ended contacts
 *   occupancy          busy agent time over scheduled agent time
 *   agents_mean        time-averaged scheduled agents
 *   queue_mean         time-averaged number waiting
 *   balked             of those, turned away: closed, out of tickets, line too long
 *   agent_hours        scheduled agent-hours after warm-up (idle time included)
 *   answered           contacts that reached an agent (handled, or in service at the end)
 *   aht_s              mean handling time of answered contacts, as drawn
 *   wait_cdf/<s>       share of ended waits no longer than s seconds (assisted channels)
 *
 * For needs (citizens' reasons for contact), counted when they arise after
 * warm-up: arrived = resolved + gave_up + open_at_end, attempts_mean (over
 * needs that ended), time_to_resolution_mean_s (over resolved needs).
 *
 * For each segment, each search-strategy type and each service: needs, contacts, shares
 * (the share of the group's contacts that went to each channel), wait_mean_s
 * (over the group's contacts that waited in a queue), resolved and gave_up
 * (shares of the group's ended needs) and attempts_mean.
 */
#ifndef CHANMIX_MODELS_RESULTS_H
#define CHANMIX_MODELS_RESULTS_H

#include "models/model.h"
#include "sim/metrics.h"

enum channel_stat {
    CS_OFFERED,
    CS_HANDLED,
    CS_ABANDONED,
    CS_IN_SYSTEM_AT_END,
    CS_P_WAIT,
    CS_P_ABANDON,
    CS_WAIT_MEAN,
    CS_WAIT_P50,
    CS_WAIT_P80,
    CS_WAIT_P90,
    CS_WAIT_P95,
    CS_SERVICE_LEVEL,
    CS_OCCUPANCY,
    CS_AGENTS_MEAN,
    CS_QUEUE_MEAN,
    CS_BALKED,
    CS_AGENT_HOURS,
    CS_ANSWERED,
    CS_AHT,
    CS_COUNT
};

/* Cost of one channel (and of the back office). */
enum cost_stat { COST_ORGANISATION, COST_PER_HANDLED, COST_STAT_COUNT };

/* Totals over the organisation and its citizens. */
enum total_cost_stat {
    TC_ORGANISATION,
    TC_PER_HANDLED,         /* organisation cost per handled contact or session */
    TC_PER_RESOLVED,        /* organisation cost per resolved need */
    TC_CITIZEN_WAIT_HOURS,
    TC_CITIZEN_TRAVEL_HOURS,
    TC_CITIZEN_VALUE,       /* their hours times citizen_cost.per_hour */
    TC_COUNT
};

/* One reporting interval of an assisted channel's week. */
enum interval_stat {
    IS_ARRIVALS, IS_WAIT_MEAN, IS_SERVICE_LEVEL, IS_AGENTS, IS_QUEUE_MEAN, IS_P_ABANDON, IS_COUNT
};

/* Points (seconds) at which each assisted channel reports the share of waits
 * up to that long: channels/<name>/wait_cdf/<seconds>. */
#define RESULTS_CDF_POINTS 18
extern const double results_cdf_points[RESULTS_CDF_POINTS];

/* Back-office figures. */
enum back_office_stat { BO_CASES, BO_CLOSED, BO_OPEN_AT_END, BO_TIME_MEAN, BO_CHASES, BO_AGENT_HOURS, BO_COUNT };

enum need_stat {
    NS_ARRIVED,
    NS_RESOLVED,
    NS_GAVE_UP,
    NS_OPEN_AT_END,
    NS_ATTEMPTS_MEAN,
    NS_TIME_TO_RESOLUTION,
    NS_COUNT
};

/* A group's figures; the shares follow GS_SHARES, one per channel. */
enum group_stat {
    GS_NEEDS,
    GS_CONTACTS,
    GS_WAIT_MEAN,
    GS_RESOLVED,
    GS_GAVE_UP,
    GS_ATTEMPTS_MEAN,
    GS_SHARES
};

/* The path name of a channel statistic ("wait_p90_s"). */
const char *results_channel_stat_name(enum channel_stat s);

struct results_index {
    struct metrics_layout *layout;
    long channel[MODEL_MAX_CHANNELS];   /* index of the channel's CS_OFFERED */
    long needs;                         /* index of NS_ARRIVED, or -1 */
    long segment[MODEL_MAX_SEGMENTS];   /* index of the segment's GS_NEEDS */
    long type[TYPE_COUNT];              /* index of the type's GS_NEEDS */
    long service[MODEL_MAX_SERVICES];   /* index of the service's GS_NEEDS */
    long cost_channel[MODEL_MAX_CHANNELS + 1];  /* COST_ORGANISATION; [n_channels]: back office */
    long cost_total;                    /* TC_ORGANISATION */
    long escalations;                   /* from c to d at escalations + c*(n_channels+1) + d;
                                           d = n_channels is the back office */
    long back_office;                   /* BO_CASES, or -1 */
    long intervals[MODEL_MAX_CHANNELS]; /* IS_ARRIVALS of the channel's first interval, or -1 */
    long wait_cdf[MODEL_MAX_CHANNELS];  /* first point of the channel's wait CDF, or -1 */
    int interval_count;                 /* intervals in a week */
    int interval_open[MODEL_MAX_CHANNELS][7 * 96];  /* week interval -> rank among open ones, -1 */
};

/* "mon 08:30" for interval k of the week. */
void results_interval_label(const struct model *m, int k, char *buf, size_t size);

/* Declares every figure of model m; returns 0 or -1 (out of memory). */
int results_index_build(const struct model *m, struct results_index *ix);
void results_index_free(struct results_index *ix);

/* A service level definition, said in every output that reports one. */
#define RESULTS_SL_DEFINITION \
    "answered within target / (answered + abandoned), contacts offered after warm-up"

#endif
