// SPDX-License-Identifier: GPL-2.0
/*
 * Per-line field extraction for oops-style reports: the show_regs header,
 * RIP/PC in its per-architecture spellings, CR2, the call trace,
 * "Modules linked in:", stall facts, the panic message.  OOM lines are in
 * parse_oom.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parse_int.h"
#include "slice_num.h"

char *lg_strndup_trim(const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return strndup(s, len);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool grow(void **arr, size_t *cap, size_t n, size_t size, size_t max)
{
	void *p;
	size_t ncap;

	if (n < *cap)
		return true;
	if (n >= max)
		return false;
	ncap = *cap ? *cap * 2 : 8;
	if (ncap > max)
		ncap = max;
	p = realloc(*arr, ncap * size);
	if (!p)
		return false;
	*arr = p;
	*cap = ncap;
	return true;
}

static void set_str(char **dst, const char *s, size_t len)
{
	if (!*dst)
		*dst = lg_strndup_trim(s, len);
}

/*
 * "Tainted: G        W  OE   5.4.0-122-generic #138-Ubuntu",
 * "Not tainted 5.4.0 #1", "Not tainted (2.6.27.9-159.fc10.i686 #1)":
 * taint letters (G means "only GPL modules" and is not a taint) and the
 * release that follows them.
 */
