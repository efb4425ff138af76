// SPDX-License-Identifier: GPL-2.0
/*
 * Loaded modules and their taint letters, for the record.  The kernel's
 * list head is not exported, so it is found at load time by walking from
 * our own list node: every node is embedded in a struct module whose
 * mkobj.mod points back at it, except the head.
 */
#include "lastgasp.h"

#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/rculist.h>
#include <linux/uaccess.h>

/* Taint letters by bit, as print_tainted() shows them (bits 0..19). */
static const char lg_taint_chars[] = "PFSRMBUDAWCIOELKXTNJ";

static struct list_head *lg_mod_head;

notrace void lg_taint_letters(unsigned long mask, char *buf, size_t size)
{
	size_t i, n = 0;

	for (i = 0; i < sizeof(lg_taint_chars) - 1 && n + 1 < size; i++)
		if (mask & BIT(i))
			buf[n++] = lg_taint_chars[i];
	if (size)
		buf[n] = '\0';
}

NOKPROBE_SYMBOL(lg_taint_letters);

static bool lg_node_is_module(struct list_head *node)
{
	struct module *mod = container_of(node, struct module, list);
	struct module *back;

	/* For the head this reads unrelated kernel data: never fault. */
	if (lg_get_kernel_nofault(back, &mod->mkobj.mod))
		return false;
	return back == mod;
}

int lg_modlist_init(void)
{
	struct list_head *node;
	int i = 0;

	rcu_read_lock();
	for (node = rcu_dereference(list_next_rcu(&THIS_MODULE->list));
	     node != &THIS_MODULE->list && i < LG_MODULES_MAX * 4;
	     node = rcu_dereference(list_next_rcu(node)), i++) {
		if (!lg_node_is_module(node)) {
			lg_mod_head = node;
			break;
		}
	}
	rcu_read_unlock();
	if (!lg_mod_head) {
		pr_warn("lastgasp: module list head not found; records will list no modules\n");
		return -ENOENT;
	}
	return 0;
}

static notrace void lg_put_module(struct lg_tlv *w, const struct module *mod)
{
	char taint[32];
	u32 nest = lg_tlv_nest_start(w, LASTGASP_MODULES_MODULE);

	if (nest == U32_MAX)
		return;
	lg_tlv_put_str(w, LASTGASP_M_NAME, mod->name, LG_NAME_MAX);
	lg_taint_letters(mod->taints, taint, sizeof(taint));
	lg_tlv_put_str(w, LASTGASP_M_TAINT, taint, LG_NAME_MAX);
	lg_tlv_nest_end(w, nest);
}

NOKPROBE_SYMBOL(lg_put_module);

/* Crash path: the walk print_modules() does, bounded. */
notrace void lg_modlist_put(struct lg_tlv *w)
{
	struct module *mod;
	u32 nest;
	int n = 0;

	if (!lg_mod_head)
		return;
	nest = lg_tlv_nest_start(w, LASTGASP_R_MODULES);
	if (nest == U32_MAX)
		return;
	preempt_disable();
	rcu_read_lock();
	list_for_each_entry_rcu(mod, lg_mod_head, list) {
		if (++n > LG_MODULES_MAX) {
			w->truncated = true;
			break;
		}
		if (mod->state == MODULE_STATE_UNFORMED)
			continue;
		lg_put_module(w, mod);
	}
	rcu_read_unlock();
	preempt_enable();	/* irqs are off: never reschedules here */
	lg_tlv_nest_end(w, nest);
}

NOKPROBE_SYMBOL(lg_modlist_put);
