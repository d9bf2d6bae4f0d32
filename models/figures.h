/*
 * figures: the catalogue of every figure chanmix reports.
 *
 * Each figure is named once here: the last part of its path (the whole path
 * is that of the JSON, "channels.phone.service_level"), its label, its unit,
 * how a replication computes it from its accumulators, whether lower is
 * better, and for a service level the threshold it counts against.  The
 * terminal tables, JSON, CSV, charts, reports, compare and staff find figures
 * and their labels only through this module and the results index
 * (results.h), which places a model's figures in the flat per-replication
 * vector of sim/metrics.h.
 *
 * Figures come in families, each a block of statistics per owner:
 *
 *   channels.<channel>.<stat>             per channel (FIG_CHANNEL)
 *   channels.<channel>.wait_cdf.<s>       share of waits up to s seconds
 *   needs.<stat>                          citizens' needs (FIG_NEED)
 *   segments|types|services.<g>.<stat>    per group of citizens (FIG_GROUP)
 *   segments|types|services.<g>.shares.<channel>
 *   cost.<channel>|back_office.<stat>     cost of each part (FIG_COST)
 *   cost.total.<stat>                     totals (FIG_TOTAL)
 *   back_office.<stat>                    the back office (FIG_BACK_OFFICE)
 *   escalations.<a>-><b>                  tries on a followed by one on b
 *   intervals.<channel>.<ddd hh:mm>.<stat> per open interval of the week
 *   weekdays.<channel>.<ddd>.<stat>       per day of the week, its open intervals together
 *
 * and the figures of a staffing plan (chanmix staff), per week planned:
 *
 *   plan.<week>.<channel>.<stat>          the week's totals (FIG_PLAN)
 *   plan.<week>.<channel>.<interval>.<stat>   per open interval (FIG_PLAN_INTERVAL)
 *
 * Figures "per year" scale the measured period to a year: volumes by the
 * services' seasonal demand (demand_year_factor), agent-hours by time
 * (365 days over the measured days), and costs part by part.
 *
 * A service level counts answered contacts against one threshold: the
 * channel's target_s (service_level), or the within_s of its staffing norm
 * (service_level_norm, declared only where that differs from target_s).
 */
#ifndef CHANMIX_MODELS_FIGURES_H
#define CHANMIX_MODELS_FIGURES_H

#include <stddef.h>

enum figure_family {
    FIG_CHANNEL,
    FIG_WAIT_CDF,
    FIG_NEED,
    FIG_GROUP,
    FIG_SHARE,
    FIG_COST,
    FIG_TOTAL,
    FIG_BACK_OFFICE,
    FIG_ESCALATION,
    FIG_INTERVAL,
    FIG_WEEKDAY,
    FIG_PLAN,
    FIG_PLAN_INTERVAL,
    FIG_FAMILY_COUNT
};

/* What a figure counts; views format and scale by it. */
enum figure_unit {
    UNIT_COUNT,     /* contacts, needs, cases */
    UNIT_SHARE,     /* a fraction in [0, 1] */
    UNIT_SECONDS,
    UNIT_MONEY,     /* the scenario's currency */
    UNIT_HOURS,
    UNIT_NUMBER     /* a plain quantity: tries per need, agents */
};

/* How one replication computes the figure from its accumulators. */
enum figure_rule {
    RULE_SUM,           /* a count over the measured time */
    RULE_RATIO,         /* a ratio of two sums, 0 when the denominator is 0 */
    RULE_MEAN,          /* a running mean of observations */
    RULE_PERCENTILE,    /* a quantile of the log-binned histogram (0.5% relative) */
    RULE_TIME_AVERAGE   /* a time-weighted mean over the measured time */
};

/* The threshold a service level counts against. */
enum figure_threshold { THRESHOLD_NONE, THRESHOLD_TARGET, THRESHOLD_NORM };

struct figure_def {
    const char *name;       /* last part of the path: "service_level" */
    const char *label;      /* words for tables and charts: "service level" */
    enum figure_unit unit;
    enum figure_rule rule;
    const char *how;        /* the computation in words, for docs/model.md */
    int lower_is_better;    /* 1 lower, 0 higher, -1 neither */
    enum figure_threshold threshold;
    const char *shown_in;   /* NULL: the unit's own ("%", "s", "h"); or "min", "h" for long times */
    const char *alt_label;  /* NULL, or the label where the owner is a self-service channel
                               (sessions, not contacts) or the back office (cases) */
};

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
    CS_SHARE_OF_CONTACTS,
    CS_OFFERED_PER_YEAR,
    CS_BALKED_PER_YEAR,
    CS_AGENT_HOURS_PER_YEAR,
    CS_COUNT,
    /* declared apart, after the wait CDF, only where the norm's within_s differs */
    CS_SERVICE_LEVEL_NORM = CS_COUNT
};

