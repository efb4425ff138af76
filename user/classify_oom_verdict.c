// SPDX-License-Identifier: GPL-2.0
/*
 * The verdict of an OOM event, the same for `analyze` and for module
 * records: the victim's size and share of RAM from whichever source knew
 * them (the task table, the "Killed process" line), and a title a fleet can
 * count.  The log's first OOM line, "COMM invoked oom-killer: gfp_mask=...",
 * names whichever task happened to allocate last; the kernel's own verdict
 * line names what happened:
 *   panic_on_oom      "kernel panic: Out of memory: ..." (syzbot's form)
 *   global kill       "Out of memory: Killed process COMM"
 *   memory cgroup     "Memory cgroup out of memory: Killed process COMM"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "classify_int.h"

static void victim_size(struct lg_oom *o)
{
	if (!o->victim_rss_kb && o->victim_pid)
		for (size_t i = 0; i < o->ntasks; i++)
			if (o->tasks[i].pid == o->victim_pid)
				o->victim_rss_kb = o->tasks[i].rss_kb;
	if (o->victim_rss_kb && o->mem_total_kb && o->victim_ram_share < 0)
		o->victim_ram_share = (double)o->victim_rss_kb /
				      (double)o->mem_total_kb;
}

static char *oom_title(const struct lg_event *ev)
{
	const struct lg_oom *o = &ev->oom;
	char *t = NULL;
	int n = -1;

	if (ev->fatal && ev->panic_message)
		n = asprintf(&t, "kernel panic: %s", ev->panic_message);
	else if (o->victim_comm)
		n = asprintf(&t, "%sut of memory: Killed process %s",
			     ev->cls == LG_CLASS_MEMCG_OOM ? "Memory cgroup o" : "O",
			     o->victim_comm);
	else if (ev->cls == LG_CLASS_MEMCG_OOM)
		n = asprintf(&t, "Memory cgroup out of memory");
	else
		n = asprintf(&t, "Out of memory");
	if (n < 0)
		return NULL;
	return t;
}

void lg_oom_verdict(struct lg_event *ev)
{
	char *title, *norm;

	if (ev->cls != LG_CLASS_OOM && ev->cls != LG_CLASS_MEMCG_OOM)
		return;
	if (ev->oom.present)
		victim_size(&ev->oom);
	title = oom_title(ev);
	norm = title ? lg_title_normalise(title) : NULL;
	free(title);
	if (!norm)
		return;
	free(ev->title);
	ev->title = norm;
	/* The signature counts the bug by its title: keep them in step. */
	free(ev->signature);
	ev->signature = lg_classify_signature(ev);
}
