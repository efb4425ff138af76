// SPDX-License-Identifier: GPL-2.0
/*
 * One checker per corpus source.  Each reads the facts its source's test
 * suite asserts (see "annotation_semantics" in every .expect.json) and
 * scores the events the parser produced against them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "corpus.h"

static const char *jstr(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !v ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

/* Whether @key exists (possibly as JSON null). */
static bool jhas(json_object *o, const char *key)
{
	return json_object_object_get_ex(o, key, NULL);
}

static json_object *jget(json_object *o, const char *key)
{
	json_object *v = NULL;

	json_object_object_get_ex(o, key, &v);
	return v;
}

static const struct lg_event *first(const struct corpus_events *e)
{
	return e->n ? e->ev[0] : NULL;
}

static size_t taint_len(const struct lg_event *ev)
{
	return ev && ev->taint ? strlen(ev->taint) : 0;
}

/* satyr's taint flag names, by kernel taint letter. */
static const struct {
	const char *name;
	char letter;
} taint_names[] = {
	{ "module_proprietary", 'P' }, { "module_forced", 'F' },
	{ "smp_unsafe", 'S' }, { "forced_removal", 'R' },
	{ "machine_check", 'M' }, { "page_release", 'B' },
	{ "userspace", 'U' }, { "died_recently", 'D' },
	{ "acpi_overridden", 'A' }, { "warning", 'W' }, { "staging", 'C' },
	{ "firmware_workaround", 'I' }, { "module_out_of_tree", 'O' },
	{ "unsigned_module", 'E' }, { "soft_lockup", 'L' },
	{ "live_patched", 'K' },
};

static void check_taint_flags(struct corpus_score *s, json_object *flags,
			      const struct lg_event *ev)
{
	char want[32] = "";
	size_t n = 0;
	bool ok;

	for (size_t i = 0; i < json_object_array_length(flags) && n + 1 < sizeof(want); i++) {
		const char *name = json_object_get_string(json_object_array_get_idx(flags, i));

		for (size_t k = 0; k < sizeof(taint_names) / sizeof(taint_names[0]); k++)
			if (!strcmp(name, taint_names[k].name))
				want[n++] = taint_names[k].letter;
	}
	want[n] = 0;
	ok = ev && taint_len(ev) == n;
	for (size_t i = 0; ok && i < n; i++)
		ok = strchr(ev->taint, want[i]) != NULL;
	corpus_fact(s, "taint_flags", ok, want, ev ? ev->taint : NULL);
}

static void check_modules(struct corpus_score *s, json_object *mods,
			  const struct lg_event *ev)
{
	size_t n = json_object_array_length(mods);
	bool ok = ev && ev->nmodules == n;

	for (size_t i = 0; ok && i < n; i++)
		ok = !strcmp(ev->modules[i].name,
			     json_object_get_string(json_object_array_get_idx(mods, i)));
	corpus_fact(s, "modules", ok, "the module list", ok ? "the module list" : "a different list");
}

/*
 * satyr parses every "[<addr>] func+off/len" line as a frame, so the
 * x86 register dump's "RIP: 0010:[<addr>]  [<addr>] func" counts as the
 * top frame.  Our RIP lives apart from the trace: add it back.
 */
static bool satyr_rip_frame(const struct lg_event *ev)
{
	for (size_t i = 0; ev && ev->has_rip && ev->rip.function && i < ev->nlines; i++)
		if ((!strncmp(ev->lines[i].line, "RIP: ", 5) ||
		     !strncmp(ev->lines[i].line, "EIP: ", 5)) &&
		    strstr(ev->lines[i].line, "[<"))
			return true;
	return false;
}

