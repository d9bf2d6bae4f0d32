/*
 * report: the HTML page of a run or a comparison, see report.h.
 *
 * The page is written top to bottom in one pass.  Numbers are said the way
 * a policy adviser reads them: counts with thousands separated, shares as
 * percentages, times in seconds, minutes and hours, money with the
 * currency's sign; each mean comes with its 95% interval, as a range in the
 * sentences and as "± half-width" in the tables.  Ranges of figures that
 * cannot be negative (or above 100%) are cut at those bounds.  Differences
 * between scenarios are called better or worse only where their paired
 * interval excludes zero, as in the terminal table of plots/compare_table.c.
 */
#include "plots/report.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "models/choice.h"
#include "models/results.h"

#define REPORT_PATH_MAX 1024
#define REPORT_QUESTION_MAX 65536

/* How a figure is said. */
enum kind { K_COUNT, K_SHARE, K_SECONDS, K_MONEY, K_HOURS, K_NUMBER };

struct page {
    FILE *f;
    const char *dir;            /* the page's folder: links are relative to it */
    const char *currency;
    int reps;                   /* replications behind each figure */
};

/* ---- reading the question ---- */

int report_read_question(const char *path, char **question, char *err, size_t size)
{
    *question = NULL;
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, size, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    char *line = NULL, *out = malloc(REPORT_QUESTION_MAX);
    size_t cap = 0, n = 0, kept = 0;   /* kept: length up to the last comment line */
    if (!out) {
        fclose(f);
        snprintf(err, size, "out of memory");
        return -1;
    }
    while (getline(&line, &cap, f) != -1) {
        char *s = line;
        s[strcspn(s, "\r\n")] = '\0';
        while (*s == ' ' || *s == '\t')
            s++;
        const char *text;
        if (*s == '#')
            text = s + 1;
        else if (s[0] == '/' && s[1] == '/')
            text = s + 2;
        else if (*s == '\0')
            text = NULL;        /* a blank line: a paragraph break inside the block */
        else
            break;              /* the first setting */
        if (!text && n == 0)
            continue;
        if (text && *text == ' ')
            text++;
        size_t len = text ? strlen(text) : 0;
        if (n + len + 2 >= REPORT_QUESTION_MAX)
            break;
        memcpy(out + n, text ? text : "", len);
        n += len;
        out[n++] = '\n';
        if (text && len)
            kept = n;
    }
    free(line);
    fclose(f);
    if (kept == 0) {
        free(out);
        return 0;
    }
    out[kept - 1] = '\0';
    *question = out;
    return 0;
}

/* ---- HTML text, links and numbers ---- */

static void esc(FILE *f, const char *s)
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
static void escf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void escf(FILE *f, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    esc(f, buf);
}

/* A relative URL: bytes other than letters, digits, "-._~/" percent-encoded. */
static void url(FILE *f, const char *rel)
{
    for (const unsigned char *s = (const unsigned char *)rel; *s; s++)
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
            strchr("-._~/", *s))
            fputc(*s, f);
        else
            fprintf(f, "%%%02X", *s);
}

