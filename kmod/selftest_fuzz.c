// SPDX-License-Identifier: GPL-2.0
/*
 * TEST BUILDS ONLY (LG_SELFTEST=y): the region fuzzer.  Each image is a
 * small store built from records this file writes by the format of
 * format.h (its own checksum code, not the store's), then damaged in one
 * way, then handed to the module's own load code (lg_area_load) and read
 * back with lg_area_next, as the module does with the region after a
 * reboot.  The fuzzer knows which records it left intact, so the verdict
 * needs nothing from the code under test: every intact live record inside
 * the used bytes comes back byte for byte, nothing else comes back, the
 * used count covers exactly what came back, and next_seq is above every
 * kept sequence number and far from wrapping.
 */
#include "lastgasp.h"

#include <linux/crc32.h>
#include <linux/prandom.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#define FZ_SIZE		(8 * 1024)	/* one image, header included */
#define FZ_RECS		8
#define FZ_HDR		sizeof(struct lg_region_hdr)
#define FZ_REC_HDR	sizeof(struct lg_record_hdr)

struct fz_rec {
	u64 off;
	u32 len;
	u64 seq;
	bool live;	/* not cleared */
	bool damaged;	/* a mutation touched its header or body */
	bool seen;
};

struct fz {
	struct rnd_state rnd;
	struct lg_area a;
	u8 *img, *orig;
	struct fz_rec rec[FZ_RECS];
	int n;
	u64 used;	/* bytes of records the header claims after damage */
	bool hdr_bad;	/* the damage made the region header invalid */
	const char *what;
	char detail[96];	/* where the damage went, for the defect report */
};

struct fz_totals {
	u64 kept, dropped, refused, defects;
};

static u32 fz_rand(struct fz *f, u32 n)
{
	return n ? prandom_u32_state(&f->rnd) % n : 0;
}

/* format.h: crc32 of the header with crc, commit and cleared as 0, then the body. */
static u32 fz_crc(const struct lg_record_hdr *h)
{
	struct lg_record_hdr t = *h;

	t.crc = 0;
	t.commit = 0;
	t.cleared = 0;
	return ~crc32_le(crc32_le(~0U, (const u8 *)&t, sizeof(t)),
			 (const u8 *)(h + 1), h->body_len);
}

static struct lg_record_hdr *fz_hdr(struct fz *f, int k)
{
	return (struct lg_record_hdr *)(f->a.data + f->rec[k].off);
}

static void fz_text(struct fz *f, char *s, u32 len)
{
	u32 i;

	for (i = 0; i < len; i++)
		s[i] = 'a' + fz_rand(f, 26);
	s[len] = '\0';
}

/* One valid record at @off with sequence number @seq; its length, 0 if no room. */
static u32 fz_record(struct fz *f, u64 off, u64 seq)
{
	struct lg_record_hdr *h = (void *)(f->a.data + off);
	u64 room = f->a.data_size - off;
	char text[256];
	u8 boot[LG_BOOT_ID_LEN];
	struct lg_tlv w;

	if (room < FZ_REC_HDR + 64)
		return 0;
	memset(h, 0, FZ_REC_HDR);
	lg_tlv_init(&w, h + 1, min_t(u64, room - FZ_REC_HDR - LG_ALIGN, 1024));
	h->kind = 1 + fz_rand(f, LASTGASP_KIND_MAX);
	if (fz_rand(f, 2))
		memcpy(boot, lg_boot_id, sizeof(boot));
	else
		prandom_bytes_state(&f->rnd, boot, sizeof(boot));
	lg_tlv_put_u64(&w, LASTGASP_R_SEQ, seq);
	lg_tlv_put(&w, LASTGASP_R_BOOT_ID, boot, sizeof(boot));
	lg_tlv_put_u32(&w, LASTGASP_R_KIND, h->kind);
	lg_tlv_put_u32(&w, LASTGASP_R_FLAGS, fz_rand(f, 64));
	fz_text(f, text, 1 + fz_rand(f, 15));
	lg_tlv_put_str(&w, LASTGASP_R_COMM, text, LG_NAME_MAX);
	if (fz_rand(f, 2)) {
		fz_text(f, text, fz_rand(f, 200));
		lg_tlv_put_str(&w, LASTGASP_R_MESSAGE, text, LG_MESSAGE_MAX);
	}
	if (fz_rand(f, 2))
		lg_tlv_put_u32(&w, LASTGASP_R_PANIC_REASON, fz_rand(f, __LASTGASP_PANIC_MAX));
	if (fz_rand(f, 2)) {
		u32 n = fz_rand(f, 400);
		void *p = lg_tlv_reserve(&w, LASTGASP_R_LOG, n);

		if (p)
			prandom_bytes_state(&f->rnd, p, n);
	}
	if (w.truncated)
		return 0;
	h->magic = LG_RECORD_MAGIC;
	h->body_len = w.len;
	h->len = ALIGN(FZ_REC_HDR + w.len, LG_ALIGN);
	h->seq = seq;
	memcpy(h->boot_id, boot, sizeof(boot));
	memset((u8 *)(h + 1) + w.len, 0, h->len - FZ_REC_HDR - w.len);
	h->crc = fz_crc(h);
	h->commit = LG_RECORD_COMMIT;
	h->cleared = fz_rand(f, 8) ? 0 : LG_RECORD_CLEARED;
	return h->len;
}

