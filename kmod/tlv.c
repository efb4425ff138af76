// SPDX-License-Identifier: GPL-2.0
/*
 * A bounded writer of netlink attribute streams into a flat buffer, for the
 * crash path, where no skb can be allocated.  The bytes it produces are
 * exactly what nla_put() would put in a message, so a stored record body is
 * copied into a reply after validation.  An attribute that does not fit is
 * left out whole and the stream is marked truncated: the output is always a
 * well-formed stream.
 */
#include "lastgasp.h"

#include <linux/kprobes.h>
#include <net/netlink.h>

notrace void lg_tlv_init(struct lg_tlv *w, void *buf, u32 cap)
{
	w->buf = buf;
	w->len = 0;
	w->cap = cap;
	w->truncated = false;
}

NOKPROBE_SYMBOL(lg_tlv_init);

/* Returns the payload of a new attribute of @len bytes, or NULL. */
notrace void *lg_tlv_reserve(struct lg_tlv *w, int type, u32 len)
{
	struct nlattr *nla;
	u32 total = nla_total_size(len);

	if (len > U16_MAX - NLA_HDRLEN || total > w->cap - w->len) {
		w->truncated = true;
		return NULL;
	}
	nla = (struct nlattr *)(w->buf + w->len);
	nla->nla_type = type;
	nla->nla_len = nla_attr_size(len);
	memset((u8 *)nla + nla_attr_size(len), 0, nla_padlen(len));
	w->len += total;
	return nla_data(nla);
}

NOKPROBE_SYMBOL(lg_tlv_reserve);

/* Shrinks the last reserved attribute (whose payload is @data) to @used. */
notrace void lg_tlv_trim(struct lg_tlv *w, void *data, u32 used)
{
	struct nlattr *nla = (struct nlattr *)((u8 *)data - NLA_HDRLEN);
	u32 old = nla_total_size(nla_len(nla));

	if (used > nla_len(nla))
		return;
	nla->nla_len = nla_attr_size(used);
	memset((u8 *)data + used, 0, nla_padlen(used));
	w->len -= old - nla_total_size(used);
}

NOKPROBE_SYMBOL(lg_tlv_trim);

notrace void lg_tlv_put(struct lg_tlv *w, int type, const void *data, u32 len)
{
	void *p = lg_tlv_reserve(w, type, len);

	if (p)
		memcpy(p, data, len);
}

NOKPROBE_SYMBOL(lg_tlv_put);

notrace void lg_tlv_put_u32(struct lg_tlv *w, int type, u32 v)
{
	lg_tlv_put(w, type, &v, sizeof(v));
}

NOKPROBE_SYMBOL(lg_tlv_put_u32);

notrace void lg_tlv_put_u64(struct lg_tlv *w, int type, u64 v)
{
	lg_tlv_put(w, type, &v, sizeof(v));
}

NOKPROBE_SYMBOL(lg_tlv_put_u64);

notrace void lg_tlv_put_flag(struct lg_tlv *w, int type)
{
	lg_tlv_reserve(w, type, 0);
}

NOKPROBE_SYMBOL(lg_tlv_put_flag);

/* A NUL-terminated string of at most @max bytes before the NUL. */
notrace void lg_tlv_put_str(struct lg_tlv *w, int type, const char *s, u32 max)
{
	u32 n = strnlen(s, max);
	char *p = lg_tlv_reserve(w, type, n + 1);

	if (!p)
		return;
	memcpy(p, s, n);
	p[n] = '\0';
}

NOKPROBE_SYMBOL(lg_tlv_put_str);

/* Returns the offset of the nest for lg_tlv_nest_end(), U32_MAX if full. */
notrace u32 lg_tlv_nest_start(struct lg_tlv *w, int type)
{
	u32 start = w->len;

	if (!lg_tlv_reserve(w, type | NLA_F_NESTED, 0))
		return U32_MAX;
	return start;
}

NOKPROBE_SYMBOL(lg_tlv_nest_start);

notrace void lg_tlv_nest_end(struct lg_tlv *w, u32 start)
{
	struct nlattr *nla;

	if (start == U32_MAX)
		return;
	nla = (struct nlattr *)(w->buf + start);
	/* Nested payloads are already padded, so this is exact. */
	if (w->len - start > U16_MAX) {
		w->len = start;		/* cannot happen with LG_BODY_MAX */
		w->truncated = true;
		return;
	}
	nla->nla_len = w->len - start;
}

NOKPROBE_SYMBOL(lg_tlv_nest_end);
