// SPDX-License-Identifier: GPL-2.0
/*
 * The store: a region of RAM reserved with memmap= (survives a warm reboot)
 * or, without one, a vmalloc buffer that only lives until the next boot.
 *
 * Writers (crash path) reserve space by cmpxchg on the region header's used
 * counter, copy a finished record in, and write its commit word last, so a
 * record interrupted by a reset is detectable.  Readers (netlink, process
 * context, lg_store_lock) validate every record each time they look at it:
 * the region may hold anything after a reboot.
 */
#include "lastgasp.h"

#include <linux/crc32.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/kprobes.h>
#include <linux/libnvdimm.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/vmalloc.h>

/* Bounds the cmpxchg retries of a reservation racing other CPUs. */
#define LG_RESERVE_TRIES	64
#define LG_REGION_MIN		(64 * 1024)

/* Netlink readers and CLEAR; crash-path writers never take it. */
DEFINE_MUTEX(lg_store_lock);

static struct {
	void *base;
	struct lg_region_hdr *hdr;
	u8 *data;
	u64 data_size;
	phys_addr_t addr;
	size_t size;
	u32 backend;
	u32 invalid;		/* skipped at load */
	bool reinitialised;
	atomic_t writers;	/* crash-path writers between reserve and commit */
} lg_st;

static notrace void lg_flush(void *p, size_t n)
{
	if (lg_st.backend != LASTGASP_BACKEND_VOLATILE)
		arch_wb_cache_pmem(p, n);
}

NOKPROBE_SYMBOL(lg_flush);

static notrace u32 lg_record_crc(const struct lg_record_hdr *rec)
{
	struct lg_record_hdr tmp = *rec;
	u32 crc;

	tmp.crc = 0;
	tmp.commit = 0;
	tmp.cleared = 0;
	crc = crc32_le(~0U, (const u8 *)&tmp, sizeof(tmp));
	crc = crc32_le(crc, lg_record_body(rec), rec->body_len);
	return ~crc;
}

NOKPROBE_SYMBOL(lg_record_crc);

/* Length of the valid record at @off, or 0 if there is none. */
static u32 lg_record_at(u64 off, u64 end)
{
	const struct lg_record_hdr *rec = (const void *)(lg_st.data + off);
	u32 len, cleared;

	if (end - off < sizeof(*rec) || READ_ONCE(rec->magic) != LG_RECORD_MAGIC)
		return 0;
	if (READ_ONCE(rec->commit) != LG_RECORD_COMMIT)
		return 0;
	smp_rmb();	/* pairs with the wmb before the commit word */
	len = rec->len;
	cleared = READ_ONCE(rec->cleared);
	if (len < sizeof(*rec) || len % LG_ALIGN || len > end - off ||
	    rec->body_len > len - sizeof(*rec) || rec->body_len > LG_BODY_MAX)
		return 0;
	if (cleared && cleared != LG_RECORD_CLEARED)
		return 0;
	if (lg_record_crc(rec) != rec->crc)
		return 0;
	if (lg_record_validate(lg_record_body(rec), rec->body_len))
		return 0;
	return len;
}

/* Next offset after @off holding a record magic: resync after garbage. */
static u64 lg_resync(u64 off, u64 end)
{
	for (off += LG_ALIGN; off + sizeof(u32) <= end; off += LG_ALIGN)
		if (*(u32 *)(lg_st.data + off) == LG_RECORD_MAGIC)
			return off;
	return end;
}

static bool lg_is_live(const struct lg_record_hdr *rec)
{
	return READ_ONCE(rec->cleared) != LG_RECORD_CLEARED;
}

static bool lg_header_valid(const struct lg_region_hdr *h)
{
	return h->magic == LG_REGION_MAGIC && h->version == LG_REGION_VERSION &&
	       h->hdr_size == sizeof(*h) &&
	       h->rec_hdr_size == sizeof(struct lg_record_hdr) &&
	       h->region_size == lg_st.size &&
	       h->used <= lg_st.data_size && h->used % LG_ALIGN == 0;
}

