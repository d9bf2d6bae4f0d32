/*
 * model: the parameters of one scenario, as the loader fills them.
 *
 * A model is immutable once built and shared read-only by every replication
 * and thread.  Times are seconds from Monday 00:00 of week 1.  The model
 * holds no behaviour; world.c runs it.
 */
#ifndef CHANMIX_MODELS_MODEL_H
#define CHANMIX_MODELS_MODEL_H

#include <stdint.h>
#include "models/dist.h"
#include "models/schedule.h"
#include "models/sweep.h"

#define MODEL_NAME_MAX 48
#define MODEL_MAX_CHANNELS 8
#define MODEL_MAX_SOURCES 16
#define MODEL_MAX_SEGMENTS 32
#define MODEL_MAX_SERVICES 64
#define MODEL_MAX_AGE_BANDS 8
#define MODEL_MAX_SESSIONS 8

enum channel_kind {
    CHANNEL_DESK,
    CHANNEL_PHONE,
    CHANNEL_CHAT,
    CHANNEL_WEB,
    CHANNEL_APP,
    CHANNEL_KINDS
};

/* Search-strategy types of Van der Veen & Van Ossenbruggen (2015). */
enum citizen_type {
    TYPE_INFORMATION,   /* searches widely, decides alone */
    TYPE_CERTAINTY,     /* searches, then checks with a person */
    TYPE_PEACE_OF_MIND, /* little effort, follows advice, wants a person */
    TYPE_CONVENIENCE,   /* goes straight to the channel it knows */
    TYPE_COUNT
};

const char *citizen_type_name(enum citizen_type t);

const char *channel_kind_name(enum channel_kind k);
int channel_kind_from_name(const char *name, enum channel_kind *out);

/* Service norms a staffing plan must meet; a field <= 0 is not a target. */
struct target_params {
    int set;
    double service_level;       /* share answered within within_s */
    double within_s;
    double max_abandon;         /* share of ended waits abandoned */
    double max_wait_s;          /* mean wait */
    double max_occupancy;
    int min_agents;             /* on duty in every open interval, demand or not */
};

#define MODEL_MAX_SHIFT_STARTS 96
#define MODEL_MAX_SHIFT_LENGTHS 8
#define MODEL_MAX_BREAKS 3
#define MODEL_MAX_SHARE_RULES 4

/* A break every shift of at least min_shift_h hours takes, placed by the planner. */
struct shift_break {
    int earliest_q, latest_q;   /* window for its start, quarters after the shift's start */
    int quarters;               /* its length */
    int paid;
    double min_shift_h;
};

/* The share of paid hours in shifts of some lengths lies in [min, max]. */
struct shift_share {
    int n;
    double lengths_h[MODEL_MAX_SHIFT_LENGTHS];
    double min, max;
};

/* The shifts a planner may use to cover a staffing requirement. */
struct shift_params {
    int set;
    int n_starts;
    int starts[MODEL_MAX_SHIFT_STARTS];     /* quarter hour of the day */
    int n_lengths;
    double lengths_h[MODEL_MAX_SHIFT_LENGTHS];
    int n_breaks;
    struct shift_break breaks[MODEL_MAX_BREAKS];
    int n_shares;
    struct shift_share shares[MODEL_MAX_SHARE_RULES];
    double cost_hour;           /* per paid shift hour */
    int days[7];                /* shifts may start on these days */
    int min_days, max_days;     /* a roster line works this many days a week; 0: no rosters */
    int days_off_any;           /* 0: a line's days off are together (its days one run); 1: any */
    double max_gap;             /* the solver may stop this share above the optimum */
};

/*
 * A channel.  Assisted kinds (desk, phone, chat) queue contacts for agents;
 * self-service kinds (web, app) have no queue, and a session succeeds with
 * probability logistic(a + success_skill*(skill - 0.5)
 * - success_cx*complexity - success_stakes*stakes), a from the service.
 */
struct channel_params {
    char name[MODEL_NAME_MAX];
    enum channel_kind kind;
    int agents;                 /* staffing where the table says nothing (assisted) */
    struct schedule week;       /* opening hours and agents per quarter hour */
    struct dist handling;       /* handling time, or session length (self-service) */
    struct dist patience;       /* time a caller waits before abandoning */
    double target_s;            /* service-level threshold */
    double success_skill, success_cx, success_stakes;