static void parse_taint_release(struct lg_event *ev, const char *s, size_t len)
{
	const char *e = s + len, *p, *q;
	char letters[40];
	size_t n = 0;

	p = lg_find(s, len, "Not tainted");
	if (p) {
		p += 11;
	} else {
		p = lg_find(s, len, "Tainted: ");
		if (!p)
			return;
		for (p += 9; p < e && !is_digit(*p) && *p != '('; p++)
			if (((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) &&
			    *p != 'G' && n + 1 < sizeof(letters))
				letters[n++] = *p;
		letters[n] = 0;
		if (n && !ev->taint)
			ev->taint = strdup(letters);
	}
	while (p < e && (*p == ' ' || *p == '('))
		p++;
	for (q = p; q < e && *q != ' ' && *q != ')'; q++)
		;
	if (q > p && is_digit(*p) && memchr(p, '.', (size_t)(q - p)))
		set_str(&ev->kernel_release, p, (size_t)(q - p));
}

/* "CPU: 0 PID: 1 Comm: x Tainted: ..." and "CPU: 0 UID: 0 PID: 1 Comm: ..." */
static bool header_cpu(struct lg_build *b, const char *s, size_t len)
{
	struct lg_event *ev = b->ev;
	const char *e = s + len, *pid, *comm, *end;

	if (!lg_starts(s, len, "CPU: ") || len < 6 || !is_digit(s[5]))
		return false;
	pid = lg_find(s, len, " PID: ");
	comm = lg_find(s, len, " Comm: ");
	if (!pid || !comm)
		return false;
	if (b->has_header)
		return true;	/* a second CPU's registers: keep the first */
	b->has_header = true;
	ev->cpu = lg_slice_int(s + 5, e);
	ev->pid = lg_slice_int(pid + 6, e);
	comm += 7;
	end = lg_find(comm, (size_t)(e - comm), " Not tainted");
	if (!end)
		end = lg_find(comm, (size_t)(e - comm), " Tainted:");
	if (!end)
		end = e;
	{
		const char *kd = lg_find(comm, (size_t)(end - comm), " Kdump:");

		if (kd)
			end = kd;
	}
	/* "Comm:  Not tainted": a task whose name was never set. */
	while (comm < end && *comm == ' ')
		comm++;
	if (lg_starts(comm, (size_t)(e - comm), "Not tainted") ||
	    lg_starts(comm, (size_t)(e - comm), "Tainted:"))
		end = comm;
	free(ev->comm);
	ev->comm = end > comm ? lg_strndup_trim(comm, (size_t)(end - comm)) : NULL;
	parse_taint_release(ev, s, len);
	return true;
}

/* 2.6/3.x: "Pid: 143, comm: modprobe Not tainted 2.6.32-19.el6.x86_64 #1" */
static bool header_pid(struct lg_build *b, const char *s, size_t len)
{
	struct lg_event *ev = b->ev;
	const char *e = s + len, *comm, *end;

	if (!lg_starts(s, len, "Pid: "))
		return false;
	comm = lg_find(s, len, ", comm: ");
	if (!comm)
		return false;
	if (b->has_header)
		return true;
	b->has_header = true;
	ev->pid = lg_slice_int(s + 5, e);
	comm += 8;
	while (comm < e && *comm == ' ')
		comm++;
	for (end = comm; end < e && *end != ' '; end++)
		;
	free(ev->comm);
	ev->comm = strndup(comm, (size_t)(end - comm));
	parse_taint_release(ev, end, (size_t)(e - end));
	return true;
}

/* "Process insmod (pid: 1234, threadinfo ..., task ...)" */
static bool header_process(struct lg_build *b, const char *s, size_t len)
{
	const char *pid, *sp;

	if (!lg_starts(s, len, "Process ") || !(pid = lg_find(s, len, " (pid: ")))
		return false;
	sp = s + 8;
	/* "Process (pid: 1, ...)": an empty name (and pid before sp). */
	if (!b->ev->comm && pid > sp) {
		b->ev->comm = strndup(sp, (size_t)(pid - sp));
		b->ev->pid = lg_slice_int(pid + 7, s + len);
	}
	return true;
}

static void set_rip(struct lg_event *ev, const char *s, size_t len)
{
	struct lg_frame f = { .reliable = true };

	if (!lg_symbol_parse(s, len, &f) || (!f.function && !f.has_address)) {
		lg_frame_clear(&f);
		return;
	}
	if (ev->has_rip && ev->rip.function) {
		lg_frame_clear(&f);
		return;
	}
	if (ev->has_rip && !f.function) {
		lg_frame_clear(&f);
		return;
	}
	/* Keep an address learnt earlier ("EIP: 0060:[<c1>]" then "EIP is at"). */
	if (ev->has_rip && !f.has_address && ev->rip.has_address) {
		f.has_address = true;
		f.address = ev->rip.address;
	}
	lg_frame_clear(&ev->rip);
	ev->rip = f;
	ev->has_rip = true;
}

/* After "RIP: 0010:" / "EIP: 0060:": "[<addr>] [<addr>] func+..", "func+..". */
static void rip_after_cs(struct lg_event *ev, const char *p, const char *e)
{
	struct lg_frame f = { .reliable = true };
	enum frame_kind k;

	while (p < e && *p == ' ')
		p++;
	/* Addresses a web page ate: "RIP: 0010:[] [] text_poke+0x1c7/0x270". */
	while (e - p >= 2 && p[0] == '[' && p[1] == ']')
		for (p += 2; p < e && *p == ' '; p++)
			;
	if (p < e && *p == '[') {
		k = lg_frame_parse(p, (size_t)(e - p), &f);
		if (k != FRAME_NO && !ev->has_rip) {
			/* "[<a>]  [<a>] func": the symbol follows the 2nd bracket. */
			const char *q = memchr(p + 1, '[', (size_t)(e - p - 1));
			const char *c = q ? memchr(q, ']', (size_t)(e - q)) : NULL;

			if (!f.function && c)
				lg_symbol_parse(c + 1, (size_t)(e - c - 1), &f);
			/* "EIP: 0061:[<c0161644>] Not tainted VLI": no symbol. */
			if (f.function && !f.offset && !f.size) {
				free(f.function);
				f.function = NULL;
			}
			ev->rip = f;
			ev->has_rip = true;
			return;
		}
		lg_frame_clear(&f);
		return;
	}
	set_rip(ev, p, (size_t)(e - p));
}

static size_t hex_digits(const char *p, const char *e)
{
	const char *q = p;

	while (q < e && ((*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'f')))
		q++;
	return (size_t)(q - p);
}

/*
 * MIPS "epc   : 8f0c1234 func+0x54/0x1a0 [mod]" and RISC-V "epc : func+0x3e/0xd2
 * [mod]"; RISC-V's second "epc : ffffffff0161203e ra : ..." line has the
 * address only and leaves the symbol of the first.
 */
static bool epc_line(struct lg_event *ev, const char *s, size_t len)
{
	const char *e = s + len, *p = s + 3;
	uint64_t addr = 0;
	size_t n;

	if (!lg_starts(s, len, "epc "))
		return false;
	while (p < e && *p == ' ')
		p++;
	if (p >= e || *p != ':')
		return false;
	for (p++; p < e && *p == ' '; p++)
		;
	n = hex_digits(p, e);
	if (n >= 8 && p + n < e && p[n] == ' ') {
		addr = lg_slice_u64(p, p + n, 16);
		for (p += n; p < e && *p == ' '; p++)
			;
		if (lg_starts(p, (size_t)(e - p), "ra "))
			return true;
	}
	set_rip(ev, p, (size_t)(e - p));
	if (addr && ev->has_rip && !ev->rip.has_address) {
		ev->rip.has_address = true;
		ev->rip.address = addr;
	}
	return true;
}

/*
 * The function a WARN names, for architectures that print no PC with it
 * (ARM, arm64 before 4.x): "WARNING: CPU: 0 PID: 1 at FILE:LINE FUNC+0x1/0x2
 * [mod]", "WARNING: at FILE:LINE FUNC()", 7.x "WARNING: [COND] FILE:LINE at
 * FUNC+0x1/0x2 [mod], CPU#0: comm/1"; likewise the function a KASAN
 * report names.  Kept aside: it becomes the RIP of a report that prints
 * none (lg_fields_warn_rip), never of a lockup that a WARN introduces.
 */
static void warn_line(struct lg_build *b, const char *s, size_t len)
{
	const char *e = s + len, *p, *sp, *c, *end;
	struct lg_frame f = { .reliable = true };

	if (!b->warn_rip.function && lg_starts(s, len, "BUG: KASAN: ") &&
	    (p = lg_find(s, len, " in ")) != NULL) {
		/* "BUG: KASAN: slab-use-after-free in detach_worker+0x164/0x180
		 * kernel/workqueue.c:2709"; the "[inline]" lines before it
		 * name the inlined helpers, with no offset. */
		p += 4;
		end = memchr(p, ' ', (size_t)(e - p));
		if (lg_symbol_parse(p, (size_t)((end ? end : e) - p), &f) && f.function &&
		    f.size)
			b->warn_rip = f;
		else
			lg_frame_clear(&f);
		return;
	}
	if (b->warn_rip.function || !lg_starts(s, len, "WARNING: ") ||
	    !(p = lg_find(s, len, " at ")))
		return;
	p += 4;
	sp = memchr(p, ' ', (size_t)(e - p));
	c = sp ? memrchr(p, ':', (size_t)(sp - p)) : NULL;
	if (c && c + 1 < sp && is_digit(c[1]))
		p = sp + 1;	/* "at FILE:LINE FUNC" */
	for (end = p; end < e && *end != ',' && *end != '('; end++)
		;
	if (end > p && lg_symbol_parse(p, (size_t)(end - p), &f) && f.function)
		b->warn_rip = f;
	else
		lg_frame_clear(&f);
}

void lg_fields_warn_rip(struct lg_build *b)
{
	struct lg_event *ev = b->ev;

	bool stall = ev->cls == LG_CLASS_HARD_LOCKUP || ev->cls == LG_CLASS_SOFT_LOCKUP ||
		     ev->cls == LG_CLASS_RCU_STALL || ev->cls == LG_CLASS_HUNG_TASK;

	if (!stall && !ev->has_rip && b->warn_rip.function) {
		ev->rip = b->warn_rip;
		ev->has_rip = true;
	} else {
		lg_frame_clear(&b->warn_rip);
	}
	memset(&b->warn_rip, 0, sizeof(b->warn_rip));
}

static bool rip_line(struct lg_build *b, const char *s, size_t len)
{
	struct lg_event *ev = b->ev;
	const char *e = s + len, *p;

	if (lg_starts(s, len, "RIP: ") || lg_starts(s, len, "EIP: ")) {
		p = s + 5;
		/* Code segment selector: "0010:", Xen PV "e030:". */
		if (e - p > 5 && p[4] == ':' && hex_digits(p, p + 4) == 4) {
			/* Code segment selector: user mode is 0x23/0x33/0x73/0x7b. */
			if (!memcmp(p, "0033", 4) || !memcmp(p, "0023", 4) ||
			    !memcmp(p, "0073", 4) || !memcmp(p, "007b", 4)) {
				if (!ev->has_rip)
					ev->rip_user = true;
				return true;
			}
			rip_after_cs(ev, p + 5, e);
			return true;
		}
		rip_after_cs(ev, p, e);
		return true;
	}
	if (lg_starts(s, len, "RIP  [<") || lg_starts(s, len, "EIP: [<")) {
		if (!ev->has_rip)
			rip_after_cs(ev, s + 5, e);
		return true;
	}
	if (lg_starts(s, len, "IP: ")) {
		rip_after_cs(ev, s + 4, e);
		return true;
	}
	if (lg_starts(s, len, "EIP is at ") || lg_starts(s, len, "PC is at ")) {
		p = s[0] == 'E' ? s + 10 : s + 9;
		set_rip(ev, p, (size_t)(e - p));
		return true;
	}
	if (lg_starts(s, len, "pc : ")) {
		p = s + 5;
		if (p < e && *p != '[')
			set_rip(ev, p, (size_t)(e - p));
		return true;
	}
	if (epc_line(ev, s, len))
		return true;
	warn_line(b, s, len);
	if (lg_starts(s, len, "NIP [") || lg_starts(s, len, "NIP: [")) {
		p = memchr(s, ']', len);
		if (p)
			set_rip(ev, p + 1, (size_t)(e - p - 1));
		return true;
	}
	/* crash(8) "bt": "[exception RIP: down_read_trylock+9]" */
	if ((p = lg_find(s, len, "[exception RIP: ")) != NULL) {
		const char *n = p + 16, *q = n;

		while (q < e && *q != '+' && *q != ']' && *q != ' ')
			q++;
		if (q > n && !ev->has_rip) {
			ev->rip.function = lg_symbol_name(n, (size_t)(q - n));
			ev->rip.reliable = true;
			if (q < e && *q == '+')
				ev->rip.offset = lg_slice_u64(q + 1, e, 10);
			ev->has_rip = true;
		}
		return true;
	}
	if (lg_starts(s, len, "Krnl PSW : ")) {
		p = memchr(s, '(', len);
		if (p)
			set_rip(ev, p + 1, (size_t)(e - p - 1));
		return true;
	}
	return false;
}

static uint64_t hex_value(const char *p, const char *e)
{
	char buf[24];
	size_t n = 0;

	while (p < e && *p == ' ')
		p++;
	if (e - p > 2 && p[0] == '0' && p[1] == 'x')
		p += 2;
	while (p < e && n + 1 < sizeof(buf) &&
	       ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
		buf[n++] = *p++;
	buf[n] = 0;
	return strtoull(buf, NULL, 16);
}

static bool cr2_line(struct lg_event *ev, const char *s, size_t len)
{
	const char *p;

	if (lg_starts(s, len, "CR2: ") || (p = lg_find(s, len, " CR2: ")) == NULL) {
		if (!lg_starts(s, len, "CR2: "))
			return false;
		p = s;
	} else {
		p++;
	}
	if (!ev->has_cr2) {
		ev->has_cr2 = true;
		ev->cr2 = hex_value(p + 5, s + len);
	}
	return true;
}

/* "<IRQ>", "</IRQ>", "<NMI>", "<EOI>", "<TASK>", "<#DF>" ... */
static size_t context_marker(struct lg_build *b, const char *s, size_t len)
{
	const char *close;
	size_t n;

	if (len < 5 || s[0] != '<' || !(close = memchr(s, '>', len < 12 ? len : 12)))
		return 0;
	n = (size_t)(close - s) + 1;
	if (lg_starts(s, len, "<<EOE>>"))
		n = 7;
	if (s[1] == '/' || lg_starts(s, len, "<EOI>") || lg_starts(s, len, "<TASK>") ||
	    lg_starts(s, len, "<<EOE>>")) {
		b->context[0] = 0;
	} else {
		const char *name = s[1] == '#' ? s + 2 : s + 1;
		size_t m = (size_t)(close - name);

		if (m >= sizeof(b->context))
			m = sizeof(b->context) - 1;
		memcpy(b->context, name, m);
		b->context[m] = 0;
	}
	if (b->trace == TRACE_NONE)
		b->trace = TRACE_OPEN;
	return n;
}

static void add_frame(struct lg_build *b, struct lg_frame *f)
{
	struct lg_event *ev = b->ev;

	if (!grow((void **)&ev->trace, &b->cap_trace, ev->ntrace,
		  sizeof(*ev->trace), LG_MAX_FRAMES)) {
		b->truncated = true;
		lg_frame_clear(f);
		return;
	}
	if (b->context[0])
		f->context = strdup(b->context);
	ev->trace[ev->ntrace++] = *f;
	memset(f, 0, sizeof(*f));
}

/* Register dumps inside a trace ("RAX: ...", "r7:df912310 r6:...", "GPR00:"). */
static bool is_register_line(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && i < 8 && ((s[i] >= 'A' && s[i] <= 'Z') ||
				    (s[i] >= 'a' && s[i] <= 'z') || is_digit(s[i])))
		i++;
	if (i == 0 || i >= len || s[i] != ':' || lg_starts(s, len, "Code:"))
		return false;
	i++;
	while (i < len && s[i] == ' ')
		i++;
	return i < len && ((s[i] >= '0' && s[i] <= '9') ||
			   (s[i] >= 'a' && s[i] <= 'f') || s[i] == '[');
}

static bool trace_line(struct lg_build *b, const char *s, size_t len)
{
	struct lg_frame f = { .reliable = true };
	enum frame_kind k;
	size_t n = 0;

	if (lg_starts(s, len, "Call Trace:") || lg_starts(s, len, "Call trace:") ||
	    lg_starts(s, len, "Backtrace:")) {
		if (b->trace == TRACE_NONE)
			b->trace = TRACE_OPEN;
		return true;
	}
	/* "<<EOE>> <IRQ>  [<addr>] func": markers may share a line. */
	for (size_t m; (m = context_marker(b, s, len)) != 0; n += m) {
		s += m, len -= m;
		while (len && *s == ' ')
			s++, len--;
	}
	if (n && !len)
		return true;
	k = lg_frame_parse(s, len, &f);
	if (k == FRAME_NO) {
		lg_frame_clear(&f);
		/*
		 * One stray line (another driver's message) does not end a
		 * trace; a heading ("Allocated by task 1:") or two lines do.
		 */
		if (b->trace == TRACE_OPEN && !n && !is_register_line(s, len)) {
			if (b->trace_gap || (len && s[len - 1] == ':'))
				b->trace = TRACE_DONE;
			b->trace_gap = true;
		}
		return n > 0;
	}
	b->trace_gap = false;
	if (b->trace == TRACE_NONE && k == FRAME_STRONG)
		b->trace = TRACE_OPEN;
	if (k == FRAME_ADDR && (b->trace != TRACE_OPEN || !b->ev->ntrace)) {
		lg_frame_clear(&f);
		return false;
	}
	if (b->trace == TRACE_OPEN)
		add_frame(b, &f);
	lg_frame_clear(&f);
	return true;
}

static bool is_module_token(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && s[i] != '(') {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      is_digit(c) || c == '_' || c == '-'))
			return false;
		i++;
	}
	if (i == 0)
		return false;
	for (; i < len; i++)
		if (!(s[i] == '(' || s[i] == ')' || s[i] == '+' || s[i] == '-' ||
		      (s[i] >= 'A' && s[i] <= 'Z')))
			return false;
	return true;
}

