/*
 * schedule: weekly slots, see schedule.h.
 */
#include "models/schedule.h"

#include <math.h>

const struct schedule_day schedule_days[7] = {
    { "mon", "Mon", "Monday" },    { "tue", "Tue", "Tuesday" },  { "wed", "Wed", "Wednesday" },
    { "thu", "Thu", "Thursday" },  { "fri", "Fri", "Friday" },   { "sat", "Sat", "Saturday" },
    { "sun", "Sun", "Sunday" },
};

void schedule_constant(struct schedule *s, int agents)
{
    for (int k = 0; k < SCHEDULE_SLOTS; k++) {
        s->open[k] = 1;
        s->agents[k] = agents;
    }
}

/* Start of the slot that holds t. */
static double slot_start(double t)
{
    return floor(t / SCHEDULE_SLOT_S) * SCHEDULE_SLOT_S;
}

double schedule_next_open(const struct schedule *s, double t)
{
    if (schedule_is_open(s, t))
        return t;
    double b = slot_start(t);
    int k = schedule_slot(t);
    for (int i = 1; i <= SCHEDULE_SLOTS; i++) {
        if (s->open[(k + i) % SCHEDULE_SLOTS])
            return b + i * SCHEDULE_SLOT_S;
    }
    return INFINITY;
}

void schedule_openings_build(struct schedule_openings *o, const struct schedule *s)
{
    /* Walk the week backwards twice, so the wrap to next week is covered. */
    int next = -1;      /* the nearest open slot after k, in slots from slot 0 of pass one */
    for (int pass = 1; pass >= 0; pass--)
        for (int k = SCHEDULE_SLOTS - 1; k >= 0; k--) {
            int at = pass * SCHEDULE_SLOTS + k;
            if (pass == 0)
                o->ahead[k] = (uint16_t)(next < 0 ? 0 : next - at);
            if (s->open[k])
                next = at;
        }
}

double schedule_next_change(const struct schedule *s, double t)
{
    double b = slot_start(t);
    int k = schedule_slot(t);
    int agents = s->open[k] ? s->agents[k] : 0;
    for (int i = 1; i <= SCHEDULE_SLOTS; i++) {
        int j = (k + i) % SCHEDULE_SLOTS;
        int a = s->open[j] ? s->agents[j] : 0;
        if (s->open[j] != s->open[k] || a != agents)
            return b + i * SCHEDULE_SLOT_S;
    }
    return INFINITY;
}

int schedule_ever_open(const struct schedule *s)
{
    for (int k = 0; k < SCHEDULE_SLOTS; k++)
        if (s->open[k])
            return 1;
    return 0;
}
