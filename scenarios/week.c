/*
 * week: opening hours and staffing of a channel, see week.h.
 */
#include "scenarios/week.h"

#include <stdio.h>
#include <string.h>

#include "models/schedule.h"

int week_parse_time(const char *s, int *slot)
{
    int h, m, n = 0;
    if (sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2 || n != 5)
        return -1;
    if (h < 0 || h > 24 || m < 0 || m > 59 || m % 15 != 0 || (h == 24 && m != 0))
        return -1;
    *slot = (h * 60 + m) / 15;
    return 0;
}

/* "08:30-17:00,18:00-20:00" or "closed" into open[96]; returns 0 or -1. */
static int parse_ranges(const char *text, uint8_t *open, char *why, size_t why_size)
{
    memset(open, 0, SCHEDULE_SLOTS_PER_DAY);
    if (strcmp(text, "closed") == 0)
        return 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", text);
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        while (*tok == ' ')
            tok++;
        int a, b;
        char from[8], to[8];
        if (strlen(tok) != 11 || tok[5] != '-') {
            snprintf(why, why_size, "'%s' is not a range like \"08:30-17:00\"", tok);
            return -1;
        }
        memcpy(from, tok, 5);
        from[5] = '\0';
        memcpy(to, tok + 6, 5);
        to[5] = '\0';
        if (week_parse_time(from, &a) != 0 || week_parse_time(to, &b) != 0) {
            snprintf(why, why_size, "'%s': times must be HH:MM on a quarter hour, up to 24:00", tok);
            return -1;
        }
        if (b <= a) {
            snprintf(why, why_size, "'%s': the range ends before it starts", tok);
            return -1;
        }
        for (int k = a; k < b; k++)
            open[k] = 1;
    }
    return 0;
}

/* "mon-fri", "sat", "mon,wed,fri" or "all" into days[7]; returns 0 or -1. */
int week_parse_days(const char *text, int *days)
{
    memset(days, 0, 7 * sizeof *days);
    if (strcmp(text, "all") == 0) {
        for (int d = 0; d < 7; d++)
            days[d] = 1;
        return 0;
    }
    char buf[128];
    snprintf(buf, sizeof buf, "%s", text);
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        int a = -1, b = -1;
        char *dash = strchr(tok, '-');
        if (dash)
            *dash = '\0';
        for (int d = 0; d < 7; d++) {
            if (strcmp(tok, schedule_days[d].key) == 0)
                a = d;
            if (dash && strcmp(dash + 1, schedule_days[d].key) == 0)
                b = d;
        }
        if (!dash)
            b = a;
        if (a < 0 || b < 0 || b < a)
            return -1;
        for (int d = a; d <= b; d++)
            days[d] = 1;
    }
    return 0;
}

static void read_hours(struct reader *r, config_setting_t *g, struct schedule *w)
{
    config_setting_t *h = reader_group(r, g, "hours", 0);
    if (!h)
        return;
    for (int d = 0; d < 7; d++) {
        char text[256], why[160];
        reader_string(r, h, schedule_days[d].key, "closed", 0, text, sizeof text);
        if (parse_ranges(text, &w->open[d * SCHEDULE_SLOTS_PER_DAY], why, sizeof why) != 0)
            reader_error(r, reader_member(r, h, schedule_days[d].key), "%s", why);
    }
}

static void read_staffing(struct reader *r, config_setting_t *g, struct schedule *w)
{
    config_setting_t *list = reader_list(r, g, "staffing", 0);
    if (!list)
        return;
    int n = config_setting_length(list);
    for (int i = 0; i < n; i++) {
        config_setting_t *row = config_setting_get_elem(list, (unsigned)i);
        if (!config_setting_is_group(row)) {
            reader_error(r, row, "each staffing row must be a group { }");
            continue;
        }
        char days_s[128], from_s[16], to_s[16];
        int days[7], a = 0, b = 0, ok = 1;
        long agents;
        reader_string(r, row, "days", "all", 0, days_s, sizeof days_s);
        if (week_parse_days(days_s, days) != 0) {
            reader_error(r, reader_member(r, row, "days"),
                         "'%s' is not a day list like \"mon-fri\" or \"sat,sun\"", days_s);
            ok = 0;
        }
        if (reader_string(r, row, "from", NULL, 1, from_s, sizeof from_s) != 0)
            ok = 0;
        else if (week_parse_time(from_s, &a) != 0) {
            reader_error(r, reader_member(r, row, "from"), "must be HH:MM on a quarter hour");
            ok = 0;
        }
        if (reader_string(r, row, "to", NULL, 1, to_s, sizeof to_s) != 0)
            ok = 0;
        else if (week_parse_time(to_s, &b) != 0) {
            reader_error(r, reader_member(r, row, "to"), "must be HH:MM on a quarter hour");
            ok = 0;
        }
        if (reader_int(r, row, "agents", 0, 0, 100000, 1, &agents) != 0)
            ok = 0;
        if (ok && b <= a) {
            reader_error(r, row, "the row ends (%s) before it starts (%s)", to_s, from_s);
            ok = 0;
        }
        if (!ok)
            continue;
        for (int d = 0; d < 7; d++)
            if (days[d])
                for (int k = a; k < b; k++)
                    w->agents[d * SCHEDULE_SLOTS_PER_DAY + k] = (int32_t)agents;
    }
}

void week_read(struct reader *r, config_setting_t *channel, struct channel_params *c)
{
    schedule_constant(&c->week, c->agents);
    read_hours(r, channel, &c->week);
    read_staffing(r, channel, &c->week);
    if (!schedule_ever_open(&c->week))
        reader_error(r, channel, "the channel is never open: give at least one day in hours");
}