static int exists(const struct page *pg, const char *rel)
{
    char path[2 * REPORT_PATH_MAX];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", pg->dir, rel);
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* <a href="rel">text</a> when rel exists; returns whether it was written. */
static int link_file(const struct page *pg, const char *rel, const char *text)
{
    if (!exists(pg, rel))
        return 0;
    fputs("<a href=\"", pg->f);
    url(pg->f, rel);
    fputs("\">", pg->f);
    esc(pg->f, text);
    fputs("</a>", pg->f);
    return 1;
}

/* 14072.4 -> "14,072" */
static void grouped(char *buf, size_t size, double v, int decimals)
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

static void say(char *buf, size_t size, enum kind k, double v, const char *currency)
{
    double a = fabs(v);
    if (!isfinite(v)) {
        snprintf(buf, size, "n/a");
        return;
    }
    switch (k) {
    case K_COUNT:
        if (a >= 100 || a == round(a))
            grouped(buf, size, v, 0);
        else
            snprintf(buf, size, "%.*f", a >= 10 ? 1 : 2, v);
        break;
    case K_SHARE: snprintf(buf, size, "%.1f%%", 100.0 * v); break;
    case K_SECONDS: chart_format_duration(v, buf, size); break;
    case K_MONEY: chart_format_money(currency, v, buf, size); break;
    case K_HOURS:
        if (a >= 10)
            grouped(buf, size, v, 0);
        else
            snprintf(buf, size, "%.1f", v);
        strncat(buf, " h", size - strlen(buf) - 1);
        break;
    case K_NUMBER: snprintf(buf, size, "%.2f", v); break;
    }
}

/* A difference: signed, shares in percentage points. */
static void say_change(char *buf, size_t size, enum kind k, double d, const char *currency)
{
    char v[96];
    if (k == K_SHARE)
        snprintf(v, sizeof v, "%.1f points", 100.0 * fabs(d));
    else
        say(v, sizeof v, k, fabs(d), currency);
    int zero = !strpbrk(v, "123456789");   /* rounds to nothing: no sign */
    snprintf(buf, size, "%s%.90s", zero ? "" : d > 0 ? "+" : "-", v);
}

/* "81.4% (95% CI 79.3% to 83.5%)", escaped onto the page. */
static void say_estimate(const struct page *pg, enum kind k, const struct estimate *e)
{
    char v[96], lo[96], hi[96];
    say(v, sizeof v, k, e->mean, pg->currency);
    esc(pg->f, v);
    if (pg->reps < 2 || !isfinite(e->ci95))
        return;
    if (e->ci95 == 0) {
        fputs(" (the same in every replication)", pg->f);
        return;
    }
    double a = e->mean - e->ci95, b = e->mean + e->ci95;
    a = a < 0 ? 0 : a;              /* these figures are never negative */
    b = k == K_SHARE && b > 1 ? 1 : b;
    say(lo, sizeof lo, k, a, pg->currency);
    say(hi, sizeof hi, k, b, pg->currency);
    escf(pg->f, " (95%% CI %s to %s)", lo, hi);
}

/* A table cell: mean and "± half-width". */
static void td_estimate(const struct page *pg, enum kind k, const struct estimate *e)
{
    char v[96], h[96];
    say(v, sizeof v, k, e->mean, pg->currency);
    fputs("<td>", pg->f);
    esc(pg->f, v);
    if (pg->reps >= 2 && isfinite(e->ci95)) {
        say(h, sizeof h, k, e->ci95, pg->currency);
        fputs(" <span class=\"ci\">± ", pg->f);
        esc(pg->f, h);
        fputs("</span>", pg->f);
    }
    fputs("</td>", pg->f);
}

static void td_text(const struct page *pg, const char *s)
{
    fputs("<td>", pg->f);
    esc(pg->f, s);
    fputs("</td>", pg->f);
}

/* <table><tr><th>...</th>...</tr> from a '|'-separated list of escaped-on-write headings. */
static void table_start(const struct page *pg, const char *caption, int n, const char *const *heads)
{
    fputs("<div class=\"scroll\"><table>\n<caption>", pg->f);
    esc(pg->f, caption);
    fputs("</caption>\n<tr>", pg->f);
    for (int i = 0; i < n; i++) {
        fputs("<th>", pg->f);
        esc(pg->f, heads[i]);
        fputs("</th>", pg->f);
    }
    fputs("</tr>\n", pg->f);
}

static void table_end(const struct page *pg)
{
    fputs("</table></div>\n", pg->f);
}

/* The mean and interval over replications of v[num] / (v[den[0]] + ...), 0 when that is 0. */
static struct estimate ratio(const struct experiment *e, long num, const long *den, int n_den)
{
    size_t n = e->ix.layout->n;
    double *x = malloc(sizeof *x * (size_t)e->replications);
    if (!x)
        return (struct estimate){ NAN, NAN };
    for (int r = 0; r < e->replications; r++) {
        const double *v = e->values + (size_t)r * n;
        double d = 0;
        for (int i = 0; i < n_den; i++)
            d += v[den[i]];
        x[r] = d > 0 ? v[num] / d : 0.0;
    }
    struct estimate out = stats_estimate(x, 1, (size_t)e->replications);
    free(x);
    return out;
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
    "th{background:#f6f6f6;font-weight:600}\n"
    "th:first-child,td:first-child{text-align:left}\n"
    ".ci{color:#777;font-size:.88em}\n"
    ".better{color:#0a6b47;font-weight:600}.worse{color:#b3261e;font-weight:600}\n"
    "code{font-size:.92em;background:#f3f3f3;padding:0 .25em}\n";

static void page_start(const struct page *pg, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          pg->f);
    esc(pg->f, title);
    fprintf(pg->f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n", style);
}

static void page_end(const struct page *pg)
{
    fputs("<p class=\"meta\">Written by chanmix.</p>\n</main>\n</body>\n</html>\n", pg->f);
}

/* The question as paragraphs; the one that starts "Policy question:" is marked. */
static void question_block(const struct page *pg, const char *q)
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
            esc(pg->f, para);
            fputs("<strong>Policy question:</strong>", pg->f);
            esc(pg->f, at + sizeof mark - 1);
        } else
            esc(pg->f, para);
        fputs("</p>\n", pg->f);
        free(para);
        s += len;
        while (*s == '\n')
            s++;
    }
    fputs("</div>\n", pg->f);
}

static void charts_section(const struct page *pg, const struct chart_set *cs)
{
    FILE *f = pg->f;
    fputs("<h2 id=\"charts\">Charts</h2>\n", f);
    if (!cs) {
        fputs("<p class=\"note\">No charts were made.</p>\n", f);
        return;
    }
    if (cs->skipped) {
        fputs("<p class=\"note\">The charts were not drawn: ", f);
        esc(f, cs->why_skipped);
        fputs(". The figures behind each are in the <code>charts</code> folder, with a gnuplot "
              "script that draws them.</p>\n", f);
    }
    if (cs->failed) {
        fputs("<p class=\"note\">Some charts could not be drawn: ", f);
        esc(f, cs->error);
        fputs("</p>\n", f);
    }
    for (int i = 0; i < cs->n; i++) {
        const struct chart_entry *ch = &cs->chart[i];
        char png[CHART_NAME_MAX + 16], svg[CHART_NAME_MAX + 16], dat[CHART_NAME_MAX + 16];
        snprintf(png, sizeof png, "charts/%s.png", ch->name);
        snprintf(svg, sizeof svg, "charts/%s.svg", ch->name);
        snprintf(dat, sizeof dat, "charts/%s.dat", ch->name);
        int image = ch->drawn && exists(pg, png);
        fputs(image ? "<figure>\n<img src=\"" : "<figure>\n", f);
        if (image) {
            url(f, png);
            fputs("\" alt=\"", f);
            esc(f, ch->title);
            fputs("\" width=\"960\" height=\"540\">\n", f);
        }
        fputs("<figcaption><strong>", f);
        esc(f, ch->title);
        fputs(".</strong> ", f);
        esc(f, ch->note);
        if (!image)
            fputs(" (not drawn)", f);
        fputs(" <span class=\"files\">", f);
        int any = link_file(pg, svg, "SVG");
        if (any && exists(pg, dat))
            fputs(" · ", f);
        link_file(pg, dat, "data");
        fputs("</span></figcaption>\n</figure>\n", f);
    }
}