static void lg_header_init(void)
{
	struct lg_region_hdr *h = lg_st.hdr;

	memset(lg_st.base, 0, lg_st.size);
	h->magic = LG_REGION_MAGIC;
	h->version = LG_REGION_VERSION;
	h->hdr_size = sizeof(*h);
	h->rec_hdr_size = sizeof(struct lg_record_hdr);
	h->region_size = lg_st.size;
	h->next_seq = 1;
	lg_flush(lg_st.base, lg_st.size);
}

/*
 * Load: drop garbage, torn and cleared records by moving the live ones to
 * the front (nothing else runs yet), and keep sequence numbers monotonic.
 */
static void lg_compact(void)
{
	struct lg_region_hdr *h = lg_st.hdr;
	u64 off = 0, dst = 0, end = h->used, max_seq = 0;
	u32 len;

	while (off < end) {
		const struct lg_record_hdr *rec = (const void *)(lg_st.data + off);

		len = lg_record_at(off, end);
		if (!len) {
			lg_st.invalid++;
			off = lg_resync(off, end);
			continue;
		}
		if (lg_is_live(rec)) {
			max_seq = max(max_seq, rec->seq);
			if (dst != off)
				memmove(lg_st.data + dst, rec, len);
			dst += len;
		}
		off += len;
	}
	memset(lg_st.data + dst, 0, end - dst);
	h->used = dst;
	if (h->next_seq <= max_seq)
		h->next_seq = max_seq + 1;
	lg_flush(lg_st.base, sizeof(*h) + end);
}

