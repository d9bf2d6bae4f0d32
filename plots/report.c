/*
 * report: the HTML page of a run or a comparison, see report.h.  This file
 * holds what every page uses: HTML text, links and numbers, and the parts
 * of every page.  The run's page is in report_run.c,
 * the comparison's in report_compare.c.
 *
 * The page is written top to bottom in one pass.  Numbers are said the way
 * a policy adviser reads them: counts with thousands separated, shares as
 * percentages, times in seconds, minutes and hours, money with the
 * currency's sign; each mean comes with its 95% interval, as a range in the
 * sentences and as "± half-width" in the tables.  Ranges of figures that
 * cannot be negative (or above 100%) are cut at those bounds.
 */
#include "plots/report.h"
#include "plots/report_internal.h"
#include "plots/output.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- HTML text, links and numbers ---- */

void report_esc(FILE *f, const char *s)
{
    for (; *s; s++)
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*s, f);
        }
}

/* printf, HTML-escaped: for text that carries names from a scenario file. */
void report_escf(FILE *f, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    report_esc(f, buf);
}

/* A relative URL: bytes other than letters, digits, "-._~/" percent-encoded. */
void report_url(FILE *f, const char *rel)
{
    for (const unsigned char *s = (const unsigned char *)rel; *s; s++)
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
            strchr("-._~/", *s))
            fputc(*s, f);
        else
            fprintf(f, "%%%02X", *s);
}

int report_exists(const struct page *pg, const char *rel)
{
    struct stat st;
    char *path = output_path(pg->dir, rel);
    int found = path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
    free(path);
    return found;
}

/* <a href="rel">text</a> when rel exists; returns whether it was written. */
int report_link_file(const struct page *pg, const char *rel, const char *text)
{
    if (!report_exists(pg, rel))
        return 0;
    fputs("<a href=\"", pg->f);
    report_url(pg->f, rel);
    fputs("\">", pg->f);
    report_esc(pg->f, text);
    fputs("</a>", pg->f);
    return 1;
}

void report_say(char *buf, size_t size, enum figure_unit k, double v, const char *currency)
{
    double a = fabs(v);
    if (!isfinite(v)) {
        snprintf(buf, size, "n/a");
        return;
    }
    switch (k) {
    case UNIT_COUNT:
        if (a >= 100 || a == round(a))
            chart_format_grouped(v, 0, buf, size);
        else
            snprintf(buf, size, "%.*f", a >= 10 ? 1 : 2, v);
        break;
    case UNIT_SHARE: snprintf(buf, size, "%.1f%%", 100.0 * v); break;
    case UNIT_SECONDS: chart_format_duration(v, buf, size); break;
    case UNIT_MONEY: chart_format_money(currency, v, buf, size); break;
    case UNIT_HOURS:
        if (a >= 10)
            chart_format_grouped(v, 0, buf, size);
        else
            snprintf(buf, size, "%.1f", v);
        strncat(buf, " h", size - strlen(buf) - 1);
        break;
    case UNIT_NUMBER: snprintf(buf, size, "%.2f", v); break;
    }
}

/* A difference: signed, shares in percentage points. */
void report_say_change(char *buf, size_t size, enum figure_unit k, double d, const char *currency)
{
    char v[96];
    if (k == UNIT_SHARE)
        snprintf(v, sizeof v, "%.1f points", 100.0 * fabs(d));
    else
        report_say(v, sizeof v, k, fabs(d), currency);
    int zero = !strpbrk(v, "123456789");   /* rounds to nothing: no sign */
    snprintf(buf, size, "%s%.90s", zero ? "" : d > 0 ? "+" : "-", v);
}

/* "81.4% (95% CI 79.3% to 83.5%)", escaped onto the page. */
void report_say_estimate(const struct page *pg, enum figure_unit k, const struct estimate *e)
{
    char v[96], lo[96], hi[96];
    report_say(v, sizeof v, k, e->mean, pg->currency);
    report_esc(pg->f, v);
    if (pg->reps < 2 || !isfinite(e->ci95)) {
        fputs(" (interval n/a: one replication)", pg->f);
        return;
    }
    if (e->ci95 == 0) {
        fputs(" (the same in every replication)", pg->f);
        return;
    }
    double a = e->mean - e->ci95, b = e->mean + e->ci95;
    a = a < 0 ? 0 : a;              /* these figures are never negative */
    b = k == UNIT_SHARE && b > 1 ? 1 : b;
    report_say(lo, sizeof lo, k, a, pg->currency);
    report_say(hi, sizeof hi, k, b, pg->currency);
    report_escf(pg->f, " (95%% CI %s to %s)", lo, hi);
}

