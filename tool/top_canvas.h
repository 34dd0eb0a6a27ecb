/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mmscope top: the character grid every view draws on.  It knows nothing
 * about curses: cmd_top.c shows it through ncurses, batch mode prints it.
 */
#ifndef MMSCOPE_TOP_CANVAS_H
#define MMSCOPE_TOP_CANVAS_H

#include <stdbool.h>
#include <stdio.h>
#include <wchar.h>

/* What a cell means; cmd_top.c maps each to a colour or, without colours, an attribute. */
enum top_style {
	TS_NORMAL,
	TS_BOLD,
	TS_DIM,
	TS_TITLE,		/* the header line */
	TS_HEADER,		/* table headers */
	TS_SELECTED,		/* the selected row */
	TS_TAB,
	TS_TAB_ACTIVE,
	TS_WARN,		/* exited, errors, paused */
	TS_GOOD,
	TS_KEY,			/* a key in the footer */
	TS_BAR,			/* filled part of a bar or graph */
	/* page-map cells, one per state (see top_view_pagemap.c) */
	TS_PG_NONE,
	TS_PG_PRESENT,
	TS_PG_YOUNG,
	TS_PG_DIRTY,
	TS_PG_SWAP,
	TS_PG_HUGE,
	TS_PG_SHARED,
	TS_PG_ZERO,
	TS_PG_OTHER,
	TS_PG_UNKNOWN,
	TS_NR
};

/* Or'ed into a style: show the cell in reverse video (a cursor). */
#define TS_REVERSE 0x80
#define TS_STYLE(s) ((s) & 0x7f)

struct tc_cell {
	wchar_t ch;
	unsigned char style;
};

struct top_canvas {
	int rows, cols;
	struct tc_cell *cell;
	bool utf8;		/* the locale can show block characters */
};

/* (Re)size and clear; returns 0 or -ENOMEM. */
int tc_resize(struct top_canvas *c, int rows, int cols);
void tc_free(struct top_canvas *c);
void tc_clear(struct top_canvas *c);

/*
 * Write @s (in the locale's multibyte encoding) at row @y, column @x,
 * clipped at the right edge.  Returns the column after the text.
 */
int tc_put(struct top_canvas *c, int y, int x, int style, const char *s);
/* Like tc_put, but a text too long for the row keeps its end: "...lib/libc.so.6". */
int tc_put_tail(struct top_canvas *c, int y, int x, int style, const char *s);
int tc_printf(struct top_canvas *c, int y, int x, int style, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void tc_putwc(struct top_canvas *c, int y, int x, int style, wchar_t ch);
/* Fill @n cells from (@y, @x) with @ch. */
void tc_fill(struct top_canvas *c, int y, int x, int n, wchar_t ch, int style);
/* Give @n cells from (@y, @x) another style, keeping their characters. */
void tc_restyle(struct top_canvas *c, int y, int x, int n, int style);

/* A horizontal bar of @width cells, @frac (0..1) of it filled. */
void tc_bar(struct top_canvas *c, int y, int x, int width, double frac, int style);
/* A graph of @n values, one cell each, scaled to @max (block heights). */
void tc_spark(struct top_canvas *c, int y, int x, const double *v, int n, double max, int style);

/* Rows @y0..@y1 (exclusive) as text, trailing blanks and blank last rows dropped. */
void tc_print(const struct top_canvas *c, FILE *out, int y0, int y1);
/* Row @y as text into @buf (tests, assertions); returns @buf. */
char *tc_row_text(const struct top_canvas *c, int y, char *buf, size_t len);

#endif
