// SPDX-License-Identifier: GPL-2.0
/*
 * nltool fuzz COUNT [SEED] [clear-newest]: random and mutated requests against the
 * live lastgasp family, half as root, a quarter as nobody, a quarter as
 * root with CAP_NET_ADMIN alone (no CAP_SYSLOG).  Every command number
 * around the real ones, every flag, attributes of any type, length and
 * nesting (oversized ones too), and bit-flipped or truncated copies of
 * well-formed requests; every few thousand requests a dump is interrupted
 * by a CLEAR.  The kernel answers each request synchronously (generic
 * netlink runs in the sender's sendmsg), so replies are drained at once
 * without waiting.
 *
 * As root, the records must survive: a CLEAR that names the ALL flag or a
 * sequence number is rewritten to name no existing record.  With
 * "clear-newest", one dump is interrupted by a CLEAR of the newest record,
 * a real one (the others must survive that too).
 * The unprivileged quarters are not sanitised: the kernel must refuse all
 * of it.  Prints TAP; the caller compares the records before and after.
 */
#include "nltool.h"

#include <errno.h>
#include <inttypes.h>
#include <linux/capability.h>
#include <linux/genetlink.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "uapi/linux/lastgasp.h"

#define FUZZ_BUF	(64 * 1024)
#define NO_SUCH_SEQ	0xfffffffffff00000ULL	/* above any real one */

static uint64_t rng_state;

/* xorshift64*: reproducible from the seed printed in the TAP output. */
static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static uint32_t below(uint32_t n)
{
	return n ? (uint32_t)(rnd() % n) : 0;
}

static void fill(void *p, size_t n)
{
	unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)rnd();
}

/* Lengths that sit on every boundary a parser checks, and big ones. */
static uint16_t attr_len(size_t room)
{
	static const uint16_t edges[] = { 0, 1, 2, 3, 4, 7, 8, 9, 12, 16, 17 };
	uint32_t len;

	switch (below(4)) {
	case 0:
	case 1:
		len = edges[below(sizeof(edges) / sizeof(edges[0]))];
		break;
	case 2:
		len = below(512);
		break;
	default:
		len = below(16 * 1024);	/* oversized for every attribute */
		break;
	}
	return (uint16_t)(len < room ? len : room);
}

/* One attribute of random type, flags, length and contents at @p. */
static size_t put_attr(char *p, size_t room, int depth)
{
	struct nlattr *a = (struct nlattr *)p;
	size_t len, used;

	if (room < NLA_HDRLEN + NLA_ALIGNTO)
		return 0;
	a->nla_type = (uint16_t)below(LASTGASP_A_MAX + 4);
	if (!below(4))
		a->nla_type |= NLA_F_NESTED;
	if (!below(16))
		a->nla_type |= NLA_F_NET_BYTEORDER;
	if (!below(32))
		a->nla_type = (uint16_t)rnd();
	if ((a->nla_type & NLA_F_NESTED) && depth < 3) {
		used = NLA_HDRLEN;
		for (uint32_t i = below(5); i; i--)
			used += put_attr(p + used, room - used, depth + 1);
		len = used - NLA_HDRLEN;
	} else {
		len = attr_len(room - NLA_HDRLEN - NLA_ALIGNTO);
		if (len == 8 && below(2)) {
			uint64_t seq = below(4) ? below(64) : rnd();

			memcpy(p + NLA_HDRLEN, &seq, 8);
		} else {
			fill(p + NLA_HDRLEN, len);
		}
	}
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	if (!below(32))
		a->nla_len = (uint16_t)rnd();	/* lies about its length */
	return NLA_ALIGN(NLA_HDRLEN + len) <= room ? NLA_ALIGN(NLA_HDRLEN + len) :
	       NLA_HDRLEN + len;
}

static const uint16_t flag_choices[] = {
	0, NLM_F_ACK, NLM_F_DUMP, NLM_F_DUMP | NLM_F_ACK, NLM_F_ECHO,
	NLM_F_REPLACE, NLM_F_EXCL | NLM_F_CREATE, NLM_F_APPEND,
};

/* A request: well-formed for a random op, or random all through. */
static size_t build(struct lg_nl *nl, char *buf)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	size_t room;
	uint8_t cmd = (uint8_t)below(LASTGASP_CMD_CLEAR + 3);
	uint16_t flags = flag_choices[below(sizeof(flag_choices) / sizeof(flag_choices[0]))];

	if (!below(16))
		flags = (uint16_t)rnd();
	if (!below(16))
		cmd = (uint8_t)rnd();
	nlh = lg_nl_msg(nl, buf, cmd, flags);
	nlh->nlmsg_flags |= NLM_F_REQUEST;
	g = mnl_nlmsg_get_payload(nlh);
	if (!below(16))
		g->version = (uint8_t)rnd();
	if (!below(16))
		g->reserved = (uint16_t)rnd();
	if (!below(3)) {
		/* well-formed: at most the attribute the op takes */
		if (cmd == LASTGASP_CMD_CLEAR && below(2))
			mnl_attr_put(nlh, LASTGASP_A_ALL, 0, NULL);
		else if (below(2))
			mnl_attr_put_u64(nlh, LASTGASP_A_SEQ, below(64));
		return nlh->nlmsg_len;
	}
	for (uint32_t i = below(7); i; i--) {
		room = FUZZ_BUF - nlh->nlmsg_len;
		nlh->nlmsg_len += (uint32_t)put_attr(buf + nlh->nlmsg_len, room, 0);
	}
	return nlh->nlmsg_len;
}

