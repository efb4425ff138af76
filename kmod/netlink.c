// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "lastgasp" (contract: uapi/linux/lastgasp.h).
 * Every op needs CAP_NET_ADMIN (GENL_ADMIN_PERM) and CAP_SYSLOG: records
 * hold kernel addresses, registers and the kernel log, which dmesg_restrict
 * and kptr_restrict keep for CAP_SYSLOG.  Each op has its own strict
 * policy; every rejection carries an extack message.  Records are copied out of the
 * store attribute by attribute after lg_store_next() validated them.
 */
#include "lastgasp.h"

#include <linux/module.h>
#include <net/genetlink.h>

/* Dump messages are at least this big, so a typical record fits whole. */
#define LG_DUMP_ALLOC		(16 * 1024)

/* How much of a record a reply leaves out to make it fit. */
enum lg_omit {
	LG_OMIT_NONE,
	LG_OMIT_LOG,		/* dump: LOG left out, LASTGASP_RF_LOG_OMITTED */
	LG_OMIT_BULK,		/* dump: also STACK and MODULES, RF_TRUNCATED */
};

static struct genl_family lg_family;

static const struct nla_policy lg_get_record_policy[LASTGASP_A_MAX + 1] = {
	[LASTGASP_A_SEQ] = { .type = NLA_U64 },
};

static const struct nla_policy lg_clear_policy[LASTGASP_A_MAX + 1] = {
	[LASTGASP_A_SEQ] = { .type = NLA_U64 },
	[LASTGASP_A_ALL] = { .type = NLA_FLAG },
};

/* The sender of @skb (a request) may read crash records. */
static int lg_may_read(const struct sk_buff *skb, struct netlink_ext_ack *extack)
{
	if (netlink_capable(skb, CAP_SYSLOG))
		return 0;
	NL_SET_ERR_MSG(extack,
		       "CAP_SYSLOG is required: records hold kernel addresses and the kernel log");
	return -EPERM;
}

static bool lg_omitted(int type, enum lg_omit omit)
{
	switch (type) {
	case LASTGASP_R_STATE:
		return true;	/* computed below, never taken from the store */
	case LASTGASP_R_LOG:
		return omit >= LG_OMIT_LOG;
	case LASTGASP_R_STACK:
	case LASTGASP_R_MODULES:
		return omit >= LG_OMIT_BULK;
	default:
		return false;
	}
}

static int lg_put_body(struct sk_buff *skb, const struct lg_rec *r,
		       enum lg_omit omit)
{
	const struct nlattr *a;
	u32 flags;
	int rem;

	nla_for_each_attr(a, r->body, r->hdr.body_len, rem) {
		int type = nla_type(a);

		if (lg_omitted(type, omit))
			continue;
		if (type == LASTGASP_R_FLAGS && omit != LG_OMIT_NONE) {
			flags = nla_get_u32(a) | LASTGASP_RF_LOG_OMITTED;
			if (omit >= LG_OMIT_BULK)
				flags |= LASTGASP_RF_TRUNCATED;
			if (nla_put_u32(skb, type, flags))
				return -EMSGSIZE;
			continue;
		}
		/* a->nla_type keeps NLA_F_NESTED on nests */
		if (nla_put(skb, a->nla_type, nla_len(a), nla_data(a)))
			return -EMSGSIZE;
	}
	return 0;
}

