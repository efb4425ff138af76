// SPDX-License-Identifier: GPL-2.0
/*
 * NEW_RECORD notifications for records of events the kernel survived (an
 * oops without panic_on_oops, later OOM kills, warnings...).  The crash
 * path may not send netlink, so it only queues an irq_work (NMI-safe);
 * that schedules a work item, which multicasts, in process context, every
 * record of this boot newer than the last one announced.
 */
#include "lastgasp.h"

#include <linux/bitmap.h>
#include <linux/irq_work.h>
#include <linux/kprobes.h>
#include <linux/workqueue.h>
#include <net/netlink.h>

/*
 * Which records of this boot were announced.  Sequence numbers are taken
 * when a capture starts and records committed when it ends, so a lower
 * number can be committed after a higher one: a single "highest announced"
 * would skip it.  Every number up to lg_notify_base is settled; bit i of
 * lg_notify_sent says base + 1 + i was announced.  Numbers never committed
 * (a dropped record) would hold the base back, so the window slides on
 * when a number beyond it shows up.
 */
#define LG_NOTIFY_WINDOW	64

static u64 lg_notify_base;
static DECLARE_BITMAP(lg_notify_sent, LG_NOTIFY_WINDOW);
static bool lg_notify_ready;

static void lg_notify_slide(u64 n)
{
	if (n >= LG_NOTIFY_WINDOW)
		bitmap_zero(lg_notify_sent, LG_NOTIFY_WINDOW);
	else
		bitmap_shift_right(lg_notify_sent, lg_notify_sent, n, LG_NOTIFY_WINDOW);
	lg_notify_base += n;
}

/* Whether @seq is still to be announced; from now on it counts as sent. */
static bool lg_notify_claim(u64 seq)
{
	if (seq <= lg_notify_base)
		return false;
	if (seq - lg_notify_base > LG_NOTIFY_WINDOW)
		lg_notify_slide(seq - lg_notify_base - LG_NOTIFY_WINDOW);
	return !__test_and_set_bit(seq - lg_notify_base - 1, lg_notify_sent);
}

static void lg_notify_work_fn(struct work_struct *work)
{
	const struct nlattr *flags;
	struct lg_rec r;
	u64 off = 0;

	mutex_lock(&lg_store_lock);
	while (lg_store_next(&off, &r)) {
		if (memcmp(r.hdr.boot_id, lg_boot_id, sizeof(lg_boot_id)) ||
		    !lg_notify_claim(r.hdr.seq))
			continue;
		flags = nla_find(r.body, r.hdr.body_len, LASTGASP_R_FLAGS);
		if (flags && (nla_get_u32(flags) & LASTGASP_RF_FATAL))
			continue;
		lg_netlink_notify(r.hdr.seq, r.hdr.kind);
	}
	lg_notify_slide(find_first_zero_bit(lg_notify_sent, LG_NOTIFY_WINDOW));
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
	lg_notify_base = lg_store_last_seq();	/* records already there */
	WRITE_ONCE(lg_notify_ready, true);
}

/* After the hooks are gone, before the family is. */
void lg_notify_exit(void)
{
	WRITE_ONCE(lg_notify_ready, false);
	irq_work_sync(&lg_notify_iw);
	cancel_work_sync(&lg_notify_work);
}
