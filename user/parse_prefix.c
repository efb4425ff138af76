// SPDX-License-Identifier: GPL-2.0
/*
 * Transport prefixes.  Each matcher recognises one prefix at the start of
 * the remaining text and returns the position after it, or NULL.  Real logs
 * stack them ("<4>[  12.3][ T45] ...", "Jun 6 ... host kernel: [ 1.2] ..."),
 * so lg_strip_prefix() applies matchers until none fits.
 */
#include <stdlib.h>
#include <string.h>
#include "parse_prefix.h"
#include "slice_num.h"

static inline bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static const char *skip_blanks(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

static const char *skip_digits(const char *p, const char *e)
{
	while (p < e && is_digit(*p))
		p++;
	return p;
}

/* "<4>": console and pstore loglevel. */
static const char *match_level(const char *p, const char *e)
{
	const char *q;

	if (p >= e || *p != '<')
		return NULL;
	q = skip_digits(p + 1, e);
	if (q == p + 1 || q - p > 4 || q >= e || *q != '>')
		return NULL;
	return q + 1;
}

/* "[  123.456789]": printk time; "[  T123]" / "[C1]": printk caller. */
static const char *match_bracket(const char *p, const char *e,
				 struct lg_line *out)
{
	const char *q, *d;

	if (p >= e || *p != '[')
		return NULL;
	q = skip_blanks(p + 1, e);
	if (q < e && (*q == 'T' || *q == 'C') && q + 1 < e && is_digit(q[1])) {
		d = skip_digits(q + 1, e);
		if (d < e && *d == ']' && d - q <= 8) {
			out->caller = *q;
			out->caller_id = lg_slice_int(q + 1, d);
			return d + 1;
		}
		return NULL;
	}
	d = skip_digits(q, e);
	if (d == q || d >= e || *d != '.')
		return NULL;
	d = skip_digits(d + 1, e);
	out->uptime = lg_slice_double(q, d, -1);
	/* Amlogic kernels append the CPU: "[  229.239569@0]". */
	if (d < e && *d == '@')
		d = skip_digits(d + 1, e);
	if (d >= e || *d != ']') {
		out->uptime = -1;
		return NULL;
	}
	return d + 1;
}

/* "400.084799] ": a printk stamp whose "[  " the quote cut off. */
static const char *match_cut_stamp(const char *p, const char *e,
				   struct lg_line *out)
{
	const char *d = skip_digits(p, e), *f;

	if (d == p || d >= e || *d != '.')
		return NULL;
	f = skip_digits(d + 1, e);
	if (f - d < 4 || f + 1 >= e || *f != ']' || f[1] != ' ')
		return NULL;
	out->uptime = lg_slice_double(p, f, -1);
	return f + 1;
}

static const char *const months[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

static bool is_month(const char *p)
{
	for (size_t i = 0; i < sizeof(months) / sizeof(months[0]); i++)
		if (memcmp(p, months[i], 3) == 0)
			return true;
	return false;
}

/* "hh:mm:ss" */
static bool is_clock(const char *p, const char *e)
{
	return e - p >= 8 && is_digit(p[0]) && is_digit(p[1]) && p[2] == ':' &&
	       is_digit(p[3]) && is_digit(p[4]) && p[5] == ':' &&
	       is_digit(p[6]) && is_digit(p[7]);
}

/* "[Mon Nov 21 10:00:00 2022]": dmesg -T. */
static const char *match_ctime(const char *p, const char *e,
			       struct lg_line *out)
{
	const char *q, *close;

	if (e - p < 24 || p[0] != '[' || !is_alpha(p[1]) || p[4] != ' ' ||
	    !is_month(p + 5) || p[8] != ' ')
		return NULL;
	close = memchr(p, ']', (size_t)(e - p) < 32 ? (size_t)(e - p) : 32);
	if (!close)
		return NULL;
	q = skip_blanks(p + 9, close);
	q = skip_digits(q, close);
	if (q >= close || *q != ' ' || !is_clock(q + 1, close))
		return NULL;
	out->time = p + 1;
	out->timelen = (size_t)(close - p - 1);
	return close + 1;
}

/*
 * " host tag: " after a syslog or journal stamp.  Marks lines of programs
 * other than the kernel as foreign.  With @kernel_only, only "kernel:"
 * matches (journalctl -o short-monotonic after a printk-style stamp).
 */
static const char *match_host_tag(const char *p, const char *e,
				  struct lg_line *out, bool kernel_only)
{
	const char *host, *tag, *end;

	host = skip_blanks(p, e);
	if (host == p && !kernel_only)
		return NULL;
	/* No host name ("Nov 28 17:47:30 kernel: ..."): busybox syslogd. */
	if (!kernel_only && e - host >= 8 && !memcmp(host, "kernel: ", 8))
		return host + 7;
	tag = memchr(host, ' ', (size_t)(e - host));
	if (!tag || tag == host)
		return NULL;
	tag++;
	end = memchr(tag, ' ', (size_t)(e - tag));
	if (!end)
		end = e;
	if (end - tag < 2 || end[-1] != ':')
		return NULL;
	if ((size_t)(end - tag) == 7 && memcmp(tag, "kernel:", 7) == 0)
		return end;
	if (kernel_only)
		return NULL;
	out->foreign = true;
	return end;
}

/* A stamp from @p to @r, then "host kernel: ": where the text begins. */
static const char *stamp_then_host(const char *p, const char *r, const char *e,
				   struct lg_line *out)
{
	const char *q = match_host_tag(r, e, out, false);

	if (!q)
		return NULL;
	out->time = p;
	out->timelen = (size_t)(r - p);
	return q;
}

/* After a syslog month at @p and its blanks at @q: "D HH:MM:SS[.frac] host kernel: ". */
static const char *syslog_rest(const char *p, const char *q, const char *e,
			       struct lg_line *out)
{
	const char *r;

	q = skip_blanks(q, e);
	r = skip_digits(q, e);
	if (r == q || r - q > 2 || r >= e || *r != ' ' || !is_clock(r + 1, e))
		return NULL;
	r += 9;
	/* Sub-second precision (journalctl -o short-precise). */
	if (r < e && *r == '.')
		r = skip_digits(r + 1, e);
	return stamp_then_host(p, r, e, out);
}

/* "Jun  6 21:33:13 host kernel: ": BSD syslog, journalctl -o short. */
static const char *match_syslog(const char *p, const char *e,
				struct lg_line *out)
{
	if (e - p < 16 || !is_month(p) || p[3] != ' ')
		return NULL;
	return syslog_rest(p, p + 4, e, out);
}

/*
 * The same in another language: journalctl and syslog print the month
 * as the locale names it ("июл 27 14:08:03 host kernel:", "janv. 3 ...").
 */
static const char *match_syslog_local(const char *p, const char *e,
				      struct lg_line *out)
{
	const char *q = p;

	while (q < e && q - p < 24 && (is_alpha(*q) || (unsigned char)*q >= 0x80))
		q++;
	if (q - p < 2 || q - p >= 24)
		return NULL;
	if (q < e && *q == '.')
		q++;
	if (q >= e || *q != ' ')
		return NULL;
	return syslog_rest(p, q, e, out);
}

/* "Mon 2022-11-21 10:00:00 CET host kernel: ": journalctl -o short-full. */
static const char *match_full(const char *p, const char *e, struct lg_line *out)
{
	const char *r;

	if (e - p < 28 || p[3] != ' ' || !is_digit(p[4]) || p[8] != '-' ||
	    p[11] != '-' || p[14] != ' ' || !is_clock(p + 15, e))
		return NULL;
	r = p + 23;
	if (r < e && *r == '.')
		r = skip_digits(r + 1, e);
	if (r >= e || *r != ' ')
		return NULL;
	for (r++; r < e && *r != ' '; r++)	/* the time zone */
		;
	return stamp_then_host(p, r, e, out);
}

/* "2022-11-21T10:00:00.123+01:00 host kernel: ": RFC 3339, short-iso. */
static const char *match_iso(const char *p, const char *e, struct lg_line *out)
{
	const char *r;

	if (e - p < 20 || !is_digit(p[0]) || !is_digit(p[3]) || p[4] != '-' ||
	    p[7] != '-' || (p[10] != 'T' && p[10] != ' ') ||
	    !is_clock(p + 11, e))
		return NULL;
	r = p + 19;
	while (r < e && *r != ' ')
		r++;
	/* dmesg --time-format iso: "2022-11-21T10:00:00,123456+01:00 msg" */
	if (p[10] == 'T' && p[19] == ',') {
		out->time = p;
		out->timelen = (size_t)(r - p);
		return r;
	}
	return stamp_then_host(p, r, e, out);
}

/* "6,1234,5678,-;text": a /dev/kmsg record. */
static const char *match_kmsg(const char *p, const char *e,
			      struct lg_line *out)
{
	const char *q = p, *semi;
	int commas = 0;
	unsigned long long usec = 0;

	if (p >= e || !is_digit(*p))
		return NULL;
	semi = memchr(p, ';', (size_t)(e - p) < 64 ? (size_t)(e - p) : 64);
	if (!semi)
		return NULL;
	for (q = p; q < semi; q++) {
		if (*q == ',') {
			commas++;
			if (commas == 2)
				usec = lg_slice_u64(q + 1, semi, 10);
		} else if (!is_digit(*q) && !(commas >= 3 && is_alpha(*q)) &&
			   *q != '-' && *q != '+') {
			return NULL;
		}
	}
	if (commas < 3)
		return NULL;
	out->uptime = (double)usec / 1e6;
	return semi + 1;
}

/* " KEY=value": dictionary lines that follow a /dev/kmsg record. */
static bool is_kmsg_dict(const char *s, const char *e)
{
	const char *q;

	if (e - s < 3 || s[0] != ' ' || !(s[1] >= 'A' && s[1] <= 'Z'))
		return false;
	for (q = s + 1; q < e && ((*q >= 'A' && *q <= 'Z') || *q == '_'); q++)
		;
	return q < e && *q == '=';
}

/* "Oops#1 Part1", "Panic#2 Part1": pstore part headers. */
static bool is_pstore_header(const char *p, const char *e)
{
	const char *q = memchr(p, '#', (size_t)(e - p) < 16 ? (size_t)(e - p) : 16);

	if (!q || q == p || q + 1 >= e || !is_digit(q[1]))
		return false;
	q = skip_digits(q + 1, e);
	return e - q >= 6 && memcmp(q, " Part", 5) == 0 && is_digit(q[5]);
}

/* "kern  :warn  : ": dmesg -x. */
static const char *match_facility(const char *p, const char *e)
{
	const char *q;

	if (e - p < 12 || memcmp(p, "kern", 4) != 0)
		return NULL;
	q = skip_blanks(p + 4, e);
	if (q >= e || *q != ':')
		return NULL;
	q++;
	while (q < e && is_alpha(*q))
		q++;
	q = skip_blanks(q, e);
	if (q >= e || *q != ':')
		return NULL;
	return q + 1;
}

void lg_strip_prefix(const char *s, size_t len, struct lg_line *out)
{
	const char *p = s, *e = s + len, *q;
	bool mid_done = false;

	memset(out, 0, sizeof(*out));
	out->uptime = -1;
	if (is_pstore_header(s, e)) {
		out->meta = out->pstore = true;
		out->text = s;
		out->len = len;
		return;
	}
	if (is_kmsg_dict(s, e)) {
		out->meta = true;
		out->text = e;
		return;
	}
again:
	for (int round = 0; round < 8; round++) {
		p = skip_blanks(p, e);
		if (p >= e)
			break;
		q = NULL;
		switch (*p) {
		case '<':
			q = match_level(p, e);
			break;
		case '[':
			q = match_ctime(p, e, out);
			if (!q) {
				double before = out->uptime;

				q = match_bracket(p, e, out);
				if (q && out->uptime != before) {
					const char *h = match_host_tag(q, e, out, true);

					if (h)
						q = h;
				}
			}
			break;
		case 'k':
			q = match_facility(p, e);
			break;
		default:
			if (is_digit(*p)) {
				q = match_iso(p, e, out);
				if (!q)
					q = match_kmsg(p, e, out);
				if (!q && p == s)
					q = match_cut_stamp(p, e, out);
				/* "02:55:44 kernel: ": a syslog stamp cut to its clock. */
				if (!q && is_clock(p, e) && e - p > 9 && p[8] == ' ')
					q = match_host_tag(p + 8, e, out, true);
			} else if (*p >= 'A' && *p <= 'W') {
				q = match_syslog(p, e, out);
				if (!q)
					q = match_full(p, e, out);
			}
			if (!q && (is_alpha(*p) || (unsigned char)*p >= 0x80))
				q = match_syslog_local(p, e, out);
			break;
		}
		if (!q)
			break;
		p = q;
	}
	/*
	 * Serial consoles interleave user space output with the kernel's:
	 * "/init: 384: .: [  271.403835] Kernel panic - ...".  A printk stamp
	 * in the middle of an unstamped line starts the kernel's message.
	 */
	if (p == s && !mid_done) {
		for (q = memchr(s, '[', len); q; q = memchr(q + 1, '[', (size_t)(e - q - 1))) {
			const char *r = match_bracket(q, e, out);

			if (r && out->uptime >= 0) {
				mid_done = true;
				p = r;
				goto again;
			}
			out->caller = 0;
			if (e - q < 2)
				break;
		}
	}
	out->stamped = out->uptime >= 0 || out->time;
	out->text = p;
	out->len = (size_t)(e - p);
	while (out->len && (p[out->len - 1] == ' ' || p[out->len - 1] == '\t'))
		out->len--;
}

bool lg_line_needs_clean(const char *s, size_t len)
{
	return memchr(s, '\r', len) || memchr(s, '\033', len) || memchr(s, '\0', len);
}

size_t lg_line_clean(const char *s, size_t len, char *buf)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\r')
			continue;
		if (s[i] == '\033') {
			/* CSI "ESC [ params final" or a two-byte escape. */
			if (i + 1 < len && s[i + 1] == '[') {
				i += 2;
				while (i < len && !(s[i] >= '@' && s[i] <= '~'))
					i++;
			} else {
				i++;
			}
			continue;
		}
		/* A NUL would cut every string made from the line: show it. */
		if (s[i] == '\0') {
			buf[n++] = '\\';
			buf[n++] = '0';
			continue;
		}
		buf[n++] = s[i];
	}
	return n;
}
