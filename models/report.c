/*
 * report: a finished world's figures, written into the replication's row
 * of values at the indices the results layout declared.
 */
#include <math.h>

#include "models/world_internal.h"

/* Scheduled agent-hours of a week over [from, to). */
static double agent_hours(const struct schedule *week, double from, double to)
{
    double sum = 0.0;
    for (double t = floor(from / SCHEDULE_SLOT_S) * SCHEDULE_SLOT_S; t < to; t += SCHEDULE_SLOT_S) {
        double a = t > from ? t : from, b = t + SCHEDULE_SLOT_S < to ? t + SCHEDULE_SLOT_S : to;
        sum += schedule_agents(week, t) * (b - a);
    }
    return sum / 3600.0;
}

static void write_group(const struct model *m, const struct group_acc *g, double year_volume,
                        double *o)
{
    o[GS_NEEDS] = (double)g->needs;
    o[GS_CONTACTS] = (double)g->contacts;
    o[GS_WAIT_MEAN] = g->wait.mean;
    o[GS_RESOLVED] = stats_ratio((double)g->resolved, (double)g->ended);
    o[GS_GAVE_UP] = stats_ratio((double)g->gave_up, (double)g->ended);
    o[GS_ATTEMPTS_MEAN] = stats_ratio((double)g->attempts, (double)g->ended);
    o[GS_GAVE_UP_PER_YEAR] = (double)g->gave_up * year_volume;
    for (int c = 0; c < m->n_channels; c++)
        o[GS_SHARES + c] = stats_ratio((double)g->by_channel[c], (double)g->contacts);
}

static void write_channels(const struct world *w, const struct results_index *ix, double *v,
                           double *cost_sum, double *handled_sum, double *year_sum)
{
    const struct model *m = w->m;
    double end = m->horizon_s;
    uint64_t in_system[MODEL_MAX_CHANNELS] = { 0 };
    double offered_sum = 0.0;
    for (uint32_t i = 0; i < w->contacts.n; i++) {
        const struct contact *c = world_contact(w, i);
        if (c->counted && (c->state == CT_WAITING || c->state == CT_IN_SERVICE ||
                           c->state == CT_TRAVEL))
            in_system[c->channel]++;
    }
    for (int ch = 0; ch < m->n_channels; ch++) {
        const struct station *s = &w->st[ch];
        const struct channel_params *cp = &m->channels[ch];
        double *o = v + ix->channel[ch];
        double ended = (double)(s->answered + s->abandoned);
        double agents = timeavg_mean(&s->agents_avg, end);
        double hours = world_is_assisted(w, ch) ? agent_hours(&cp->week, m->warmup_s, end) : 0.0;
        o[CS_OFFERED] = (double)s->offered;
        o[CS_HANDLED] = (double)s->handled;
        o[CS_ABANDONED] = (double)s->abandoned;
        o[CS_BALKED] = (double)w->balked[ch];
        o[CS_IN_SYSTEM_AT_END] = (double)in_system[ch];
        o[CS_P_WAIT] = stats_ratio((double)s->waited, ended);
        o[CS_P_ABANDON] = stats_ratio((double)s->abandoned, ended);
        o[CS_WAIT_MEAN] = s->wait.mean;
        o[CS_WAIT_P50] = loghist_quantile(s->wait_hist, 0.50);
        o[CS_WAIT_P80] = loghist_quantile(s->wait_hist, 0.80);
        o[CS_WAIT_P90] = loghist_quantile(s->wait_hist, 0.90);
        o[CS_WAIT_P95] = loghist_quantile(s->wait_hist, 0.95);
        o[CS_SERVICE_LEVEL] = stats_ratio((double)s->within_target, ended);
        o[CS_OCCUPANCY] = agents > 0 ? timeavg_mean(&s->busy_avg, end) / (agents * s->sessions)
                                     : 0.0;
        o[CS_AGENTS_MEAN] = agents;
        o[CS_QUEUE_MEAN] = timeavg_mean(&s->queue_avg, end);
        o[CS_AGENT_HOURS] = hours;
        o[CS_ANSWERED] = (double)s->answered;
        o[CS_AHT] = s->handling.mean;
        o[CS_OFFERED_PER_YEAR] = (double)s->offered * ix->year_volume;
        o[CS_BALKED_PER_YEAR] = (double)w->balked[ch] * ix->year_volume;
        o[CS_AGENT_HOURS_PER_YEAR] = hours * ix->year_time;
        if (ix->norm_sl[ch] >= 0)
            v[ix->norm_sl[ch]] = stats_ratio((double)s->within_norm, ended);
        if (ix->wait_cdf[ch] >= 0)
            for (int k = 0; k < RESULTS_CDF_POINTS; k++)
                v[ix->wait_cdf[ch] + k] = loghist_cdf(s->wait_hist, results_cdf_points[k]);

        double staff = hours * cp->cost_agent_hour;
        double per_contact = (double)s->handled * cp->cost_per_contact;
        double cost = staff + per_contact;
        double *co = v + ix->cost_channel[ch];
        co[COST_ORGANISATION] = cost;
        co[COST_PER_HANDLED] = stats_ratio(cost, (double)s->handled);
        co[COST_PER_YEAR] = staff * ix->year_time + per_contact * ix->year_volume;
        *year_sum += co[COST_PER_YEAR];
        *cost_sum += cost;
        *handled_sum += (double)s->handled;
        offered_sum += (double)s->offered;
    }
    for (int ch = 0; ch < m->n_channels; ch++)
        v[ix->channel[ch] + CS_SHARE_OF_CONTACTS] = stats_ratio(v[ix->channel[ch] + CS_OFFERED],
                                                          offered_sum);
}