    /* phone: time in the voice menu before the line; a callback offer */
    struct dist ivr;
    double callback_above_s;    /* offer when the expected wait exceeds this; 0: never */
    double callback_accept;     /* share of callers offered who accept */

    /* chat: sessions per agent, and handling factor by sessions already in hand */
    int sessions;
    double session_factor[MODEL_MAX_SESSIONS];
    /* chat: a bot tier in front; resolves with logistic(bot_a - bot_cx*complexity) */
    int bot;
    double bot_a, bot_cx;
    struct dist bot_time;
    int bot_context;            /* the human sees the bot's conversation */
    double context_factor;      /* handling factor when it does */

    /* desk */
    double travel_kmh;          /* travel speed; each visit costs two trips */
    int balk_queue;             /* walk-ins leave when this many wait; 0: never */
    int tickets_per_day;        /* walk-ins turned away after this many a day; 0: no limit */
    double appointment_share;   /* visits booked ahead rather than walked in */
    struct dist appointment_lead;   /* how far ahead, seconds */

    struct target_params targets;   /* for chanmix staff */
    struct shift_params shifts;
    double shrinkage;           /* share of paid time agents cannot answer (breaks apart) */
    double fte_hours;           /* paid hours of a full-time week; 0: none stated */

    /* costs, in the scenario's currency */
    double cost_agent_hour;     /* assisted: per scheduled agent-hour, idle time paid */
    double cost_per_contact;    /* assisted: per handled contact; self-service: per session */
};

struct volumes;

/*
 * A stream of Poisson arrivals straight into a channel: at a constant rate,
 * or replaying a file's contacts per interval (models/arrivals.h).
 */
struct source_params {
    int channel;                /* index into model.channels */
    double per_interval;        /* mean arrivals per interval, when there is no file */
    struct volumes *file;       /* owned by the model: one channel, weeks from a Monday */
    long file_offset;           /* the file's interval at time 0: model_shift_weeks sets it */
};

/* A group of citizens with shared distributions of attributes. */
struct segment_params {
    char name[MODEL_NAME_MAX];
    double share;                           /* of the population; shares sum to 1 */
    double age_mix[MODEL_MAX_AGE_BANDS];    /* probability of each age band */
    double skill_a, skill_b;                /* digital skill ~ Beta(a, b) */
    double distance_median_km;              /* distance to the desk ~ lognormal */
    double distance_sigma;                  /*   with this log-sd */
    double p_smartphone;
    double p_office_hours;                  /* works office hours */
    double type_mix[TYPE_COUNT];            /* sums to 1 */
    double volume_mult;                     /* needs per citizen, relative */
    double patience_mult;                   /* scales every patience draw */
    double asc[MODEL_MAX_CHANNELS];         /* alternative-specific constants */
};

/* What a service is like on one channel. */
struct service_channel {
    int offered;
    double to_back_office;      /* assisted: share of unresolved contacts passed to the back office */
    struct dist handling;       /* overrides the channel's when kind != DIST_NONE */
    double fcr;                 /* assisted: first-contact resolution probability */
    double success_a;           /* self-service: intercept a_c of the success model */
    double asc;                 /* the service's own pull toward this channel in choice */
};

/* A reason for contact. */
struct service_params {
    char name[MODEL_NAME_MAX];
    double per_1000_year;                   /* needs per 1,000 citizens per year */
    double segment_mult[MODEL_MAX_SEGMENTS];
    double seasonal[12];                    /* monthly factors, mean 1 */
    double complexity, stakes, urgency;     /* in [0, 1] */
    int desk_required;      /* identity or signature: only the desk resolves it */
    struct service_channel on[MODEL_MAX_CHANNELS];
};

/* The multinomial logit of channel choice (docs/model.md). */
struct choice_params {
    double type_bias[TYPE_COUNT][MODEL_MAX_CHANNELS];
    double b_skill[MODEL_MAX_CHANNELS];
    double b_cx[MODEL_MAX_CHANNELS];
    double b_stakes[MODEL_MAX_CHANNELS];
    double steer[MODEL_MAX_CHANNELS];
    double b_wait;          /* per minute of expected wait */
    double b_dist;          /* per km, desk only */
    double b_habit;         /* the channel that last resolved a need */
    double b_failed;        /* a channel that already failed this need */
    double b_defer;         /* per hour until a closed channel opens */
    double b_assisted_attempt;  /* pull to assisted channels per earlier attempt */
    double b_work[MODEL_MAX_CHANNELS];  /* for citizens who work office hours, at work */
    uint8_t work_week[SCHEDULE_SLOTS];  /* quarter hours when such citizens are at work */
};

