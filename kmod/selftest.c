// SPDX-License-Identifier: GPL-2.0
/*
 * TEST BUILDS ONLY (make ... LG_SELFTEST=y, see tests/e2e/build.sh): tests
 * of the store that need the module's own code from the inside.  Writing
 * "WORD [ARG]" to /sys/kernel/debug/lastgasp_selftest/run runs one; the
 * write fails with -EIO when it finds a defect, and every verdict is a
 * "lastgasp-selftest:" line in the kernel log.
 *
 *   clear-race   a crash-path writer reserves space, CLEAR scans the store
 *                and finds nothing live, the writer commits and leaves,
 *                then CLEAR decides: the committed record must survive.
 *                The windows are held open with completions at the
 *                lg_test_point()s of store.c, so the interleaving is the
 *                one a real race needs, every time.
 *   announce-order  two sequence numbers taken, the higher one committed
 *                (and announced) first, the lower one a second later:
 *                both must reach the "events" group (lastgasp watch).
 *   fill N       N records with 12 KiB of log (e2e 75-dump-clear).
 *   fuzz N [SEED]  N mutated region images through the module's own load
 *                code (selftest_fuzz.c).
 *   crafted      the costliest crafted region: bounded and rescheduling.
 */
#include "lastgasp.h"

#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#define LG_ST_WAIT	(10 * HZ)

static struct dentry *lg_st_dir;

static struct {
	bool armed;
	struct task_struct *writer;
	struct completion reserved, scanned, done;
} race;

void lg_test_point(enum lg_test_point p)
{
	if (!READ_ONCE(race.armed))
		return;
	switch (p) {
	case LG_TEST_RESERVED:
		if (current != READ_ONCE(race.writer))
			return;
		complete_all(&race.reserved);
		wait_for_completion_timeout(&race.scanned, LG_ST_WAIT);
		break;
	case LG_TEST_COMMITTED:
		if (current == READ_ONCE(race.writer))
			complete_all(&race.done);
		break;
	case LG_TEST_RECLAIM_SCANNED:
		complete_all(&race.scanned);
		wait_for_completion_timeout(&race.done, LG_ST_WAIT);
		break;
	}
}

/*
 * A record of a survivable kind, as capture.c would build it, with
 * @log_len bytes of log text.
 */
static struct lg_record_hdr *lg_st_record_log(u64 seq, u32 kind, const char *comm,
					      u32 log_len)
{
	u32 size = 1024 + log_len;
	struct lg_record_hdr *rec = kzalloc(size, GFP_KERNEL);
	struct lg_tlv w;
	void *log;

	if (!rec)
		return NULL;
	lg_tlv_init(&w, rec + 1, size - sizeof(*rec) - LG_ALIGN);
	lg_tlv_put_u64(&w, LASTGASP_R_SEQ, seq);
	lg_tlv_put(&w, LASTGASP_R_BOOT_ID, lg_boot_id, LG_BOOT_ID_LEN);
	lg_tlv_put_u32(&w, LASTGASP_R_KIND, kind);
	lg_tlv_put_u32(&w, LASTGASP_R_FLAGS, 0);
	lg_tlv_put_str(&w, LASTGASP_R_COMM, comm, LG_NAME_MAX);
	log = log_len ? lg_tlv_reserve(&w, LASTGASP_R_LOG, log_len) : NULL;
	if (log)
		memset(log, 'x', log_len);
	rec->seq = seq;
	rec->kind = kind;
	rec->body_len = w.len;
	return rec;
}

static struct lg_record_hdr *lg_st_record(u64 seq, u32 kind, const char *comm)
{
	return lg_st_record_log(seq, kind, comm, 0);
}

