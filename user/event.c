// SPDX-License-Identifier: GPL-2.0
/* Event model helpers: class names and lifetime. */
#include <stdlib.h>
#include <string.h>
#include "event.h"
#include "text_safe.h"

static const char *const class_names[LG_CLASS_COUNT] = {
	[LG_CLASS_NONE] = "unknown",
	[LG_CLASS_OOPS] = "oops",
	[LG_CLASS_BUG] = "bug",
	[LG_CLASS_WARNING] = "warning",
	[LG_CLASS_PANIC] = "panic",
	[LG_CLASS_SOFT_LOCKUP] = "soft_lockup",
	[LG_CLASS_HARD_LOCKUP] = "hard_lockup",
	[LG_CLASS_RCU_STALL] = "rcu_stall",
	[LG_CLASS_HUNG_TASK] = "hung_task",
	[LG_CLASS_OOM] = "oom",
	[LG_CLASS_MEMCG_OOM] = "memcg_oom",
	[LG_CLASS_PAGE_ALLOC_FAILURE] = "page_alloc_failure",
	[LG_CLASS_LIST_CORRUPTION] = "list_corruption",
	[LG_CLASS_BAD_PAGE_STATE] = "bad_page_state",
	[LG_CLASS_IO_ERROR] = "io_error",
	[LG_CLASS_FS_ERROR] = "fs_error",
	[LG_CLASS_MCE] = "mce",
	[LG_CLASS_FATAL_SIGNAL] = "fatal_signal",
	[LG_CLASS_KASAN] = "kasan",
	[LG_CLASS_KFENCE] = "kfence",
	[LG_CLASS_KMSAN] = "kmsan",
	[LG_CLASS_KCSAN] = "kcsan",
	[LG_CLASS_UBSAN] = "ubsan",
	[LG_CLASS_LOCKDEP] = "lockdep",
	[LG_CLASS_ATOMIC_SLEEP] = "atomic_sleep",
	[LG_CLASS_MEMORY_LEAK] = "memory_leak",
	[LG_CLASS_MOUNT_ROOT_FAILURE] = "mount_root_failure",
};

const char *lg_class_name(enum lg_class cls)
{
	if ((unsigned int)cls >= LG_CLASS_COUNT)
		return "unknown";
	return class_names[cls];
}

enum lg_class lg_class_from_name(const char *name)
{
	for (int i = 1; i < LG_CLASS_COUNT; i++)
		if (strcmp(class_names[i], name) == 0)
			return (enum lg_class)i;
	return LG_CLASS_NONE;
}

void lg_event_init(struct lg_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->uptime = -1;
	ev->cpu = -1;
	ev->pid = -1;
	ev->oom.order = -1;
	ev->oom.victim_ram_share = -1;
	ev->stall.cpu = -1;
	ev->stall.seconds = -1;
	ev->capture_ns = -1;
}

void lg_source_free(struct lg_source *s)
{
	if (!s)
		return;
	free(s->file);
	for (size_t i = 0; i < s->ninlined; i++) {
		free(s->inlined[i].function);
		free(s->inlined[i].file);
	}
	free(s->inlined);
	free(s);
}

static void frame_free(struct lg_frame *f)
{
	free(f->function);
	free(f->module);
	free(f->context);
	lg_source_free(f->source);
}

static void evidence_free(struct lg_evidence *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(e[i].line);
	free(e);
}

void lg_cause_free(struct lg_cause *c)
{
	free(c->id);
	free(c->title);
	free(c->explanation);
	free(c->remedy);
	for (size_t i = 0; i < c->nreferences; i++)
		free(c->references[i]);
	free(c->references);
	evidence_free(c->evidence, c->nevidence);
}

static void oom_free(struct lg_oom *o)
{
	free(o->invoker);
	free(o->gfp_mask);
	free(o->constraint);
	free(o->memcg);
	for (size_t i = 0; i < o->ntasks; i++)
		free(o->tasks[i].comm);
	free(o->tasks);
	free(o->victim_comm);
}

void lg_event_free(struct lg_event *ev)
{
	free(ev->title);
	free(ev->signature);
	free(ev->time);
	free(ev->kernel_release);
	free(ev->kernel_build_id);
	for (size_t i = 0; i < ev->nbuild_ids; i++) {
		free(ev->build_ids[i].module);
		free(ev->build_ids[i].hex);
	}
	free(ev->build_ids);
	free(ev->hardware);
	free(ev->comm);
	free(ev->taint);
	free(ev->panic_message);
	frame_free(&ev->rip);
	for (size_t i = 0; i < ev->ntrace; i++)
		frame_free(&ev->trace[i]);
	free(ev->trace);
	for (size_t i = 0; i < ev->nmodules; i++) {
		free(ev->modules[i].name);
		free(ev->modules[i].taint);
	}
	free(ev->modules);
	for (size_t i = 0; i < ev->ntainting; i++)
		free(ev->tainting_modules[i]);
	free(ev->tainting_modules);
	free(ev->guilty_frame);
	free(ev->culprit_module);
	free(ev->workqueue);
	oom_free(&ev->oom);
	free(ev->stall.task);
	evidence_free(ev->lines, ev->nlines);
	for (size_t i = 0; i < ev->ncauses; i++)
		lg_cause_free(&ev->causes[i]);
	free(ev->causes);
	free(ev->boot_id);
	free(ev->source);
	lg_event_init(ev);
}

static void frame_bound(struct lg_frame *f)
{
	lg_field_safe(&f->function, LG_FIELD_MAX);
	lg_field_safe(&f->module, LG_FIELD_MAX);
	lg_field_safe(&f->context, LG_FIELD_MAX);
}

void lg_event_bound_fields(struct lg_event *ev)
{
	char **one[] = {
		&ev->title, &ev->signature, &ev->time, &ev->kernel_release,
		&ev->hardware, &ev->comm, &ev->taint, &ev->panic_message,
		&ev->guilty_frame, &ev->culprit_module, &ev->workqueue,
		&ev->oom.invoker, &ev->oom.gfp_mask, &ev->oom.constraint,
		&ev->oom.memcg, &ev->oom.victim_comm, &ev->stall.task,
	};

	for (size_t i = 0; i < sizeof(one) / sizeof(one[0]); i++)
		lg_field_safe(one[i], LG_FIELD_MAX);
	frame_bound(&ev->rip);
	for (size_t i = 0; i < ev->ntrace; i++)
		frame_bound(&ev->trace[i]);
	for (size_t i = 0; i < ev->nmodules; i++) {
		lg_field_safe(&ev->modules[i].name, LG_FIELD_MAX);
		lg_field_safe(&ev->modules[i].taint, LG_FIELD_MAX);
	}
	for (size_t i = 0; i < ev->ntainting; i++)
		lg_field_safe(&ev->tainting_modules[i], LG_FIELD_MAX);
	for (size_t i = 0; i < ev->oom.ntasks; i++)
		lg_field_safe(&ev->oom.tasks[i].comm, LG_FIELD_MAX);
	for (size_t i = 0; i < ev->nlines; i++)
		lg_field_safe(&ev->lines[i].line, LG_TEXT_MAX);
}