static int lg_fill_record(struct sk_buff *skb, const struct lg_rec *r,
			  u32 portid, u32 seq, int flags, enum lg_omit omit)
{
	bool prev = memcmp(r->hdr.boot_id, lg_boot_id, sizeof(lg_boot_id));
	struct nlattr *nest;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &lg_family, flags,
			  LASTGASP_CMD_GET_RECORD);
	if (!hdr)
		return -EMSGSIZE;
	nest = nla_nest_start(skb, LASTGASP_A_RECORD);
	if (!nest)
		goto cancel;
	if (lg_put_body(skb, r, omit))
		goto cancel;
	if (nla_put_u32(skb, LASTGASP_R_STATE, prev ? LASTGASP_STATE_PREVIOUS_BOOT :
			LASTGASP_STATE_THIS_BOOT))
		goto cancel;
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static int lg_fill_status(struct sk_buff *skb, const struct lg_store_status *st)
{
	struct nlattr *nest = nla_nest_start(skb, LASTGASP_A_STATUS);

	if (!nest ||
	    nla_put_string(skb, LASTGASP_S_VERSION, LG_VERSION) ||
	    nla_put_u32(skb, LASTGASP_S_BACKEND, st->backend) ||
	    nla_put_u64_64bit(skb, LASTGASP_S_REGION_ADDR, st->addr, LASTGASP_S_PAD) ||
	    nla_put_u64_64bit(skb, LASTGASP_S_REGION_SIZE, st->size, LASTGASP_S_PAD) ||
	    nla_put_u64_64bit(skb, LASTGASP_S_USED_BYTES, st->used, LASTGASP_S_PAD) ||
	    nla_put_u32(skb, LASTGASP_S_RECORDS, st->records) ||
	    nla_put_u32(skb, LASTGASP_S_PREVIOUS_BOOT, st->previous_boot) ||
	    nla_put_u32(skb, LASTGASP_S_INVALID, st->invalid) ||
	    nla_put_u32(skb, LASTGASP_S_DROPPED, st->dropped) ||
	    nla_put_u32(skb, LASTGASP_S_HOOKS, lg_hooks_armed()) ||
	    nla_put(skb, LASTGASP_S_BOOT_ID, LG_BOOT_ID_LEN, lg_boot_id) ||
	    (st->reinitialised && nla_put_flag(skb, LASTGASP_S_REINITIALISED)) ||
	    nla_put_u32(skb, LASTGASP_S_LOG_BYTES, lg_log_bytes) ||
	    nla_put_u32(skb, LASTGASP_S_EVENTS_GROUP, LG_EVENTS_GROUP))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int lg_get_status(struct sk_buff *skb, struct genl_info *info)
{
	struct lg_store_status st;
	struct sk_buff *msg;
	void *hdr;
	int err = lg_nl_check_request(info->nlhdr, NULL, 0, info->extack);

	if (!err)
		err = lg_may_read(skb, info->extack);
	if (err)
		return err;
	mutex_lock(&lg_store_lock);
	lg_store_get_status(&st);
	mutex_unlock(&lg_store_lock);

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &lg_family, 0, LASTGASP_CMD_GET_STATUS);
	if (!hdr || lg_fill_status(msg, &st)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int lg_get_record(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *seq = info->attrs[LASTGASP_A_SEQ];
	struct sk_buff *msg;
	struct lg_rec r;
	int err = lg_nl_check_request(info->nlhdr, lg_get_record_policy,
				      LASTGASP_A_MAX, info->extack);

	if (!err)
		err = lg_may_read(skb, info->extack);
	if (err)
		return err;
	if (!seq) {
		NL_SET_ERR_MSG(info->extack,
			       "LASTGASP_A_SEQ is required (or use NLM_F_DUMP for all records)");
		return -EINVAL;
	}
	mutex_lock(&lg_store_lock);
	if (!lg_store_find(nla_get_u64(seq), &r)) {
		NL_SET_ERR_MSG_ATTR(info->extack, seq, "no record with this sequence number");
		err = -ENOENT;
		goto out;
	}
	msg = genlmsg_new(r.hdr.len + NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg) {
		err = -ENOMEM;
		goto out;
	}
	err = lg_fill_record(msg, &r, info->snd_portid, info->snd_seq, 0,
			     LG_OMIT_NONE);
	if (err) {
		nlmsg_free(msg);
		goto out;
	}
	err = genlmsg_reply(msg, info);
out:
	mutex_unlock(&lg_store_lock);
	return err;
}

/*
 * The dump cursor: the offset after the last record sent, and that
 * record's offset and sequence number.  The sequence number proves the
 * offset still means what it meant: after a CLEAR has started the store
 * over, it does not, and the dump goes on from the start.
 */
enum lg_dump_arg {
	LG_DUMP_NEXT,		/* offset after the last record sent */
	LG_DUMP_CHECKED,	/* request checked */
	LG_DUMP_LAST_SEQ,	/* sequence number of the last record sent, 0: none */
	LG_DUMP_LAST_OFF,	/* its offset */
};

static int lg_dump_start(struct netlink_callback *cb)
{
	int err = lg_may_read(cb->skb, cb->extack);

	if (err)
		return err;
	cb->min_dump_alloc = LG_DUMP_ALLOC;
	cb->args[LG_DUMP_NEXT] = 0;
	cb->args[LG_DUMP_CHECKED] = 0;
	cb->args[LG_DUMP_LAST_SEQ] = 0;
	cb->args[LG_DUMP_LAST_OFF] = 0;
	return 0;
}

/*
 * Where to go on.  A store started over holds only records committed
 * since: a CLEAR starts it over only when nothing live is left, so none
 * of them has been sent.
 */
static u64 lg_dump_resume(struct netlink_callback *cb)
{
	u64 last = cb->args[LG_DUMP_LAST_SEQ];
	struct lg_rec r;

	if (!last)
		return 0;
	if (lg_store_at(cb->args[LG_DUMP_LAST_OFF], &r) && r.hdr.seq == last)
		return cb->args[LG_DUMP_NEXT];
	return 0;
}

/*
 * Do and dump share the policy; only the do form takes a SEQ.  Checked in
 * the first dumpit call, not in start: before 6.2 cb->extack is only set
 * while dumping, so an error from start would come back without a message.
 */
static int lg_dump_check(struct netlink_callback *cb)
{
	struct nlattr *seq = lg_dump_attrs(cb)[LASTGASP_A_SEQ];
	int err = lg_nl_check_request(cb->nlh, lg_get_record_policy,
				      LASTGASP_A_MAX, cb->extack);

	if (err)
		return err;
	if (seq) {
		NL_SET_ERR_MSG_ATTR(cb->extack, seq,
				    "a dump returns every record; fetch one by LASTGASP_A_SEQ without NLM_F_DUMP");
		return -EINVAL;
	}
	cb->args[LG_DUMP_CHECKED] = 1;
	return 0;
}

/* One record per message; a record that fits no empty message shrinks. */
static int lg_dump_records(struct sk_buff *skb, struct netlink_callback *cb)
{
	u32 portid = NETLINK_CB(cb->skb).portid, seq = cb->nlh->nlmsg_seq;
	enum lg_omit omit;
	struct lg_rec r;
	int err = 0;
	u64 next;

	if (!cb->args[LG_DUMP_CHECKED]) {
		err = lg_dump_check(cb);
		if (err)
			return err;
	}
	mutex_lock(&lg_store_lock);
	next = lg_dump_resume(cb);
	while (lg_store_next(&next, &r)) {
		for (omit = LG_OMIT_NONE; omit <= LG_OMIT_BULK; omit++) {
			err = lg_fill_record(skb, &r, portid, seq, NLM_F_MULTI, omit);
			if (!err || skb->len)
				break;
		}
		if (err && skb->len)
			break;		/* next message, same record */
		/* sent, or cannot be sent in a dump */
		cb->args[LG_DUMP_NEXT] = next;
		cb->args[LG_DUMP_LAST_SEQ] = r.hdr.seq;
		cb->args[LG_DUMP_LAST_OFF] = r.off;
	}
	mutex_unlock(&lg_store_lock);
	return skb->len;
}

static int lg_clear(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *seq = info->attrs[LASTGASP_A_SEQ];
	struct nlattr *all = info->attrs[LASTGASP_A_ALL];
	int err = lg_nl_check_request(info->nlhdr, lg_clear_policy,
				      LASTGASP_A_MAX, info->extack);

	if (!err)
		err = lg_may_read(skb, info->extack);
	if (err)
		return err;
	if (seq && all) {
		NL_SET_ERR_MSG_ATTR(info->extack, all,
				    "LASTGASP_A_SEQ and LASTGASP_A_ALL are exclusive");
		return -EINVAL;
	}
	if (!seq && !all) {
		NL_SET_ERR_MSG(info->extack, "LASTGASP_A_SEQ or LASTGASP_A_ALL is required");
		return -EINVAL;
	}
	mutex_lock(&lg_store_lock);
	if (all) {
		lg_store_clear_all();
	} else {
		err = lg_store_clear(nla_get_u64(seq));
		if (err)
			NL_SET_ERR_MSG_ATTR(info->extack, seq,
					    "no record with this sequence number");
	}
	mutex_unlock(&lg_store_lock);
	return err;
}

static const struct genl_ops lg_ops[] = {
	{
		/* no policy: every attribute is rejected (nlcheck.c before 6.1) */
		.cmd = LASTGASP_CMD_GET_STATUS,
		.flags = GENL_ADMIN_PERM,
		.doit = lg_get_status,
	},
	{
		.cmd = LASTGASP_CMD_GET_RECORD,
		.flags = GENL_ADMIN_PERM,
		.policy = lg_get_record_policy,
		.maxattr = LASTGASP_A_MAX,
		.doit = lg_get_record,
		.start = lg_dump_start,
		.dumpit = lg_dump_records,
	},
	{
		.cmd = LASTGASP_CMD_CLEAR,
		.flags = GENL_ADMIN_PERM,
		.policy = lg_clear_policy,
		.maxattr = LASTGASP_A_MAX,
		.doit = lg_clear,
	},
};

/*
 * Listeners need CAP_NET_ADMIN and CAP_SYS_ADMIN (the kernel can require
 * no narrower capability of a group), or CAP_SYS_ADMIN alone where that is
 * all the kernel can require.  A kernel that cannot restrict listeners
 * gets no group at all (see compat.h): status says which.
 */
static const struct genl_multicast_group lg_mcgrps[] = {
	{ .name = LASTGASP_MCGRP_EVENTS, LG_MCGRP_ADMIN_FLAGS },
};

static struct genl_family lg_family __ro_after_init = {
	.name = LASTGASP_GENL_NAME,
	.version = LASTGASP_GENL_VERSION,
	.module = THIS_MODULE,
	.netnsok = false,
	.ops = lg_ops,
	.n_ops = ARRAY_SIZE(lg_ops),
	.mcgrps = lg_mcgrps,
	.n_mcgrps = LG_HAVE_EVENTS_GROUP ? ARRAY_SIZE(lg_mcgrps) : 0,
	LG_GENL_RESV_START_OP(LASTGASP_CMD_GET_STATUS)
};

/* Process context only (see notify.c). */
void lg_netlink_notify(u64 seq, u32 kind)
{
	struct sk_buff *msg;
	void *hdr;

	if (!LG_HAVE_EVENTS_GROUP)
		return;
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &lg_family, 0, LASTGASP_CMD_NEW_RECORD);
	if (!hdr ||
	    nla_put_u64_64bit(msg, LASTGASP_A_SEQ, seq, LASTGASP_A_PAD) ||
	    nla_put_u32(msg, LASTGASP_A_KIND, kind)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	/* -ESRCH: nobody listens, which is fine. */
	genlmsg_multicast(&lg_family, msg, 0, 0, GFP_KERNEL);
}

int lg_netlink_init(void)
{
	return genl_register_family(&lg_family);
}

void lg_netlink_exit(void)
{
	genl_unregister_family(&lg_family);
}

MODULE_ALIAS_GENL_FAMILY(LASTGASP_GENL_NAME);
