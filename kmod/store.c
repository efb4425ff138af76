// SPDX-License-Identifier: GPL-2.0
/*
 * The store: a region of RAM reserved with memmap= or reserve_mem= (it
 * survives a warm reboot; region.c says which ranges qualify) or, without
 * one, a vmalloc buffer that only lives until the next boot.
 *
 * Writers (crash path) reserve space by cmpxchg on the region header's used
 * counter, copy a finished record in, and write its commit word last, so a
 * record interrupted by a reset is detectable.  Readers (netlink, process
 * context, lg_store_lock) validate every record each time they look at it:
 * the region may hold anything after a reboot.
 */
#include "lastgasp.h"

#include <linux/crc32.h>
#include <linux/kprobes.h>
#include <linux/libnvdimm.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <net/netlink.h>
#include <linux/vmalloc.h>

/* Bounds the cmpxchg retries of a reservation racing other CPUs. */
#define LG_RESERVE_TRIES	64
/*
 * Bytes of records the load may checksum, per byte of region: a valid
 * store costs at most one.  A crafted one (a committed record header every
 * 8 bytes, each claiming the rest of the region) would otherwise cost
 * region/8 checksums of up to the region each.
 */
#define LG_LOAD_CRC_FACTOR	4

/* Netlink readers and CLEAR; crash-path writers never take it. */
DEFINE_MUTEX(lg_store_lock);

static struct {
	void *base;
	struct lg_area area;
	phys_addr_t addr;
	size_t size;
	u32 backend;
	u32 invalid;		/* skipped at load */
	bool reinitialised;
	atomic_t writers;	/* crash-path writers between reserve and commit */
	atomic_t commits;	/* records committed: CLEAR's generation check */
} lg_st;

static notrace void lg_flush(void *p, size_t n)
{
	if (lg_st.backend != LASTGASP_BACKEND_VOLATILE)
		arch_wb_cache_pmem(p, n);
}

NOKPROBE_SYMBOL(lg_flush);

/* The header (crc, commit and cleared taken as 0) and @body. */
static notrace u32 lg_record_crc(const struct lg_record_hdr *hdr, const void *body)
{
	struct lg_record_hdr tmp = *hdr;
	u32 crc;

	tmp.crc = 0;
	tmp.commit = 0;
	tmp.cleared = 0;
	crc = crc32_le(~0U, (const u8 *)&tmp, sizeof(tmp));
	crc = crc32_le(crc, body, hdr->body_len);
	return ~crc;
}

NOKPROBE_SYMBOL(lg_record_crc);

/* The body says what the header says: seq, kind and boot id. */
static bool lg_body_matches(const struct lg_record_hdr *h, const void *body)
{
	const struct nlattr *seq, *kind, *boot;

	seq = nla_find(body, h->body_len, LASTGASP_R_SEQ);
	kind = nla_find(body, h->body_len, LASTGASP_R_KIND);
	boot = nla_find(body, h->body_len, LASTGASP_R_BOOT_ID);
	return seq && kind && boot && nla_get_u64(seq) == h->seq &&
	       nla_get_u32(kind) == h->kind &&
	       !memcmp(nla_data(boot), h->boot_id, LG_BOOT_ID_LEN);
}

/* The fields of a header copy that need no body to be judged. */
static bool lg_header_sane(const struct lg_record_hdr *h, u64 room)
{
	return h->magic == LG_RECORD_MAGIC && h->commit == LG_RECORD_COMMIT &&
	       h->body_len <= LG_BODY_MAX &&
	       h->len == ALIGN(sizeof(*h) + h->body_len, LG_ALIGN) &&
	       h->len <= room &&
	       (!h->cleared || h->cleared == LG_RECORD_CLEARED) &&
	       h->kind && h->kind <= LASTGASP_KIND_MAX &&
	       h->seq && h->seq < LG_SEQ_LIMIT;
}

/*
 * The valid record at @off into @r, its header copied once: every check
 * and every later use looks at that copy, never again at the store.
 * @budget (load only) bounds the bytes checksummed.
 */
static bool lg_record_at(const struct lg_area *a, u64 off, u64 end,
			 struct lg_rec *r, u64 *budget)
{
	const struct lg_record_hdr *src = (const void *)(a->data + off);
	struct lg_record_hdr *h = &r->hdr;

