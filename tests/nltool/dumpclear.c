// SPDX-License-Identifier: GPL-2.0
/*
 * nltool dump-clear [CMD]: a dump interrupted by CLEAR.  It starts a dump
 * of every record, takes the first message, clears every record from a
 * second socket, runs CMD (a shell command that stores new records; by
 * default the self-test build's "fill 3"), then reads the rest of the
 * dump.  It prints every sequence number received, in order, with "|"
 * where the CLEAR happened:
 *   dump-clear: 1 | 2 5 6 7
 * The test (e2e 75-dump-clear) checks that each record stored after the
 * CLEAR comes once.
 */
#include "nltool.h"

#include <errno.h>
#include <inttypes.h>
#include <linux/genetlink.h>
#include <stdio.h>
#include <stdlib.h>

#include "uapi/linux/lastgasp.h"

#define LG_FILL_CMD "echo fill 3 >/sys/kernel/debug/lastgasp_selftest/run"

static int seq_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a, *r;

	(void)data;
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) != LASTGASP_A_RECORD)
			continue;
		mnl_attr_for_each_nested(r, a)
			if (mnl_attr_get_type(r) == LASTGASP_R_SEQ &&
			    mnl_attr_get_payload_len(r) == sizeof(uint64_t))
				printf(" %" PRIu64, mnl_attr_get_u64(r));
	}
	return MNL_CB_OK;
}

static int clear_all_then(const char *cmd)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct lg_reply r;
	struct lg_nl other;
	int err;

	err = lg_nl_open(&other);
	if (err)
		return err;
	nlh = lg_nl_msg(&other, buf, LASTGASP_CMD_CLEAR, 0);
	mnl_attr_put(nlh, LASTGASP_A_ALL, 0, NULL);
	err = lg_nl_run(&other, nlh, NULL, NULL, &r);
	lg_nl_close(&other);
	if (err || r.error)
		return err ? err : r.error;
	printf(" |");
	fflush(stdout);
	return system(cmd) == 0 ? 0 : -ECHILD;
}

int lg_dump_clear(struct lg_nl *nl, const char *cmd)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	unsigned int portid = mnl_socket_get_portid(nl->sock);
	struct nlmsghdr *nlh;
	int ret, batches = 0, err;

	nlh = lg_nl_msg(nl, buf, LASTGASP_CMD_GET_RECORD, NLM_F_DUMP);
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	printf("dump-clear:");
	do {
		ret = mnl_socket_recvfrom(nl->sock, nl->buf, nl->buf_size);
		if (ret < 0)
			return -errno;
		ret = mnl_cb_run(nl->buf, ret, nlh->nlmsg_seq, portid, seq_cb, NULL);
		if (ret == MNL_CB_OK && batches++ == 0) {
			err = clear_all_then(cmd ? cmd : LG_FILL_CMD);
			if (err)
				return err;
		}
	} while (ret == MNL_CB_OK);
	printf("\n");
	return ret == MNL_CB_ERROR ? -EPROTO : 0;
}
