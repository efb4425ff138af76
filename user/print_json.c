// SPDX-License-Identifier: GPL-2.0
/*
 * struct lg_event -> the EVENT object of the JSON contract (docs/json.md).
 * Every key is always present; what is unknown is null, never omitted and
 * never a placeholder.  Addresses are "0x..." strings so that 64-bit values
 * survive JSON readers that hold numbers as doubles.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "print.h"
#include "text_safe.h"

/* Always valid UTF-8 (text_safe.h): logs hold any bytes at all. */
static struct json_object *jstr(const char *s)
{
	struct json_object *o;
	char *safe;

	if (!s)
		return NULL;
	safe = lg_text_safe(s, strlen(s), LG_TEXT_MAX);
	if (!safe)
		return NULL;
	o = json_object_new_string(safe);
	free(safe);
	return o;
}

static struct json_object *jint(long long v, bool known)
{
	return known ? json_object_new_int64(v) : NULL;
}

static struct json_object *jaddr(uint64_t a, bool known)
{
	char buf[24];

	if (!known)
		return NULL;
	snprintf(buf, sizeof(buf), "0x%016" PRIx64, a);
	return json_object_new_string(buf);
}

/*
 * Six decimals at most: 0.98, not json-c's %.17g 0.97999999999999998.
 * The text given keeps the value a JSON number.
 */
static struct json_object *jdouble(double v, bool known)
{
	char buf[64];
	char *end;

	/* JSON has no inf or nan: a number that is not finite is unknown. */
	if (!known || !isfinite(v))
		return NULL;
	snprintf(buf, sizeof(buf), "%.6f", v);
	end = buf + strlen(buf);
	while (end > buf && end[-1] == '0')
		*--end = '\0';
	if (end > buf && end[-1] == '.')
		*--end = '\0';
	return json_object_new_double_s(v, buf);
}

static void add(struct json_object *o, const char *key, struct json_object *v)
{
	json_object_object_add(o, key, v);
}

/* {"file", "line", "inlined": [{"function", "file", "line"}]} or null. */
static struct json_object *source_json(const struct lg_source *s)
{
	struct json_object *o, *inl;

	if (!s)
		return NULL;
	o = json_object_new_object();
	inl = json_object_new_array();
	add(o, "file", jstr(s->file));
	add(o, "line", jint(s->line, s->line > 0));
	for (size_t i = 0; i < s->ninlined; i++) {
		struct json_object *site = json_object_new_object();

		add(site, "function", jstr(s->inlined[i].function));
		add(site, "file", jstr(s->inlined[i].file));
		add(site, "line", jint(s->inlined[i].line,
				       s->inlined[i].line > 0));
		json_object_array_add(inl, site);
	}
	add(o, "inlined", inl);
	return o;
}

static struct json_object *frame_json(const struct lg_frame *f, bool trace)
{
	struct json_object *o = json_object_new_object();
	bool sym = f->function != NULL;

	add(o, "address", jaddr(f->address, f->has_address));
	add(o, "function", jstr(f->function));
	add(o, "offset", jint((long long)f->offset, sym));
	add(o, "size", jint((long long)f->size, sym && f->size));
	add(o, "module", jstr(f->module));
	add(o, "source", source_json(f->source));
	if (trace) {
		add(o, "reliable", json_object_new_boolean(f->reliable));
		add(o, "context", jstr(f->context));
	}
	return o;
}

static struct json_object *evidence_json(const struct lg_evidence *e, size_t n)
{
	struct json_object *a = json_object_new_array();

	for (size_t i = 0; i < n; i++) {
		struct json_object *o = json_object_new_object();

		add(o, "line", jstr(e[i].line));
		add(o, "lineno", jint((long long)e[i].lineno, e[i].lineno > 0));
		json_object_array_add(a, o);
	}
	return a;
}

static struct json_object *cause_json(const struct lg_cause *c)
{
	struct json_object *o = json_object_new_object();
	struct json_object *refs = json_object_new_array();

	add(o, "id", jstr(c->id));
	add(o, "title", jstr(c->title));
	add(o, "explanation", jstr(c->explanation));
	add(o, "remedy", jstr(c->remedy));
	add(o, "confidence", jdouble(c->confidence, true));
	add(o, "evidence", evidence_json(c->evidence, c->nevidence));
	for (size_t i = 0; i < c->nreferences; i++)
		json_object_array_add(refs, jstr(c->references[i]));
	add(o, "references", refs);
	return o;
}

static struct json_object *oom_json(const struct lg_oom *m)
{
	struct json_object *o, *tasks;