/* How often each interval of the week falls whole inside the measured time. */
static void interval_occurrences(const struct world *w, double *occurrences)
{
    const struct model *m = w->m;
    for (double t = m->warmup_s; t + m->interval_s <= m->horizon_s + 1e-6; t += m->interval_s)
        occurrences[world_interval(w, t)] += 1.0;
}

static void write_intervals(const struct world *w, const struct results_index *ix, double *v)
{
    const struct model *m = w->m;
    double occurrences[7 * 96] = { 0 };
    interval_occurrences(w, occurrences);
    int quarters = (int)(m->interval_s / SCHEDULE_SLOT_S);
    for (int ch = 0; ch < m->n_channels; ch++) {
        if (ix->intervals[ch] < 0)
            continue;
        for (int k = 0; k < w->interval_count; k++) {
            int rank = ix->interval_open[ch][k];
            if (rank < 0)
                continue;
            const struct interval_acc *a = &w->intervals[(size_t)ch * (size_t)w->interval_count + (size_t)k];
            double *o = v + ix->intervals[ch] + (long)rank * ix->interval_stride[ch];
            double agents = 0.0;
            for (int q = 0; q < quarters; q++) {
                int slot = k * quarters + q;
                agents += m->channels[ch].week.open[slot] ? m->channels[ch].week.agents[slot] : 0;
            }
            o[IS_ARRIVALS] = stats_ratio((double)a->arrivals, occurrences[k]);
            o[IS_WAIT_MEAN] = stats_ratio(a->wait_sum, (double)a->ended);
            o[IS_SERVICE_LEVEL] = stats_ratio((double)a->within, (double)a->ended);
            o[IS_AGENTS] = agents / quarters;
            /* Little's law over the interval: waiting time per second of the interval */
            o[IS_QUEUE_MEAN] = stats_ratio(a->wait_sum, occurrences[k] * m->interval_s);
            o[IS_P_ABANDON] = stats_ratio((double)a->abandoned, (double)a->ended);
            if (ix->interval_stride[ch] > IS_SERVICE_LEVEL_NORM)
                o[IS_SERVICE_LEVEL_NORM] = stats_ratio((double)a->within_norm, (double)a->ended);
        }
    }
}

/* Each open day of the week: its open intervals' accumulators together. */
static void write_weekdays(const struct world *w, const struct results_index *ix, double *v)
{
    double occurrences[7 * 96] = { 0 };
    interval_occurrences(w, occurrences);
    int per_day = w->interval_count / 7;
    for (int ch = 0; ch < w->m->n_channels; ch++)
        for (int d = 0; d < 7; d++) {
            long at = results_weekday(ix, ch, d, WD_ARRIVALS);
            if (at < 0)
                continue;
            double arrivals = 0.0, ended = 0.0, within = 0.0, abandoned = 0.0, wait = 0.0;
            for (int k = d * per_day; k < (d + 1) * per_day; k++) {
                if (ix->interval_open[ch][k] < 0)
                    continue;
                const struct interval_acc *a = &w->intervals[(size_t)ch * (size_t)w->interval_count + (size_t)k];
                arrivals += stats_ratio((double)a->arrivals, occurrences[k]);
                ended += (double)a->ended;
                within += (double)a->within;
                abandoned += (double)a->abandoned;
                wait += a->wait_sum;
            }
            double *o = v + at;
            o[WD_ARRIVALS] = arrivals;
            o[WD_WAIT_MEAN] = stats_ratio(wait, ended);
            o[WD_SERVICE_LEVEL] = stats_ratio(within, ended);
            o[WD_P_ABANDON] = stats_ratio(abandoned, ended);
        }
}

