/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Record builders for the record tests: attribute buffers made with libnl
 * the way the kernel module makes them (nla_put into an nl_msg).  Each test
 * file adds the attributes its records need after record_start().
 */
#ifndef TEST_RECORD_BUILDERS_H
#define TEST_RECORD_BUILDERS_H

#include <stdbool.h>
#include <stdint.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <linux/lastgasp.h>

/*
 * One LASTGASP_STACK_FRAME; @ctx >= 0 adds LASTGASP_F_CONTEXT, @unknown_attr
 * an attribute a future kernel may add to a frame.
 */
static inline void put_frame_ctx(struct nl_msg *msg, uint64_t addr, const char *sym,
				 bool reliable, int ctx, bool unknown_attr)
{
	struct nlattr *f = nla_nest_start(msg, LASTGASP_STACK_FRAME);

	nla_put_u64(msg, LASTGASP_F_ADDR, addr);
	nla_put_string(msg, LASTGASP_F_SYMBOL, sym);
	if (reliable)
		nla_put_flag(msg, LASTGASP_F_RELIABLE);
	if (ctx >= 0)
		nla_put_u32(msg, LASTGASP_F_CONTEXT, (uint32_t)ctx);
	if (unknown_attr)
		nla_put_u32(msg, LASTGASP_F_MAX + 7, 0xdeadbeef);
	nla_nest_end(msg, f);
}

static inline void put_frame(struct nl_msg *msg, uint64_t addr, const char *sym,
			     bool reliable, bool unknown_attr)
{
	put_frame_ctx(msg, addr, sym, reliable, -1, unknown_attr);
}

/* One LASTGASP_MODULES_MODULE. */
static inline void put_module(struct nl_msg *msg, const char *name, const char *taint)
{
	struct nlattr *m = nla_nest_start(msg, LASTGASP_MODULES_MODULE);

	nla_put_string(msg, LASTGASP_M_NAME, name);
	nla_put_string(msg, LASTGASP_M_TAINT, taint);
	nla_nest_end(msg, m);
}

/* Open a LASTGASP_A_RECORD with what every record has; close it with nla_nest_end(). */
static inline struct nlattr *record_start(struct nl_msg *msg, uint64_t seq,
					  const unsigned char *boot, uint32_t kind,
					  uint32_t flags)
{
	struct nlattr *rec = nla_nest_start(msg, LASTGASP_A_RECORD);

	nla_put_u64(msg, LASTGASP_R_SEQ, seq);
	nla_put(msg, LASTGASP_R_BOOT_ID, LASTGASP_BOOT_ID_LEN, boot);
	nla_put_u32(msg, LASTGASP_R_KIND, kind);
	nla_put_u32(msg, LASTGASP_R_FLAGS, flags);
	return rec;
}

#endif /* TEST_RECORD_BUILDERS_H */