	if (!m->present)
		return NULL;
	o = json_object_new_object();
	tasks = json_object_new_array();
	add(o, "invoker", jstr(m->invoker));
	add(o, "invoker_pid", jint(m->invoker_pid, m->invoker != NULL));
	add(o, "gfp_mask", jstr(m->gfp_mask));
	add(o, "order", jint(m->order, m->order >= 0));
	add(o, "constraint", jstr(m->constraint));
	add(o, "memcg", jstr(m->memcg));
	add(o, "mem_total_kb", jint(m->mem_total_kb, m->mem_total_kb));
	add(o, "mem_free_kb", jint(m->mem_free_kb, m->mem_total_kb));
	add(o, "mem_available_kb",
	    jint(m->mem_available_kb, m->mem_available_kb));
	add(o, "swap_total_kb", jint(m->swap_total_kb, m->mem_total_kb));
	add(o, "swap_free_kb", jint(m->swap_free_kb, m->swap_total_kb));
	add(o, "slab_unreclaimable_kb",
	    jint(m->slab_unreclaimable_kb, m->slab_unreclaimable_kb));
	for (size_t i = 0; i < m->ntasks; i++) {
		const struct lg_task *t = &m->tasks[i];
		struct json_object *to = json_object_new_object();

		add(to, "pid", json_object_new_int(t->pid));
		add(to, "comm", jstr(t->comm));
		add(to, "rss_kb", json_object_new_int64(t->rss_kb));
		add(to, "oom_score_adj",
		    jint(t->oom_score_adj, t->oom_score_adj != INT32_MIN));
		json_object_array_add(tasks, to);
	}
	add(o, "tasks", tasks);
	add(o, "victim_pid", jint(m->victim_pid, m->victim_pid));
	add(o, "victim_comm", jstr(m->victim_comm));
	add(o, "victim_rss_kb", jint(m->victim_rss_kb, m->victim_rss_kb));
	add(o, "victim_ram_share",
	    jdouble(m->victim_ram_share, m->victim_ram_share >= 0));
	add(o, "panic_on_oom", json_object_new_boolean(m->panic_on_oom));
	add(o, "no_killable", json_object_new_boolean(m->no_killable));
	return o;
}

static struct json_object *stall_json(const struct lg_stall *s)
{
	struct json_object *o;

	if (!s->present)
		return NULL;
	o = json_object_new_object();
	add(o, "cpu", jint(s->cpu, s->cpu >= 0));
	add(o, "seconds", jdouble(s->seconds, s->seconds >= 0));
	add(o, "task", jstr(s->task));
	add(o, "pid", jint(s->pid, s->task != NULL || s->pid > 0));
	return o;
}

/* The record's build id of module @name, or NULL. */
static const char *build_id_of(const struct lg_event *ev, const char *name)
{
	for (size_t i = 0; name && i < ev->nbuild_ids; i++)
		if (!strcmp(ev->build_ids[i].module, name))
			return ev->build_ids[i].hex;
	return NULL;
}

static void add_lists(struct json_object *o, const struct lg_event *ev)
{
	struct json_object *trace = json_object_new_array();
	struct json_object *mods = json_object_new_array();
	struct json_object *tainting = json_object_new_array();
	struct json_object *causes = json_object_new_array();

	for (size_t i = 0; i < ev->ntrace; i++)
		json_object_array_add(trace, frame_json(&ev->trace[i], true));
	for (size_t i = 0; i < ev->nmodules; i++) {
		struct json_object *m = json_object_new_object();

		add(m, "name", jstr(ev->modules[i].name));
		add(m, "taint", jstr(ev->modules[i].taint));
		add(m, "build_id", jstr(build_id_of(ev, ev->modules[i].name)));
		json_object_array_add(mods, m);
	}
	for (size_t i = 0; i < ev->ntainting; i++)
		json_object_array_add(tainting, jstr(ev->tainting_modules[i]));
	for (size_t i = 0; i < ev->ncauses; i++)
		json_object_array_add(causes, cause_json(&ev->causes[i]));
	add(o, "call_trace", trace);
	add(o, "modules", mods);
	add(o, "tainting_modules", tainting);
	add(o, "guilty_frame", jstr(ev->guilty_frame));
	add(o, "culprit_module", jstr(ev->culprit_module));
	add(o, "causes", causes);
}

struct json_object *lg_event_to_json(const struct lg_event *ev)
{
	struct json_object *o = json_object_new_object();

	add(o, "class", ev->cls == LG_CLASS_NONE ? NULL :
	    jstr(lg_class_name(ev->cls)));
	add(o, "fatal", json_object_new_boolean(ev->fatal));
	add(o, "title", jstr(ev->title));
	add(o, "time", jstr(ev->time));
	add(o, "uptime", jdouble(ev->uptime, ev->uptime >= 0));
	add(o, "kernel_release", jstr(ev->kernel_release));
	add(o, "kernel_build_id", jstr(ev->kernel_build_id));
	add(o, "hardware", jstr(ev->hardware));
	add(o, "cpu", jint(ev->cpu, ev->cpu >= 0));
	add(o, "pid", jint(ev->pid, ev->pid >= 0));
	add(o, "comm", jstr(ev->comm));
	add(o, "taint", jstr(ev->taint));
	add(o, "panic_message", jstr(ev->panic_message));
	add(o, "rip", ev->has_rip ? frame_json(&ev->rip, false) : NULL);
	add(o, "rip_user", json_object_new_boolean(ev->rip_user));
	add_lists(o, ev);
	add(o, "signature", jstr(ev->signature));
	add(o, "cr2", jaddr(ev->cr2, ev->has_cr2));
	add(o, "workqueue", jstr(ev->workqueue));
	add(o, "oom", oom_json(&ev->oom));
	add(o, "stall", stall_json(&ev->stall));
	add(o, "seq", jint((long long)ev->seq, ev->seq > 0));
	add(o, "boot_id", jstr(ev->boot_id));
	add(o, "previous_boot", ev->boot_id ?
	    json_object_new_boolean(ev->previous_boot) : NULL);
	add(o, "source", jstr(ev->source));
	add(o, "capture_ns", jint(ev->capture_ns, ev->capture_ns >= 0));
	add(o, "log_unavailable", json_object_new_boolean(ev->log_unavailable));
	return o;
}
