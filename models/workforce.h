/*
 * workforce: a staffing plan for each week of the horizon, as a planner
 * rosters it.
 *
 * The measured time of a scenario (after its warm-up) is cut into whole
 * weeks.  Week w is planned on its own: the model starts w weeks later in
 * the calendar (seasons and arrival files follow, model_shift_weeks) and
 * measures one week after the same warm-up, so each week's plan answers its
 * own load.  For each week and channel with targets:
 *
 *   required    agents answering, by simulation (staffing.h)
 *   rostered    required / (1 - shrinkage): agents on the roster, since a
 *               share of paid time (leave, sickness, training, meetings;
 *               not the breaks the shifts place) is not spent answering
 *   shifts      where the channel has shift rules, the shifts and roster
 *               lines that cover the rostered agents, rounded up per quarter
 *               hour, at least cost (shifts.h)
 *   FTE         paid hours (rostered hours without shifts) / fte_hours
 *
 * The peak week is the week with the most required agent-hours; where every
 * week needs the same agents in every interval (a horizon of like weeks: each week's simulation draws
 * the same random numbers, so weeks differ by their load alone), the weeks
 * are alike and none is the peak.
 */
#ifndef CHANMIX_MODELS_WORKFORCE_H
#define CHANMIX_MODELS_WORKFORCE_H

#include <stddef.h>
#include "models/shifts.h"
#include "models/staffing.h"

struct workforce_channel {
    int has_shifts;
    struct shift_plan shifts;
    double paid_hours, cost;        /* shifts, or the rostered hours at the hour's cost */
    double fte;                     /* 0 where the channel states no fte_hours */
    double full_time_share;         /* of paid hours, in the longest shift length */
};

struct workforce_week {
    int week;                       /* 0-based, in the horizon */
    int first_day;                  /* its measured time starts this many days after day 0 */
    struct staffing_plan plan;
    struct workforce_channel ch[MODEL_MAX_CHANNELS];    /* as plan.ch */
    double agent_hours, rostered_hours, paid_hours, cost;   /* all channels */
};

struct workforce {
    struct world_overflow overflow;     /* after WORKFORCE_OVERFLOW */
    int weeks_in_horizon;
    int n;                          /* weeks planned */
    struct workforce_week *weeks;
    int peak;                       /* index in weeks: the first of the most agent-hours */
    int alike;                      /* more than one week, all needing the same agents in
                                       every interval of every channel */
};

/* Whole weeks in m's measured time; 1 when it is shorter than a week. */
int workforce_weeks(const struct model *m);

/* A copy of m whose measured time is week w of m's (the whole of it when shorter). */
void workforce_week_model(const struct model *m, int w, struct model *out);

#define WORKFORCE_NO_TARGETS (-2)
#define WORKFORCE_OVERFLOW STAFFING_OVERFLOW
#define WORKFORCE_NO_SHIFTS (-4)

/*
 * Plans week `week` of m (0-based), or every week when week < 0.  progress
 * may be NULL; its week and weeks are filled in.  Returns 0, -1 out of
 * memory (err says so), WORKFORCE_NO_TARGETS when no channel has targets,
 * WORKFORCE_OVERFLOW when a simulation held more than max_in_system
 * contacts or needs (out->overflow says where), WORKFORCE_NO_SHIFTS when a
 * channel's shift rules admit no plan (err: "channels.NAME.shifts: why").
 */
int workforce_plan(const struct model *m, int week, int threads, struct staffing_progress *progress,
                   struct workforce *out, char *err, size_t size);
void workforce_free(struct workforce *w);

/* The agents to roster per quarter hour of the week: required / (1 - shrinkage), rounded up. */
void workforce_rostered(const struct model *m, const struct staffing_channel *sc, int *quarters);

/* "Wed 10 Jan": the first day of week w's measured time. */
void workforce_week_date(const struct model *m, const struct workforce_week *w, char *buf,
                         size_t size);

#endif