/* When needs are acted on: weekly and daily shape of demand, each mean 1. */
struct demand_params {
    double weekday[7];          /* Monday first */
    double intraday[96];        /* per piece of the day, 00:00 first */
    int pieces;                 /* 24, 48 or 96: hours, half hours or quarter hours */
    int start_month;            /* 1..12: the month day 0 of the run falls in */
};

/* What happens after a contact that did not resolve the need. */
struct journey_params {
    int max_attempts;           /* then the citizen gives up */
    double p_retry_abandoned;   /* try again after abandoning */
    struct dist retry_delay;    /* before the next attempt */
    struct dist defer_spread;   /* after opening, for a try deferred to a closed channel */
};

/*
 * The second line: a staffed FCFS queue for cases the front office passed
 * on.  It resolves a case after its handling time and tells the citizen by
 * an outbound call or letter.  While a case waits, its citizen chases it
 * through the front office after chase_delay, and again after each delay.
 */
struct back_office_params {
    int enabled;
    int agents;
    struct schedule week;
    struct dist handling;
    struct dist chase_delay;    /* DIST_NONE: citizens never chase */
    double cost_agent_hour;
    double cost_outbound;       /* per case closed: the call or letter */
};

/* Citizens' time, valued apart from the organisation's cost. */
struct citizen_cost_params {
    double per_hour;            /* value of an hour waiting or travelling */
};

/* How chanmix staff searches. */
struct planning_params {
    int replications;           /* per simulation of a candidate plan */
    int max_replications;       /* where a decision is too close to call */
    int max_iterations;
};

/* Contacts (and, apart, needs) a replication may hold at once when max_in_system is 0. */
#define MODEL_MAX_IN_SYSTEM 1000000L
/* Contacts an arrival stream may bring in one interval: over 55 a second, beyond any one line. */
#define MODEL_MAX_PER_INTERVAL 100000.0

struct model {
    char name[MODEL_NAME_MAX];
    char currency[8];           /* of every cost, for reports ("EUR") */
    uint64_t seed;
    int replications;
    long max_in_system;         /* a replication holding more stops the run; 0: the default */
    double horizon_s;           /* simulated time, warm-up included */
    double warmup_s;            /* left out of statistics */
    double interval_s;          /* reporting and staffing interval */
    int day_offset;             /* calendar days before time 0 (a multiple of 7): 0 for a
                                   loaded scenario; the planner starts later to plan one week */

    int n_channels;
    struct channel_params channels[MODEL_MAX_CHANNELS];
    int n_sources;
    struct source_params sources[MODEL_MAX_SOURCES];

    /* citizens: absent (population 0) in queue-only scenarios */
    long population;
    int n_age_bands;
    char age_bands[MODEL_MAX_AGE_BANDS][MODEL_NAME_MAX];
    int n_segments;
    struct segment_params segments[MODEL_MAX_SEGMENTS];
    int n_services;
    struct service_params services[MODEL_MAX_SERVICES];
    struct choice_params choice;
    struct demand_params demand;
    struct journey_params journey;
    struct citizen_cost_params citizen_cost;
    struct back_office_params back_office;
    struct planning_params planning;
    struct sweep_spec sweep;    /* for chanmix sweep; a run ignores it */
};

/*
 * Frees what a loaded model owns (arrival files).  Copies of a model share
 * it: release the one the loader filled, once, after the last copy is done.
 */
void model_release(struct model *m);

/* Constant staffing on channel ch, open all week (for tests and what-ifs). */
void model_set_constant_agents(struct model *m, int ch, int agents);

/*
 * Starts the run `weeks` weeks later in the calendar (seasons, arrival
 * files), so that its measured time is that week of the original horizon:
 * the planner plans one week at a time this way.
 */
void model_shift_weeks(struct model *m, int weeks);

/* Index of the channel named `name`, or -1. */
int model_find_channel(const struct model *m, const char *name);
/* Index of the segment called name, or -1. */
int model_find_segment(const struct model *m, const char *name);

/* The threshold of a channel's staffing norm: targets.within_s, or target_s
 * where the channel has no norm of its own. */
double model_norm_s(const struct channel_params *c);

#endif