/* A valid store of a few records; sequence numbers from @seq0. */
static void fz_build(struct fz *f, u64 seq0)
{
	u64 off = 0;
	u32 len;
	int want = 1 + fz_rand(f, FZ_RECS);

	lg_area_init(&f->a);
	for (f->n = 0; f->n < want; f->n++) {
		len = fz_record(f, off, seq0 + f->n);
		if (!len)
			break;
		f->rec[f->n] = (struct fz_rec) {
			.off = off, .len = len, .seq = seq0 + f->n,
		};
		f->rec[f->n].live = !fz_hdr(f, f->n)->cleared;
		off += len;
	}
	f->a.hdr->used = off;
	f->a.hdr->next_seq = seq0 + f->n + fz_rand(f, 3);
	f->used = off;
	f->hdr_bad = false;
	memcpy(f->orig, f->img, FZ_SIZE);
}

/* Mark the records whose header or body holds data byte @d as damaged. */
static void fz_touch(struct fz *f, u64 d)
{
	struct lg_record_hdr *o;
	int k;

	for (k = 0; k < f->n; k++) {
		o = (struct lg_record_hdr *)(f->orig + FZ_HDR + f->rec[k].off);
		if (d >= f->rec[k].off && d < f->rec[k].off + FZ_REC_HDR + o->body_len)
			f->rec[k].damaged = true;
	}
}

static void fz_flip_bits(struct fz *f)
{
	int i, flips = 1 + fz_rand(f, 3);
	u64 span = FZ_HDR + f->used + 64, p;

	for (i = 0; i < flips; i++) {
		int bit;

		p = fz_rand(f, min_t(u64, span, FZ_SIZE));
		bit = fz_rand(f, 8);
		f->img[p] ^= 1 << bit;
		scnprintf(f->detail + strlen(f->detail), sizeof(f->detail) - strlen(f->detail),
			  " byte %llu bit %d", p, bit);
	}
	/*
	 * Judge by the bytes that differ once all flips are done, not by each
	 * flip: the same bit flipped twice leaves its record intact (seed
	 * 24493, image 8662).
	 */
	for (p = FZ_HDR; p < min_t(u64, span, FZ_SIZE); p++)
		if (f->img[p] != f->orig[p])
			fz_touch(f, p - FZ_HDR);
}

