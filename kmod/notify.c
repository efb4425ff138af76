// SPDX-License-Identifier: GPL-2.0
/*
 * NEW_RECORD notifications for records of events the kernel survived (an
 * oops without panic_on_oops, later OOM kills, warnings...).  The crash
 * path may not send netlink, so it only queues an irq_work (NMI-safe);
 * that schedules a work item, which multicasts, in process context, every
 * record of this boot newer than the last one announced.
 */
#include "lastgasp.h"

#include <linux/irq_work.h>
#include <linux/kprobes.h>
#include <linux/workqueue.h>
#include <net/netlink.h>

static u64 lg_announced;	/* highest seq announced or already there */
static bool lg_notify_ready;

static void lg_notify_work_fn(struct work_struct *work)
{
	const struct lg_record_hdr *rec;
	const struct nlattr *flags;
	u64 cursor = 0;

	mutex_lock(&lg_store_lock);
	while ((rec = lg_store_next(&cursor))) {
		if (rec->seq <= lg_announced ||
		    memcmp(rec->boot_id, lg_boot_id, sizeof(lg_boot_id)))
			continue;
		lg_announced = rec->seq;
		flags = nla_find(lg_record_body(rec), rec->body_len, LASTGASP_R_FLAGS);
		if (flags && (nla_get_u32(flags) & LASTGASP_RF_FATAL))
			continue;
		lg_netlink_notify(rec->seq, rec->kind);
	}
	mutex_unlock(&lg_store_lock);
}

static DECLARE_WORK(lg_notify_work, lg_notify_work_fn);

static void lg_notify_irq_work_fn(struct irq_work *iw)
{
	schedule_work(&lg_notify_work);
}

static struct irq_work lg_notify_iw;

/* Crash path: a record of a survivable event was just committed. */
notrace void lg_notify_later(void)
{
	if (READ_ONCE(lg_notify_ready))
		irq_work_queue(&lg_notify_iw);
}

NOKPROBE_SYMBOL(lg_notify_later);

void lg_notify_init(void)
{
	init_irq_work(&lg_notify_iw, lg_notify_irq_work_fn);
	lg_announced = lg_store_last_seq();
	WRITE_ONCE(lg_notify_ready, true);
}

/* After the hooks are gone, before the family is. */
void lg_notify_exit(void)
{
	WRITE_ONCE(lg_notify_ready, false);
	irq_work_sync(&lg_notify_iw);
	cancel_work_sync(&lg_notify_work);
}