static void add_module(struct lg_build *b, const char *s, size_t len)
{
	struct lg_event *ev = b->ev;
	struct lg_module *m;
	const char *paren = memchr(s, '(', len);
	size_t nlen = paren ? (size_t)(paren - s) : len;
	char taint[16];
	size_t t = 0;

	if (!grow((void **)&ev->modules, &b->cap_modules, ev->nmodules,
		  sizeof(*ev->modules), LG_MAX_MODULES)) {
		b->truncated = true;
		return;
	}
	for (size_t i = nlen; i < len && t + 1 < sizeof(taint); i++)
		if (s[i] != '(' && s[i] != ')')
			taint[t++] = s[i];
	taint[t] = 0;
	m = &ev->modules[ev->nmodules++];
	m->name = strndup(s, nlen);
	m->taint = strdup(taint);
}

/* Every character of [p, q) is in @set (strspn() would run past q). */
static bool all_of(const char *p, const char *q, const char *set)
{
	for (; p < q; p++)
		if (!*p || !strchr(set, *p))
			return false;
	return true;
}

/* Tokens of a modules line; false (and nothing added) if one is not a module. */
static bool module_tokens(struct lg_build *b, const char *s, size_t len,
			  bool check_only)
{
	const char *e = s + len, *p = s, *q;
	size_t ntok = 0;

	while (p < e) {
		while (p < e && *p == ' ')
			p++;
		if (p >= e)
			break;
		if (*p == '[')		/* "[last unloaded: foo]" ends the list */
			break;
		for (q = p; q < e && *q != ' '; q++)
			;
		if (check_only) {
			if (!is_module_token(p, (size_t)(q - p)))
				return false;
			ntok++;
			/* Stack words are hex; "CPU 1" lines are not modules either. */
			if ((q - p >= 8 && all_of(p, q, "0123456789abcdef")) ||
			    all_of(p, q, "0123456789"))
				return false;
		} else {
			add_module(b, p, (size_t)(q - p));
		}
		p = q;
	}
	return !check_only || ntok > 0;
}

