/*
 * forecast_out: the forecast on the terminal and as CSV, see forecast_out.h.
 */
#include "plots/forecast_out.h"

#include <csv.h>
#include <math.h>
#include <string.h>

static void date(char *buf, size_t size, long day)
{
    int y, m, d;
    volumes_date(day, &y, &m, &d);
    snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}

/* Mean contacts per week of channel ch over weeks [from, to). */
static double weekly(const struct volumes *v, int ch, int from, int to)
{
    const double *y = volumes_series(v, ch);
    long per_week = 7L * v->per_day;
    double sum = 0.0;
    for (long t = from * per_week; t < to * per_week; t++)
        sum += y[t];
    return to > from ? sum / (to - from) : 0.0;
}

static void print_volumes(FILE *f, const struct forecast_report *r)
{
    const struct volumes *h = r->history, *fc = r->forecast;
    fprintf(f, "\ncontacts per week    ");
    for (int c = 0; c < h->n_channels; c++)
        fprintf(f, " %9.9s", h->names[c]);
    fprintf(f, "     total\n");
    const char *label[2] = { "history, last week", "forecast, mean week" };
    for (int row = 0; row < 2; row++) {
        double total = 0.0;
        fprintf(f, "  %-19s", label[row]);
        for (int c = 0; c < h->n_channels; c++) {
            double w = row == 0 ? weekly(h, c, h->weeks - 1, h->weeks) : weekly(fc, c, 0, fc->weeks);
            total += w;
            fprintf(f, " %9.0f", w);
        }
        fprintf(f, " %9.0f\n", total);
    }
}

static void print_score(FILE *f, const char *method, const char *channel,
                        const struct forecast_score *s)
{
    fprintf(f, "  %-15s %-10.10s %6.1f%% %+7.1f%%\n", method, channel, 100.0 * s->mape,
            100.0 * s->bias);
}

static void print_backtest(FILE *f, const struct forecast_report *r)
{
    const struct forecast_backtest *bt = r->backtest;
    char from[16], to[16];
    date(from, sizeof from, bt->first_day);
    date(to, sizeof to, bt->first_day + 7L * bt->weeks - 1);
    fprintf(f, "\nbacktest: the last %d week%s (%s to %s) forecast from the %d weeks before;\n"
            "errors of daily totals: MAPE over days with contacts, bias of the total\n"
            "  method          channel      MAPE     bias\n",
            bt->weeks, bt->weeks == 1 ? "" : "s", from, to, bt->fit_weeks);
    for (int m = 0; m < FORECAST_METHODS; m++) {
        char name[24];
        snprintf(name, sizeof name, "%s%s", forecast_method_name((enum forecast_method)m),
                 m == (int)r->fit->method ? " *" : "");
        print_score(f, name, "all", &bt->all[m]);
        for (int c = 0; c < r->history->n_channels; c++)
            print_score(f, "", r->history->names[c], &bt->channel[m][c]);
    }
}

static void print_fit(FILE *f, const struct forecast_report *r)
{
    const struct forecast_fit *fit = r->fit;
    if (fit->method == FORECAST_AVERAGE) {
        fprintf(f, "\naverage: level factor (last weeks against the weeks averaged)");
        for (int c = 0; c < r->history->n_channels; c++)
            fprintf(f, " %s %.3f", r->history->names[c], fit->level[c]);
    } else {
        fprintf(f, "\nholt-winters: smoothing of level, daily and weekly index");
        for (int c = 0; c < r->history->n_channels; c++)
            fprintf(f, "; %s %.3f %.3f %.3f", r->history->names[c], fit->alpha[c], fit->delta[c],
                    fit->omega[c]);
    }
    fprintf(f, "\n");
}

void forecast_out_print(FILE *f, const struct forecast_report *r)
{
    const struct volumes *fc = r->forecast;
    static const char *const day_names[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
    char from[16], to[16];
    long last = fc->first_day + 7L * fc->weeks - 1;
    date(from, sizeof from, fc->first_day);
    date(to, sizeof to, last);
    fprintf(f, "%s forecast, %d week%s from %s %s to %s %s: %s (%ld rows)\n",
            forecast_method_name(r->fit->method), fc->weeks, fc->weeks == 1 ? "" : "s",
            day_names[volumes_weekday(fc->first_day)], from, day_names[volumes_weekday(last)], to,
            r->out, r->rows);
    if (r->backtest) {
        enum forecast_method other = r->fit->method == FORECAST_AVERAGE ? FORECAST_HOLT_WINTERS
                                                                         : FORECAST_AVERAGE;
        fprintf(f, "  %s: MAPE %.1f%% against %.1f%% for %s\n",
                r->chosen ? "chosen by the backtest" : "as --method asked; in the backtest",
                100.0 * r->backtest->all[r->fit->method].mape,
                100.0 * r->backtest->all[other].mape, forecast_method_name(other));
    }
    print_volumes(f, r);
    if (r->backtest)
        print_backtest(f, r);
    print_fit(f, r);
}

/* A channel name as a CSV field: quoted only when it has to be. */
static int write_name(FILE *f, const char *name)
{
    if (strpbrk(name, ",\"\r\n") || name[0] == ' ')
        return csv_fwrite(f, name, strlen(name));
    return fputs(name, f) < 0 ? -1 : 0;
}

long forecast_out_csv(FILE *f, const struct volumes *v)
{
    long rows = 0, len = volumes_length(v);
    int step = 1440 / v->per_day;
    fprintf(f, v->aht_s ? "start,channel,contacts,aht_s\n" : "start,channel,contacts\n");
    for (long t = 0; t < len; t++) {
        int y, m, d;
        volumes_date(v->first_day + t / v->per_day, &y, &m, &d);
        int minute = (int)(t % v->per_day) * step;
        for (int c = 0; c < v->n_channels; c++) {
            double n = volumes_series(v, c)[t];
            if (!(round(n * 100.0) > 0))
                continue;
            fprintf(f, "%04d-%02d-%02dT%02d:%02d,", y, m, d, minute / 60, minute % 60);
            write_name(f, v->names[c]);
            fprintf(f, ",%.2f", n);
            if (v->aht_s) {
                double a = volumes_aht_series(v, c)[t];
                if (!isnan(a))
                    fprintf(f, ",%.0f", a);
                else
                    fputc(',', f);
            }
            fputc('\n', f);
            rows++;
        }
    }
    return ferror(f) ? -1 : rows;
}
