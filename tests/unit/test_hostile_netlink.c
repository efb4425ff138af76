// SPDX-License-Identifier: GPL-2.0
/*
 * The netlink receive paths under crafted messages (issue 10 #8), fed as a
 * receive buffer (lg_nl_feed_*): an nlctrl DELFAMILY notification whose
 * attributes are malformed must not be taken for the module's unloading,
 * a well-formed one must; an error whose echoed request length is a lie
 * must not send the extended-ACK parser outside the message.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/lastgasp.h>
#include <unistr.h>
#include "kselftest_harness.h"
#include "netlink.h"

#define FAMILY 0x1d

struct msgbuf {
	unsigned char b[256];
	size_t len;
};

static void put(struct msgbuf *m, const void *p, size_t n)
{
	memcpy(m->b + m->len, p, n);
	m->len += n;
}

static void put_attr(struct msgbuf *m, uint16_t type, const void *data,
		     uint16_t len, bool pad)
{
	struct nlattr a = { .nla_len = NLA_HDRLEN + len, .nla_type = type };

	put(m, &a, sizeof(a));
	put(m, data, len);
	while (pad && m->len % 4)
		m->b[m->len++] = 0;
}

/* nlctrl DELFAMILY with the given id and name attributes. */
static void ctrl_msg(struct msgbuf *m, const void *id, uint16_t idlen,
		     const char *name, uint16_t namelen)
{
	struct nlmsghdr h = { .nlmsg_type = GENL_ID_CTRL };
	struct genlmsghdr g = { .cmd = CTRL_CMD_DELFAMILY, .version = 2 };

	memset(m, 0, sizeof(*m));
	put(m, &h, sizeof(h));
	put(m, &g, sizeof(g));
	put_attr(m, CTRL_ATTR_FAMILY_ID, id, idlen, true);
	/* the name last and unpadded: nothing of the message after it */
	put_attr(m, CTRL_ATTR_FAMILY_NAME, name, namelen, false);
	((struct nlmsghdr *)m->b)->nlmsg_len = (uint32_t)m->len;
}

static int no_record(uint64_t seq, uint32_t kind, void *arg)
{
	(void)seq;
	(void)kind;
	(void)arg;
	return 0;
}

static const struct lg_nl_watch_ops ops = { .record = no_record };

/* Feed from a heap copy of the exact size, so ASan sees any over-read. */
static int feed_watch(const struct msgbuf *m)
{
	void *copy = malloc(m->len);
	int rc;

	memcpy(copy, m->b, m->len);
	rc = lg_nl_feed_watch(copy, m->len, FAMILY, &ops, NULL);
	free(copy);
	return rc;
}

TEST(well_formed_delfamily_is_an_unload)
{
	struct msgbuf m;
	uint16_t id = FAMILY;

	ctrl_msg(&m, &id, sizeof(id), "lastgasp", 9);
	EXPECT_EQ(-ENODEV, feed_watch(&m));
}

TEST(malformed_delfamily_is_not_an_unload)
{
	struct msgbuf m;
	unsigned char id1 = FAMILY;
	uint16_t other = FAMILY + 1;

	/* a family id of one byte (its padding would make the u16 ours) */
	ctrl_msg(&m, &id1, 1, "other", 6);
	EXPECT_EQ(0, feed_watch(&m));
	/* our name without its terminating NUL, at the end of the message */
	ctrl_msg(&m, &other, sizeof(other), "lastgasp", 8);
	EXPECT_EQ(0, feed_watch(&m));
}

TEST(extack_with_lying_request_length)
{
	struct msgbuf m = { .len = 0 };
	struct nlmsghdr h = { .nlmsg_type = NLMSG_ERROR, .nlmsg_flags = NLM_F_ACK_TLVS };
	struct nlmsgerr e = { .error = -EINVAL };
	void *copy;
	int rc;

	/* the echoed request claims 4 GB; the message is 40 bytes */
	e.msg.nlmsg_len = 0xfffffff0u;
	put(&m, &h, sizeof(h));
	put(&m, &e, sizeof(e));
	put_attr(&m, NLMSGERR_ATTR_MSG, "boom", 5, true);
	((struct nlmsghdr *)m.b)->nlmsg_len = (uint32_t)m.len;
	copy = malloc(m.len);
	memcpy(copy, m.b, m.len);
	rc = lg_nl_feed_reply(copy, m.len, NULL, NULL, NULL);
	free(copy);
	EXPECT_EQ(-EINVAL, rc);
}

/* `status --json` prints the module's version string: UTF-8 whatever it sends. */
TEST(status_version_made_utf8)
{
	struct msgbuf m = { .len = 0 };
	struct nlmsghdr h = { .nlmsg_type = FAMILY };
	struct genlmsghdr g = { .cmd = LASTGASP_CMD_GET_STATUS, .version = 1 };
	struct nlattr nest = { .nla_type = LASTGASP_A_STATUS };
	struct lg_status st;
	size_t at;

	put(&m, &h, sizeof(h));
	put(&m, &g, sizeof(g));
	at = m.len;
	put(&m, &nest, sizeof(nest));
	put_attr(&m, LASTGASP_S_VERSION, "1.0\xff\xfe", 6, true);
	((struct nlattr *)(m.b + at))->nla_len = (uint16_t)(m.len - at);
	((struct nlmsghdr *)m.b)->nlmsg_len = (uint32_t)m.len;
	memset(&st, 0, sizeof(st));
	EXPECT_EQ(0, lg_nl_feed_reply(m.b, m.len, NULL, NULL, &st));
	EXPECT_STREQ("1.0\\xff\\xfe", st.version);
	EXPECT_EQ(NULL, u8_check((const uint8_t *)st.version, strlen(st.version)));
}

TEST_HARNESS_MAIN