static void files_section(const struct page *pg, const char *const *files, int n)
{
    fputs("<h2 id=\"files\">Files</h2>\n<p>", pg->f);
    int written = 0;
    for (int i = 0; i < n; i++) {
        if (written && exists(pg, files[i]))
            fputs(" · ", pg->f);
        written += link_file(pg, files[i], files[i]);
    }
    if (!written)
        fputs("None beside this page.", pg->f);
    fputs("</p>\n", pg->f);
}

/* Writes through a temporary file renamed into place; returns 0 or -1. */
static int write_page(const char *dir, void (*body)(struct page *, const void *), const void *ctx,
                      struct page *pg, char *err, size_t size)
{
    char tmp[REPORT_PATH_MAX + 64], final[REPORT_PATH_MAX + 64];
    snprintf(final, sizeof final, "%s/report.html", dir);
    snprintf(tmp, sizeof tmp, "%s/.report.html.%ld.tmp", dir, (long)getpid());
    pg->f = fopen(tmp, "w");
    pg->dir = dir;
    if (!pg->f) {
        snprintf(err, size, "cannot write %s: %s", tmp, strerror(errno));
        return -1;
    }
    body(pg, ctx);
    int bad = ferror(pg->f);
    if (fclose(pg->f) != 0 || bad || rename(tmp, final) != 0) {
        snprintf(err, size, "cannot write %s", final);
        unlink(tmp);
        return -1;
    }
    return 0;
}

/* ---- a run ---- */

struct run_ctx {
    const struct experiment *e;
    const struct report_source *src;
    const struct chart_set *charts;
};

