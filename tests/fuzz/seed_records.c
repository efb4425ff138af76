// SPDX-License-Identifier: GPL-2.0
/*
 * Seeds of fuzz_records: netlink receive buffers built with libnl the way
 * lastgasp.ko builds its messages (tests/unit/test_record.c does the
 * same for unit tests).  Usage: seed-records DIR; writes one file per seed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/lastgasp.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#define FAMILY 0x1d

static const unsigned char boot[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

static const char oops_log[] =
	"<1>[   42.100000] BUG: kernel NULL pointer dereference, address: 0000000000000010\n"
	"<1>[   42.100100] #PF: supervisor read access in kernel mode\n"
	"<4>[   42.100200] Oops: 0000 [#1] PREEMPT SMP NOPTI\n"
	"<4>[   42.100300] CPU: 1 PID: 42 Comm: insmod Tainted: G           OE      6.1.0-28-amd64 #1 Debian 6.1.119-1\n"
	"<4>[   42.100400] Hardware name: QEMU Standard PC (i440FX + PIIX, 1996)\n"
	"<4>[   42.100500] RIP: 0010:lg_test_crash+0x14/0x30 [lgtest]\n"
	"<4>[   42.100600] Call Trace:\n"
	"<4>[   42.100700]  <TASK>\n"
	"<4>[   42.100800]  do_one_initcall+0x5b/0x220\n"
	"<4>[   42.100900]  do_init_module+0x4a/0x1f0\n"
	"<4>[   42.101000]  </TASK>\n"
	"<4>[   42.101100] Modules linked in: lgtest(OE) ext4 crc16\n"
	"<4>[   42.101200] CR2: 0000000000000010\n"
	"<4>[   42.101300] ---[ end trace 0000000000000000 ]---\n";

static const char oom_log[] =
	"[  100.000000] stress invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0\n"
	"[  100.000100] CPU: 0 PID: 77 Comm: stress Not tainted 6.12.118+deb12-amd64 #1\n"
	"[  100.000200] Mem-Info:\n"
	"[  100.000300] active_anon:1000 inactive_anon:2000 isolated_anon:0\n free:300 slab_unreclaimable:400\n"
	"[  100.000400] 262013 pages RAM\n"
	"[  100.000500] Tasks state (memory values in pages):\n"
	"[  100.000600] [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n"
	"[  100.000700] [     77]     0    77   300000   250000  2000000        0             0 stress\n"
	"[  100.000800] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=stress,pid=77,uid=0\n"
	"[  100.000900] Out of memory: Killed process 77 (stress) total-vm:1200000kB, anon-rss:1000000kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:2000kB oom_score_adj:0\n";

static const char lockup_log[] =
	"[  200.000000] watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [spin:99]\n"
	"[  200.000100] CPU: 1 PID: 99 Comm: spin Tainted: G           O       6.1.0-28-amd64 #1\n"
	"[  200.000200] RIP: 0010:spin_fn+0x10/0x20 [spinmod]\n";

static struct nl_msg *reply(int cmd, int flags)
{
	struct nl_msg *m = nlmsg_alloc_size(1 << 16);

	if (!m || !genlmsg_put(m, 1234, 1, FAMILY, 0, flags, cmd, LASTGASP_GENL_VERSION))
		abort();
	return m;
}

static void frame(struct nl_msg *m, uint64_t addr, const char *sym, int reliable)
{
	struct nlattr *f = nla_nest_start(m, LASTGASP_STACK_FRAME);

	nla_put_u64(m, LASTGASP_F_ADDR, addr);
	if (sym)
		nla_put_string(m, LASTGASP_F_SYMBOL, sym);
	if (reliable)
		nla_put_flag(m, LASTGASP_F_RELIABLE);
	nla_nest_end(m, f);
}

static void common(struct nl_msg *m, uint64_t seq, uint32_t kind, uint32_t pid,
		   const char *comm)
{
	nla_put_u64(m, LASTGASP_R_SEQ, seq);
	nla_put(m, LASTGASP_R_BOOT_ID, 16, boot);
	nla_put_u32(m, LASTGASP_R_STATE, LASTGASP_STATE_PREVIOUS_BOOT);
	nla_put_u32(m, LASTGASP_R_KIND, kind);
	nla_put_u32(m, LASTGASP_R_FLAGS, 0);
	nla_put_u64(m, LASTGASP_R_TIME_NS, 1700000000123456789ULL);
	nla_put_u64(m, LASTGASP_R_UPTIME_NS, 42100000000ULL);
	nla_put_u32(m, LASTGASP_R_CPU, 1);
	nla_put_u32(m, LASTGASP_R_PID, pid);
	nla_put_string(m, LASTGASP_R_COMM, comm);
	nla_put_string(m, LASTGASP_R_RELEASE, "6.1.0-28-amd64");
	nla_put_string(m, LASTGASP_R_HARDWARE, "QEMU Standard PC (i440FX + PIIX, 1996)");
	nla_put_u64(m, LASTGASP_R_TAINT, 1 << 12);
	nla_put_string(m, LASTGASP_R_TAINT_LETTERS, "O");
	nla_put_u64(m, LASTGASP_R_CAPTURE_NS, 12345);
}

static void die_record(struct nl_msg *m)
{
	struct nlattr *rec = nla_nest_start(m, LASTGASP_A_RECORD), *n;

	common(m, 1, LASTGASP_KIND_DIE, 42, "insmod");
	nla_put_string(m, LASTGASP_R_MESSAGE, "Oops");
	nla_put_u32(m, LASTGASP_R_TRAPNR, 14);
	nla_put_u64(m, LASTGASP_R_RIP, 0xffffffffc0a01234ULL);
	nla_put_string(m, LASTGASP_R_RIP_SYMBOL, "lg_test_crash+0x14/0x30 [lgtest]");
	n = nla_nest_start(m, LASTGASP_R_REGS);
	nla_put_u64(m, LASTGASP_REG_IP, 0xffffffffc0a01234ULL);
	nla_put_u64(m, LASTGASP_REG_CR2, 0x10);
	nla_nest_end(m, n);
	n = nla_nest_start(m, LASTGASP_R_STACK);
	frame(m, 0xffffffff81000100ULL, "do_one_initcall+0x5b/0x220", 1);
	frame(m, 0, NULL, 0);
	nla_nest_end(m, n);
	n = nla_nest_start(m, LASTGASP_R_MODULES);
	{
		struct nlattr *mod = nla_nest_start(m, LASTGASP_MODULES_MODULE);

		nla_put_string(m, LASTGASP_M_NAME, "lgtest");
		nla_put_string(m, LASTGASP_M_TAINT, "OE");
		nla_nest_end(m, mod);
	}
	nla_nest_end(m, n);
	nla_put(m, LASTGASP_R_LOG, sizeof(oops_log) - 1, oops_log);
	nla_nest_end(m, rec);
}

static void panic_record(struct nl_msg *m)
{
	struct nlattr *rec = nla_nest_start(m, LASTGASP_A_RECORD);

	common(m, 2, LASTGASP_KIND_PANIC, 42, "insmod");
	nla_put_string(m, LASTGASP_R_MESSAGE, "Fatal exception");
	nla_put_u32(m, LASTGASP_R_PANIC_REASON, LASTGASP_PANIC_OOPS);
	nla_nest_end(m, rec);
}

static void oom_record(struct nl_msg *m)
{
	struct nlattr *rec = nla_nest_start(m, LASTGASP_A_RECORD), *n, *t;

	common(m, 3, LASTGASP_KIND_OOM_VICTIM, 77, "stress");
	n = nla_nest_start(m, LASTGASP_R_MEMINFO);
	nla_put_u64(m, LASTGASP_MEM_TOTAL_KB, 1048052);
	nla_put_u64(m, LASTGASP_MEM_FREE_KB, 1200);
	nla_nest_end(m, n);
	n = nla_nest_start(m, LASTGASP_R_TASKS);
	t = nla_nest_start(m, LASTGASP_TASKS_TASK);
	nla_put_u32(m, LASTGASP_T_PID, 77);
	nla_put_string(m, LASTGASP_T_COMM, "stress");
	nla_put_u64(m, LASTGASP_T_RSS_KB, 1000000);
	nla_put_u32(m, LASTGASP_T_OOM_SCORE_ADJ, 0);
	nla_nest_end(m, t);
	nla_nest_end(m, n);
	nla_put_u32(m, LASTGASP_R_VICTIM_PID, 77);
	nla_put_string(m, LASTGASP_R_VICTIM_COMM, "stress");
	nla_put(m, LASTGASP_R_LOG, sizeof(oom_log) - 1, oom_log);
	nla_nest_end(m, rec);
}

static void lockup_record(struct nl_msg *m)
{
	struct nlattr *rec = nla_nest_start(m, LASTGASP_A_RECORD);

	common(m, 4, LASTGASP_KIND_SOFT_LOCKUP, 99, "spin");
	nla_put_string(m, LASTGASP_R_MESSAGE, "soft lockup");
	nla_put(m, LASTGASP_R_LOG, sizeof(lockup_log) - 1, lockup_log);
	nla_nest_end(m, rec);
}

static void status(struct nl_msg *m)
{
	struct nlattr *s = nla_nest_start(m, LASTGASP_A_STATUS);

	nla_put_string(m, LASTGASP_S_VERSION, "0.1");
	nla_put_u32(m, LASTGASP_S_BACKEND, 1);
	nla_put_u64(m, LASTGASP_S_REGION_ADDR, 0xbee00000ULL);
	nla_put_u64(m, LASTGASP_S_REGION_SIZE, 0x100000);
	nla_put_u32(m, LASTGASP_S_RECORDS, 2);
	nla_put(m, LASTGASP_S_BOOT_ID, 16, boot);
	nla_nest_end(m, s);
}

/* Messages appended to one buffer; written to DIR/NAME. */
struct buf {
	unsigned char data[1 << 18];
	size_t len;
};