/* Bit flips, a truncated or overlong header length, a random type. */
static size_t mutate(char *buf, size_t len)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;

	switch (below(4)) {
	case 0:
		nlh->nlmsg_len = NLMSG_HDRLEN + below((uint32_t)len);
		break;
	case 1:
		nlh->nlmsg_len = (uint32_t)len + 1 + below(64);	/* kernel drops it */
		break;
	case 2:
		nlh->nlmsg_type = (uint16_t)below(NLMSG_MIN_TYPE + 1);
		break;
	default:
		for (uint32_t i = 1 + below(4); i; i--) {
			size_t at = NLMSG_HDRLEN + below((uint32_t)(len - NLMSG_HDRLEN));

			if (at < len)
				buf[at] ^= (char)(1u << below(8));
		}
		break;
	}
	return len;
}

/*
 * Root only: no request may clear a record.  The kernel parses top-level
 * attributes up to nlmsg_len; rewrite each ALL into an unknown type and
 * each SEQ into a sequence number no record has.
 */
static void defuse(char *buf, size_t sent)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	size_t end = nlh->nlmsg_len < sent ? nlh->nlmsg_len : sent;
	size_t off = NLMSG_HDRLEN + GENL_HDRLEN;

	while (off + NLA_HDRLEN <= end) {
		struct nlattr *a = (struct nlattr *)(buf + off);
		uint16_t type = a->nla_type & NLA_TYPE_MASK;
		uint64_t none = NO_SUCH_SEQ | below(1u << 20);

		if (a->nla_len < NLA_HDRLEN)
			break;
		if (type == LASTGASP_A_ALL)
			a->nla_type = (uint16_t)((a->nla_type & ~NLA_TYPE_MASK) |
						 (LASTGASP_A_MAX + 1));
		if (type == LASTGASP_A_SEQ && a->nla_len >= NLA_HDRLEN + 8 &&
		    off + NLA_HDRLEN + 8 <= end)
			memcpy(buf + off + NLA_HDRLEN, &none, 8);
		else if (type == LASTGASP_A_SEQ)
			memset(buf + off + NLA_HDRLEN, 0xff,
			       (end - off - NLA_HDRLEN) < (size_t)(a->nla_len - NLA_HDRLEN) ?
			       end - off - NLA_HDRLEN : (size_t)(a->nla_len - NLA_HDRLEN));
		off += NLA_ALIGN(a->nla_len);
	}
}

/* Read whatever the kernel queued; a dump goes on as we read. */
static long drain(struct lg_nl *nl)
{
	long n = 0;
	ssize_t r;

	while ((r = recv(mnl_socket_get_fd(nl->sock), nl->buf, nl->buf_size,
			 MSG_DONTWAIT)) > 0 || (r < 0 && errno == ENOBUFS))
		n++;
	return n;
}

/*
 * A dump read one message at a time, with a CLEAR of @seq (or of no
 * record) sent on another socket in the middle.  0 when the dump still
 * ends (DONE or an error) within two seconds of silence.
 */
static int dump_with_clear(struct lg_nl *nl, bool real, uint64_t seq)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct lg_nl d;
	struct lg_reply r;
	struct nlmsghdr *nlh;
	struct pollfd pfd;
	int rcvbuf = 4096, messages = 0;
	ssize_t len;

	if (lg_nl_open(&d))
		return -1;
	setsockopt(mnl_socket_get_fd(d.sock), SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	nlh = lg_nl_msg(&d, buf, LASTGASP_CMD_GET_RECORD, NLM_F_DUMP);
	if (mnl_socket_sendto(d.sock, nlh, nlh->nlmsg_len) < 0)
		goto fail;
	pfd.fd = mnl_socket_get_fd(d.sock);
	pfd.events = POLLIN;
	for (;;) {
		if (poll(&pfd, 1, 2000) != 1)
			goto fail;
		len = recv(pfd.fd, d.buf, d.buf_size, 0);
		if (len < 0 && errno == ENOBUFS)
			continue;
		if (len <= 0)
			goto fail;
		if (messages++ == 0) {
			nlh = lg_nl_msg(nl, buf, LASTGASP_CMD_CLEAR, NLM_F_ACK);
			mnl_attr_put_u64(nlh, LASTGASP_A_SEQ, real ? seq : NO_SUCH_SEQ);
			lg_nl_run(nl, nlh, NULL, NULL, &r);
		}
		for (nlh = (struct nlmsghdr *)d.buf; mnl_nlmsg_ok(nlh, (int)len);
		     nlh = mnl_nlmsg_next(nlh, (int *)&len))
			if (nlh->nlmsg_type == NLMSG_DONE || nlh->nlmsg_type == NLMSG_ERROR) {
				lg_nl_close(&d);
				return 0;
			}
	}
fail:
	lg_nl_close(&d);
	return -1;
}

