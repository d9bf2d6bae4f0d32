/*
 * figures: the catalogue, see figures.h.  Every label of a reported figure
 * is written here and nowhere else.
 */
#include "models/figures.h"

#include <stdio.h>
#include <string.h>

#define SL_HOW "answered within the threshold / (answered + abandoned)"

static const struct figure_def channel_defs[CS_COUNT + 1] = {
    [CS_OFFERED] = { "offered", "contacts offered", UNIT_COUNT, RULE_SUM,
                     "contacts that arrived after warm-up", -1, 0, NULL, "sessions started" },
    [CS_HANDLED] = { "handled", "handled", UNIT_COUNT, RULE_SUM,
                     "of those, answered by an agent and finished", -1, 0, NULL, "sessions ended" },
    [CS_ABANDONED] = { "abandoned", "abandoned", UNIT_COUNT, RULE_SUM,
                       "of those, left the queue when patience ran out", 1, 0, NULL, NULL },
    [CS_IN_SYSTEM_AT_END] = { "in_system_at_end", "still in system at end", UNIT_COUNT, RULE_SUM,
                              "of those, still waiting or in service at the horizon", -1, 0, NULL,
                              NULL },
    [CS_P_WAIT] = { "p_wait", "waited at all", UNIT_SHARE, RULE_RATIO,
                    "contacts that waited / (answered + abandoned)", 1, 0, NULL, NULL },
    [CS_P_ABANDON] = { "p_abandon", "abandoned, share", UNIT_SHARE, RULE_RATIO,
                       "abandoned / (answered + abandoned)", 1, 0, NULL, NULL },
    [CS_WAIT_MEAN] = { "wait_mean_s", "mean wait", UNIT_SECONDS, RULE_MEAN,
                       "mean wait of answered and abandoned contacts", 1, 0, NULL, NULL },
    [CS_WAIT_P50] = { "wait_p50_s", "wait, median", UNIT_SECONDS, RULE_PERCENTILE,
                      "50th percentile of those waits", 1, 0, NULL, NULL },
    [CS_WAIT_P80] = { "wait_p80_s", "wait, 80th percentile", UNIT_SECONDS, RULE_PERCENTILE,
                      "80th percentile of those waits", 1, 0, NULL, NULL },
    [CS_WAIT_P90] = { "wait_p90_s", "wait, 90th percentile", UNIT_SECONDS, RULE_PERCENTILE,
                      "90th percentile of those waits", 1, 0, NULL, NULL },
    [CS_WAIT_P95] = { "wait_p95_s", "wait, 95th percentile", UNIT_SECONDS, RULE_PERCENTILE,
                      "95th percentile of those waits", 1, 0, NULL, NULL },
    [CS_SERVICE_LEVEL] = { "service_level", "service level", UNIT_SHARE, RULE_RATIO,
                           SL_HOW ", threshold target_s", 0, THRESHOLD_TARGET, NULL, NULL },
    [CS_OCCUPANCY] = { "occupancy", "occupancy", UNIT_SHARE, RULE_TIME_AVERAGE,
                       "busy agent time / (scheduled agent time x sessions per agent)", -1, 0,
                       NULL, NULL },
    [CS_AGENTS_MEAN] = { "agents_mean", "agents on duty, mean", UNIT_NUMBER, RULE_TIME_AVERAGE,
                         "scheduled agents, time-weighted", -1, 0, NULL, NULL },
    [CS_QUEUE_MEAN] = { "queue_mean", "queue, mean length", UNIT_NUMBER, RULE_TIME_AVERAGE,
                        "contacts waiting, time-weighted", 1, 0, NULL, NULL },
    [CS_BALKED] = { "balked", "turned away (balked)", UNIT_COUNT, RULE_SUM,
                    "turned away: closed, out of tickets, line too long", 1, 0, NULL, NULL },
    [CS_AGENT_HOURS] = { "agent_hours", "agent-hours", UNIT_HOURS, RULE_SUM,
                         "scheduled agent-hours after warm-up, idle time included", -1, 0, NULL,
                         NULL },
    [CS_ANSWERED] = { "answered", "answered", UNIT_COUNT, RULE_SUM,
                      "contacts that reached an agent (handled, or in service at the end)", -1, 0,
                      NULL, NULL },
    [CS_AHT] = { "aht_s", "handling time, mean", UNIT_SECONDS, RULE_MEAN,
                 "mean handling time of answered contacts, as drawn", -1, 0, NULL, NULL },
    [CS_SHARE_OF_CONTACTS] = { "share_of_contacts", "share of all contacts", UNIT_SHARE,
                               RULE_RATIO, "offered on the channel / offered on all channels", -1,
                               0, NULL, NULL },
    [CS_OFFERED_PER_YEAR] = { "offered_per_year", "contacts offered per year", UNIT_COUNT,
                              RULE_SUM, "offered x the year's demand / the measured period's", -1,
                              0, NULL, "sessions started per year" },
    [CS_BALKED_PER_YEAR] = { "balked_per_year", "turned away per year", UNIT_COUNT, RULE_SUM,
                             "balked x the year's demand / the measured period's", 1, 0, NULL,
                             NULL },
    [CS_AGENT_HOURS_PER_YEAR] = { "agent_hours_per_year", "agent-hours per year", UNIT_HOURS,
                                  RULE_SUM, "agent-hours x 365 / measured days", -1, 0, NULL,
                                  NULL },
    [CS_SERVICE_LEVEL_NORM] = { "service_level_norm", "service level", UNIT_SHARE, RULE_RATIO,
                                SL_HOW ", threshold targets.within_s", 0, THRESHOLD_NORM, NULL,
                                NULL },
};