static void run_summary(const struct page *pg, const struct experiment *e)
{
    const struct model *m = e->m;
    FILE *f = pg->f;
    double days = (m->horizon_s - m->warmup_s) / 86400.0;
    fputs("<h2 id=\"summary\">In short</h2>\n<ul>\n", f);
    if (e->ix.needs >= 0) {
        const struct estimate *n = e->summary + e->ix.needs;
        long ended[2] = { e->ix.needs + NS_RESOLVED, e->ix.needs + NS_GAVE_UP };
        struct estimate res = ratio(e, ended[0], ended, 2), gave = ratio(e, ended[1], ended, 2);
        fputs("<li>Citizens had ", f);
        say_estimate(pg, K_COUNT, &n[NS_ARRIVED]);
        escf(f, " needs in the %g days. Of those that ended, ", days);
        say_estimate(pg, K_SHARE, &res);
        fputs(" were resolved and ", f);
        say_estimate(pg, K_SHARE, &gave);
        fputs(" given up. A resolved need took ", f);
        say_estimate(pg, K_SECONDS, &n[NS_TIME_TO_RESOLUTION]);
        fputs(" and ", f);
        say_estimate(pg, K_NUMBER, &n[NS_ATTEMPTS_MEAN]);
        fputs(" tries on average.</li>\n", f);
    }
    int self = 0;
    for (int c = 0; c < m->n_channels; c++) {
        const struct channel_params *ch = &m->channels[c];
        const struct estimate *s = e->summary + e->ix.channel[c];
        if (!choice_is_assisted(ch->kind)) {
            self++;
            continue;
        }
        char target[32];
        chart_format_duration(ch->target_s, target, sizeof target);
        fputs("<li><strong>", f);
        esc(f, ch->name);
        fputs("</strong>: ", f);
        say_estimate(pg, K_COUNT, &s[CS_OFFERED]);
        fputs(" contacts. ", f);
        say_estimate(pg, K_SHARE, &s[CS_SERVICE_LEVEL]);
        escf(f, " were answered within the target of %s; the mean wait was ", target);
        say_estimate(pg, K_SECONDS, &s[CS_WAIT_MEAN]);
        fputs(" and ", f);
        say_estimate(pg, K_SHARE, &s[CS_P_ABANDON]);
        fputs(" gave up waiting.", f);
        if (s[CS_BALKED].mean > 0) {
            fputs(" Turned away (closed, no tickets left or the line too long): ", f);
            say_estimate(pg, K_COUNT, &s[CS_BALKED]);
            fputs(".", f);
        }
        fputs("</li>\n", f);
    }
    if (self) {
        fputs("<li>Self-service: ", f);
        for (int c = 0, i = 0; c < m->n_channels; c++) {
            if (choice_is_assisted(m->channels[c].kind))
                continue;
            fputs(i++ ? "; " : "", f);
            esc(f, m->channels[c].name);
            fputs(" ", f);
            say_estimate(pg, K_COUNT, &e->summary[e->ix.channel[c] + CS_OFFERED]);
            fputs(" sessions", f);
        }
        fputs(".</li>\n", f);
    }
    if (e->ix.needs >= 0 && m->n_segments >= 2) {
        int worst = 0, best = 0;
        for (int g = 1; g < m->n_segments; g++) {
            double v = e->summary[e->ix.segment[g] + GS_GAVE_UP].mean;
            worst = v > e->summary[e->ix.segment[worst] + GS_GAVE_UP].mean ? g : worst;
            best = v < e->summary[e->ix.segment[best] + GS_GAVE_UP].mean ? g : best;
        }
        fputs("<li>Who fares worst: <strong>", f);
        esc(f, m->segments[worst].name);
        fputs("</strong> gave up on ", f);
        say_estimate(pg, K_SHARE, &e->summary[e->ix.segment[worst] + GS_GAVE_UP]);
        fputs(" of their needs that ended, against ", f);
        say_estimate(pg, K_SHARE, &e->summary[e->ix.segment[best] + GS_GAVE_UP]);
        fputs(" for <strong>", f);
        esc(f, m->segments[best].name);
        fputs("</strong>, who fared best.</li>\n", f);
    }
    const struct estimate *t = e->summary + e->ix.cost_total;
    fprintf(f, "<li>Cost to the organisation over the %g days: ", days);
    say_estimate(pg, K_MONEY, &t[TC_ORGANISATION]);
    if (e->ix.needs >= 0) {
        fputs(", or ", f);
        say_estimate(pg, K_MONEY, &t[TC_PER_RESOLVED]);
        fputs(" per resolved need", f);
    }
    fputs(". Citizens' own time, counted apart: ", f);
    say_estimate(pg, K_HOURS, &t[TC_CITIZEN_WAIT_HOURS]);
    fputs(" waiting and ", f);
    say_estimate(pg, K_HOURS, &t[TC_CITIZEN_TRAVEL_HOURS]);
    fputs(" travelling, valued at ", f);
    say_estimate(pg, K_MONEY, &t[TC_CITIZEN_VALUE]);
    fputs(".</li>\n", f);
    if (e->ix.back_office >= 0) {
        const struct estimate *b = e->summary + e->ix.back_office;
        fputs("<li>The back office received ", f);
        say_estimate(pg, K_COUNT, &b[BO_CASES]);
        fputs(" cases and took ", f);
        say_estimate(pg, K_SECONDS, &b[BO_TIME_MEAN]);
        fputs(" to close one on average.</li>\n", f);
    }
    fputs("</ul>\n", f);
}

static void channels_table(const struct page *pg, const struct experiment *e)
{
    const struct model *m = e->m;
    static const char *const heads[] = { "channel", "contacts", "gave up waiting", "target",
                                         "service level", "mean wait", "90% waited up to",
                                         "occupancy", "agent-hours" };
    table_start(pg, "Channels: contacts (sessions for self-service) offered after the warm-up", 9,
                heads);
    for (int c = 0; c < m->n_channels; c++) {
        const struct estimate *s = e->summary + e->ix.channel[c];
        int assisted = choice_is_assisted(m->channels[c].kind);
        char target[32];
        chart_format_duration(m->channels[c].target_s, target, sizeof target);
        fputs("<tr>", pg->f);
        td_text(pg, m->channels[c].name);
        td_estimate(pg, K_COUNT, &s[CS_OFFERED]);
        if (!assisted) {
            fputs("<td colspan=\"7\" class=\"note\">self-service: no queue</td></tr>\n", pg->f);
            continue;
        }
        td_estimate(pg, K_SHARE, &s[CS_P_ABANDON]);
        td_text(pg, target);
        td_estimate(pg, K_SHARE, &s[CS_SERVICE_LEVEL]);
        td_estimate(pg, K_SECONDS, &s[CS_WAIT_MEAN]);
        td_estimate(pg, K_SECONDS, &s[CS_WAIT_P90]);
        td_estimate(pg, K_SHARE, &s[CS_OCCUPANCY]);
        td_estimate(pg, K_HOURS, &s[CS_AGENT_HOURS]);
        fputs("</tr>\n", pg->f);
    }
    table_end(pg);
    fputs("<p class=\"note\">Service level: ", pg->f);
    esc(pg->f, RESULTS_SL_DEFINITION);
    fputs(".</p>\n", pg->f);
}

static void needs_table(const struct page *pg, const struct experiment *e)
{
    static const char *const heads[] = { "needs of citizens", "" };
    static const struct { int stat; enum kind k; const char *label; } rows[] = {
        { NS_ARRIVED, K_COUNT, "arose" },
        { NS_RESOLVED, K_COUNT, "resolved" },
        { NS_GAVE_UP, K_COUNT, "given up" },
        { NS_OPEN_AT_END, K_COUNT, "still open at the end" },
        { NS_ATTEMPTS_MEAN, K_NUMBER, "tries per need" },
        { NS_TIME_TO_RESOLUTION, K_SECONDS, "time to resolution" },
    };
    table_start(pg, "Needs that arose after the warm-up", 2, heads);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        fputs("<tr>", pg->f);
        td_text(pg, rows[i].label);
        td_estimate(pg, rows[i].k, &e->summary[e->ix.needs + rows[i].stat]);
        fputs("</tr>\n", pg->f);
    }
    table_end(pg);
}

