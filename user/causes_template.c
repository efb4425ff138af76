// SPDX-License-Identifier: GPL-2.0
/*
 * Rule texts may name facts of the event ("{culprit}", "{victim_rss}",
 * "{release_tail}") so that a remedy can say which module to remove or
 * which hotfix package to install.  The loader rejects unknown names, so
 * a typo never reaches a report.  "[[ text {var}]]" is kept only when
 * every variable in it is known.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "causes_int.h"

static const char *const builtins[] = {
	"release", "release_tail", "rip", "culprit", "guilty_frame",
	"tainting_modules", "taint", "comm", "pid", "cpu", "victim",
	"victim_pid", "victim_rss", "victim_share", "invoker", "order",
	"gfp_mask", "memcg", "stall_cpu", "stall_seconds", "stall_task",
	"fixed", "hardware", "panic_message", "event_title", "workqueue",
	"class", "slab_unreclaimable", "mem_total", "hw_location", "device",
	"sysctl",
};

bool lg_template_builtin(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (strlen(builtins[i]) == len && !strncmp(builtins[i], name, len))
			return true;
	return false;
}

struct sbuf {
	char *s;
	size_t len, cap;
	bool oom;
	int unknown;	/* variables that expanded to "unknown"/"none" */
};

static void put(struct sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *ns = realloc(b->s, cap);

		if (!ns) {
			b->oom = true;
			return;
		}
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void putf(struct sbuf *b, const char *fmt, ...)
{
	char tmp[64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	put(b, tmp, strlen(tmp));
}

static void puts_or_unknown(struct sbuf *b, const char *s)
{
	if (!s || !*s) {
		s = "unknown";
		b->unknown++;
	}
	put(b, s, strlen(s));
}

/* "24027836 kB" reads better as "22.9 GiB". */
static void put_kb(struct sbuf *b, uint64_t kb)
{
	if (!kb)
		puts_or_unknown(b, NULL);
	else if (kb >= 1024 * 1024)
		putf(b, "%.1f GiB", kb / (1024.0 * 1024.0));
	else if (kb >= 1024)
		putf(b, "%.1f MiB", kb / 1024.0);
	else
		putf(b, "%llu kB", (unsigned long long)kb);
}

static void put_list(struct sbuf *b, char **v, size_t n)
{
	if (!n) {
		put(b, "none", 4);
		b->unknown++;
	}
	for (size_t i = 0; i < n; i++) {
		if (i)
			put(b, ", ", 2);
		put(b, v[i], strlen(v[i]));
	}
}

static void put_int(struct sbuf *b, long v)
{
	if (v < 0)
		puts_or_unknown(b, NULL);
	else
		putf(b, "%ld", v);
}

static void put_var(struct sbuf *b, const char *name, const struct lg_event *ev,
		    const char *culprit, const char *fixed)
{
	const struct lg_oom *o = &ev->oom;

#define IS(n) (!strcmp(name, n))
	if (IS("release")) {
		puts_or_unknown(b, ev->kernel_release);
	} else if (IS("release_tail")) {
		const char *r = ev->kernel_release;

		puts_or_unknown(b, r && strrchr(r, '-') ? strrchr(r, '-') + 1 : r);
	} else if (IS("rip")) {
		puts_or_unknown(b, ev->has_rip ? ev->rip.function : NULL);
	} else if (IS("culprit")) {
		puts_or_unknown(b, culprit ? culprit : ev->culprit_module);
	} else if (IS("guilty_frame")) {
		puts_or_unknown(b, ev->guilty_frame);
	} else if (IS("tainting_modules")) {
		put_list(b, ev->tainting_modules, ev->ntainting);
	} else if (IS("taint")) {
		puts_or_unknown(b, ev->taint);
	} else if (IS("comm")) {
		puts_or_unknown(b, ev->comm);
	} else if (IS("pid")) {
		put_int(b, ev->pid);
	} else if (IS("cpu")) {
		put_int(b, ev->cpu);
	} else if (IS("victim")) {
		puts_or_unknown(b, o->victim_comm);
	} else if (IS("victim_pid")) {
		put_int(b, o->victim_pid > 0 ? o->victim_pid : -1);
	} else if (IS("victim_rss")) {
		put_kb(b, o->victim_rss_kb);
	} else if (IS("victim_share")) {
		if (!isfinite(o->victim_ram_share) || o->victim_ram_share < 0)
			puts_or_unknown(b, NULL);
		else
			putf(b, "%.0f%%", o->victim_ram_share * 100);
	} else if (IS("invoker")) {
		puts_or_unknown(b, o->invoker);
	} else if (IS("order")) {
		put_int(b, o->order);
	} else if (IS("gfp_mask")) {
		puts_or_unknown(b, o->gfp_mask);
	} else if (IS("memcg")) {
		puts_or_unknown(b, o->memcg);
	} else if (IS("stall_cpu")) {
		put_int(b, ev->stall.cpu);
	} else if (IS("stall_seconds")) {
		/* A hostile log may claim "1e999s": no conversion of that to long. */
		double s = ev->stall.seconds;

		put_int(b, isfinite(s) && s >= 0 && s < 1e15 ? (long)s : -1);
	} else if (IS("stall_task")) {
		puts_or_unknown(b, ev->stall.task);
	} else if (IS("fixed")) {
		puts_or_unknown(b, fixed);
	} else if (IS("hardware")) {
		puts_or_unknown(b, ev->hardware);
	} else if (IS("panic_message")) {
		puts_or_unknown(b, ev->panic_message);
	} else if (IS("event_title")) {
		puts_or_unknown(b, ev->title);
	} else if (IS("workqueue")) {
		puts_or_unknown(b, ev->workqueue);
	} else if (IS("hw_location")) {
		puts_or_unknown(b, ev->hw_location);
	} else if (IS("device")) {
		char dev[64];

		puts_or_unknown(b, lg_event_device(ev, dev, sizeof(dev)) ? dev : NULL);
	} else if (IS("sysctl")) {
		puts_or_unknown(b, lg_event_sysctl(ev));
	} else if (IS("class")) {
		puts_or_unknown(b, lg_class_name(ev->cls));
	} else if (IS("slab_unreclaimable")) {
		put_kb(b, o->slab_unreclaimable_kb);
	} else if (IS("mem_total")) {
		put_kb(b, o->mem_total_kb);
	} else {
		/* a named group that did not take part in the match */
		puts_or_unknown(b, NULL);
	}
#undef IS
}

struct expand_ctx {
	const struct lg_event *ev;
	const char *const *cap_names, *const *cap_vals;
	size_t ncap;
	const char *culprit, *fixed;
};

/* Expand [p, e) into @b: text, {variables}, and optional [[...]] parts. */
static void expand(struct sbuf *b, const char *p, const char *e,
		   const struct expand_ctx *x)
{
	while (p < e) {
		const char *open = p, *close;
		size_t n, i;
		char name[40];

		while (open < e && *open != '{' && !(*open == '[' && open + 1 < e && open[1] == '['))
			open++;
		put(b, p, (size_t)(open - p));
		if (open >= e)
			break;
		/*
		 * "[[on {device}]]": kept only when every variable in it is
		 * known, so a remedy names the device, process or sysctl of
		 * the event when it has one and reads well when it has not.
		 */
		if (*open == '[') {
			struct sbuf part = { 0 };

			close = memmem(open + 2, (size_t)(e - open - 2), "]]", 2);
			if (!close) {
				put(b, open, (size_t)(e - open));
				break;
			}
			put(&part, "", 0);
			expand(&part, open + 2, close, x);
			if (!part.unknown && !part.oom)
				put(b, part.s, part.len);
			b->oom |= part.oom;
			free(part.s);
			p = close + 2;
			continue;
		}
		n = strspn(open + 1, "abcdefghijklmnopqrstuvwxyz0123456789_");
		if (!n || open + 1 + n >= e || open[1 + n] != '}' || n >= sizeof(name)) {
			put(b, "{", 1);
			p = open + 1;
			continue;
		}
		memcpy(name, open + 1, n);
		name[n] = '\0';
		p = open + n + 2;
		/* A rule's own capture wins over a built-in of the same name. */
		for (i = x->ncap; i > 0; i--)
			if (!strcmp(x->cap_names[i - 1], name))
				break;
		if (i > 0)
			puts_or_unknown(b, x->cap_vals[i - 1]);
		else
			put_var(b, name, x->ev, x->culprit, x->fixed);
	}
}

char *lg_template_expand(const char *tpl, const struct lg_event *ev,
			 const char *const *cap_names,
			 const char *const *cap_vals, size_t ncap,
			 const char *culprit, const char *fixed)
{
	const struct expand_ctx x = { ev, cap_names, cap_vals, ncap, culprit, fixed };
	struct sbuf b = { 0 };

	put(&b, "", 0);
	expand(&b, tpl, tpl + strlen(tpl), &x);
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}