void corpus_check_satyr(struct corpus_score *s, json_object *a,
			const struct corpus_events *e)
{
	const struct lg_event *ev = first(e);
	bool rip = satyr_rip_frame(ev);
	const struct lg_frame *f0 = rip ? &ev->rip : ev && ev->ntrace ? &ev->trace[0] : NULL;
	const struct lg_frame *fn = ev && ev->ntrace ? &ev->trace[ev->ntrace - 1] : f0;
	json_object *v;

	if (jhas(a, "first_function_name"))
		corpus_fact_str(s, "first_function_name", jstr(a, "first_function_name"),
				f0 ? f0->function : NULL);
	if (jhas(a, "last_function_name"))
		corpus_fact_str(s, "last_function_name", jstr(a, "last_function_name"),
				fn ? fn->function : NULL);
	if ((v = jget(a, "frame_count")))
		corpus_fact_int(s, "frame_count", json_object_get_int(v),
				ev ? (long)(ev->ntrace + rip) : -1);
	if ((v = jget(a, "taint_count")))
		corpus_fact_int(s, "taint_count", json_object_get_int(v),
				(long)taint_len(ev));
	if ((v = jget(a, "module_count")))
		corpus_fact_int(s, "module_count", json_object_get_int(v),
				ev ? (long)ev->nmodules : -1);
	if (jhas(a, "first_frame_special_stack"))
		corpus_fact_str(s, "first_frame_special_stack",
				jstr(a, "first_frame_special_stack"),
				f0 ? f0->context : NULL);
	if (jhas(a, "last_frame_special_stack"))
		corpus_fact_str(s, "last_frame_special_stack",
				jstr(a, "last_frame_special_stack"),
				fn ? fn->context : NULL);
	if ((v = jget(a, "modules")))
		check_modules(s, v, ev);
	if ((v = jget(a, "taint_flags")))
		check_taint_flags(s, v, ev);
	if (jstr(a, "reason"))
		corpus_fact_str(s, "reason (title)", jstr(a, "reason"),
				ev ? ev->title : NULL);
}

/* abrt's short taint string keeps the 'G' placeholder; ours drops it. */
static void check_abrt_taint(struct corpus_score *s, const char *want,
			     const struct lg_event *ev)
{
	char w[32];
	size_t n = 0;

	for (const char *p = want; *p && n + 1 < sizeof(w); p++)
		if (*p != 'G' && *p != ' ')
			w[n++] = *p;
	w[n] = 0;
	corpus_fact_str(s, "tainted", n ? w : NULL, ev ? ev->taint : NULL);
}

void corpus_check_abrt(struct corpus_score *s, json_object *a,
		       const struct corpus_events *e)
{
	json_object *oopses = jget(a, "oopses"), *v;

	if ((v = jget(a, "oops_count")))
		corpus_fact_int(s, "oops_count", json_object_get_int(v), (long)e->n);
	if (jstr(a, "tainted"))
		check_abrt_taint(s, jstr(a, "tainted"), first(e));
	for (size_t i = 0; oopses && i < json_object_array_length(oopses); i++) {
		json_object *o = json_object_array_get_idx(oopses, i);
		const struct lg_event *ev = i < e->n ? e->ev[i] : NULL;
		const char *version = jstr(o, "version"), *line = jstr(o, "first_line");

		if (version && *version)
			corpus_fact_str(s, "version", version,
					ev ? ev->kernel_release : NULL);
		if (line && *line)
			corpus_fact(s, "crash line", ev && corpus_event_has_line(ev, line),
				    line, ev && ev->nlines ? ev->lines[0].line : NULL);
	}
}

/* "#3 ? _spin_unlock_irqrestore": frame 3 of the report's backtrace. */
static void check_payload_frame(struct corpus_score *s, const char *want,
				const struct lg_event *ev)
{
	char *end;
	long n = strtol(want + 1, &end, 10);
	const char *got = NULL;

	if (end == want + 1 || *end != ' ')
		return;
	if (ev && n >= 1 && (size_t)n <= ev->ntrace)
		got = corpus_frame_name(&ev->trace[n - 1]);
	corpus_fact_str(s, "backtrace frame", end + 1, got);
}

static bool modules_contain(const struct lg_event *ev, const char *want)
{
	char buf[16384] = "";
	size_t n = 0;

	for (size_t i = 0; ev && i < ev->nmodules; i++)
		n += (size_t)snprintf(buf + n, n < sizeof(buf) ? sizeof(buf) - n : 0,
				      "%s%s", i ? " " : "", ev->modules[i].name);
	return n < sizeof(buf) && strstr(buf, want);
}