static bool modules_line(struct lg_build *b, const char *s, size_t len)
{
	const char *p = lg_find(s, len, "Modules linked in:");

	if (p) {
		if (b->ev->nmodules) {		/* a second report's list */
			b->in_modules = false;
			return true;
		}
		p += 18;
		module_tokens(b, p, (size_t)(s + len - p), false);
		b->in_modules = !lg_find(p, (size_t)(s + len - p), "[last unloaded");
		return true;
	}
	if (b->in_modules && module_tokens(b, s, len, true)) {
		module_tokens(b, s, len, false);
		return true;
	}
	b->in_modules = false;
	return false;
}

/* "soft lockup - CPU#3 stuck for 22s! [kworker/3:1:123]" */
static void stall_task_bracket(struct lg_stall *st, const char *s, size_t len)
{
	const char *open = memchr(s, '[', len), *close, *colon = NULL;

	if (!open || !(close = memchr(open, ']', (size_t)(s + len - open))))
		return;
	for (const char *p = open; p < close; p++)
		if (*p == ':')
			colon = p;
	if (!colon)
		return;
	set_str(&st->task, open + 1, (size_t)(colon - open - 1));
	st->pid = lg_slice_int(colon + 1, close);
}

static bool stall_line(struct lg_build *b, const char *s, size_t len)
{
	struct lg_stall *st = &b->ev->stall;
	const char *p, *e = s + len;

	if ((p = lg_find(s, len, "soft lockup - CPU#")) != NULL) {
		st->present = true;
		st->cpu = lg_slice_int(p + 18, e);
		if ((p = lg_find(s, len, "stuck for ")) != NULL)
			st->seconds = lg_slice_double(p + 10, e, -1);
		stall_task_bracket(st, s, len);
		return true;
	}
	if ((p = lg_find(s, len, "hard LOCKUP on cpu ")) != NULL) {
		st->present = true;
		st->cpu = lg_slice_int(p + 19, e);
		return true;
	}
	if ((p = lg_find(s, len, "INFO: task ")) != NULL &&
	    (lg_find(s, len, " blocked for more than ") ||
	     lg_find(s, len, " blocked in "))) {
		const char *name = p + 11, *colon = NULL, *q;

		st->present = true;
		for (q = name; q < e && *q != ' '; q++)
			if (*q == ':')
				colon = q;
		if (colon) {
			set_str(&st->task, name, (size_t)(colon - name));
			st->pid = lg_slice_int(colon + 1, e);
			b->hung_task = true;
		}
		if ((q = lg_find(s, len, "more than ")) != NULL)
			st->seconds = lg_slice_double(q + 10, e, -1);
		return true;
	}
	if (lg_find(s, len, "self-detected stall on CPU") ||
	    lg_find(s, len, "detected stalls on CPUs")) {
		st->present = true;
		b->stall_wants_cpu = true;
		/* 3.x: "... detected stalls on CPUs/tasks: { 3} (detected by 0, ...)" */
		if ((p = memchr(s, '{', len)) != NULL) {
			while (++p < e && *p == ' ')
				;
			if (p < e && is_digit(*p)) {
				st->cpu = lg_slice_int(p, e);
				b->stall_wants_cpu = false;
			}
		}
		return true;
	}
	/* "rcu: \t3-....: (20999 ticks this GP)" names the stalled CPU. */
	if (b->stall_wants_cpu) {
		p = s;
		if (lg_starts(s, len, "rcu:"))
			p += 4;
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (p < e && is_digit(*p)) {
			const char *q = p;

			while (q < e && is_digit(*q))
				q++;
			if (q < e && *q == '-') {
				st->cpu = lg_slice_int(p, e);
				b->stall_wants_cpu = false;
				return true;
			}
		}
	}
	return false;
}

