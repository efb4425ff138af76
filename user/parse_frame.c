// SPDX-License-Identifier: GPL-2.0
/*
 * Stack lines.  Kernels and architectures print frames in several shapes:
 *   [<ffffffff81067c33>] ? warn_slowpath_common+0x83/0xc0 [mod]   x86 <= 4.x
 *   ? func+0x1a/0x40 [mod]  /  func+0x1a/0x40 mm/x.c:12 [inline]  x86, arm64
 *   [<c0014318>] (dump_backtrace) from [<c001457c>] (show_stack+0x24/0x2c)
 *   unwind_backtrace from show_stack+0x10/0x14                     arm 6.x
 *   [c000000010f930b0] [c000000008068df8] .func+0x278/0x390 (unreliable) ppc
 *   ([<000003ff8086d036>] will_oops_init+0x36/0x1000 [will_oops])   s390
 * The "[<addr>]" and ppc shapes are unmistakable (FRAME_STRONG); the bare
 * ones only count after a "Call Trace:" header (FRAME_BARE).
 */
#include <stdlib.h>
#include <string.h>
#include "parse_int.h"
#include "slice_num.h"

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '$';
}

static size_t hex_run(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && is_hex(s[i]))
		i++;
	return i;
}

void lg_frame_clear(struct lg_frame *f)
{
	free(f->function);
	free(f->module);
	free(f->context);
	memset(f, 0, sizeof(*f));
	f->reliable = true;
}

/* "0x1a" at s: value into *v, returns characters used (0 when none). */
static size_t parse_0x(const char *s, size_t len, uint64_t *v)
{
	size_t n;

	if (len < 3 || s[0] != '0' || s[1] != 'x')
		return 0;
	n = hex_run(s + 2, len - 2);
	if (!n)
		return 0;
	*v = lg_slice_u64(s + 2, s + 2 + n, 16);
	return n + 2;
}

/*
 * Length of the module name in "[mod]" or "[mod BUILDID]" (%pSb) between
 * @p and @close; 0 for anything else.
 */
static size_t module_name_len(const char *p, const char *close)
{
	const char *sp = memchr(p, ' ', (size_t)(close - p));
	size_t n;

	if (!sp)
		return (size_t)(close - p);
	n = hex_run(sp + 1, (size_t)(close - sp - 1));
	return sp > p && n && sp + 1 + n == close ? (size_t)(sp - p) : 0;
}

/* The "[mod]" after a symbol, skipping "file.c:123" and "[inline]". */
static void parse_module(const char *s, size_t len, struct lg_frame *f)
{
	const char *p = s, *e = s + len, *close;
	size_t n;

	while ((p = memchr(p, '[', (size_t)(e - p))) != NULL) {
		close = memchr(p, ']', (size_t)(e - p));
		if (!close)
			return;
		n = module_name_len(p + 1, close);
		if (n && !lg_starts(p, (size_t)(e - p), "[inline]")) {
			free(f->module);
			f->module = strndup(p + 1, n);
			return;
		}
		p = close + 1;
	}
}

bool lg_symbol_parse(const char *s, size_t len, struct lg_frame *f)
{
	size_t n = 0, m;
	uint64_t v;

	char *mod = NULL;

	while (len && (*s == ' ' || *s == '('))
		s++, len--;
	/* RHEL 5 (2.6.18) names the module first: ":jbd2:kjournald2+0x9a/0x1ec". */
	if (len > 2 && s[0] == ':') {
		const char *c = memchr(s + 1, ':', len - 1);

		if (c && c > s + 1 && (size_t)(c - s) < len - 1) {
			mod = strndup(s + 1, (size_t)(c - s - 1));
			len -= (size_t)(c + 1 - s);
			s = c + 1;
		}
	}
	if (mod) {
		bool ok = lg_symbol_parse(s, len, f);

		if (ok && f->function && !f->module)
			f->module = mod;
		else
			free(mod);
		return ok;
	}
	m = parse_0x(s, len, &v);
	if (m && (m == len || s[m] == ' ' || s[m] == ')')) {
		f->has_address = true;
		f->address = v;
		return true;
	}
	while (n < len && is_name_char(s[n]))
		n++;
	if (!n)
		return false;
	if (n < len && s[n] == '+') {
		m = parse_0x(s + n + 1, len - n - 1, &f->offset);
		if (!m)
			return false;
		m += n + 1;
		if (m < len && s[m] == '/')
			m += 1 + parse_0x(s + m + 1, len - m - 1, &f->size);
		parse_module(s + m, len - m, f);
	} else if (n < len && s[n] != ' ' && s[n] != ')') {
		return false;
	}
	/* ppc64 ELFv1 function descriptors print as ".func". */
	if (s[0] == '.' && n > 1)
		s++, n--;
	free(f->function);
	f->function = lg_symbol_name(s, n);
	return true;
}