/* One row per group: needs, the channel mix (means), wait and outcome. */
static void group_table(const struct page *pg, const struct experiment *e, const char *caption,
                        const char *what, int n, const long *base, const char *const *names)
{
    const struct model *m = e->m;
    FILE *f = pg->f;
    fputs("<div class=\"scroll\"><table>\n<caption>", f);
    esc(f, caption);
    fputs("</caption>\n<tr><th>", f);
    esc(f, what);
    fputs("</th><th>needs</th>", f);
    for (int c = 0; c < m->n_channels; c++) {
        fputs("<th>", f);
        esc(f, m->channels[c].name);
        fputs("</th>", f);
    }
    fputs("<th>mean wait</th><th>resolved</th><th>given up</th></tr>\n", f);
    for (int g = 0; g < n; g++) {
        const struct estimate *s = e->summary + base[g];
        char v[32];
        fputs("<tr>", f);
        td_text(pg, names[g]);
        td_estimate(pg, K_COUNT, &s[GS_NEEDS]);
        for (int c = 0; c < m->n_channels; c++) {
            say(v, sizeof v, K_SHARE, s[GS_SHARES + c].mean, pg->currency);
            td_text(pg, v);
        }
        td_estimate(pg, K_SECONDS, &s[GS_WAIT_MEAN]);
        td_estimate(pg, K_SHARE, &s[GS_RESOLVED]);
        td_estimate(pg, K_SHARE, &s[GS_GAVE_UP]);
        fputs("</tr>\n", f);
    }
    table_end(pg);
}

static void groups_tables(const struct page *pg, const struct experiment *e)
{
    const struct model *m = e->m;
    const char *names[MODEL_MAX_SERVICES];
    for (int g = 0; g < m->n_segments; g++)
        names[g] = m->segments[g].name;
    group_table(pg, e, "Channel mix per segment: the share of the group's contacts on each "
                "channel (means), and how its needs ended", "segment", m->n_segments,
                e->ix.segment, names);
    for (int t = 0; t < TYPE_COUNT; t++)
        names[t] = citizen_type_name((enum citizen_type)t);
    group_table(pg, e, "The same per search-strategy type", "type", TYPE_COUNT, e->ix.type, names);
    for (int v = 0; v < m->n_services; v++)
        names[v] = m->services[v].name;
    group_table(pg, e, "The same per service", "service", m->n_services, e->ix.service, names);
}

static void costs_table(const struct page *pg, const struct experiment *e)
{
    const struct model *m = e->m;
    static const char *const heads[] = { "part", "cost to the organisation", "per handled contact" };
    char caption[160];
    snprintf(caption, sizeof caption, "Costs over the %g days, in %s",
             (m->horizon_s - m->warmup_s) / 86400.0, chart_currency_words(m->currency));
    table_start(pg, caption, 3, heads);
    for (int c = 0; c <= m->n_channels; c++) {
        long i = e->ix.cost_channel[c];
        if (i < 0)
            continue;
        fputs("<tr>", pg->f);
        td_text(pg, c < m->n_channels ? m->channels[c].name : "back office (per closed case)");
        td_estimate(pg, K_MONEY, &e->summary[i + COST_ORGANISATION]);
        td_estimate(pg, K_MONEY, &e->summary[i + COST_PER_HANDLED]);
        fputs("</tr>\n", pg->f);
    }
    const struct estimate *t = e->summary + e->ix.cost_total;
    fputs("<tr><th>total</th>", pg->f);
    td_estimate(pg, K_MONEY, &t[TC_ORGANISATION]);
    td_estimate(pg, K_MONEY, &t[TC_PER_HANDLED]);
    fputs("</tr>\n", pg->f);
    if (e->ix.needs >= 0) {
        fputs("<tr><td>per resolved need</td><td></td>", pg->f);
        td_estimate(pg, K_MONEY, &t[TC_PER_RESOLVED]);
        fputs("</tr>\n", pg->f);
    }
    static const struct { int stat; enum kind k; const char *label; } own[] = {
        { TC_CITIZEN_WAIT_HOURS, K_HOURS, "citizens' time waiting" },
        { TC_CITIZEN_TRAVEL_HOURS, K_HOURS, "citizens' time travelling" },
        { TC_CITIZEN_VALUE, K_MONEY, "citizens' time, valued (not in the total)" },
    };
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++) {
        fputs("<tr>", pg->f);
        td_text(pg, own[i].label);
        td_estimate(pg, own[i].k, &t[own[i].stat]);
        fputs("<td></td></tr>\n", pg->f);
    }
    table_end(pg);
}