	if (end - off < sizeof(*h) || READ_ONCE(src->magic) != LG_RECORD_MAGIC ||
	    READ_ONCE(src->commit) != LG_RECORD_COMMIT)
		return false;
	smp_rmb();	/* pairs with the wmb before the commit word */
	memcpy(h, src, sizeof(*h));
	if (!lg_header_sane(h, end - off))
		return false;
	if (budget) {
		if (*budget < h->len)
			return false;
		*budget -= h->len;
	}
	r->body = src + 1;
	r->off = off;
	return lg_record_crc(h, r->body) == h->crc &&
	       !lg_record_validate(r->body, h->body_len) &&
	       lg_body_matches(h, r->body);
}

/* Next offset after @off holding a record magic: resync after garbage. */
static u64 lg_resync(const struct lg_area *a, u64 off, u64 end)
{
	for (off += LG_ALIGN; off + sizeof(u32) <= end; off += LG_ALIGN)
		if (*(u32 *)(a->data + off) == LG_RECORD_MAGIC)
			return off;
	return end;
}

static bool lg_is_live(const struct lg_rec *r)
{
	return r->hdr.cleared != LG_RECORD_CLEARED;
}

static bool lg_header_valid(const struct lg_area *a, const struct lg_region_hdr *h)
{
	return h->magic == LG_REGION_MAGIC && h->version == LG_REGION_VERSION &&
	       h->hdr_size == sizeof(*h) &&
	       h->rec_hdr_size == sizeof(struct lg_record_hdr) &&
	       h->region_size == a->size &&
	       h->used <= a->data_size && h->used % LG_ALIGN == 0;
}

/* An empty store over the whole of @a. */
void lg_area_init(struct lg_area *a)
{
	struct lg_region_hdr *h = a->hdr;

	memset(a->hdr, 0, a->size);
	h->magic = LG_REGION_MAGIC;
	h->version = LG_REGION_VERSION;
	h->hdr_size = sizeof(*h);
	h->rec_hdr_size = sizeof(struct lg_record_hdr);
	h->region_size = a->size;
	h->next_seq = 1;
}

/*
 * Load a store left by an earlier boot: -EINVAL when its header is not
 * valid (the caller starts it over), else drop garbage, torn and cleared
 * records by moving the live ones to the front (nothing else runs yet),
 * count what was dropped in *@invalid, and keep sequence numbers
 * monotonic and far from wrapping.  Process context: it reschedules.
 */
int lg_area_load(struct lg_area *a, u32 *invalid)
{
	struct lg_region_hdr hc = *a->hdr;	/* untrusted: read once */
	u64 off = 0, dst = 0, end = hc.used, max_seq = 0;
	u64 budget = LG_LOAD_CRC_FACTOR * a->data_size;
	struct lg_rec r;

	*invalid = 0;
	if (!lg_header_valid(a, &hc))
		return -EINVAL;
	while (off < end) {
		cond_resched();
		if (!lg_record_at(a, off, end, &r, &budget)) {
			(*invalid)++;
			off = lg_resync(a, off, end);
			continue;
		}
		if (lg_is_live(&r)) {
			max_seq = max(max_seq, r.hdr.seq);
			if (dst != off)
				memmove(a->data + dst, a->data + off, r.hdr.len);
			dst += r.hdr.len;
		}
		off += r.hdr.len;
	}
	memset(a->data + dst, 0, end - dst);
	a->hdr->used = dst;
	a->hdr->next_seq = hc.next_seq;
	if (hc.next_seq <= max_seq || hc.next_seq >= LG_SEQ_LIMIT)
		a->hdr->next_seq = max_seq + 1;
	return 0;
}

/* The next live record of @a at or after *@off; moves *@off past it. */
bool lg_area_next(const struct lg_area *a, u64 *off, struct lg_rec *r)
{
	u64 pos = *off, end = READ_ONCE(a->hdr->used);

	while (pos < end && pos <= a->data_size) {
		if (!lg_record_at(a, pos, end, r, NULL)) {
			pos = lg_resync(a, pos, end);
			cond_resched();
			continue;
		}
		pos += r->hdr.len;
		if (lg_is_live(r)) {
			*off = pos;
			return true;
		}
	}
	*off = pos;
	return false;
}

/*
 * mem_address (memmap=) wins; else a reserve_mem=SIZE:ALIGN:lastgasp
 * region; else a volatile buffer of @size.
 */