/* A record whose checksum is right and whose contents are not. */
static void fz_bad_contents(struct fz *f)
{
	int k = fz_rand(f, f->n);
	struct lg_record_hdr *h = fz_hdr(f, k);
	struct nlattr *first = (struct nlattr *)(h + 1);

	switch (fz_rand(f, 9)) {
	case 0:
		h->kind = fz_rand(f, 2) ? 0 : LASTGASP_KIND_MAX + 1 + fz_rand(f, 1000);
		f->what = "bad kind";
		break;
	case 1:
		h->kind = 1 + (h->kind % LASTGASP_KIND_MAX);	/* body says otherwise */
		f->what = "header kind differs from body";
		break;
	case 2:
		h->seq += 1 + fz_rand(f, 3);
		f->what = "header seq differs from body";
		break;
	case 3:
		h->boot_id[fz_rand(f, LG_BOOT_ID_LEN)] ^= 1 + fz_rand(f, 255);
		f->what = "header boot id differs from body";
		break;
	case 4:
		h->len += LG_ALIGN * (1 + fz_rand(f, 4));	/* overlaps the next */
		f->what = "overlapping length";
		break;
	case 5:
		h->len -= LG_ALIGN;
		f->what = "truncated length";
		break;
	case 6:
		h->body_len += 1 + fz_rand(f, 64);
		f->what = "body length past the record";
		break;
	case 7:
		first->nla_len = h->body_len + 4 + fz_rand(f, 64);
		f->what = "attribute length past the body";
		break;
	default:
		h->seq = fz_rand(f, 2) ? 0 : U64_MAX - fz_rand(f, 4);
		f->what = "sequence number 0 or wrapped";
		break;
	}
	h->crc = fz_crc(h);
	f->rec[k].damaged = true;
}

static void fz_mutate(struct fz *f)
{
	struct lg_region_hdr *rh = f->a.hdr;
	u64 v;
	int k;

	f->what = "none";
	f->detail[0] = '\0';
	switch (fz_rand(f, 8)) {
	case 0:
		break;
	case 1:
	case 2:
		fz_flip_bits(f);
		f->what = "bit flips";
		break;
	case 3:
		fz_bad_contents(f);
		break;
	case 4:
		rh->used = round_down(fz_rand(f, f->used + 1), LG_ALIGN);
		f->what = "truncated used";
		break;
	case 5:
		v = f->a.data_size - f->used;
		v = round_down(fz_rand(f, min_t(u64, v, 512) + 1), LG_ALIGN);
		prandom_bytes_state(&f->rnd, f->a.data + f->used, v);
		rh->used += v;
		f->what = "garbage after the records";
		break;
	case 6:
		rh->next_seq = fz_rand(f, 2) ? U64_MAX - fz_rand(f, 4) : 0;
		f->what = "wrapped next_seq";
		break;
	default:
		k = fz_rand(f, f->n);
		fz_hdr(f, k)->commit = 0;
		f->rec[k].damaged = true;
		f->what = "torn record";
		break;
	}
	v = rh->used;
	f->hdr_bad = rh->magic != LG_REGION_MAGIC || rh->version != LG_REGION_VERSION ||
		     rh->hdr_size != FZ_HDR || rh->rec_hdr_size != FZ_REC_HDR ||
		     rh->region_size != FZ_SIZE || v > f->a.data_size || v % LG_ALIGN;
	f->used = v;
}

static int fz_defect(struct fz_totals *t, u32 image, struct fz *f, const char *msg, u64 seq)
{
	if (t->defects++ < 10)
		pr_err("lastgasp-selftest: fuzz: image %u (%s%s): %s (seq %llu)\n",
		       image, f->what, f->detail, msg, seq);
	return 1;
}

static bool fz_same(struct fz *f, int k, const struct lg_rec *r)
{
	const struct lg_record_hdr *o = (void *)(f->orig + FZ_HDR + f->rec[k].off);

	return !memcmp(&r->hdr, o, FZ_REC_HDR) &&
	       !memcmp(r->body, o + 1, o->body_len);
}

static void fz_check(struct fz *f, u32 image, struct fz_totals *t)
{
	u64 off = 0, sum = 0, max_seq = 0, next;
	struct lg_rec r;
	u32 invalid;
	int k, err;

	for (k = 0; k < f->n; k++)
		f->rec[k].seen = false;
	err = lg_area_load(&f->a, &invalid);
	if (f->hdr_bad) {
		if (err != -EINVAL)
			fz_defect(t, image, f, "an invalid region header was accepted", 0);
		t->refused++;
		return;
	}
	if (err) {
		fz_defect(t, image, f, "a valid region header was refused", 0);
		return;
	}
	while (lg_area_next(&f->a, &off, &r)) {
		for (k = 0; k < f->n; k++)
			if (!f->rec[k].seen && !f->rec[k].damaged && f->rec[k].live &&
			    f->rec[k].off + f->rec[k].len <= f->used && fz_same(f, k, &r))
				break;
		if (k == f->n) {
			fz_defect(t, image, f, "a record that was not written intact came back",
				  r.hdr.seq);
			continue;
		}
		f->rec[k].seen = true;
		sum += r.hdr.len;
		max_seq = max(max_seq, r.hdr.seq);
		t->kept++;
	}
	for (k = 0; k < f->n; k++) {
		if (f->rec[k].seen || !f->rec[k].live)
			continue;
		if (f->rec[k].damaged || f->rec[k].off + f->rec[k].len > f->used)
			t->dropped++;
		else
			fz_defect(t, image, f, "an intact record was lost", f->rec[k].seq);
	}
	if (f->a.hdr->used != sum)
		fz_defect(t, image, f, "used does not cover exactly the kept records", sum);
	next = f->a.hdr->next_seq;
	if (next <= max_seq || next > LG_SEQ_LIMIT)
		fz_defect(t, image, f, "next_seq not above the kept records or wrapping", next);
}