static void escalations_table(const struct page *pg, const struct experiment *e)
{
    const struct model *m = e->m;
    int w = m->n_channels + 1;
    FILE *f = pg->f;
    fputs("<div class=\"scroll\"><table>\n<caption>Escalations: after a try that did not settle "
          "the need (rows), where the next try went (columns); means over replications</caption>\n"
          "<tr><th>from \\ next</th>", f);
    for (int b = 0; b < w; b++) {
        fputs("<th>", f);
        esc(f, b < m->n_channels ? m->channels[b].name : "back office");
        fputs("</th>", f);
    }
    fputs("</tr>\n", f);
    for (int a = 0; a < m->n_channels; a++) {
        fputs("<tr>", f);
        td_text(pg, m->channels[a].name);
        for (int b = 0; b < w; b++) {
            char v[32];
            say(v, sizeof v, K_COUNT, e->summary[e->ix.escalations + a * w + b].mean, pg->currency);
            td_text(pg, v);
        }
        fputs("</tr>\n", f);
    }
    table_end(pg);
}

static void back_office_table(const struct page *pg, const struct experiment *e)
{
    static const char *const heads[] = { "back office", "" };
    static const struct { int stat; enum kind k; const char *label; } rows[] = {
        { BO_CASES, K_COUNT, "cases passed on" },
        { BO_CLOSED, K_COUNT, "closed" },
        { BO_OPEN_AT_END, K_COUNT, "still open at the end" },
        { BO_TIME_MEAN, K_SECONDS, "time to close" },
        { BO_CHASES, K_COUNT, "chasing contacts" },
        { BO_AGENT_HOURS, K_HOURS, "officer-hours" },
    };
    table_start(pg, "The back office", 2, heads);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        fputs("<tr>", pg->f);
        td_text(pg, rows[i].label);
        td_estimate(pg, rows[i].k, &e->summary[e->ix.back_office + rows[i].stat]);
        fputs("</tr>\n", pg->f);
    }
    table_end(pg);
}

static const char *const run_files[] = { "summary.json", "channels.csv", "segments.csv",
                                         "types.csv", "services.csv", "intervals.csv",
                                         "escalations.csv", "costs.csv", "totals.csv" };

static void run_page(struct page *pg, const void *ctx)
{
    const struct run_ctx *r = ctx;
    const struct experiment *e = r->e;
    const struct model *m = e->m;
    FILE *f = pg->f;
    char title[128];
    snprintf(title, sizeof title, "chanmix: %s", m->name);
    page_start(pg, title);
    fputs("<h1>Scenario ", f);
    esc(f, m->name);
    fputs("</h1>\n<p class=\"meta\">", f);
    if (r->src && r->src->file)
        escf(f, "From %s. ", r->src->file);
    escf(f, "%d replication%s of %g days each after a warm-up of %g hours, seed %llu. Figures are "
         "means over the replications; ranges and “±” give 95%% confidence intervals.",
         e->replications, e->replications == 1 ? "" : "s", (m->horizon_s - m->warmup_s) / 86400.0,
         m->warmup_s / 3600.0, (unsigned long long)m->seed);
    fputs("</p>\n<h2 id=\"question\">The question</h2>\n", f);
    question_block(pg, r->src ? r->src->question : NULL);
    run_summary(pg, e);
    charts_section(pg, r->charts);
    fputs("<h2 id=\"tables\">Tables</h2>\n", f);
    channels_table(pg, e);
    if (e->ix.needs >= 0) {
        needs_table(pg, e);
        groups_tables(pg, e);
        escalations_table(pg, e);
    }
    if (e->ix.back_office >= 0)
        back_office_table(pg, e);
    costs_table(pg, e);
    files_section(pg, run_files, (int)(sizeof run_files / sizeof run_files[0]));
    page_end(pg);
}

int report_write_run(const char *dir, const struct experiment *e, const struct report_source *src,
                     const struct chart_set *charts, char *err, size_t size)
{
    struct run_ctx r = { e, src, charts };
    struct page pg = { NULL, dir, e->m->currency, e->replications };
    return write_page(dir, run_page, &r, &pg, err, size);
}

/* ---- a comparison ---- */

/* A figure compared between the reference and scenario k. */
struct line {
    char label[160];
    enum kind k;
    int lower_is_better;        /* 1 lower, 0 higher, -1 neither */
    const struct estimate *a, *b, *d;
};

static int line_at(const struct comparison *c, int k, const char *path, const char *label,
                   enum kind kind, int lower_is_better, struct line *out)
{
    long ia = metrics_find(c->runs[0].ix.layout, path);
    long ib = metrics_find(c->runs[k].ix.layout, path);
    if (ia < 0 || ib < 0 || !c->present[k][ib])
        return 0;
    snprintf(out->label, sizeof out->label, "%s", label);
    out->k = kind;
    out->lower_is_better = lower_is_better;
    out->a = &c->runs[0].summary[ia];
    out->b = &c->runs[k].summary[ib];
    out->d = &c->diff[k][ib];
    return 1;
}

/* 1 better, -1 worse, 2 changed (no direction), 0 no measurable change. */
static int verdict(const struct line *l)
{
    double d = l->d->mean, h = l->d->ci95;
    if (!(fabs(d) > h && h >= 0 && d != 0.0))
        return 0;
    if (l->lower_is_better < 0)
        return 2;
    return (d < 0) == (l->lower_is_better != 0) ? 1 : -1;
}

