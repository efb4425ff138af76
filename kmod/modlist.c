// SPDX-License-Identifier: GPL-2.0
/*
 * Loaded modules and their taint letters, for the record.  The kernel's
 * list head is not exported, so it is found at load time by walking the
 * ring from our own list node.  Every struct module lives in module memory
 * (MODULES_VADDR..MODULES_END on x86-64), the head `modules` is a variable
 * of the kernel image: the head is the one node in the image.  Nothing of
 * a module's state is trusted for this (a module still loading has no
 * sysfs object yet, and taking it for the head once meant walking freed
 * memory after it was unloaded).
 */
#include "lastgasp.h"

#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/rculist.h>
#include <asm/pgtable.h>

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

static bool lg_in_module_area(const void *p)
{
	unsigned long a = (unsigned long)p;

	return a >= MODULES_VADDR && a < MODULES_END;
}

static bool lg_in_kernel_image(const void *p)
{
	unsigned long a = (unsigned long)p;

	return a >= __START_KERNEL_map && a < __START_KERNEL_map + KERNEL_IMAGE_SIZE;
}

/*
 * The head, or NULL unless the whole ring checks out: it closes back on our
 * node, every link is consistent (next->prev), exactly one node lies in the
 * kernel image and every other one in module memory.
 */
static struct list_head *lg_find_head(void)
{
	struct list_head *node = &THIS_MODULE->list, *next, *head = NULL;
	int i;

	for (i = 0; i <= LG_MODULES_MAX * 4; i++) {
		next = rcu_dereference(list_next_rcu(node));
		if (READ_ONCE(next->prev) != node)
			return NULL;
		node = next;
		if (node == &THIS_MODULE->list)
			return head;
		if (lg_in_kernel_image(node)) {
			if (head)
				return NULL;
			head = node;
		} else if (!lg_in_module_area(node)) {
			return NULL;
		}
	}
	return NULL;	/* no end in sight */
}

int lg_modlist_init(void)
{
	/* module_mutex is not exported; RCU keeps the nodes alive. */
	rcu_read_lock();
	lg_mod_head = lg_find_head();
	rcu_read_unlock();
	if (!lg_mod_head) {
		pr_warn("module list head not found; records will list no modules\n");
		return -ENOENT;
	}
	return 0;
}

void lg_modlist_each(void (*fn)(const struct module *mod, void *arg), void *arg)
{
	struct module *mod;
	int n = 0;

	if (!lg_mod_head)
		return;
	rcu_read_lock();
	list_for_each_entry_rcu(mod, lg_mod_head, list) {
		if (++n > LG_MODULES_MAX)
			break;
		if (READ_ONCE(mod->state) != MODULE_STATE_UNFORMED)
			fn(mod, arg);
	}
	rcu_read_unlock();
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
	lg_buildid_put_module(w, mod);
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
	preempt_enable();	/* the caller keeps preemption off too: no reschedule here */
	lg_tlv_nest_end(w, nest);
}

NOKPROBE_SYMBOL(lg_modlist_put);