static const struct figure_def wait_cdf_def = {
    "wait_cdf", "waits up to", UNIT_SHARE, RULE_RATIO,
    "ended waits no longer than s seconds / ended waits (assisted channels)", 0, 0, NULL, NULL
};

static const struct figure_def need_defs[NS_COUNT] = {
    [NS_ARRIVED] = { "arrived", "needs arisen", UNIT_COUNT, RULE_SUM,
                     "needs that arose after warm-up", -1, 0, NULL, NULL },
    [NS_RESOLVED] = { "resolved", "needs resolved", UNIT_COUNT, RULE_SUM, "of those, resolved", 0, 0,
                      NULL, NULL },
    [NS_GAVE_UP] = { "gave_up", "needs given up", UNIT_COUNT, RULE_SUM, "of those, given up", 1, 0,
                     NULL, NULL },
    [NS_OPEN_AT_END] = { "open_at_end", "needs still open at the end", UNIT_COUNT, RULE_SUM,
                         "of those, still open at the horizon", -1, 0, NULL, NULL },
    [NS_ATTEMPTS_MEAN] = { "attempts_mean", "tries per need", UNIT_NUMBER, RULE_RATIO,
                           "tries / (resolved + given up)", 1, 0, NULL, NULL },
    [NS_TIME_TO_RESOLUTION] = { "time_to_resolution_mean_s", "time to resolution", UNIT_SECONDS,
                                RULE_MEAN, "mean time from arising to resolution", 1, 0, "min",
                                NULL },
    [NS_RESOLVED_SHARE] = { "resolved_share", "needs resolved, share", UNIT_SHARE, RULE_RATIO,
                            "resolved / (resolved + given up)", 0, 0, NULL, NULL },
    [NS_GAVE_UP_SHARE] = { "gave_up_share", "needs given up, share", UNIT_SHARE, RULE_RATIO,
                           "given up / (resolved + given up)", 1, 0, NULL, NULL },
    [NS_ARRIVED_PER_YEAR] = { "arrived_per_year", "needs arisen per year", UNIT_COUNT, RULE_SUM,
                              "arrived x the year's demand / the measured period's", -1, 0, NULL,
                              NULL },
    [NS_RESOLVED_PER_YEAR] = { "resolved_per_year", "needs resolved per year", UNIT_COUNT,
                               RULE_SUM, "resolved x the year's demand / the measured period's",
                               0, 0, NULL, NULL },
    [NS_GAVE_UP_PER_YEAR] = { "gave_up_per_year", "needs given up per year", UNIT_COUNT,
                              RULE_SUM, "given up x the year's demand / the measured period's", 1,
                              0, NULL, NULL },
};

