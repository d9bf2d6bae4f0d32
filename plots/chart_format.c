/*
 * chart_format: numbers, durations and money in words for people, as chart
 * titles, axes and the report say them (see chart.h).  Data files keep
 * figures in the units of summary.json; only what people read goes through
 * here.
 */
#include "plots/chart.h"
#include "plots/chart_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void chart_format_duration(double seconds, char *buf, size_t size)
{
    double a = fabs(seconds);
    const char *sign = seconds < 0 ? "-" : "";
    if (!isfinite(seconds))
        snprintf(buf, size, "?");
    else if (a < 0.05)
        snprintf(buf, size, "0 s");
    else if (a < 9.95 && fabs(a - round(a)) >= 0.05)
        snprintf(buf, size, "%s%.1f s", sign, a);
    else if (a < 59.5)
        snprintf(buf, size, "%s%.0f s", sign, a);
    else if (a < 3599.5) {
        long t = lround(a);
        if (a >= 600 || t % 60 == 0)
            snprintf(buf, size, "%s%ld min", sign, lround(a / 60.0));
        else
            snprintf(buf, size, "%s%ld min %ld s", sign, t / 60, t % 60);
    } else {
        long t = lround(a / 60.0);
        if (t % 60 == 0)
            snprintf(buf, size, "%s%ld h", sign, t / 60);
        else
            snprintf(buf, size, "%s%ld h %ld min", sign, t / 60, t % 60);
    }
}

const char *chart_currency_words(const char *code)
{
    if (strcmp(code, "EUR") == 0)
        return "euros";
    if (strcmp(code, "GBP") == 0)
        return "pounds";
    if (strcmp(code, "USD") == 0)
        return "dollars";
    return code;
}

void chart_format_grouped(double v, int decimals, char *buf, size_t size)
{
    char digits[64];
    snprintf(digits, sizeof digits, "%.*f", decimals, fabs(v));
    size_t len = strcspn(digits, "."), n = 0;
    if (v < 0 && strspn(digits, "0.") != strlen(digits) && n + 1 < size)
        buf[n++] = '-';
    for (size_t i = 0; digits[i] && n + 2 < size; i++) {
        if (i > 0 && i < len && (len - i) % 3 == 0)
            buf[n++] = ',';
        buf[n++] = digits[i];
    }
    buf[n] = '\0';
}

void chart_format_money(const char *currency, double value, char *buf, size_t size)
{
    const char *sign = strcmp(currency, "EUR") == 0 ? "€" : strcmp(currency, "GBP") == 0 ? "£"
                     : strcmp(currency, "USD") == 0 ? "$" : NULL;
    if (!isfinite(value)) {
        snprintf(buf, size, "?");
        return;
    }
    char grouped[96];
    chart_format_grouped(fabs(value), fabs(value) < 100.0 ? 2 : 0, grouped, sizeof grouped);
    snprintf(buf, size, "%s%s%s%s", value < 0 && lround(fabs(value) * 100) ? "-" : "",
             sign ? sign : currency, sign ? "" : " ", grouped);
}

/* "half hour" for "contacts per half hour". */
void chart_interval_words(double interval_s, char *buf, size_t size)
{
    if (interval_s == 900.0)
        snprintf(buf, size, "quarter hour");
    else if (interval_s == 1800.0)
        snprintf(buf, size, "half hour");
    else if (interval_s == 3600.0)
        snprintf(buf, size, "hour");
    else
        snprintf(buf, size, "%g minutes", interval_s / 60.0);
}

double chart_measured_days(const struct model *m)
{
    return (m->horizon_s - m->warmup_s) / 86400.0;
}