enum fuzz_as { AS_ROOT, AS_NOBODY, AS_NET_ADMIN_ONLY };

static int drop(enum fuzz_as as)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3] = { { 0 } };

	if (as == AS_NOBODY)
		return setgid(65534) || setuid(65534) ? -1 : 0;
	if (as == AS_NET_ADMIN_ONLY) {
		d[CAP_TO_INDEX(CAP_NET_ADMIN)].effective = CAP_TO_MASK(CAP_NET_ADMIN);
		d[CAP_TO_INDEX(CAP_NET_ADMIN)].permitted = CAP_TO_MASK(CAP_NET_ADMIN);
		return syscall(SYS_capset, &h, d) ? -1 : 0;
	}
	return 0;
}

/* COUNT requests; 0 on success (no hang, status still answered). */
static int fuzz_as(enum fuzz_as as, long count, uint64_t seed, bool real_clear,
		   uint64_t newest)
{
	static char buf[FUZZ_BUF];
	struct lg_nl nl;
	struct lg_reply r;
	struct nlmsghdr *nlh;
	long replies = 0;
	size_t len;

	rng_state = seed ? seed : 1;
	if (drop(as) || lg_nl_open(&nl))
		return 2;
	for (long i = 0; i < count; i++) {
		len = build(&nl, buf);
		if (below(3) == 0)
			len = mutate(buf, len);
		if (as == AS_ROOT)
			defuse(buf, len);
		if (send(mnl_socket_get_fd(nl.sock), buf, len, 0) < 0 && errno != ENOBUFS &&
		    errno != EINVAL && errno != EPERM && errno != EOPNOTSUPP)
			fprintf(stderr, "fuzz: send: %s\n", strerror(errno));
		replies += drain(&nl);
		if (as == AS_ROOT && i % 5000 == 4999 &&
		    dump_with_clear(&nl, real_clear && i == 4999, newest)) {
			fprintf(stderr, "fuzz: a dump interrupted by CLEAR never ended\n");
			lg_nl_close(&nl);
			return 1;
		}
	}
	nlh = lg_nl_msg(&nl, buf, LASTGASP_CMD_GET_STATUS, 0);
	if (lg_nl_run(&nl, nlh, NULL, NULL, &r) || r.error) {
		lg_nl_close(&nl);
		return as == AS_ROOT ? 1 : 0;	/* the unprivileged are refused */
	}
	lg_nl_close(&nl);
	fprintf(stderr, "fuzz: %ld requests, %ld replies read\n", count, replies);
	return 0;
}

static void t_fuzz(int *no, int *failed, const char *who, enum fuzz_as as, long count,
		   uint64_t seed, bool real_clear, uint64_t newest)
{
	int status = 0;
	pid_t pid = fork();
	bool ok;

	if (pid == 0)
		_exit(fuzz_as(as, count, seed, real_clear, newest));
	ok = pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	     WEXITSTATUS(status) == 0;
	printf("%sok %d fuzz: %ld random and mutated requests as %s (seed %" PRIu64 ")\n",
	       ok ? "" : "not ", ++*no, count, who, seed);
	if (!ok) {
		printf("# child status 0x%x\n", status);
		++*failed;
	}
	fflush(stdout);
}

/* The newest record's sequence number, 0 if none (for the real CLEAR). */
static int first_seq_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *rec = NULL, *a;
	uint64_t *seq = data;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		if (mnl_attr_get_type(a) == LASTGASP_A_RECORD)
			rec = a;
	if (!rec)
		return MNL_CB_OK;
	mnl_attr_for_each_nested(a, rec)
		if (mnl_attr_get_type(a) == LASTGASP_R_SEQ &&
		    mnl_attr_get_payload_len(a) == 8 && mnl_attr_get_u64(a) > *seq)
			*seq = mnl_attr_get_u64(a);
	return MNL_CB_OK;
}

int lg_fuzz(long count, uint64_t seed, bool real_clear)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct lg_nl nl;
	struct lg_reply r;
	uint64_t newest = 0;
	int no = 0, failed = 0;

	if (lg_nl_open(&nl)) {
		printf("not ok 1 the lastgasp family is registered\n");
		return 1;
	}
	lg_nl_run(&nl, lg_nl_msg(&nl, buf, LASTGASP_CMD_GET_RECORD, NLM_F_DUMP),
		  first_seq_cb, &newest, &r);
	lg_nl_close(&nl);
	t_fuzz(&no, &failed, "root", AS_ROOT, count / 2, seed, real_clear && newest, newest);
	t_fuzz(&no, &failed, "nobody", AS_NOBODY, count / 4, seed + 1, false, 0);
	t_fuzz(&no, &failed, "root with CAP_NET_ADMIN alone", AS_NET_ADMIN_ONLY,
	       count - count / 2 - count / 4, seed + 2, false, 0);
	printf("1..%d\n", no);
	return failed ? 1 : 0;
}
