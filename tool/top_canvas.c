// SPDX-License-Identifier: GPL-2.0
/* mmscope top: the character grid views draw on (no curses here). */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "top_canvas.h"

int tc_resize(struct top_canvas *c, int rows, int cols)
{
	struct tc_cell *n;

	if (rows < 1)
		rows = 1;
	if (cols < 1)
		cols = 1;
	n = realloc(c->cell, (size_t)rows * cols * sizeof(*n));
	if (!n)
		return -ENOMEM;
	c->cell = n;
	c->rows = rows;
	c->cols = cols;
	tc_clear(c);
	return 0;
}

void tc_free(struct top_canvas *c)
{
	free(c->cell);
	c->cell = NULL;
	c->rows = c->cols = 0;
}

void tc_clear(struct top_canvas *c)
{
	size_t i, n = (size_t)c->rows * c->cols;

	for (i = 0; i < n; i++) {
		c->cell[i].ch = L' ';
		c->cell[i].style = TS_NORMAL;
	}
}

static struct tc_cell *at(struct top_canvas *c, int y, int x)
{
	if (y < 0 || y >= c->rows || x < 0 || x >= c->cols)
		return NULL;
	return &c->cell[(size_t)y * c->cols + x];
}

void tc_putwc(struct top_canvas *c, int y, int x, int style, wchar_t ch)
{
	struct tc_cell *p = at(c, y, x);

	if (!p)
		return;
	/* One cell per character: control and double-width characters would break columns. */
	if (ch < L' ' || ch == 0x7f || (ch > 0x7f && wcwidth(ch) != 1))
		ch = L'?';
	p->ch = ch;
	p->style = style;
}

int tc_put(struct top_canvas *c, int y, int x, int style, const char *s)
{
	mbstate_t st;
	wchar_t wc;
	size_t n;

	memset(&st, 0, sizeof(st));
	while (*s && x < c->cols) {
		n = mbrtowc(&wc, s, strlen(s), &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			wc = L'?';
			n = 1;
			memset(&st, 0, sizeof(st));
		}
		tc_putwc(c, y, x++, style, wc);
		s += n;
	}
	return x;
}

int tc_put_tail(struct top_canvas *c, int y, int x, int style, const char *s)
{
	size_t room = x < c->cols ? (size_t)(c->cols - x) : 0, n = 0, k;
	const char *p = s;
	mbstate_t st;

	memset(&st, 0, sizeof(st));
	for (p = s; *p; p += k, n++) {
		k = mbrlen(p, strlen(p), &st);
		if (k == (size_t)-1 || k == (size_t)-2 || !k)
			k = 1;
	}
	if (n <= room || room < 4)
		return tc_put(c, y, x, style, s);
	/* Skip the characters that do not fit, and three more for the dots. */
	memset(&st, 0, sizeof(st));
	for (p = s; n > room - 3; p += k, n--) {
		k = mbrlen(p, strlen(p), &st);
		if (k == (size_t)-1 || k == (size_t)-2 || !k)
			k = 1;
	}
	x = tc_put(c, y, x, TS_DIM, "...");
	return tc_put(c, y, x, style, p);
}

int tc_printf(struct top_canvas *c, int y, int x, int style, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return tc_put(c, y, x, style, buf);
}

void tc_fill(struct top_canvas *c, int y, int x, int n, wchar_t ch, int style)
{
	while (n-- > 0)
		tc_putwc(c, y, x++, style, ch);
}

void tc_restyle(struct top_canvas *c, int y, int x, int n, int style)
{
	struct tc_cell *p;

	for (; n > 0; n--, x++) {
		p = at(c, y, x);
		if (p)
			p->style = style;
	}
}

void tc_bar(struct top_canvas *c, int y, int x, int width, double frac, int style)
{
	/* Eighths of a cell with block characters; whole cells of '#' otherwise. */
	static const wchar_t part[] = L" \u258f\u258e\u258d\u258c\u258b\u258a\u2589";
	int eighths, i;

	if (frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	if (!c->utf8) {
		eighths = (int)(frac * width + 0.5);
		/* Anything above zero shows, so a small count is not mistaken for none. */
		if (!eighths && frac > 0)
			eighths = 1;
		for (i = 0; i < width; i++)
			tc_putwc(c, y, x + i, i < eighths ? style : TS_DIM, i < eighths ? L'#' : L'.');
		return;
	}
	eighths = (int)(frac * width * 8 + 0.5);
	if (!eighths && frac > 0)
		eighths = 1;
	for (i = 0; i < width; i++, eighths -= 8) {
		if (eighths >= 8)
			tc_putwc(c, y, x + i, style, L'\u2588');
		else if (eighths > 0)
			tc_putwc(c, y, x + i, style, part[eighths]);
		else
			tc_putwc(c, y, x + i, TS_DIM, L'\u00b7');
	}
}

void tc_spark(struct top_canvas *c, int y, int x, const double *v, int n, double max, int style)
{
	static const wchar_t blocks[] = L"\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";
	static const char ascii[] = "_.-:=+*#";
	int i, h;

	for (i = 0; i < n; i++) {
		if (v[i] <= 0 || max <= 0) {
			tc_putwc(c, y, x + i, TS_DIM, c->utf8 ? L'\u2581' : L'_');
			continue;
		}
		h = (int)(v[i] / max * 7 + 0.999);
		if (h > 7)
			h = 7;
		tc_putwc(c, y, x + i, style, c->utf8 ? blocks[h] : (wchar_t)ascii[h]);
	}
}

char *tc_row_text(const struct top_canvas *c, int y, char *buf, size_t len)
{
	size_t n = 0, k;
	char mb[MB_LEN_MAX];
	mbstate_t st;
	int x, last = -1;

	memset(&st, 0, sizeof(st));
	for (x = 0; x < c->cols; x++)
		if (c->cell[(size_t)y * c->cols + x].ch != L' ')
			last = x;
	for (x = 0; x <= last; x++) {
		k = wcrtomb(mb, c->cell[(size_t)y * c->cols + x].ch, &st);
		if (k == (size_t)-1) {
			mb[0] = '?';
			k = 1;
		}
		if (n + k + 1 > len)
			break;
		memcpy(buf + n, mb, k);
		n += k;
	}
	if (len)
		buf[n] = '\0';
	return buf;
}

void tc_print(const struct top_canvas *c, FILE *out, int y0, int y1)
{
	char line[4096];
	int y, last = y0 - 1;

	if (y1 > c->rows)
		y1 = c->rows;
	for (y = y0; y < y1; y++)
		if (*tc_row_text(c, y, line, sizeof(line)))
			last = y;
	for (y = y0; y <= last; y++)
		fprintf(out, "%s\n", tc_row_text(c, y, line, sizeof(line)));
}