/* "NAME/PID is trying to acquire lock:": comm cut at the last '/'. */
static void task_slash_pid(struct lg_build *b, const char *s, const char *e)
{
	const char *slash = NULL;

	for (const char *q = s; q < e; q++)
		if (*q == '/')
			slash = q;
	if (slash && slash > s && slash + 1 < e && is_digit(slash[1])) {
		b->ev->comm = strndup(s, (size_t)(slash - s));
		b->ev->pid = lg_slice_int(slash + 1, e);
	}
}

/*
 * Other lines that name the task of a report without a "Comm:" header:
 * lockdep's "kswapd0/123 is trying to acquire lock:", might_sleep's "...,
 * pid: 1, name: swapper/0", powerpc's "TASK = c0[950] 'bash' THREAD:",
 * "Thread-28: page allocation failure.", "Bad page state in process
 * 'rrdshim'" / "BUG: Bad page state in process dd  pfn:1234".
 */
static void task_named(struct lg_build *b, const char *s, size_t len)
{
	const char *e = s + len, *p, *q;

	if ((p = lg_find(s, len, " is trying to acquire lock:")) != NULL ||
	    (p = lg_find(s, len, " is trying to release lock")) != NULL ||
	    (p = lg_find(s, len, " just changed the state of lock:")) != NULL) {
		q = p;
		while (q > s && q[-1] != ' ')
			q--;
		task_slash_pid(b, q, p);
	} else if ((p = lg_find(s, len, ", pid: ")) != NULL &&
		   (q = lg_find(s, len, ", name: ")) != NULL && q > p) {
		b->ev->pid = lg_slice_int(p + 7, e);
		b->ev->comm = lg_strndup_trim(q + 8, (size_t)(e - q - 8));
	} else if (lg_starts(s, len, "TASK = ") && (p = memchr(s, '\'', len)) != NULL &&
		   (q = memchr(p + 1, '\'', (size_t)(e - p - 1))) != NULL) {
		b->ev->comm = strndup(p + 1, (size_t)(q - p - 1));
	} else if ((p = lg_find(s, len, ": page allocation failure")) != NULL) {
		q = p;
		while (q > s && q[-1] != ' ')
			q--;
		if (p > q)
			b->ev->comm = strndup(q, (size_t)(p - q));
	} else if ((p = lg_find(s, len, "page state in process ")) != NULL) {
		p += 22;
		if (p < e && *p == '\'')
			p++;
		for (q = p; q < e && *q != ' ' && *q != '\''; q++)
			;
		if (q > p)
			b->ev->comm = strndup(p, (size_t)(q - p));
	}
}