/* The headline figures of scenario k against the reference; returns how many. */
static int headlines(const struct comparison *c, int k, struct line *out, int max)
{
    const struct model *m = c->models[k];
    char path[METRICS_PATH_MAX], label[160];
    int n = 0;
    for (int ch = 0; ch < m->n_channels && n + 4 <= max; ch++) {
        const char *name = m->channels[ch].name;
        snprintf(path, sizeof path, "channels/%s/offered", name);
        snprintf(label, sizeof label, "%s: contacts", name);
        n += line_at(c, k, path, label, K_COUNT, -1, &out[n]);
        if (!choice_is_assisted(m->channels[ch].kind))
            continue;
        snprintf(path, sizeof path, "channels/%s/service_level", name);
        snprintf(label, sizeof label, "%s: service level", name);
        n += line_at(c, k, path, label, K_SHARE, 0, &out[n]);
        snprintf(path, sizeof path, "channels/%s/wait_mean_s", name);
        snprintf(label, sizeof label, "%s: mean wait", name);
        n += line_at(c, k, path, label, K_SECONDS, 1, &out[n]);
        snprintf(path, sizeof path, "channels/%s/p_abandon", name);
        snprintf(label, sizeof label, "%s: gave up waiting", name);
        n += line_at(c, k, path, label, K_SHARE, 1, &out[n]);
    }
    static const struct { const char *path, *label; enum kind k; int lower; } rest[] = {
        { "needs/resolved", "needs resolved", K_COUNT, 0 },
        { "needs/gave_up", "needs given up", K_COUNT, 1 },
        { "needs/time_to_resolution_mean_s", "time to resolution", K_SECONDS, 1 },
        { "cost/total/organisation", "cost to the organisation", K_MONEY, 1 },
        { "cost/total/per_resolved_need", "cost per resolved need", K_MONEY, 1 },
        { "cost/total/citizen_time_value", "citizens' time, valued", K_MONEY, 1 },
    };
    for (size_t i = 0; i < sizeof rest / sizeof rest[0] && n < max; i++)
        n += line_at(c, k, rest[i].path, rest[i].label, rest[i].k, rest[i].lower, &out[n]);
    return n;
}

/* Each segment's needs given up and mean wait; returns how many lines. */
static int segment_lines(const struct comparison *c, int k, struct line *out, int max)
{
    const struct model *m = c->models[k];
    char path[METRICS_PATH_MAX], label[160];
    int n = 0;
    for (int g = 0; g < m->n_segments && n + 2 <= max; g++) {
        const char *name = m->segments[g].name;
        snprintf(path, sizeof path, "segments/%s/gave_up", name);
        snprintf(label, sizeof label, "%s: needs given up", name);
        n += line_at(c, k, path, label, K_SHARE, 1, &out[n]);
        snprintf(path, sizeof path, "segments/%s/wait_mean_s", name);
        snprintf(label, sizeof label, "%s: mean wait", name);
        n += line_at(c, k, path, label, K_SECONDS, 1, &out[n]);
    }
    return n;
}

/* "+2.4 points (95% CI +1.1 to +3.7 points)" */
static void say_difference(const struct page *pg, const struct line *l)
{
    char d[96], lo[96], hi[96];
    say_change(d, sizeof d, l->k, l->d->mean, pg->currency);
    say_change(lo, sizeof lo, l->k, l->d->mean - l->d->ci95, pg->currency);
    say_change(hi, sizeof hi, l->k, l->d->mean + l->d->ci95, pg->currency);
    escf(pg->f, "%s (95%% CI %s to %s)", d, lo, hi);
}

static void say_line(const struct page *pg, const struct line *l)
{
    char a[96], b[96];
    say(a, sizeof a, l->k, l->a->mean, pg->currency);
    say(b, sizeof b, l->k, l->b->mean, pg->currency);
    esc(pg->f, l->label);
    escf(pg->f, ": %s → %s, ", a, b);
    say_difference(pg, l);
}

#define REPORT_LINES (4 * MODEL_MAX_CHANNELS + 8)

static void compare_summary(const struct page *pg, const struct comparison *c, int k)
{
    FILE *f = pg->f;
    struct line lines[REPORT_LINES], seg[2 * MODEL_MAX_SEGMENTS];
    int n = headlines(c, k, lines, REPORT_LINES), ns = segment_lines(c, k, seg, 2 * MODEL_MAX_SEGMENTS);
    fputs("<h3>", f);
    escf(f, "%s against %s", c->models[k]->name, c->models[0]->name);
    fputs("</h3>\n<ul>\n", f);
    int shown = 0;
    for (int i = 0; i < n; i++) {
        int v = verdict(&lines[i]);
        if (!v)
            continue;
        fputs("<li>", f);
        say_line(pg, &lines[i]);
        fputs(v == 1 ? ": <span class=\"better\">better</span>" : v == -1 ?
              ": <span class=\"worse\">worse</span>" : "", f);
        fputs(".</li>\n", f);
        shown++;
    }
    if (!shown)
        fprintf(f, "<li>No headline figure changed measurably over %d replications.</li>\n", pg->reps);
    fputs("</ul>\n", f);
    for (int side = 1; side >= -1; side -= 2) {
        int any = 0;
        for (int i = 0; i < ns; i++) {
            if (verdict(&seg[i]) != side)
                continue;
            fputs(any++ ? "; " : side == 1 ? "<p><strong>Who wins:</strong> "
                                           : "<p><strong>Who loses:</strong> ", f);
            esc(f, seg[i].label);
            fputs(" ", f);
            say_difference(pg, &seg[i]);
        }
        if (any)
            fputs(".</p>\n", f);
    }
    int measurable = 0;
    for (int i = 0; i < ns; i++)
        measurable += verdict(&seg[i]) != 0;
    if (ns && !measurable)
        fprintf(f, "<p>No segment of citizens is measurably better or worse off in needs given up "
             "or in waiting over %d replications.</p>\n", pg->reps);
}