void report_write(const struct world *w, const struct results_index *ix, double *v)
{
    const struct model *m = w->m;
    double cost = 0.0, handled = 0.0, year_cost = 0.0;
    write_channels(w, ix, v, &cost, &handled, &year_cost);

    if (m->back_office.enabled) {
        const struct back_office_params *b = &m->back_office;
        double hours = agent_hours(&b->week, m->warmup_s, m->horizon_s);
        double staff = hours * b->cost_agent_hour;
        double outbound = (double)w->bo_closed * b->cost_outbound;
        double bo_cost = staff + outbound;
        double *co = v + ix->cost_channel[m->n_channels];
        co[COST_ORGANISATION] = bo_cost;
        co[COST_PER_HANDLED] = stats_ratio(bo_cost, (double)w->bo_closed);
        co[COST_PER_YEAR] = staff * ix->year_time + outbound * ix->year_volume;
        year_cost += co[COST_PER_YEAR];
        cost += bo_cost;
        double *o = v + ix->back_office;
        uint64_t open = 0;
        for (uint32_t i = 0; i < w->needs.n; i++) {
            const struct need *n = world_need(w, i);
            open += n->state == NEED_OPEN && n->counted && n->at_bo;
        }
        o[BO_CASES] = (double)w->bo_cases;
        o[BO_CLOSED] = (double)w->bo_closed;
        o[BO_OPEN_AT_END] = (double)open;
        o[BO_TIME_MEAN] = w->bo_time.mean;
        o[BO_CHASES] = (double)w->bo_chases;
        o[BO_AGENT_HOURS] = hours;
    }

    double *tc = v + ix->cost_total;
    tc[TC_ORGANISATION] = cost;
    tc[TC_PER_HANDLED] = stats_ratio(cost, handled);
    tc[TC_PER_RESOLVED] = stats_ratio(cost, (double)w->needs_resolved);
    tc[TC_CITIZEN_WAIT_HOURS] = w->citizen_wait_s / 3600.0;
    tc[TC_CITIZEN_TRAVEL_HOURS] = w->citizen_travel_s / 3600.0;
    tc[TC_CITIZEN_VALUE] = (w->citizen_wait_s + w->citizen_travel_s) / 3600.0 * m->citizen_cost.per_hour;
    tc[TC_PER_YEAR] = year_cost;
    tc[TC_CITIZEN_VALUE_PER_YEAR] = tc[TC_CITIZEN_VALUE] * ix->year_volume;

    for (int a = 0; a < m->n_channels; a++)
        for (int b = 0; b <= m->n_channels; b++)
            v[ix->escalations + a * (m->n_channels + 1) + b] = (double)w->escalations[a][b];

    write_intervals(w, ix, v);
    write_weekdays(w, ix, v);

    if (ix->needs < 0)
        return;
    uint64_t open = 0;
    for (uint32_t i = 0; i < w->needs.n; i++)
        open += world_need(w, i)->state == NEED_OPEN && world_need(w, i)->counted;
    double *o = v + ix->needs;
    double ended = (double)(w->needs_resolved + w->needs_gave_up);
    o[NS_ARRIVED] = (double)w->needs_arrived;
    o[NS_RESOLVED] = (double)w->needs_resolved;
    o[NS_GAVE_UP] = (double)w->needs_gave_up;
    o[NS_OPEN_AT_END] = (double)open;
    o[NS_ATTEMPTS_MEAN] = stats_ratio((double)w->needs_attempts, ended);
    o[NS_TIME_TO_RESOLUTION] = w->time_to_resolution.mean;
    o[NS_RESOLVED_SHARE] = stats_ratio((double)w->needs_resolved, ended);
    o[NS_GAVE_UP_SHARE] = stats_ratio((double)w->needs_gave_up, ended);
    o[NS_ARRIVED_PER_YEAR] = (double)w->needs_arrived * ix->year_volume;
    o[NS_RESOLVED_PER_YEAR] = (double)w->needs_resolved * ix->year_volume;
    o[NS_GAVE_UP_PER_YEAR] = (double)w->needs_gave_up * ix->year_volume;
    for (int g = 0; g < m->n_segments; g++)
        write_group(m, &w->seg[g], ix->year_volume, v + ix->group[GROUP_SEGMENT][g]);
    for (int t = 0; t < TYPE_COUNT; t++)
        write_group(m, &w->type[t], ix->year_volume, v + ix->group[GROUP_TYPE][t]);
    for (int sv = 0; sv < m->n_services; sv++)
        write_group(m, &w->service[sv], ix->year_volume, v + ix->group[GROUP_SERVICE][sv]);
}