/* "BUG: scheduling while atomic: kworker/u8:2/1234/0x00000002": the comm
 * may hold '/' itself, so pid and preempt count are cut from the right. */
static void atomic_task(struct lg_build *b, const char *s, size_t len)
{
	const char *e = s + len, *p, *q, *slash1 = NULL, *slash2 = NULL;

	if (b->ev->comm)
		return;
	task_named(b, s, len);
	if (b->ev->comm)
		return;
	p = lg_find(s, len, "scheduling while atomic: ");
	if (!p)
		return;
	p += 25;
	for (q = p; q < e && *q != ' '; q++)
		if (*q == '/')
			slash1 = slash2, slash2 = q;
	if (!slash1 || slash1 == p || !is_digit(slash1[1]))
		return;
	b->ev->comm = strndup(p, (size_t)(slash1 - p));
	b->ev->pid = lg_slice_int(slash1 + 1, slash2);
}

static bool misc_line(struct lg_build *b, const char *s, size_t len)
{
	struct lg_event *ev = b->ev;
	const char *p;

	atomic_task(b, s, len);
	if ((p = lg_find(s, len, "Kernel panic - not syncing: ")) != NULL) {
		if (!lg_starts(s, len, "---[ end"))
			set_str(&ev->panic_message, p + 28, (size_t)(s + len - p - 28));
		ev->fatal = true;
		return true;
	}
	if (lg_starts(s, len, "Hardware name: ")) {
		set_str(&ev->hardware, s + 15, len - 15);
		return true;
	}
	if (lg_starts(s, len, "Workqueue: ")) {
		set_str(&ev->workqueue, s + 11, len - 11);
		return true;
	}
	if (lg_starts(s, len, "REGS: ") || lg_starts(s, len, "Tainted: ") ||
	    lg_starts(s, len, "Not tainted ")) {
		parse_taint_release(ev, s, len);
		return true;
	}
	/* ARM 3.x: "CPU: 0    Tainted: G   C O  (3.4.0-1487-omap4 #6-Ubuntu)" */
	if (lg_starts(s, len, "CPU: ") && !lg_find(s, len, " PID: ") &&
	    (lg_find(s, len, " Tainted: ") || lg_find(s, len, " Not tainted"))) {
		parse_taint_release(ev, s, len);
		return true;
	}
	/* lockdep: "3.4.0 #3275 Tainted: G        W" / "... Not tainted" */
	if (len && is_digit(s[0]) && (lg_find(s, len, " Tainted: ") ||
				       lg_find(s, len, " Not tainted"))) {
		const char *sp = memchr(s, ' ', len);

		if (sp && sp + 1 < s + len && sp[1] == '#' && memchr(s, '.', (size_t)(sp - s)))
			set_str(&ev->kernel_release, s, (size_t)(sp - s));
		parse_taint_release(ev, s, len);
		return true;
	}
	/* i386 2.6: "EFLAGS: 00010202   (2.6.27.9-159.fc10.i686 #1)" */
	if (lg_starts(s, len, "EFLAGS: ") && (p = memchr(s, '(', len)) != NULL) {
		const char *q = p + 1;

		while (q < s + len && *q != ' ' && *q != ')')
			q++;
		if (p + 1 < s + len && is_digit(p[1]) && memchr(p, '.', (size_t)(q - p)))
			set_str(&ev->kernel_release, p + 1, (size_t)(q - p - 1));
		return true;
	}
	return false;
}