static const struct figure_def group_defs[GS_SHARES] = {
    [GS_NEEDS] = { "needs", "needs", UNIT_COUNT, RULE_SUM, "the group's needs after warm-up", -1,
                   0, NULL, NULL },
    [GS_CONTACTS] = { "contacts", "contacts", UNIT_COUNT, RULE_SUM, "the group's contacts", -1, 0,
                      NULL, NULL },
    [GS_WAIT_MEAN] = { "wait_mean_s", "mean wait", UNIT_SECONDS, RULE_MEAN,
                       "mean wait of the group's contacts that queued", 1, 0, NULL, NULL },
    [GS_RESOLVED] = { "resolved", "resolved", UNIT_SHARE, RULE_RATIO,
                      "resolved / the group's needs that ended", 0, 0, NULL, NULL },
    [GS_GAVE_UP] = { "gave_up", "given up", UNIT_SHARE, RULE_RATIO,
                     "given up / the group's needs that ended", 1, 0, NULL, NULL },
    [GS_ATTEMPTS_MEAN] = { "attempts_mean", "tries per need", UNIT_NUMBER, RULE_RATIO,
                           "tries / the group's needs that ended", 1, 0, NULL, NULL },
    [GS_GAVE_UP_PER_YEAR] = { "gave_up_per_year", "needs given up a year", UNIT_COUNT, RULE_SUM,
                              "the group's needs given up x the year's demand / the measured "
                              "period's", 1, 0, NULL, NULL },
};

static const struct figure_def share_def = {
    "shares", "share of the group's contacts", UNIT_SHARE, RULE_RATIO,
    "the group's contacts on the channel / the group's contacts", -1, 0, NULL, NULL
};

static const struct figure_def cost_defs[COST_STAT_COUNT] = {
    [COST_ORGANISATION] = { "organisation", "cost to the organisation", UNIT_MONEY, RULE_SUM,
                            "agent-hours x cost per hour + handled x cost per contact (back "
                            "office: closed cases x outbound cost)", 1, 0, NULL, NULL },
    [COST_PER_HANDLED] = { "per_handled", "per handled contact", UNIT_MONEY, RULE_RATIO,
                           "cost / handled contacts (back office: closed cases)", 1, 0, NULL,
                           "per closed case" },
    [COST_PER_YEAR] = { "per_year", "cost per year", UNIT_MONEY, RULE_SUM,
                        "agent-hour cost x 365 / measured days + per-contact cost x the year's "
                        "demand / the measured period's", 1, 0, NULL, NULL },
};

static const struct figure_def total_defs[TC_COUNT] = {
    [TC_ORGANISATION] = { "organisation", "total cost to the organisation", UNIT_MONEY, RULE_SUM,
                          "the sum of every part's cost", 1, 0, NULL, NULL },
    [TC_PER_HANDLED] = { "per_handled_contact", "cost per handled contact", UNIT_MONEY,
                         RULE_RATIO, "total cost / handled contacts and sessions", 1, 0, NULL,
                         NULL },
    [TC_PER_RESOLVED] = { "per_resolved_need", "cost per resolved need", UNIT_MONEY, RULE_RATIO,
                          "total cost / resolved needs", 1, 0, NULL, NULL },
    [TC_CITIZEN_WAIT_HOURS] = { "citizen_wait_hours", "citizens' time waiting", UNIT_HOURS,
                                RULE_SUM, "citizens' hours in queues", 1, 0, NULL, NULL },
    [TC_CITIZEN_TRAVEL_HOURS] = { "citizen_travel_hours", "citizens' time travelling",
                                  UNIT_HOURS, RULE_SUM, "citizens' hours travelling to the desk",
                                  1, 0, NULL, NULL },
    [TC_CITIZEN_VALUE] = { "citizen_time_value", "citizens' time, valued", UNIT_MONEY, RULE_SUM,
                           "(waiting + travelling hours) x citizen_cost.per_hour", 1, 0, NULL,
                           NULL },
    [TC_PER_YEAR] = { "per_year", "total cost per year", UNIT_MONEY, RULE_SUM,
                      "the sum of every part's cost per year", 1, 0, NULL, NULL },
    [TC_CITIZEN_VALUE_PER_YEAR] = { "citizen_time_value_per_year", "citizens' time per year, valued",
                                    UNIT_MONEY, RULE_SUM,
                                    "citizens' time, valued, x the year's demand / the measured "
                                    "period's", 1, 0, NULL, NULL },
};