static void add(struct buf *b, struct nl_msg *m)
{
	struct nlmsghdr *h = nlmsg_hdr(m);
	size_t n = NLMSG_ALIGN(h->nlmsg_len);

	if (b->len + n > sizeof(b->data))
		abort();
	memcpy(b->data + b->len, h, h->nlmsg_len);
	b->len += n;
	nlmsg_free(m);
}

static void add_done(struct buf *b)
{
	struct nlmsghdr h = { .nlmsg_len = NLMSG_LENGTH(4), .nlmsg_type = NLMSG_DONE,
			      .nlmsg_flags = NLM_F_MULTI };

	memcpy(b->data + b->len, &h, sizeof(h));
	memset(b->data + b->len + sizeof(h), 0, 4);
	b->len += NLMSG_ALIGN(h.nlmsg_len);
}

static void write_seed(const char *dir, const char *name, struct buf *b)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f || fwrite(b->data, 1, b->len, f) != b->len || fclose(f))
		abort();
	b->len = 0;
}

int main(int argc, char **argv)
{
	static struct buf b;
	struct nl_msg *m;

	if (argc != 2) {
		fprintf(stderr, "usage: seed-records DIR\n");
		return 1;
	}
	m = reply(LASTGASP_CMD_GET_RECORD, NLM_F_MULTI);
	die_record(m);
	add(&b, m);
	m = reply(LASTGASP_CMD_GET_RECORD, NLM_F_MULTI);
	panic_record(m);
	add(&b, m);
	add_done(&b);
	write_seed(argv[1], "die-then-panic.bin", &b);

	m = reply(LASTGASP_CMD_GET_RECORD, NLM_F_MULTI);
	oom_record(m);
	add(&b, m);
	m = reply(LASTGASP_CMD_GET_RECORD, NLM_F_MULTI);
	lockup_record(m);
	add(&b, m);
	add_done(&b);
	write_seed(argv[1], "oom-and-lockup.bin", &b);

	m = reply(LASTGASP_CMD_GET_STATUS, 0);
	status(m);
	add(&b, m);
	write_seed(argv[1], "status.bin", &b);

	/* watch: a NEW_RECORD notification, then nlctrl's DELFAMILY. */
	m = reply(LASTGASP_CMD_NEW_RECORD, 0);
	nla_put_u64(m, LASTGASP_A_SEQ, 5);
	nla_put_u32(m, LASTGASP_A_KIND, LASTGASP_KIND_WARN);
	add(&b, m);
	m = nlmsg_alloc();
	if (!m || !genlmsg_put(m, 0, 0, GENL_ID_CTRL, 0, 0, CTRL_CMD_DELFAMILY, 2))
		abort();
	nla_put_u16(m, CTRL_ATTR_FAMILY_ID, FAMILY);
	nla_put_string(m, CTRL_ATTR_FAMILY_NAME, LASTGASP_GENL_NAME);
	add(&b, m);
	write_seed(argv[1], "watch-new-then-unload.bin", &b);
	return 0;
}
