// SPDX-License-Identifier: GPL-2.0
/*
 * Tracepoints attached by name.  Several we need are not exported as
 * symbols on every kernel (printk:console only from 6.6, oom:mark_victim
 * never), but every built-in tracepoint can be found by walking them with
 * for_each_kernel_tracepoint() and attached with tracepoint_probe_register().
 */
#include "lastgasp.h"

#include <linux/string.h>
#include <linux/tracepoint.h>

struct lg_tp_search {
	const char *name;
	struct tracepoint *found;
};

static void lg_tp_match(struct tracepoint *tp, void *priv)
{
	struct lg_tp_search *s = priv;

	if (!s->found && !strcmp(tp->name, s->name))
		s->found = tp;
}

int lg_tp_attach(struct lg_tp *t)
{
	struct lg_tp_search s = { .name = t->name };
	int err;

	for_each_kernel_tracepoint(lg_tp_match, &s);
	if (!s.found)
		return -ENOENT;
	err = tracepoint_probe_register(s.found, t->probe, NULL);
	if (err)
		return err;
	t->tp = s.found;
	return 0;
}

void lg_tp_detach(struct lg_tp *t)
{
	if (!t->tp)
		return;
	tracepoint_probe_unregister(t->tp, t->probe, NULL);
	t->tp = NULL;
}