static const struct figure_def back_office_defs[BO_COUNT] = {
    [BO_CASES] = { "cases", "cases passed on", UNIT_COUNT, RULE_SUM,
                   "needs passed to the back office after warm-up", -1, 0, NULL, NULL },
    [BO_CLOSED] = { "closed", "closed", UNIT_COUNT, RULE_SUM, "cases closed", 0, 0, NULL, NULL },
    [BO_OPEN_AT_END] = { "open_at_end", "still open at the end", UNIT_COUNT, RULE_SUM,
                         "cases open at the horizon", 1, 0, NULL, NULL },
    [BO_TIME_MEAN] = { "time_mean_s", "time to close", UNIT_SECONDS, RULE_MEAN,
                       "mean time from passing on to closing", 1, 0, "h", NULL },
    [BO_CHASES] = { "chases", "chasing contacts", UNIT_COUNT, RULE_SUM,
                    "contacts by citizens chasing an open case", 1, 0, NULL, NULL },
    [BO_AGENT_HOURS] = { "agent_hours", "officer-hours", UNIT_HOURS, RULE_SUM,
                         "scheduled officer-hours after warm-up", -1, 0, NULL, NULL },
};

static const struct figure_def escalation_def = {
    "escalations", "escalations", UNIT_COUNT, RULE_SUM,
    "tries on a that did not resolve the need, followed by a try on b (or the back office)", -1,
    0, NULL, NULL
};

static const struct figure_def interval_defs[IS_COUNT + 1] = {
    [IS_ARRIVALS] = { "arrivals", "arrivals", UNIT_NUMBER, RULE_RATIO,
                      "contacts offered in the interval / its occurrences in the measured time",
                      -1, 0, NULL, NULL },
    [IS_WAIT_MEAN] = { "wait_mean_s", "mean wait", UNIT_SECONDS, RULE_RATIO,
                       "summed wait / (answered + abandoned) of the interval's contacts", 1, 0,
                       NULL, NULL },
    [IS_SERVICE_LEVEL] = { "service_level", "service level", UNIT_SHARE, RULE_RATIO,
                           SL_HOW ", threshold target_s", 0, THRESHOLD_TARGET, NULL, NULL },
    [IS_AGENTS] = { "agents", "agents", UNIT_NUMBER, RULE_TIME_AVERAGE,
                    "scheduled agents, averaged over the interval", -1, 0, NULL, NULL },
    [IS_QUEUE_MEAN] = { "queue_mean", "queue, mean length", UNIT_NUMBER, RULE_RATIO,
                        "summed wait / measured length of the interval (Little's law)", 1, 0,
                        NULL, NULL },
    [IS_P_ABANDON] = { "p_abandon", "abandoned, share", UNIT_SHARE, RULE_RATIO,
                       "abandoned / (answered + abandoned)", 1, 0, NULL, NULL },
    [IS_SERVICE_LEVEL_NORM] = { "service_level_norm", "service level", UNIT_SHARE, RULE_RATIO,
                                SL_HOW ", threshold targets.within_s", 0, THRESHOLD_NORM, NULL,
                                NULL },
};