static void compare_table(const struct page *pg, const struct comparison *c, int k)
{
    struct line lines[REPORT_LINES + 2 * MODEL_MAX_SEGMENTS];
    int n = headlines(c, k, lines, REPORT_LINES);
    n += segment_lines(c, k, lines + n, 2 * MODEL_MAX_SEGMENTS);
    const char *heads[5] = { "figure", c->models[0]->name, c->models[k]->name,
                             "difference (95% CI)", "" };
    char caption[256];
    snprintf(caption, sizeof caption, "%s against %s: paired differences", c->models[k]->name,
             c->models[0]->name);
    table_start(pg, caption, 5, heads);
    for (int i = 0; i < n; i++) {
        int v = verdict(&lines[i]);
        fputs("<tr>", pg->f);
        td_text(pg, lines[i].label);
        td_estimate(pg, lines[i].k, lines[i].a);
        td_estimate(pg, lines[i].k, lines[i].b);
        fputs("<td>", pg->f);
        say_difference(pg, &lines[i]);
        fputs("</td>", pg->f);
        fputs(v == 1 ? "<td class=\"better\">better</td>" : v == -1 ?
              "<td class=\"worse\">worse</td>" : v == 2 ? "<td>changed</td>" : "<td></td>", pg->f);
        fputs("</tr>\n", pg->f);
    }
    table_end(pg);
}

struct compare_ctx {
    const struct comparison *c;
    const struct report_source *src;
    const struct chart_set *charts;
};

static void compare_page(struct page *pg, const void *ctx)
{
    const struct compare_ctx *x = ctx;
    const struct comparison *c = x->c;
    const struct model *ref = c->models[0];
    FILE *f = pg->f;
    char title[256];
    size_t n = (size_t)snprintf(title, sizeof title, "chanmix comparison:");
    for (int k = 1; k < c->n && n < sizeof title; k++)
        n += (size_t)snprintf(title + n, sizeof title - n, "%s %s", k > 1 ? "," : "",
                              c->models[k]->name);
    if (n < sizeof title)
        snprintf(title + n, sizeof title - n, " against %s", ref->name);
    page_start(pg, title);
    fputs("<h1>", f);
    esc(f, title + strlen("chanmix comparison: "));
    fputs("</h1>\n<p class=\"meta\">", f);
    escf(f, "%d scenarios, each run for %d replications of %g days on common random numbers "
         "(seed %llu). Differences are each scenario minus %s, with paired 95%% confidence "
         "intervals; a difference is called better or worse only where its interval excludes "
         "zero.", c->n, c->runs[0].replications, (ref->horizon_s - ref->warmup_s) / 86400.0,
         (unsigned long long)ref->seed, ref->name);
    fputs("</p>\n<h2 id=\"question\">The questions</h2>\n", f);
    for (int k = 0; k < c->n; k++) {
        fputs("<h3>", f);
        esc(f, c->models[k]->name);
        fputs(k == 0 ? " (the reference)</h3>\n" : "</h3>\n", f);
        if (x->src && x->src[k].file) {
            fputs("<p class=\"meta\">", f);
            escf(f, "From %s.", x->src[k].file);
            fputs("</p>\n", f);
        }
        question_block(pg, x->src ? x->src[k].question : NULL);
    }
    fputs("<h2 id=\"summary\">In short</h2>\n", f);
    for (int k = 1; k < c->n; k++)
        compare_summary(pg, c, k);
    charts_section(pg, x->charts);
    fputs("<h2 id=\"tables\">Tables</h2>\n", f);
    for (int k = 1; k < c->n; k++)
        compare_table(pg, c, k);
    fputs("<h2 id=\"scenarios\">Each scenario</h2>\n<ul>\n", f);
    for (int k = 0; k < c->n; k++) {
        char rel[REPORT_PATH_MAX];
        fputs("<li>", f);
        esc(f, c->models[k]->name);
        fputs(": ", f);
        snprintf(rel, sizeof rel, "%s/report.html", c->models[k]->name);
        int any = link_file(pg, rel, "report");
        snprintf(rel, sizeof rel, "%s/summary.json", c->models[k]->name);
        if (any && exists(pg, rel))
            fputs(" · ", f);
        any |= link_file(pg, rel, "summary.json");
        if (!any)
            fputs("no files", f);
        fputs("</li>\n", f);
    }
    fputs("</ul>\n", f);
    static const char *const files[] = { "comparison.json" };
    files_section(pg, files, 1);
    page_end(pg);
}

int report_write_comparison(const char *dir, const struct comparison *c,
                            const struct report_source *src, const struct chart_set *charts,
                            char *err, size_t size)
{
    struct compare_ctx x = { c, src, charts };
    struct page pg = { NULL, dir, c->models[0]->currency, c->runs[0].replications };
    return write_page(dir, compare_page, &x, &pg, err, size);
}