/* A table cell: mean and "± half-width". */
void report_td_estimate(const struct page *pg, enum figure_unit k, const struct estimate *e)
{
    char v[96], h[96];
    report_say(v, sizeof v, k, e->mean, pg->currency);
    fputs("<td>", pg->f);
    report_esc(pg->f, v);
    if (pg->reps >= 2 && isfinite(e->ci95)) {
        report_say(h, sizeof h, k, e->ci95, pg->currency);
        fputs(" <span class=\"ci\">± ", pg->f);
        report_esc(pg->f, h);
        fputs("</span>", pg->f);
    } else {
        fputs(" <span class=\"ci\">± n/a</span>", pg->f);
    }
    fputs("</td>", pg->f);
}

void report_td_text(const struct page *pg, const char *s)
{
    fputs("<td>", pg->f);
    report_esc(pg->f, s);
    fputs("</td>", pg->f);
}

/* <table><tr><th>...</th>...</tr> from a '|'-separated list of escaped-on-write headings. */
void report_table_start(const struct page *pg, const char *caption, int n, const char *const *heads)
{
    fputs("<div class=\"scroll\"><table>\n<caption>", pg->f);
    report_esc(pg->f, caption);
    fputs("</caption>\n<tr>", pg->f);
    for (int i = 0; i < n; i++) {
        fputs("<th>", pg->f);
        report_esc(pg->f, heads[i]);
        fputs("</th>", pg->f);
    }
    fputs("</tr>\n", pg->f);
}

void report_table_end(const struct page *pg)
{
    fputs("</table></div>\n", pg->f);
}

/* ---- parts of every page ---- */

static const char style[] =
    "body{margin:0;background:#fff;color:#1d1d1d;"
    "font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif}\n"
    "main{max-width:1080px;margin:0 auto;padding:20px 24px 48px}\n"
    "h1{font-size:1.75em;line-height:1.25;margin:.3em 0}\n"
    "h2{font-size:1.3em;margin:2em 0 .6em;padding-bottom:.2em;border-bottom:1px solid #ddd}\n"
    "h3{font-size:1.08em;margin:1.4em 0 .4em}\n"
    ".meta,figcaption,caption,.note{color:#555}\n"
    "p.note{font-size:.92em}\n"
    ".question{background:#f3f6f9;border-left:4px solid #0072B2;padding:.4em 1em;margin:.8em 0}\n"
    "figure{margin:1.6em 0}\n"
    "figure img{display:block;max-width:100%;height:auto;border:1px solid #e3e3e3}\n"
    "figcaption{font-size:.92em;margin-top:.4em}\n"
    ".scroll{overflow-x:auto;margin:1em 0}\n"
    "table{border-collapse:collapse;font-size:.86em}\n"
    "caption{text-align:left;padding:.3em 0;font-size:.95em}\n"
    "th,td{padding:.28em .55em;border-bottom:1px solid #e6e6e6;text-align:right;"
    "white-space:nowrap;vertical-align:top}\n"
    "th{background:#f6f6f6;font-weight:600;white-space:normal;vertical-align:bottom}\n"
    "th:first-child,td:first-child{text-align:left}\n"
    ".ci{color:#777;font-size:.88em}\n"
    ".better{color:#0a6b47;font-weight:600}.worse{color:#b3261e;font-weight:600}\n"
    "code{font-size:.92em;background:#f3f3f3;padding:0 .25em}\n";

void report_page_start(const struct page *pg, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          pg->f);
    report_esc(pg->f, title);
    fprintf(pg->f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n", style);
}

void report_page_end(const struct page *pg)
{
    fputs("<p class=\"meta\">Written by chanmix.</p>\n</main>\n</body>\n</html>\n", pg->f);
}