static const struct figure_def weekday_defs[WD_COUNT] = {
    [WD_ARRIVALS] = { "arrivals", "contacts per day", UNIT_NUMBER, RULE_RATIO,
                      "the sum of the arrivals of the day's open intervals", -1, 0, NULL, NULL },
    [WD_WAIT_MEAN] = { "wait_mean_s", "mean wait", UNIT_SECONDS, RULE_RATIO,
                       "summed wait / (answered + abandoned) of the day's contacts", 1, 0, NULL,
                       NULL },
    [WD_SERVICE_LEVEL] = { "service_level", "service level", UNIT_SHARE, RULE_RATIO,
                           SL_HOW ", threshold target_s", 0, THRESHOLD_TARGET, NULL, NULL },
    [WD_P_ABANDON] = { "p_abandon", "abandoned, share", UNIT_SHARE, RULE_RATIO,
                       "abandoned / (answered + abandoned) of the day's contacts", 1, 0, NULL,
                       NULL },
};

static const struct figure_def plan_defs[PS_COUNT] = {
    [PS_AGENT_HOURS] = { "agent_hours", "required agent-hours", UNIT_HOURS, RULE_SUM,
                         "agents required by simulation x interval length, over the week", 1, 0,
                         NULL, NULL },
    [PS_ERLANG_AGENT_HOURS] = { "erlang_agent_hours", "agent-hours by Erlang", UNIT_HOURS,
                                RULE_SUM, "Erlang's agents x interval length, over the week", 1,
                                0, NULL, NULL },
    [PS_ROSTERED_HOURS] = { "rostered_hours", "rostered agent-hours", UNIT_HOURS, RULE_SUM,
                            "required / (1 - shrinkage) x interval length, over the week", 1, 0,
                            NULL, NULL },
    [PS_PAID_HOURS] = { "paid_hours", "paid hours", UNIT_HOURS, RULE_SUM,
                        "shift lengths less unpaid breaks, over the week's shifts (without "
                        "shifts: the rostered agent-hours)", 1, 0, NULL, NULL },
    [PS_OVER_HOURS] = { "over_hours", "over-coverage", UNIT_HOURS, RULE_SUM,
                        "agents on duty beyond those to roster, per quarter hour, x 15 min", 1, 0,
                        NULL, NULL },
    [PS_OVER_COST] = { "over_cost", "cost of over-coverage", UNIT_MONEY, RULE_SUM,
                       "over-coverage x shifts.cost_per_hour", 1, 0, NULL, NULL },
    [PS_FTE] = { "fte", "full-time equivalents", UNIT_NUMBER, RULE_RATIO,
                 "paid hours / fte_hours", 1, 0, NULL, NULL },
    [PS_FULL_TIME_SHARE] = { "full_time_share", "paid hours in full-time shifts", UNIT_SHARE,
                             RULE_RATIO, "paid hours in shifts of the longest length / paid "
                             "hours", -1, 0, NULL, NULL },
    [PS_COST] = { "cost", "cost of the plan", UNIT_MONEY, RULE_SUM,
                  "paid hours x shifts.cost_per_hour (without shifts: rostered agent-hours x "
                  "cost.per_agent_hour)", 1, 0, NULL, NULL },
};

static const struct figure_def plan_interval_defs[PI_COUNT] = {
    [PI_REQUIRED] = { "required", "agents required", UNIT_NUMBER, RULE_SUM,
                      "fewest agents whose simulated figures meet every norm", 1, 0, NULL, NULL },
    [PI_ERLANG] = { "erlang", "agents by Erlang", UNIT_NUMBER, RULE_SUM,
                    "Erlang A (C without patience) on the simulated load", 1, 0, NULL, NULL },
    [PI_ROSTERED] = { "rostered", "agents to roster", UNIT_NUMBER, RULE_RATIO,
                      "required / (1 - shrinkage)", 1, 0, NULL, NULL },
    [PI_ON_SHIFTS] = { "covered", "agents on shifts", UNIT_NUMBER, RULE_SUM,
                       "agents on a shift and not on a break, fewest over the interval's "
                       "quarter hours", -1, 0, NULL, NULL },
};