/* @images mutated images from @seed; the number of defects found. */
u64 lg_selftest_fuzz(u32 images, u32 seed)
{
	struct fz_totals t = { 0 };
	struct fz *f = kzalloc(sizeof(*f), GFP_KERNEL);
	u32 i;
	u64 seq0;

	if (!f)
		return 1;
	f->img = vzalloc(FZ_SIZE);
	f->orig = vzalloc(FZ_SIZE);
	if (!f->img || !f->orig) {
		t.defects = 1;
		goto out;
	}
	f->a.hdr = (struct lg_region_hdr *)f->img;
	f->a.data = f->img + FZ_HDR;
	f->a.data_size = FZ_SIZE - FZ_HDR;
	f->a.size = FZ_SIZE;
	for (i = 0; i < images; i++) {
		prandom_seed_state(&f->rnd, ((u64)seed << 32) | i);
		seq0 = fz_rand(f, 4) ? 1 + fz_rand(f, 100000) :
		       LG_SEQ_LIMIT - FZ_RECS - fz_rand(f, 4);
		fz_build(f, seq0);
		fz_mutate(f);
		fz_check(f, i, &t);
		cond_resched();
	}
	pr_info("lastgasp-selftest: fuzz: %u images (seed %u): %llu intact records kept, %llu damaged or truncated records dropped, %llu invalid headers refused, %llu defects\n",
		images, seed, t.kept, t.dropped, t.refused, t.defects);
out:
	vfree(f->img);
	vfree(f->orig);
	kfree(f);
	return t.defects;
}

/*
 * The costliest image a crafted region can be: 1 MiB of committed record
 * headers every 64 bytes, each claiming as much of the rest as a record
 * may hold, none with a right checksum.  Checksumming each would cost
 * about 1 GiB; the load must drop them all, at a bounded cost, and
 * reschedule meanwhile (the kernel's soft lockup detector would say so).
 */
u64 lg_selftest_crafted(void)
{
	struct lg_area a = { .size = SZ_1M };
	struct lg_record_hdr *h;
	u64 off, defects = 0;
	u32 invalid, n = 0;
	ktime_t t0;
	int err;

	a.hdr = vzalloc(a.size);
	if (!a.hdr)
		return 1;
	a.data = (u8 *)a.hdr + FZ_HDR;
	a.data_size = a.size - FZ_HDR;
	lg_area_init(&a);
	for (off = 0; off + 64 <= a.data_size; off += 64, n++) {
		h = (void *)(a.data + off);
		h->magic = LG_RECORD_MAGIC;
		h->body_len = min_t(u64, LG_BODY_MAX, a.data_size - off - FZ_REC_HDR) &
			      ~(u64)(LG_ALIGN - 1);
		h->len = FZ_REC_HDR + h->body_len;
		h->seq = 1;
		h->kind = LASTGASP_KIND_DIE;
		h->commit = LG_RECORD_COMMIT;
	}
	a.hdr->used = off;
	t0 = ktime_get();
	err = lg_area_load(&a, &invalid);
	if (err || a.hdr->used || invalid != n)
		defects++;
	pr_info("lastgasp-selftest: crafted: %u committed headers with bad checksums in 1 MiB: load %d, %u dropped, %llu bytes kept, %lld ms\n",
		n, err, invalid, a.hdr->used, ktime_ms_delta(ktime_get(), t0));
	vfree(a.hdr);
	return defects;
}