/* "[<ffffffff81067c33>]" at s: returns characters used, 0 when absent. */
static size_t parse_addr_bracket(const char *s, size_t len, uint64_t *v)
{
	size_t n;

	if (len < 5 || s[0] != '[' || s[1] != '<')
		return 0;
	n = hex_run(s + 2, len - 2);
	if (!n || n + 4 > len || s[n + 2] != '>' || s[n + 3] != ']')
		return 0;
	*v = lg_slice_u64(s + 2, s + 2 + n, 16);
	return n + 4;
}

static const char *skip_blank(const char *s, const char *e)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

static bool take_unreliable(const char **p, const char *e)
{
	if (e - *p >= 2 && (*p)[0] == '?' && (*p)[1] == ' ') {
		*p = skip_blank(*p + 2, e);
		return true;
	}
	return false;
}

/* After "[<addr>]": "? func+0x..", "(func+0x..) from [<..>] (caller)". */
static enum frame_kind strong_rest(const char *p, const char *e,
				   struct lg_frame *f)
{
	const char *close;

	p = skip_blank(p, e);
	if (take_unreliable(&p, e))
		f->reliable = false;
	if (p < e && *p == '(') {
		close = memchr(p, ')', (size_t)(e - p));
		if (close && lg_symbol_parse(p + 1, (size_t)(close - p - 1), f))
			return FRAME_STRONG;
	}
	if (p < e)
		lg_symbol_parse(p, (size_t)(e - p), f);
	return FRAME_STRONG;
}

/* "[c000000010f930b0] [c000000008068df8] .func+0x27c/0x390 (unreliable)" */
static enum frame_kind ppc_frame(const char *s, const char *e,
				 struct lg_frame *f)
{
	size_t n1, n2;
	const char *p;

	n1 = hex_run(s + 1, (size_t)(e - s - 1));
	if (n1 < 8 || s + n1 + 4 >= e || s[n1 + 1] != ']' || s[n1 + 2] != ' ')
		return FRAME_NO;
	p = s + n1 + 3;
	if (*p != '[')
		return FRAME_NO;
	n2 = hex_run(p + 1, (size_t)(e - p - 1));
	if (n2 < 8 || p + n2 + 1 >= e || p[n2 + 1] != ']')
		return FRAME_NO;
	f->has_address = true;
	f->address = lg_slice_u64(p + 1, p + 1 + n2, 16);
	p += n2 + 2;
	if (lg_find(p, (size_t)(e - p), "(unreliable)"))
		f->reliable = false;
	lg_symbol_parse(p, (size_t)(e - p), f);
	return FRAME_STRONG;
}

enum frame_kind lg_frame_parse(const char *s, size_t len, struct lg_frame *f)
{
	const char *e = s + len, *p = s, *from;
	size_t n;

	lg_frame_clear(f);
	if (len >= 2 && s[0] == '(' && s[1] == '[') {	/* s390 first frame */
		p++;
		if (e[-1] == ')')
			e--;
	}
	n = parse_addr_bracket(p, (size_t)(e - p), &f->address);
	if (n) {
		f->has_address = true;
		return strong_rest(p + n, e, f);
	}
	if (p < e && *p == '[' && p + 1 < e && is_hex(p[1])) {
		enum frame_kind k = ppc_frame(p, e, f);

		if (k != FRAME_NO)
			return k;
		lg_frame_clear(f);
	}
	/* i386 2.6.2x: "[warn_on_slowpath+71/115] warn_on_slowpath+0x47/0x73" */
	if (p < e && *p == '[' && (from = memchr(p, ']', (size_t)(e - p))) &&
	    memchr(p, '+', (size_t)(from - p)) && memchr(p, '/', (size_t)(from - p))) {
		p = from + 1;
		while (p < e && *p == ' ')
			p++;
		if (take_unreliable(&p, e))
			f->reliable = false;
		if (lg_symbol_parse(p, (size_t)(e - p), f) && f->function)
			return FRAME_STRONG;
		return FRAME_NO;
	}
	if (take_unreliable(&p, e)) {
		f->reliable = false;
		if (lg_symbol_parse(p, (size_t)(e - p), f))
			return FRAME_BARE;
		return FRAME_NO;
	}
	from = lg_find(p, (size_t)(e - p), " from ");
	if (from) {
		n = 0;
		while (p + n < from && is_name_char(p[n]))
			n++;
		if (p + n != from || !n)
			return FRAME_NO;
		f->function = lg_symbol_name(p, n);
		return FRAME_BARE;
	}
	if (p < e && *p == '0') {	/* "0xfdc88c28": only inside a trace */
		if (lg_symbol_parse(p, (size_t)(e - p), f) && f->has_address &&
		    !f->function && !memchr(p, ' ', (size_t)(e - p)))
			return FRAME_ADDR;
		return FRAME_NO;
	}
	if (lg_symbol_parse(p, (size_t)(e - p), f) && f->size)
		return FRAME_STRONG;	/* "func+0x1a/0x40": unmistakable */
	if (f->offset)
		return FRAME_BARE;
	lg_frame_clear(f);
	return FRAME_NO;
}