bool lg_fields_line(struct lg_build *b, const char *s, size_t len)
{
	bool known = false;

	if (modules_line(b, s, len))
		return true;
	known |= header_cpu(b, s, len) || header_pid(b, s, len) ||
		 header_process(b, s, len);
	known |= rip_line(b, s, len);
	known |= cr2_line(b->ev, s, len);
	known |= misc_line(b, s, len);
	known |= stall_line(b, s, len);
	known |= lg_oom_line(b, s, len);
	known |= lg_mce_line(b, s, len);
	known |= trace_line(b, s, len);
	return known || is_register_line(s, len);
}

static bool is_tainting(const struct lg_module *m)
{
	return strpbrk(m->taint, "POEF") != NULL;
}

/*
 * Reports that print no "CPU: N PID: N Comm:" line name their task on the
 * first line.  A hung task's header, when there is one, is khungtaskd's
 * (the watchdog that reports it): the blocked task is the event's.
 */
static void task_from_first_line(struct lg_build *b)
{
	struct lg_event *ev = b->ev;
	const char *comm = NULL;
	int pid = -1;

	if (ev->stall.task && (b->hung_task || !ev->comm)) {
		comm = ev->stall.task;
		pid = ev->stall.pid;
	} else if (!ev->comm && ev->oom.invoker) {
		comm = ev->oom.invoker;
		pid = ev->oom.invoker_pid > 0 ? ev->oom.invoker_pid : -1;
	}
	if (!comm)
		return;
	free(ev->comm);
	ev->comm = strdup(comm);
	ev->pid = pid;
}

void lg_fields_finish(struct lg_build *b)
{
	struct lg_event *ev = b->ev;
	size_t n = 0;

	for (size_t i = 0; i < ev->nmodules; i++)
		n += is_tainting(&ev->modules[i]);
	if (n && !ev->tainting_modules) {
		ev->tainting_modules = calloc(n, sizeof(char *));
		for (size_t i = 0; ev->tainting_modules && i < ev->nmodules; i++)
			if (is_tainting(&ev->modules[i]))
				ev->tainting_modules[ev->ntainting++] =
					strdup(ev->modules[i].name);
	}
	lg_oom_finish(b);
	lg_mce_finish(b);
	task_from_first_line(b);
}
