/*
 * report_internal: what the pages of the HTML report share (report.c: HTML
 * text, links and numbers, and the parts of every page; report_run.c and
 * report_compare.c: the page of a run and of a comparison).  Nothing outside
 * plots/report*.c includes this header.
 *
 * All text goes onto the page through report_esc or report_escf, so names
 * from scenario files are always escaped.
 */
#ifndef CHANMIX_PLOTS_REPORT_INTERNAL_H
#define CHANMIX_PLOTS_REPORT_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include "models/figures.h"
#include "plots/chart.h"
#include "sim/stats.h"

#define REPORT_PATH_MAX 1024


/* A page being written. */
struct page {
    FILE *f;
    const char *dir;            /* the page's folder: links are relative to it */
    const char *currency;
    int reps;                   /* replications behind each figure */
};

/* HTML text, links and numbers */

/* s, HTML-escaped. */
void report_esc(FILE *f, const char *s);

/* printf, HTML-escaped: for text that carries names from a scenario file. */
void report_escf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A relative URL: bytes other than letters, digits, "-._~/" percent-encoded. */
void report_url(FILE *f, const char *rel);

/* Whether rel, relative to the page's folder, is a regular file. */
int report_exists(const struct page *pg, const char *rel);

/* <a href="rel">text</a> when rel exists; returns whether it was written. */
int report_link_file(const struct page *pg, const char *rel, const char *text);

/* A figure in words ("14,072", "81.4%", "4 min 30 s", "€1,200"); "n/a" when not finite. */
void report_say(char *buf, size_t size, enum figure_unit k, double v, const char *currency);

/* A difference: signed, shares in percentage points. */
void report_say_change(char *buf, size_t size, enum figure_unit k, double d, const char *currency);

/* "81.4% (95% CI 79.3% to 83.5%)", escaped onto the page. */
void report_say_estimate(const struct page *pg, enum figure_unit k, const struct estimate *e);

/* A table cell: mean and "± half-width". */
void report_td_estimate(const struct page *pg, enum figure_unit k, const struct estimate *e);

/* A table cell of text, escaped. */
void report_td_text(const struct page *pg, const char *s);

/* <table><caption>, and a row of n headings, all escaped. */
void report_table_start(const struct page *pg, const char *caption, int n,
                        const char *const *heads);

void report_table_end(const struct page *pg);

/* Parts of every page */

/* From <!DOCTYPE html> to <main>, with the style inline. */
void report_page_start(const struct page *pg, const char *title);

void report_page_end(const struct page *pg);

/* The question as paragraphs (q may be NULL); "Policy question:" is marked. */
void report_question_block(const struct page *pg, const char *q);

/* The charts of cs (may be NULL) with their captions and links to SVG and data. */
void report_charts_section(const struct page *pg, const struct chart_set *cs);

/* Links to those of files[0..n) that exist. */
void report_files_section(const struct page *pg, const char *const *files, int n);

/*
 * DIR/report.html: body writes the page to pg->f, through a temporary file
 * renamed into place.  Returns 0, or -1 with err.
 */
int report_write_page(const char *dir, void (*body)(struct page *, const void *), const void *ctx,
                      struct page *pg, char *err, size_t size);

#endif