static int lg_map_region(phys_addr_t addr, size_t size, u32 backend)
{
	if (!PAGE_ALIGNED(addr) || !PAGE_ALIGNED(size) || size < LG_REGION_MIN) {
		pr_err("lastgasp: the region must be page aligned, size at least %u\n",
		       LG_REGION_MIN);
		return -EINVAL;
	}
	/*
	 * Ordinary RAM would be handed out by the page allocator meanwhile;
	 * reserve_mem= RAM is System RAM that memblock keeps for us.
	 */
	if (backend == LASTGASP_BACKEND_MEMMAP &&
	    region_intersects(addr, size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT) {
		pr_err("lastgasp: %pa+%zx is not reserved; boot with memmap=%zu$%pa\n",
		       &addr, size, size, &addr);
		return -EINVAL;
	}
	lg_st.base = memremap(addr, size, MEMREMAP_WB);
	if (!lg_st.base) {
		pr_err("lastgasp: cannot map %pa+%zx\n", &addr, size);
		return -ENOMEM;
	}
	lg_st.backend = backend;
	return 0;
}

/*
 * mem_address (memmap=) wins; else a reserve_mem=SIZE:ALIGN:lastgasp
 * region; else a volatile buffer of @size.
 */
int lg_store_init(phys_addr_t addr, size_t size)
{
	phys_addr_t rm_addr, rm_size;
	u32 backend = LASTGASP_BACKEND_MEMMAP;
	int err;

	if (!addr && !lg_reserve_mem_find(LG_RESERVE_MEM_NAME, &rm_addr, &rm_size)) {
		addr = rm_addr;
		size = rm_size;
		backend = LASTGASP_BACKEND_RESERVE_MEM;
	}
	if (size < LG_REGION_MIN)
		size = LG_REGION_MIN;
	lg_st.addr = addr;
	lg_st.size = size;
	if (addr) {
		err = lg_map_region(addr, size, backend);
		if (err)
			return err;
	} else {
		lg_st.base = vzalloc(size);
		if (!lg_st.base)
			return -ENOMEM;
		lg_st.backend = LASTGASP_BACKEND_VOLATILE;
	}
	lg_st.hdr = lg_st.base;
	lg_st.data = (u8 *)lg_st.base + sizeof(struct lg_region_hdr);
	lg_st.data_size = size - sizeof(struct lg_region_hdr);

	if (lg_st.backend == LASTGASP_BACKEND_VOLATILE) {
		lg_header_init();
	} else if (!lg_header_valid(lg_st.hdr)) {
		pr_warn("lastgasp: no valid store at %pa, initialising it\n", &addr);
		lg_header_init();
		lg_st.reinitialised = true;
	} else {
		lg_compact();
		if (lg_st.invalid)
			pr_warn("lastgasp: skipped %u corrupt or torn records\n",
				lg_st.invalid);
	}
	pr_info("lastgasp: %s store of %zu bytes at %pa\n",
		lg_st.backend == LASTGASP_BACKEND_VOLATILE ? "volatile (lost on reboot)" :
		lg_st.backend == LASTGASP_BACKEND_MEMMAP ? "memmap" : "reserve_mem",
		size, &addr);
	return 0;
}

void lg_store_exit(void)
{
	if (lg_st.backend == LASTGASP_BACKEND_VOLATILE)
		vfree(lg_st.base);
	else
		memunmap(lg_st.base);
	lg_st.base = NULL;
}

/*
 * The region header lives in RAM shared with the next boot, so its
 * counters are updated in place.  atomic64_t has the layout of a u64.
 */
static notrace atomic64_t *lg_hdr_atomic(u64 *field)
{
	return (atomic64_t *)field;
}

NOKPROBE_SYMBOL(lg_hdr_atomic);

notrace u64 lg_store_next_seq(void)
{
	return atomic64_fetch_add(1, lg_hdr_atomic(&lg_st.hdr->next_seq));
}

NOKPROBE_SYMBOL(lg_store_next_seq);

notrace void lg_store_count_drop(void)
{
	if (lg_st.hdr) {
		atomic64_inc(lg_hdr_atomic(&lg_st.hdr->dropped));
		lg_flush(lg_st.hdr, sizeof(*lg_st.hdr));
	}
}

NOKPROBE_SYMBOL(lg_store_count_drop);

static notrace bool lg_reserve(u32 len, u64 keep_free, u64 *off)
{
	u64 *used = &lg_st.hdr->used;
	u64 old = READ_ONCE(*used), seen;
	int i;

	for (i = 0; i < LG_RESERVE_TRIES; i++) {
		if (old > lg_st.data_size || len > lg_st.data_size - old ||
		    keep_free > lg_st.data_size - old - len)
			return false;
		seen = cmpxchg(used, old, old + len);
		if (seen == old) {
			*off = old;
			return true;
		}
		old = seen;
	}
	return false;
}

NOKPROBE_SYMBOL(lg_reserve);

/*
 * Append a finished record (header fields seq, kind, body_len and the body
 * filled in by the caller).  Append-only: a full store drops the new record
 * and never touches an earlier one.  The record leaves @keep_free bytes
 * (at most half the region) free for the crashes that may follow it (see
 * lg_keep_free() in capture.c): a stream of warnings, OOM kills or
 * survived oopses must not leave the final crash without room.
 */
notrace int lg_store_commit(struct lg_record_hdr *rec, u64 keep_free)
{
	struct lg_record_hdr *dst;
	u64 off;
	int err = 0;

	rec->magic = LG_RECORD_MAGIC;
	rec->len = ALIGN(sizeof(*rec) + rec->body_len, LG_ALIGN);
	memcpy(rec->boot_id, lg_boot_id, sizeof(rec->boot_id));
	rec->commit = 0;
	rec->cleared = 0;
	rec->crc = lg_record_crc(rec);

	atomic_inc(&lg_st.writers);
	smp_mb__after_atomic();	/* a CLEAR resetting the store sees us */
	if (!lg_reserve(rec->len, min_t(u64, keep_free, lg_st.data_size / 2), &off)) {
		lg_store_count_drop();
		err = -ENOSPC;
		goto out;
	}
	dst = (struct lg_record_hdr *)(lg_st.data + off);
	memcpy(dst, rec, rec->len);
	wmb();		/* everything before the commit word */
	WRITE_ONCE(dst->commit, LG_RECORD_COMMIT);
	lg_flush(dst, rec->len);
	lg_flush(lg_st.hdr, sizeof(*lg_st.hdr));
out:
	smp_mb__before_atomic();	/* our bytes are in before we leave */
	atomic_dec(&lg_st.writers);
	return err;
}

NOKPROBE_SYMBOL(lg_store_commit);

/* The next live record at or after *@cursor; moves the cursor past it. */
const struct lg_record_hdr *lg_store_next(u64 *cursor)
{
	u64 off = *cursor, end = READ_ONCE(lg_st.hdr->used);
	const struct lg_record_hdr *rec;
	u32 len;

	lockdep_assert_held(&lg_store_lock);
	while (off < end) {
		len = lg_record_at(off, end);
		if (!len) {
			off = lg_resync(off, end);
			continue;
		}
		rec = (const void *)(lg_st.data + off);
		off += len;
		if (lg_is_live(rec)) {
			*cursor = off;
			return rec;
		}
	}
	*cursor = off;
	return NULL;
}

const struct lg_record_hdr *lg_store_find(u64 seq)
{
	const struct lg_record_hdr *rec;
	u64 cursor = 0;

	while ((rec = lg_store_next(&cursor)))
		if (rec->seq == seq)
			return rec;
	return NULL;
}

static void lg_mark_cleared(const struct lg_record_hdr *rec)
{
	struct lg_record_hdr *w = (struct lg_record_hdr *)rec;

	WRITE_ONCE(w->cleared, LG_RECORD_CLEARED);
	lg_flush(&w->cleared, sizeof(w->cleared));
}

/*
 * When nothing live is left, start the store over.  A crash-path writer
 * between reserve and commit, or one that reserved since we looked, makes
 * the cmpxchg fail or the writer count non-zero: then the space is
 * reclaimed at the next load instead.
 */
static void lg_reclaim_if_empty(void)
{
	u64 used = READ_ONCE(lg_st.hdr->used), cursor = 0;

	if (lg_store_next(&cursor))
		return;
	if (atomic_read(&lg_st.writers))
		return;
	if (cmpxchg(&lg_st.hdr->used, used, 0) == used)
		lg_flush(lg_st.hdr, sizeof(*lg_st.hdr));
}

int lg_store_clear(u64 seq)
{
	const struct lg_record_hdr *rec = lg_store_find(seq);

	if (!rec)
		return -ENOENT;
	lg_mark_cleared(rec);
	lg_reclaim_if_empty();
	return 0;
}

void lg_store_clear_all(void)
{
	const struct lg_record_hdr *rec;
	u64 cursor = 0;

	while ((rec = lg_store_next(&cursor)))
		lg_mark_cleared(rec);
	atomic64_set(lg_hdr_atomic(&lg_st.hdr->dropped), 0);
	lg_reclaim_if_empty();
}

void lg_store_get_status(struct lg_store_status *st)
{
	const struct lg_record_hdr *rec;
	u64 cursor = 0;

	memset(st, 0, sizeof(*st));
	st->backend = lg_st.backend;
	st->addr = lg_st.backend == LASTGASP_BACKEND_VOLATILE ? 0 : lg_st.addr;
	st->size = lg_st.size;
	st->used = READ_ONCE(lg_st.hdr->used);
	st->invalid = lg_st.invalid;
	st->dropped = min_t(u64, atomic64_read(lg_hdr_atomic(&lg_st.hdr->dropped)),
			    U32_MAX);
	st->reinitialised = lg_st.reinitialised;
	while ((rec = lg_store_next(&cursor))) {
		st->records++;
		if (memcmp(rec->boot_id, lg_boot_id, sizeof(lg_boot_id)))
			st->previous_boot++;
	}
}

/* The newest sequence number handed out so far (0: none). */
u64 lg_store_last_seq(void)
{
	return atomic64_read(lg_hdr_atomic(&lg_st.hdr->next_seq)) - 1;
}

/*
 * Crash path: the bytes a record (header included) could take now while
 * leaving @keep_free (at most half the region) free, 0 if none.  Checked
 * before a record is built; commit checks again.
 */
notrace u64 lg_store_room(u64 keep_free)
{
	u64 used = READ_ONCE(lg_st.hdr->used);

	keep_free = min_t(u64, keep_free, lg_st.data_size / 2);
	if (used > lg_st.data_size || lg_st.data_size - used < keep_free)
		return 0;
	return lg_st.data_size - used - keep_free;
}

NOKPROBE_SYMBOL(lg_store_room);
