// SPDX-License-Identifier: GPL-2.0
/*
 * The request checks a kernel with resv_start_op (6.1+) makes itself before
 * any op of the family runs, made by the module where the kernel does not
 * (5.10, 5.15, 6.0, RHEL 8, RHEL 9 before 9.4): a zero reserved field in the
 * generic netlink header, no nlmsg flag whose meaning the core does not
 * enforce, and no attribute the op does not take, not even on an op without
 * a policy, which such kernels hand over unparsed.  Requests then get the
 * same answer on every kernel.
 */
#include "lastgasp.h"

#include <net/genetlink.h>

/* Process context, called first thing by each handler of netlink.c. */
int lg_nl_check_request(const struct nlmsghdr *nlh,
			const struct nla_policy *policy, int maxattr,
			struct netlink_ext_ack *extack)
{
	const struct genlmsghdr *genl = nlmsg_data(nlh);
	const struct nlattr *a;
	u16 flags = nlh->nlmsg_flags;
	int rem;

	if (!LG_GENL_SELF_CHECK)
		return 0;	/* the kernel has checked it all */
	if (genl->reserved) {
		NL_SET_ERR_MSG(extack, "genlmsghdr.reserved field is not 0");
		return -EINVAL;
	}
	/* NLM_F_DUMP is two bits: both or neither, as the core dumps only then. */
	if ((flags & NLM_F_DUMP) == NLM_F_DUMP)
		flags &= ~NLM_F_DUMP;
	if (flags & ~(NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO)) {
		NL_SET_ERR_MSG(extack, "ambiguous or reserved bits set in nlmsg_flags");
		return -EINVAL;
	}
	nla_for_each_attr(a, nlmsg_attrdata(nlh, GENL_HDRLEN),
			  nlmsg_attrlen(nlh, GENL_HDRLEN), rem) {
		int type = nla_type(a);

		if (!policy || type > maxattr || policy[type].type == NLA_UNSPEC) {
			NL_SET_ERR_MSG_ATTR(extack, a, "Unknown attribute type");
			return -EINVAL;
		}
	}
	if (rem) {
		NL_SET_ERR_MSG(extack, "bytes leftover after parsing attributes");
		return -EINVAL;
	}
	return 0;
}
