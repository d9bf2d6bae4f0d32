/*
 * staffing_xlsx: the workbook of a workforce plan, written with Debian's
 * libxlsxwriter: one sheet each for the weeks side by side, the
 * requirement per interval, the shifts, the roster lines and the cost, as
 * numbers a spreadsheet can sum (no text where a number belongs).  Column
 * heads of the plan's figures are the catalogue's labels.  Made in a
 * temporary file and copied into the folder's file, as plots/xlsx.c does.
 */
#include "plots/staffing_out.h"

#include <string.h>
#include <xlsxwriter.h>

#include "models/results.h"
#include "models/schedule.h"
#include "plots/xlsx.h"

struct book {
    lxw_workbook *wb;
    lxw_format *head, *share, *money, *hours;
};

static const char *plan_label(int s)
{
    return figures_def(FIG_PLAN, s)->label;
}

static void heads(struct book *b, lxw_worksheet *ws, int n, const char *const *text)
{
    for (int c = 0; c < n; c++)
        worksheet_write_string(ws, 0, (lxw_col_t)c, text[c], b->head);
    worksheet_set_column(ws, 0, (lxw_col_t)(n - 1), 16, NULL);
    worksheet_freeze_panes(ws, 1, 0);
}

static void sheet_weeks(struct book *b, const struct staffing_report *r)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Weeks");
    const char *h[] = { "week", "from", "channel", plan_label(PS_AGENT_HOURS),
                        plan_label(PS_ERLANG_AGENT_HOURS), plan_label(PS_ROSTERED_HOURS),
                        plan_label(PS_PAID_HOURS), plan_label(PS_FTE), plan_label(PS_COST),
                        "peak week" };
    heads(b, ws, 10, h);
    lxw_row_t row = 1;
    for (int w = 0; w < r->wf->n; w++) {
        const struct workforce_week *wk = &r->wf->weeks[w];
        char date[32];
        workforce_week_date(r->m, wk, date, sizeof date);
        for (int i = 0; i < wk->plan.n; i++, row++) {
            const struct staffing_channel *sc = &wk->plan.ch[i];
            worksheet_write_number(ws, row, 0, wk->week + 1, NULL);
            worksheet_write_string(ws, row, 1, date, NULL);
            worksheet_write_string(ws, row, 2, r->m->channels[sc->channel].name, NULL);
            worksheet_write_number(ws, row, 3, sc->agent_hours, b->hours);
            worksheet_write_number(ws, row, 4, sc->erlang_agent_hours, b->hours);
            worksheet_write_number(ws, row, 5, sc->rostered_hours, b->hours);
            worksheet_write_number(ws, row, 6, wk->ch[i].paid_hours, b->hours);
            worksheet_write_number(ws, row, 7, wk->ch[i].fte, b->hours);
            worksheet_write_number(ws, row, 8, wk->ch[i].cost, b->money);
            if (w == r->wf->peak && !r->wf->alike)
                worksheet_write_string(ws, row, 9, "yes", NULL);
        }
    }
}

static void sheet_requirement(struct book *b, const struct staffing_report *r)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Requirement");
    const char *h[] = { "week", "channel", "interval", figures_def(FIG_INTERVAL, IS_ARRIVALS)->label,
                        figures_def(FIG_PLAN_INTERVAL, PI_ERLANG)->label,
                        figures_def(FIG_PLAN_INTERVAL, PI_REQUIRED)->label,
                        figures_def(FIG_PLAN_INTERVAL, PI_ROSTERED)->label,
                        figures_def(FIG_PLAN_INTERVAL, PI_ON_SHIFTS)->label,
                        figures_def(FIG_INTERVAL, IS_SERVICE_LEVEL)->label, "± (95%)",
                        figures_def(FIG_INTERVAL, IS_P_ABANDON)->label, "at risk" };
    heads(b, ws, 12, h);
    lxw_row_t row = 1;
    for (int w = 0; w < r->wf->n; w++) {
        const struct workforce_week *wk = &r->wf->weeks[w];
        for (int i = 0; i < wk->plan.n; i++) {
            const struct staffing_channel *sc = &wk->plan.ch[i];
            for (int k = 0; k < sc->n; k++) {
                const struct staffing_interval *iv = &sc->iv[k];
                if (!iv->open)
                    continue;
                char label[32];
                results_interval_label(r->m, k, label, sizeof label);
                worksheet_write_number(ws, row, 0, wk->week + 1, NULL);
                worksheet_write_string(ws, row, 1, r->m->channels[sc->channel].name, NULL);
                worksheet_write_string(ws, row, 2, label, NULL);
                worksheet_write_number(ws, row, 3, iv->arrivals, b->hours);
                worksheet_write_number(ws, row, 4, iv->erlang, NULL);
                worksheet_write_number(ws, row, 5, iv->required, NULL);
                worksheet_write_number(ws, row, 6, iv->rostered, b->hours);
                if (wk->ch[i].has_shifts)
                    worksheet_write_number(ws, row, 7,
                                           staffing_out_covered(r->m, &wk->ch[i].shifts, k), NULL);
                if (!iv->empty) {
                    worksheet_write_number(ws, row, 8, iv->service_level.mean, b->share);
                    worksheet_write_number(ws, row, 9, iv->service_level.ci95, b->share);
                    worksheet_write_number(ws, row, 10, iv->p_abandon.mean, b->share);
                }
                worksheet_write_string(ws, row++, 11, iv->close ? "yes" : "no", NULL);
            }
        }
    }
}

