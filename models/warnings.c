/*
 * warnings: overloaded channels, see warnings.h.
 */
#include "models/warnings.h"

#include <stdio.h>

#include "models/choice.h"

/* The mean of figure (ch, s) over replications. */
static double mean(const struct experiment *e, int ch, enum channel_stat s)
{
    return e->summary[results_channel(&e->ix, ch, s)].mean;
}

int warnings_list(const struct experiment *e, char (*out)[WARNING_TEXT_MAX])
{
    const struct model *m = e->m;
    int n = 0;
    for (int c = 0; c < m->n_channels && n < WARNINGS_MAX; c++) {
        const struct channel_params *cp = &m->channels[c];
        if (!choice_is_assisted(cp->kind))
            continue;
        double offered = mean(e, c, CS_OFFERED), left = mean(e, c, CS_IN_SYSTEM_AT_END);
        double aht = mean(e, c, CS_AHT) > 0 ? mean(e, c, CS_AHT) : cp->handling.mean;
        double work_h = offered * aht / 3600.0;
        double capacity_h = mean(e, c, CS_AGENT_HOURS) * cp->sessions;
        int growing = left > 10.0 && left > 0.01 * offered;
        if (offered <= 0 || (work_h < capacity_h && !growing))
            continue;
        if (capacity_h <= 0)
            snprintf(out[n++], WARNING_TEXT_MAX, "%s is overloaded: no agent was on duty while "
                     "%.0f contacts were offered; nobody was answered", cp->name, offered);
        else
            snprintf(out[n++], WARNING_TEXT_MAX, "%s is overloaded: it was offered %.0f "
                     "agent-hours of work for %.0f agent-hours of capacity (%.0f%%)%s%.0f "
                     "contacts were still in the system at the end", cp->name, work_h,
                     capacity_h, 100.0 * work_h / capacity_h,
                     growing ? ", and the line was still growing: " : "; ", left);
    }
    return n;
}