static int lg_st_writer_fn(void *rec)
{
	lg_store_commit(rec, false);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static bool lg_st_has_seq(u64 seq)
{
	struct lg_rec r;
	bool found;

	mutex_lock(&lg_store_lock);
	found = lg_store_find(seq, &r);
	mutex_unlock(&lg_store_lock);
	return found;
}

static int lg_st_clear_race(void)
{
	u64 seq = lg_store_next_seq();
	struct lg_record_hdr *rec = lg_st_record(seq, LASTGASP_KIND_WARN, "clear-race");
	struct task_struct *t;
	bool kept;

	if (!rec)
		return -ENOMEM;
	init_completion(&race.reserved);
	init_completion(&race.scanned);
	init_completion(&race.done);
	WRITE_ONCE(race.armed, true);
	t = kthread_create(lg_st_writer_fn, rec, "lg-st-writer");
	if (IS_ERR(t)) {
		WRITE_ONCE(race.armed, false);
		kfree(rec);
		return PTR_ERR(t);
	}
	WRITE_ONCE(race.writer, t);
	wake_up_process(t);
	if (!wait_for_completion_timeout(&race.reserved, LG_ST_WAIT))
		pr_err("lastgasp-selftest: clear-race: the writer never reserved\n");
	mutex_lock(&lg_store_lock);
	lg_store_clear_all();
	mutex_unlock(&lg_store_lock);
	wait_for_completion_timeout(&race.done, LG_ST_WAIT);
	kthread_stop(t);
	WRITE_ONCE(race.armed, false);
	WRITE_ONCE(race.writer, NULL);
	kfree(rec);

	kept = lg_st_has_seq(seq);
	pr_info("lastgasp-selftest: clear-race: record %llu, committed while CLEAR reclaimed the store, %s\n",
		seq, kept ? "survived" : "vanished");
	return kept ? 0 : -EIO;
}

static int lg_st_commit_survivable(u64 seq, const char *comm)
{
	struct lg_record_hdr *rec = lg_st_record(seq, LASTGASP_KIND_WARN, comm);
	int err;

	if (!rec)
		return -ENOMEM;
	err = lg_store_commit(rec, true);
	kfree(rec);
	if (!err)
		lg_notify_later();
	msleep(1000);	/* the announcement goes out from a work item */
	return err;
}

static int lg_st_announce_order(void)
{
	u64 low = lg_store_next_seq(), high = lg_store_next_seq();
	int err;

	err = lg_st_commit_survivable(high, "announce-high");
	if (!err)
		err = lg_st_commit_survivable(low, "announce-low");
	pr_info("lastgasp-selftest: announce-order: committed %llu, then %llu (%d)\n",
		high, low, err);
	return err;
}

/* @n records with 12 KiB of log each: one per dump message. */
static int lg_st_fill(unsigned long n)
{
	struct lg_record_hdr *rec;
	char seqs[128] = "";
	size_t len = 0;
	int err = 0;
	u64 seq;

	while (n-- && !err) {
		seq = lg_store_next_seq();
		rec = lg_st_record_log(seq, LASTGASP_KIND_WARN, "fill", 12 * 1024);
		if (!rec)
			return -ENOMEM;
		err = lg_store_commit(rec, false);
		kfree(rec);
		if (!err && len < sizeof(seqs))
			len += scnprintf(seqs + len, sizeof(seqs) - len, " %llu", seq);
	}
	pr_info("lastgasp-selftest: fill: committed%s (%d)\n", seqs, err);
	return err;
}

static ssize_t lg_st_run_write(struct file *file, const char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	char buf[64], word[32];
	unsigned long arg = 0;
	unsigned int seed = 1;
	int n, err = -EINVAL;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	n = sscanf(buf, "%31s %lu %u", word, &arg, &seed);
	if (n < 1)
		return -EINVAL;
	if (!strcmp(word, "clear-race"))
		err = lg_st_clear_race();
	else if (!strcmp(word, "fill") && arg && arg <= 16)
		err = lg_st_fill(arg);
	else if (!strcmp(word, "announce-order"))
		err = lg_st_announce_order();
	else if (!strcmp(word, "fuzz") && arg && arg <= 10000000)
		err = lg_selftest_fuzz(arg, seed) ? -EIO : 0;
	else if (!strcmp(word, "crafted"))
		err = lg_selftest_crafted() ? -EIO : 0;
	return err ? err : count;
}

static const struct file_operations lg_st_run_fops = {
	.owner = THIS_MODULE,
	.write = lg_st_run_write,
};

int lg_selftest_init(void)
{
	lg_st_dir = debugfs_create_dir("lastgasp_selftest", NULL);
	debugfs_create_file("run", 0200, lg_st_dir, NULL, &lg_st_run_fops);
	pr_info("lastgasp-selftest: test build, /sys/kernel/debug/lastgasp_selftest/run\n");
	return 0;
}

void lg_selftest_exit(void)
{
	debugfs_remove_recursive(lg_st_dir);
}