/* The question as paragraphs; the one that starts "Policy question:" is marked. */
void report_question_block(const struct page *pg, const char *q)
{
    if (!q) {
        fputs("<p class=\"note\">The scenario file does not begin with a comment, so there is no "
              "question to show here.</p>\n", pg->f);
        return;
    }
    fputs("<div class=\"question\">\n", pg->f);
    const char *s = q;
    while (*s) {
        size_t len = 0;
        /* a paragraph: up to an empty line */
        for (const char *t = s; *t; t++, len++)
            if (t[0] == '\n' && t[1] == '\n')
                break;
        char *para = malloc(len + 1);
        if (!para)
            break;
        memcpy(para, s, len);
        para[len] = '\0';
        /* lines joined with a space, or none after a word broken by a hyphen */
        char *w = para;
        for (char *c = para; *c; c++) {
            if (*c == '\n' && !(w > para + 1 && w[-1] == '-' && isalpha((unsigned char)w[-2])))
                *w++ = ' ';
            else if (*c != '\n')
                *w++ = *c;
        }
        *w = '\0';
        static const char mark[] = "Policy question:";
        char *at = strstr(para, mark);
        fputs("<p>", pg->f);
        if (at) {
            *at = '\0';
            report_esc(pg->f, para);
            fputs("<strong>Policy question:</strong>", pg->f);
            report_esc(pg->f, at + sizeof mark - 1);
        } else
            report_esc(pg->f, para);
        fputs("</p>\n", pg->f);
        free(para);
        s += len;
        while (*s == '\n')
            s++;
    }
    fputs("</div>\n", pg->f);
}

void report_charts_section(const struct page *pg, const struct chart_set *cs)
{
    FILE *f = pg->f;
    fputs("<h2 id=\"charts\">Charts</h2>\n", f);
    if (!cs) {
        fputs("<p class=\"note\">No charts were made.</p>\n", f);
        return;
    }
    if (cs->skipped) {
        fputs("<p class=\"note\">The charts were not drawn: ", f);
        report_esc(f, cs->why_skipped);
        fputs(". The figures behind each are in the <code>charts</code> folder, with a gnuplot "
              "script that draws them.</p>\n", f);
    }
    if (cs->failed) {
        fputs("<p class=\"note\">Some charts could not be drawn: ", f);
        report_esc(f, cs->error);
        fputs("</p>\n", f);
    }
    for (int i = 0; i < cs->n; i++) {
        const struct chart_entry *ch = &cs->chart[i];
        char png[CHART_NAME_MAX + 16], svg[CHART_NAME_MAX + 16], dat[CHART_NAME_MAX + 16];
        snprintf(png, sizeof png, "charts/%s.png", ch->name);
        snprintf(svg, sizeof svg, "charts/%s.svg", ch->name);
        snprintf(dat, sizeof dat, "charts/%s.dat", ch->name);
        int image = ch->drawn && report_exists(pg, png);
        fputs(image ? "<figure>\n<img src=\"" : "<figure>\n", f);
        if (image) {
            report_url(f, png);
            fputs("\" alt=\"", f);
            report_esc(f, ch->title);
            fputs("\" width=\"960\" height=\"540\">\n", f);
        }
        fputs("<figcaption><strong>", f);
        report_esc(f, ch->title);
        fputs(".</strong> ", f);
        report_esc(f, ch->note);
        if (!image)
            fputs(" (not drawn)", f);
        fputs(" <span class=\"files\">", f);
        int any = report_link_file(pg, svg, "SVG");
        if (any && report_exists(pg, dat))
            fputs(" · ", f);
        report_link_file(pg, dat, "data");
        fputs("</span></figcaption>\n</figure>\n", f);
    }
}

void report_files_section(const struct page *pg, const char *const *files, int n)
{
    fputs("<h2 id=\"files\">Files</h2>\n<p>", pg->f);
    int written = 0;
    for (int i = 0; i < n; i++) {
        if (written && report_exists(pg, files[i]))
            fputs(" · ", pg->f);
        written += report_link_file(pg, files[i], files[i]);
    }
    if (!written)
        fputs("None beside this page.", pg->f);
    fputs("</p>\n", pg->f);
}

/* Writes through a temporary file renamed into place; returns 0 or -1. */
/* A page and what writes its body, for output_write_files. */
struct page_job {
    struct page *pg;
    void (*body)(struct page *, const void *);
    const void *ctx;
};

static int write_page(FILE *f, int i, const void *ctx)
{
    const struct page_job *job = ctx;
    (void)i;
    job->pg->f = f;
    job->body(job->pg, job->ctx);
    return ferror(f) ? -1 : 0;
}

int report_write_page(const char *dir, void (*body)(struct page *, const void *), const void *ctx,
                      struct page *pg, char *err, size_t size)
{
    const char *names[1] = { "report.html" };
    struct page_job job = { pg, body, ctx };
    pg->dir = dir;
    return output_write_files(dir, 1, names, write_page, &job, err, size);
}
