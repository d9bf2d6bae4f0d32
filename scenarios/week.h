/*
 * week: reading a channel's opening hours and staffing table.
 *
 *   hours = { mon = "08:30-17:00"; tue = "08:30-12:00,13:00-20:00"; sat = "closed"; };
 *   staffing = ( { days = "mon-fri"; from = "08:30"; to = "10:00"; agents = 12; }, ... );
 *
 * Days missing from `hours` are closed when `hours` is given, and the
 * channel is always open when it is not.  Times fall on quarter hours;
 * "24:00" ends a day.  Staffing rows override the channel's constant
 * `agents` in the quarter hours they cover; a later row wins.
 */
#ifndef CHANMIX_SCENARIOS_WEEK_H
#define CHANMIX_SCENARIOS_WEEK_H

#include "models/model.h"
#include "scenarios/reader.h"

void week_read(struct reader *r, config_setting_t *channel, struct channel_params *c);

/* "HH:MM" on a quarter hour -> quarter of the day (0..96); -1 when malformed. */
int week_parse_time(const char *s, int *slot);

/* "mon-fri", "sat,sun", "all" -> days[7] flags; -1 when malformed. */
int week_parse_days(const char *text, int *days);

#endif