void corpus_check_telemetrics(struct corpus_score *s, json_object *a,
			      const struct corpus_events *e)
{
	const struct lg_event *ev = first(e);
	const char *version = jstr(a, "kernel_version"), *tainted = jstr(a, "tainted");
	const char *reason = jstr(a, "reason");
	json_object *v;

	if (version) {
		char rel[128];

		snprintf(rel, sizeof(rel), "%.*s", (int)strcspn(version, " "), version);
		corpus_fact_str(s, "kernel_version", rel, ev ? ev->kernel_release : NULL);
	}
	if (tainted) {
		if (!strcmp(tainted, "Not tainted"))
			corpus_fact_str(s, "tainted", NULL, ev ? ev->taint : NULL);
		else
			check_abrt_taint(s, tainted, ev);
	}
	if (reason) {
		/* Trailing blanks of a log line carry no meaning; we drop them. */
		char *r = strdup(reason);
		size_t n = strlen(r);

		while (n && r[n - 1] == ' ')
			r[--n] = 0;
		corpus_fact(s, "reason line", ev && corpus_event_has_line(ev, r),
			    r, ev && ev->nlines ? ev->lines[0].line : NULL);
		free(r);
	}
	v = jget(a, "payload_contains");
	for (size_t i = 0; v && i < json_object_array_length(v); i++) {
		const char *p = json_object_get_string(json_object_array_get_idx(v, i));

		if (p[0] == '#')
			check_payload_frame(s, p, ev);
	}
	v = jget(a, "modules_substrings");
	for (size_t i = 0; v && i < json_object_array_length(v); i++) {
		const char *m = json_object_get_string(json_object_array_get_idx(v, i));

		corpus_fact(s, "modules", modules_contain(ev, m), m, "no such run");
	}
}

static bool is_crash_error(json_object *err)
{
	const char *type = jstr(err, "error_type");

	return type && strncmp(type, "linux.kernel.", 13) == 0 &&
	       strcmp(type, "linux.kernel.error_return_code") != 0;
}

/* logspec's call_trace entries: "func+0x1/0x2", "? func", "a from b+0x..". */
static void check_logspec_trace(struct corpus_score *s, json_object *trace,
				const struct lg_event *ev)
{
	size_t k = 0;
	bool ok = ev != NULL;
	char want[256] = "", got[256] = "";

	for (size_t i = 0; ok && i < json_object_array_length(trace); i++) {
		const char *t = json_object_get_string(json_object_array_get_idx(trace, i));
		size_t n;

		if (t[0] == '<')
			continue;
		n = strcspn(t, " +");
		if (!strncmp(t, "? ", 2))
			n = 2 + strcspn(t + 2, " +");
		snprintf(want, sizeof(want), "%.*s", (int)n, t);
		snprintf(got, sizeof(got), "%s",
			 k < ev->ntrace ? corpus_frame_name(&ev->trace[k]) : "(end)");
		ok = !strcmp(want, got);
		k++;
	}
	if (ok && ev && k != ev->ntrace) {
		ok = false;
		snprintf(want, sizeof(want), "%zu frames", k);
		snprintf(got, sizeof(got), "%zu frames", ev->ntrace);
	}
	corpus_fact(s, "call_trace", ok, want, got);
}

void corpus_check_logspec(struct corpus_score *s, json_object *a,
			  const struct corpus_events *e)
{
	json_object *errors = jget(jget(a, "expected"), "errors");
	size_t k = 0;

	for (size_t i = 0; errors && i < json_object_array_length(errors); i++) {
		json_object *err = json_object_array_get_idx(errors, i), *v;
		const struct lg_event *ev;
		const char *hw = jstr(err, "hardware");

		if (!is_crash_error(err))
			continue;
		ev = k < e->n ? e->ev[k] : NULL;
		k++;
		corpus_fact(s, "error found", ev != NULL, jstr(err, "error_summary"), NULL);
		if (hw)
			corpus_fact_str(s, "hardware", hw, ev ? ev->hardware : NULL);
		if ((v = jget(err, "call_trace")))
			check_logspec_trace(s, v, ev);
	}
	corpus_fact_int(s, "error count", (long)k, (long)e->n);
}

void corpus_check_squad(struct corpus_score *s, json_object *a,
			const struct corpus_events *e)
{
	json_object *checks = jget(a, "checks");

	for (size_t i = 0; checks && i < json_object_array_length(checks); i++) {
		json_object *c = json_object_array_get_idx(checks, i);
		json_object *contains = jget(c, "contains");
		const char *name = jstr(c, "check");
		bool failed = json_object_get_boolean(jget(c, "failed"));

		if (!failed) {
			/* squad saw no panic: neither may we. */
			if (name && !strcmp(name, "check-kernel-panic")) {
				bool any = false;

				for (size_t k = 0; k < e->n; k++)
					any |= e->ev[k]->panic_message != NULL;
				corpus_fact(s, name, !any, "no panic", "a panic");
			}
			continue;
		}
		for (size_t j = 0; contains && j < json_object_array_length(contains); j++) {
			const char *want = json_object_get_string(json_object_array_get_idx(contains, j));
			bool found = false;

			if (!strncmp(want, "] ", 2))
				want += 2;
			for (size_t k = 0; k < e->n && !found; k++)
				found = corpus_event_has_line(e->ev[k], want);
			corpus_fact(s, name ? name : "check", found, want, "no event line");
		}
	}
}