enum need_stat {
    NS_ARRIVED,
    NS_RESOLVED,
    NS_GAVE_UP,
    NS_OPEN_AT_END,
    NS_ATTEMPTS_MEAN,
    NS_TIME_TO_RESOLUTION,
    NS_RESOLVED_SHARE,
    NS_GAVE_UP_SHARE,
    NS_ARRIVED_PER_YEAR,
    NS_RESOLVED_PER_YEAR,
    NS_GAVE_UP_PER_YEAR,
    NS_COUNT
};

/* A group's figures; the shares (FIG_SHARE) follow, one per channel. */
enum group_stat {
    GS_NEEDS,
    GS_CONTACTS,
    GS_WAIT_MEAN,
    GS_RESOLVED,
    GS_GAVE_UP,
    GS_ATTEMPTS_MEAN,
    GS_GAVE_UP_PER_YEAR,
    GS_SHARES
};

/* Cost of one channel (and of the back office). */
enum cost_stat { COST_ORGANISATION, COST_PER_HANDLED, COST_PER_YEAR, COST_STAT_COUNT };

/* Totals over the organisation and its citizens. */
enum total_cost_stat {
    TC_ORGANISATION,
    TC_PER_HANDLED,
    TC_PER_RESOLVED,
    TC_CITIZEN_WAIT_HOURS,
    TC_CITIZEN_TRAVEL_HOURS,
    TC_CITIZEN_VALUE,
    TC_PER_YEAR,
    TC_CITIZEN_VALUE_PER_YEAR,
    TC_COUNT
};

enum back_office_stat { BO_CASES, BO_CLOSED, BO_OPEN_AT_END, BO_TIME_MEAN, BO_CHASES, BO_AGENT_HOURS, BO_COUNT };

/* One reporting interval of an assisted channel's week. */
enum interval_stat {
    IS_ARRIVALS, IS_WAIT_MEAN, IS_SERVICE_LEVEL, IS_AGENTS, IS_QUEUE_MEAN, IS_P_ABANDON, IS_COUNT,
    /* follows the block only where the norm's within_s differs from target_s */
    IS_SERVICE_LEVEL_NORM = IS_COUNT
};

/* One day of the week of an assisted channel: the day's open intervals together. */
enum weekday_stat { WD_ARRIVALS, WD_WAIT_MEAN, WD_SERVICE_LEVEL, WD_P_ABANDON, WD_COUNT };

/* A staffing plan's weekly totals for one channel. */
enum plan_stat {
    PS_AGENT_HOURS, PS_ERLANG_AGENT_HOURS, PS_ROSTERED_HOURS, PS_PAID_HOURS, PS_OVER_HOURS,
    PS_OVER_COST, PS_FTE, PS_FULL_TIME_SHARE, PS_COST, PS_COUNT
};

/* A staffing plan in one interval of the week. */
enum plan_interval_stat { PI_REQUIRED, PI_ERLANG, PI_ROSTERED, PI_ON_SHIFTS, PI_COUNT };

/* The definition of statistic stat of a family (for FIG_SHARE, FIG_WAIT_CDF and
 * FIG_ESCALATION stat is ignored: one definition serves every member). */
const struct figure_def *figures_def(enum figure_family family, int stat);

/* Number of statistics of a family's block, the optional norm figure included. */
int figures_family_size(enum figure_family family);

/*
 * The path pattern of a figure as docs/model.md writes it, with placeholders
 * for owners: "channels.<channel>.service_level".  Returns the length written.
 */
int figures_pattern(enum figure_family family, int stat, char *buf, size_t size);

/* The label, with the threshold for a service level: "service level within 20 s". */
void figures_label(const struct figure_def *d, double threshold_s, char *buf, size_t size);

/* How a view shows a figure of unit u by default: multiply by *scale, write *unit after. */
void figures_display(const struct figure_def *d, double *scale, const char **unit);

/* The definition of a service level, said in every output that reports one. */
#define FIGURES_SL_DEFINITION \
    "answered within the threshold / (answered + abandoned), contacts offered after warm-up"

#endif
