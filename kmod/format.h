/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The layout of the persistent store.  It must not depend on the kernel
 * version: a record written by one kernel is read back by another after
 * the reboot.  Fixed-size little-endian fields only (x86-64 module).
 *
 *   [region header][record][record]...[free space]
 *
 * A record is a fixed header followed by its body, which IS the attribute
 * stream of LASTGASP_A_RECORD (struct nlattr TLVs, 4-byte aligned), so
 * export copies it after validating it against the policy.  Records are
 * 8-byte aligned and appended only; space is reserved lock-free by
 * cmpxchg on the header's used counter.
 */
#ifndef _LASTGASP_FORMAT_H
#define _LASTGASP_FORMAT_H

#include <linux/types.h>
#include <linux/bits.h>
#include <linux/build_bug.h>

#include "uapi/linux/lastgasp.h"

#define LG_REGION_MAGIC		0x4853474cU	/* "LGSH" */
#define LG_REGION_VERSION	1
#define LG_RECORD_MAGIC		0x5253474cU	/* "LGSR" */
#define LG_RECORD_COMMIT	0x454e4f44U	/* "DONE": written last */
#define LG_RECORD_CLEARED	0x52414c43U	/* "CLAR" */
#define LG_BOOT_ID_LEN		LASTGASP_BOOT_ID_LEN
#define LG_ALIGN		8
/*
 * Sequence numbers are 1 .. LG_SEQ_LIMIT - 1; a record claiming another
 * is invalid, so next_seq taken from an old region can never wrap.
 */
#define LG_SEQ_LIMIT		BIT_ULL(62)

struct lg_region_hdr {
	u32 magic;
	u16 version;
	u16 hdr_size;		/* sizeof(struct lg_region_hdr) */
	u32 rec_hdr_size;	/* sizeof(struct lg_record_hdr) */
	u32 reserved;
	u64 region_size;	/* whole region, header included */
	u64 used;		/* bytes of records after the header */
	u64 next_seq;		/* monotonic across boots */
	u64 dropped;		/* events that found no room, since reset */
	u8 pad[16];
};

struct lg_record_hdr {
	u32 magic;		/* LG_RECORD_MAGIC */
	u32 len;		/* header + body + padding up to 8 bytes */
	u64 seq;
	u32 kind;		/* enum lastgasp_kind */
	u32 body_len;		/* bytes of attribute stream */
	u8 boot_id[LG_BOOT_ID_LEN];
	u32 crc;		/* crc32 of header (crc, commit, cleared = 0) and body */
	u32 reserved;
	u32 commit;		/* LG_RECORD_COMMIT, written after everything else */
	u32 cleared;		/* 0 or LG_RECORD_CLEARED; outside the CRC */
};

static_assert(sizeof(struct lg_region_hdr) == 64);
static_assert(sizeof(struct lg_record_hdr) == 56);

#endif /* _LASTGASP_FORMAT_H */
