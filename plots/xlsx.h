/*
 * xlsx: results as .xlsx workbooks, for people who read them in a
 * spreadsheet, written with Debian's libxlsxwriter.
 *
 * A run's workbook has a sheet per CSV table (channels, segments, ...,
 * totals), with the cells of the CSV file: the same columns, numbers as
 * numbers in the units of summary.json (shown as percentages, money or
 * hours by the figure's unit in the catalogue), headers bold and each
 * sheet's first row frozen.  A comparison's workbook has the headline
 * differences of each scenario from the first (the figures of the terminal
 * table, with paired 95% intervals and whether the change is better or
 * worse), the headline figures of every scenario side by side, each row
 * with the figure's path in comparison.json, and what the comparison was
 * (mode, reference, replications, seed).
 *
 * The workbook is written into an open file, so that it takes the same
 * temporary-name-and-rename path as every other file of a folder of results
 * (output.h): libxlsxwriter writes to a named file, so the workbook is made
 * in a temporary file in $TMPDIR (or /tmp) and copied into f.
 */
#ifndef CHANMIX_PLOTS_XLSX_H
#define CHANMIX_PLOTS_XLSX_H

#include <stdio.h>

#include "models/comparison.h"
#include "plots/csv.h"

/* A run's tables[0..n), a sheet each named as the file without ".csv"; returns 0 or -1. */
int xlsx_write_run(FILE *f, const struct results_index *ix, const struct estimate *est,
                   const struct csv_table *tables, int n);

/* A comparison's headline differences and figures; returns 0 or -1. */
int xlsx_write_comparison(FILE *f, const struct comparison *c);

/*
 * For other workbooks (plots/staffing_xlsx.c): a libxlsxwriter workbook made
 * in a temporary file named into path (size bytes), with the fixed date that
 * keeps the bytes the same; NULL on failure.  xlsx_temp_close closes it,
 * copies it into f and removes the file either way; 0 or -1.
 */
struct lxw_workbook;
struct lxw_workbook *xlsx_temp_open(char *path, size_t size, const char *title);
int xlsx_temp_close(struct lxw_workbook *wb, const char *path, FILE *f);

#endif