static void sheet_shifts(struct book *b, const struct staffing_report *r)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Shifts");
    const char *h[] = { "week", "channel", "day", "hours", "length (h)", "paid (h)", "breaks",
                        "count" };
    heads(b, ws, 8, h);
    lxw_row_t row = 1;
    for (int w = 0; w < r->wf->n; w++) {
        const struct workforce_week *wk = &r->wf->weeks[w];
        for (int i = 0; i < wk->plan.n; i++)
            for (int s = 0; wk->ch[i].has_shifts && s < wk->ch[i].shifts.n; s++, row++) {
                const struct shift_count *u = &wk->ch[i].shifts.used[s];
                char span[16], breaks[64];
                staffing_out_shift_span(u, span, sizeof span);
                staffing_out_breaks(u, breaks, sizeof breaks);
                worksheet_write_number(ws, row, 0, wk->week + 1, NULL);
                worksheet_write_string(ws, row, 1, r->m->channels[wk->plan.ch[i].channel].name,
                                       NULL);
                worksheet_write_string(ws, row, 2, schedule_days[u->day].key, NULL);
                worksheet_write_string(ws, row, 3, span, NULL);
                worksheet_write_number(ws, row, 4, u->length_h, b->hours);
                worksheet_write_number(ws, row, 5, u->paid_h, b->hours);
                worksheet_write_string(ws, row, 6, breaks, NULL);
                worksheet_write_number(ws, row, 7, u->count, NULL);
            }
    }
}

static void sheet_roster(struct book *b, const struct staffing_report *r)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Roster");
    const char *h[] = { "week", "channel", "line", "days", "paid (h)", "mon", "tue", "wed",
                        "thu", "fri", "sat", "sun" };
    heads(b, ws, 12, h);
    lxw_row_t row = 1;
    for (int w = 0; w < r->wf->n; w++) {
        const struct workforce_week *wk = &r->wf->weeks[w];
        for (int i = 0; i < wk->plan.n; i++) {
            const struct shift_plan *sh = &wk->ch[i].shifts;
            for (int l = 0; l < sh->n_lines; l++, row++) {
                worksheet_write_number(ws, row, 0, wk->week + 1, NULL);
                worksheet_write_string(ws, row, 1, r->m->channels[wk->plan.ch[i].channel].name,
                                       NULL);
                worksheet_write_number(ws, row, 2, l + 1, NULL);
                char days[64];
                staffing_out_line_days(&sh->lines[l], days, sizeof days);
                worksheet_write_string(ws, row, 3, days, NULL);
                worksheet_write_number(ws, row, 4, sh->lines[l].paid_h, b->hours);
                for (int d = 0; d < 7; d++) {
                    char span[16] = "off";
                    if (sh->lines[l].shift[d] >= 0)
                        staffing_out_shift_span(&sh->used[sh->lines[l].shift[d]], span,
                                                sizeof span);
                    worksheet_write_string(ws, row, (lxw_col_t)(5 + d), span, NULL);
                }
            }
        }
    }
}

static void sheet_cost(struct book *b, const struct staffing_report *r)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Cost");
    const char *h[] = { "week", "channel", plan_label(PS_PAID_HOURS), plan_label(PS_COST),
                        plan_label(PS_OVER_HOURS), plan_label(PS_OVER_COST),
                        plan_label(PS_FULL_TIME_SHARE), "currency" };
    heads(b, ws, 8, h);
    lxw_row_t row = 1;
    for (int w = 0; w < r->wf->n; w++) {
        const struct workforce_week *wk = &r->wf->weeks[w];
        for (int i = 0; i < wk->plan.n; i++, row++) {
            const struct workforce_channel *wc = &wk->ch[i];
            worksheet_write_number(ws, row, 0, wk->week + 1, NULL);
            worksheet_write_string(ws, row, 1, r->m->channels[wk->plan.ch[i].channel].name, NULL);
            worksheet_write_number(ws, row, 2, wc->paid_hours, b->hours);
            worksheet_write_number(ws, row, 3, wc->cost, b->money);
            worksheet_write_number(ws, row, 4, wc->shifts.over_hours, b->hours);
            worksheet_write_number(ws, row, 5, wc->shifts.over_cost, b->money);
            worksheet_write_number(ws, row, 6, wc->full_time_share, b->share);
            worksheet_write_string(ws, row, 7, r->m->currency, NULL);
        }
    }
}

int staffing_out_xlsx(FILE *f, const struct staffing_report *r)
{
    char path[1024];
    struct book b = { .wb = xlsx_temp_open(path, sizeof path, "chanmix staffing plan") };
    if (!b.wb)
        return -1;
    b.head = workbook_add_format(b.wb);
    format_set_bold(b.head);
    b.share = workbook_add_format(b.wb);
    format_set_num_format(b.share, "0.0%");
    b.money = workbook_add_format(b.wb);
    format_set_num_format(b.money, "#,##0");
    b.hours = workbook_add_format(b.wb);
    format_set_num_format(b.hours, "0.0");
    sheet_weeks(&b, r);
    sheet_requirement(&b, r);
    sheet_shifts(&b, r);
    sheet_roster(&b, r);
    sheet_cost(&b, r);
    return xlsx_temp_close(b.wb, path, f);
}