int lg_store_init(phys_addr_t addr, size_t size)
{
	struct lg_area *a = &lg_st.area;
	phys_addr_t rm_addr, rm_size;
	u32 backend = LASTGASP_BACKEND_MEMMAP;
	int err;

	if (!addr && !lg_reserve_mem_find(LG_RESERVE_MEM_NAME, &rm_addr, &rm_size)) {
		addr = rm_addr;
		size = rm_size;
		backend = LASTGASP_BACKEND_RESERVE_MEM;
	}
	if (addr) {
		lg_st.base = lg_region_map(addr, size, backend);
		if (IS_ERR(lg_st.base)) {
			err = PTR_ERR(lg_st.base);
			lg_st.base = NULL;
			return err;
		}
		lg_st.backend = backend;
	} else {
		/* Our own allocation: growing it hurts nobody. */
		size = max_t(size_t, size, LG_REGION_MIN);
		lg_st.base = vzalloc(size);
		if (!lg_st.base)
			return -ENOMEM;
		lg_st.backend = LASTGASP_BACKEND_VOLATILE;
	}
	lg_st.addr = addr;
	lg_st.size = size;
	a->hdr = lg_st.base;
	a->data = (u8 *)lg_st.base + sizeof(struct lg_region_hdr);
	a->data_size = size - sizeof(struct lg_region_hdr);
	a->size = size;

	if (lg_st.backend == LASTGASP_BACKEND_VOLATILE) {
		lg_area_init(a);
	} else if (lg_area_load(a, &lg_st.invalid)) {
		pr_warn("no valid store at %pa, initialising it\n", &addr);
		lg_area_init(a);
		lg_st.reinitialised = true;
	} else if (lg_st.invalid) {
		pr_warn("skipped %u corrupt or torn records\n", lg_st.invalid);
	}
	lg_flush(lg_st.base, size);
	pr_info("%s store of %zu bytes at %pa\n",
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
		lg_region_unmap(lg_st.base, lg_st.addr, lg_st.size, lg_st.backend);
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
	return atomic64_fetch_add(1, lg_hdr_atomic(&lg_st.area.hdr->next_seq));
}

NOKPROBE_SYMBOL(lg_store_next_seq);

notrace void lg_store_count_drop(void)
{
	struct lg_region_hdr *h = lg_st.area.hdr;

	if (h) {
		atomic64_inc(lg_hdr_atomic(&h->dropped));
		lg_flush(h, sizeof(*h));
	}
}

NOKPROBE_SYMBOL(lg_store_count_drop);

static notrace bool lg_reserve(u32 len, u64 keep_free, u64 *off)
{
	u64 *used = &lg_st.area.hdr->used, size = lg_st.area.data_size;
	u64 old = READ_ONCE(*used), seen;
	int i;

	for (i = 0; i < LG_RESERVE_TRIES; i++) {
		if (old > size || len > size - old || keep_free > size - old - len)
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
 * survived oopses must not leave the final crash without room.  The commit
 * generation moves after the commit word and before the writer count
 * drops, so a CLEAR that missed the record while scanning sees one or the
 * other (lg_reclaim_if_empty).
 */
notrace int lg_store_commit(struct lg_record_hdr *rec, u64 keep_free)
{
	struct lg_record_hdr *dst;
	u64 off, size = lg_st.area.data_size;
	int err = 0;

	rec->magic = LG_RECORD_MAGIC;
	rec->len = ALIGN(sizeof(*rec) + rec->body_len, LG_ALIGN);
	memcpy(rec->boot_id, lg_boot_id, sizeof(rec->boot_id));
	rec->commit = 0;
	rec->cleared = 0;
	rec->crc = lg_record_crc(rec, rec + 1);

	atomic_inc(&lg_st.writers);
	smp_mb__after_atomic();	/* a CLEAR resetting the store sees us */
	if (!lg_reserve(rec->len, min_t(u64, keep_free, size / 2), &off)) {
		lg_store_count_drop();
		err = -ENOSPC;
		goto out;
	}
	lg_test_point(LG_TEST_RESERVED);
	dst = (struct lg_record_hdr *)(lg_st.area.data + off);
	memcpy(dst, rec, rec->len);
	wmb();		/* everything before the commit word */
	WRITE_ONCE(dst->commit, LG_RECORD_COMMIT);
	lg_flush(dst, rec->len);
	lg_flush(lg_st.area.hdr, sizeof(*lg_st.area.hdr));
	smp_mb__before_atomic();	/* committed before the generation moves */
	atomic_inc(&lg_st.commits);
out:
	smp_mb__before_atomic();	/* our bytes are in before we leave */
	atomic_dec(&lg_st.writers);
	lg_test_point(LG_TEST_COMMITTED);
	return err;
}

NOKPROBE_SYMBOL(lg_store_commit);

bool lg_store_next(u64 *off, struct lg_rec *r)
{
	lockdep_assert_held(&lg_store_lock);
	return lg_area_next(&lg_st.area, off, r);
}

bool lg_store_find(u64 seq, struct lg_rec *r)
{
	u64 off = 0;

	while (lg_store_next(&off, r))
		if (r->hdr.seq == seq)
			return true;
	return false;
}

/* The valid record (live or cleared) at @off, as a dump cursor names it. */
bool lg_store_at(u64 off, struct lg_rec *r)
{
	struct lg_area *a = &lg_st.area;
	u64 end = READ_ONCE(a->hdr->used);

	lockdep_assert_held(&lg_store_lock);
	return off < end && off % LG_ALIGN == 0 && lg_record_at(a, off, end, r, NULL);
}

static void lg_mark_cleared(const struct lg_rec *r)
{
	struct lg_record_hdr *w = (struct lg_record_hdr *)(lg_st.area.data + r->off);

	WRITE_ONCE(w->cleared, LG_RECORD_CLEARED);
	lg_flush(&w->cleared, sizeof(w->cleared));
}

/*
 * When nothing live is left, start the store over.  A writer that
 * reserves after we read the used counter makes the cmpxchg fail; one
 * between reserve and commit keeps the writer count up; one that reserved
 * before we read the counter and committed after the scan passed its
 * record has moved the commit generation.  In every case the space is
 * reclaimed at the next load instead, and no committed record is lost.
 */
static void lg_reclaim_if_empty(void)
{
	struct lg_region_hdr *h = lg_st.area.hdr;
	int gen = atomic_read(&lg_st.commits);
	struct lg_rec r;
	u64 used, off = 0;

	smp_mb();	/* the generation before the counter and the scan */
	used = READ_ONCE(h->used);
	if (lg_store_next(&off, &r))
		return;
	lg_test_point(LG_TEST_RECLAIM_SCANNED);
	smp_mb();	/* the scan before the writer count and the generation */
	if (atomic_read(&lg_st.writers) || atomic_read(&lg_st.commits) != gen)
		return;
	if (cmpxchg(&h->used, used, 0) == used)
		lg_flush(h, sizeof(*h));
}

int lg_store_clear(u64 seq)
{
	struct lg_rec r;

	if (!lg_store_find(seq, &r))
		return -ENOENT;
	lg_mark_cleared(&r);
	lg_reclaim_if_empty();
	return 0;
}

void lg_store_clear_all(void)
{
	struct lg_rec r;
	u64 off = 0;

	while (lg_store_next(&off, &r))
		lg_mark_cleared(&r);
	atomic64_set(lg_hdr_atomic(&lg_st.area.hdr->dropped), 0);
	lg_reclaim_if_empty();
}

void lg_store_get_status(struct lg_store_status *st)
{
	struct lg_region_hdr *h = lg_st.area.hdr;
	struct lg_rec r;
	u64 off = 0;

	memset(st, 0, sizeof(*st));
	st->backend = lg_st.backend;
	st->addr = lg_st.backend == LASTGASP_BACKEND_VOLATILE ? 0 : lg_st.addr;
	st->size = lg_st.size;
	st->used = READ_ONCE(h->used);
	st->invalid = lg_st.invalid;
	st->dropped = min_t(u64, atomic64_read(lg_hdr_atomic(&h->dropped)), U32_MAX);
	st->reinitialised = lg_st.reinitialised;
	while (lg_store_next(&off, &r)) {
		st->records++;
		if (memcmp(r.hdr.boot_id, lg_boot_id, sizeof(lg_boot_id)))
			st->previous_boot++;
	}
}

/* The newest sequence number handed out so far (0: none). */
u64 lg_store_last_seq(void)
{
	return atomic64_read(lg_hdr_atomic(&lg_st.area.hdr->next_seq)) - 1;
}

/*
 * Crash path: the bytes a record (header included) could take now while
 * leaving @keep_free (at most half the region) free, 0 if none.  Checked
 * before a record is built; commit checks again.
 */
notrace u64 lg_store_room(u64 keep_free)
{
	u64 used = READ_ONCE(lg_st.area.hdr->used), size = lg_st.area.data_size;

	keep_free = min_t(u64, keep_free, size / 2);
	if (used > size || size - used < keep_free)
		return 0;
	return size - used - keep_free;
}

NOKPROBE_SYMBOL(lg_store_room);