static const struct {
    const struct figure_def *defs;
    int n;
    const char *pattern;    /* path with "%s" for the statistic's name */
} families[FIG_FAMILY_COUNT] = {
    [FIG_CHANNEL] = { channel_defs, CS_COUNT + 1, "channels.<channel>.%s" },
    [FIG_WAIT_CDF] = { &wait_cdf_def, 1, "channels.<channel>.%s.<seconds>" },
    [FIG_NEED] = { need_defs, NS_COUNT, "needs.%s" },
    [FIG_GROUP] = { group_defs, GS_SHARES, "<groups>.<group>.%s" },
    [FIG_SHARE] = { &share_def, 1, "<groups>.<group>.%s.<channel>" },
    [FIG_COST] = { cost_defs, COST_STAT_COUNT, "cost.<part>.%s" },
    [FIG_TOTAL] = { total_defs, TC_COUNT, "cost.total.%s" },
    [FIG_BACK_OFFICE] = { back_office_defs, BO_COUNT, "back_office.%s" },
    [FIG_ESCALATION] = { &escalation_def, 1, "%s.<from>-><to>" },
    [FIG_INTERVAL] = { interval_defs, IS_COUNT + 1, "intervals.<channel>.<interval>.%s" },
    [FIG_WEEKDAY] = { weekday_defs, WD_COUNT, "weekdays.<channel>.<day>.%s" },
    [FIG_PLAN] = { plan_defs, PS_COUNT, "plan.<week>.<channel>.%s" },
    [FIG_PLAN_INTERVAL] = { plan_interval_defs, PI_COUNT, "plan.<week>.<channel>.<interval>.%s" },
};

const struct figure_def *figures_def(enum figure_family family, int stat)
{
    if ((unsigned)family >= FIG_FAMILY_COUNT)
        return NULL;
    int n = families[family].n;
    if (n == 1)
        return families[family].defs;
    return stat >= 0 && stat < n ? &families[family].defs[stat] : NULL;
}

int figures_family_size(enum figure_family family)
{
    return (unsigned)family < FIG_FAMILY_COUNT ? families[family].n : 0;
}

int figures_pattern(enum figure_family family, int stat, char *buf, size_t size)
{
    const struct figure_def *d = figures_def(family, stat);
    if (!d)
        return snprintf(buf, size, "?");
    return snprintf(buf, size, families[family].pattern, d->name);
}

/* "20 s", "10 min", "1.5 h": a threshold in the words of a target. */
static void say_threshold(double s, char *buf, size_t size)
{
    if (s >= 3600.0 && s == (double)(long)(s / 360.0) * 360.0)
        snprintf(buf, size, "%g h", s / 3600.0);
    else if (s >= 60.0 && s == (double)(long)(s / 60.0) * 60.0)
        snprintf(buf, size, "%g min", s / 60.0);
    else
        snprintf(buf, size, "%g s", s);
}

void figures_label(const struct figure_def *d, double threshold_s, char *buf, size_t size)
{
    if (d->threshold == THRESHOLD_NONE) {
        snprintf(buf, size, "%s", d->label);
        return;
    }
    char t[32];
    say_threshold(threshold_s, t, sizeof t);
    snprintf(buf, size, "%s within %s%s", d->label, t,
             d->threshold == THRESHOLD_NORM ? " (norm)" : "");
}

void figures_display(const struct figure_def *d, double *scale, const char **unit)
{
    const char *u = d->shown_in;
    if (!u)
        u = d->unit == UNIT_SHARE ? "%" : d->unit == UNIT_SECONDS ? "s"
          : d->unit == UNIT_HOURS ? "h" : "";
    *unit = u;
    *scale = strcmp(u, "%") == 0 ? 100.0 : strcmp(u, "min") == 0 ? 1.0 / 60.0
           : strcmp(u, "h") == 0 && d->unit == UNIT_SECONDS ? 1.0 / 3600.0 : 1.0;
}
