// SPDX-License-Identifier: GPL-2.0
/*
 * nltool: raw generic netlink access to lastgasp.ko for tests.
 *
 *   nltool                 the malformed-request suite (TAP)
 *   nltool status          print the status
 *   nltool dump            print every record (dump; LOG may be omitted)
 *   nltool dump-small      the same, receiving into a 20 KiB buffer, which
 *                          keeps the kernel's dump messages small: a record
 *                          with a big log must come without it
 *   nltool get SEQ         print one record whole
 *   nltool clear SEQ|all   clear one record or all
 *   nltool monitor [S]     wait up to S seconds (default 30) for one
 *                          NEW_RECORD notification and print it
 *   nltool dump-clear [CMD]  a dump interrupted by CLEAR all and CMD
 *                          (dumpclear.c)
 *   nltool fuzz N [SEED] [clear-newest]
 *                          N random and mutated requests (see fuzz.c)
 *
 * Exit status: 0 ok, 1 a test failed or the kernel refused, 2 usage.
 */
#include "nltool.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uapi/linux/lastgasp.h"

static int usage(void)
{
	fprintf(stderr, "usage: nltool [status | dump | dump-small | dump-clear [CMD] | get SEQ | clear SEQ|all | monitor [S] | fuzz N [SEED] [clear-newest]]\n");
	return 2;
}

static int parse_seq(const char *s, uint64_t *seq)
{
	char *end;

	errno = 0;
	*seq = strtoull(s, &end, 0);
	if (errno || *end || end == s) {
		fprintf(stderr, "nltool: not a sequence number: '%s'\n", s);
		return -1;
	}
	return 0;
}

static int request(struct lg_nl *nl, int argc, char **argv)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct lg_reply r;
	uint64_t seq = 0;
	int err;

	if (!strcmp(argv[1], "status") && argc == 2) {
		nlh = lg_nl_msg(nl, buf, LASTGASP_CMD_GET_STATUS, 0);
	} else if (!strcmp(argv[1], "dump") && argc == 2) {
		nlh = lg_nl_msg(nl, buf, LASTGASP_CMD_GET_RECORD, NLM_F_DUMP);
	} else if (!strcmp(argv[1], "dump-small") && argc == 2) {
		nlh = lg_nl_msg(nl, buf, LASTGASP_CMD_GET_RECORD, NLM_F_DUMP);
	} else if (!strcmp(argv[1], "get") && argc == 3) {
		if (parse_seq(argv[2], &seq))
			return 2;
		nlh = lg_nl_msg(nl, buf, LASTGASP_CMD_GET_RECORD, 0);
		mnl_attr_put_u64(nlh, LASTGASP_A_SEQ, seq);
	} else if (!strcmp(argv[1], "clear") && argc == 3) {
		nlh = lg_nl_msg(nl, buf, LASTGASP_CMD_CLEAR, 0);
		if (!strcmp(argv[2], "all"))
			mnl_attr_put(nlh, LASTGASP_A_ALL, 0, NULL);
		else if (parse_seq(argv[2], &seq))
			return 2;
		else
			mnl_attr_put_u64(nlh, LASTGASP_A_SEQ, seq);
	} else if (!strcmp(argv[1], "dump-clear") && argc <= 3) {
		err = lg_dump_clear(nl, argc == 3 ? argv[2] : NULL);
		if (err)
			fprintf(stderr, "nltool: dump-clear: %s\n", strerror(-err));
		return err ? 1 : 0;
	} else if (!strcmp(argv[1], "monitor") && argc <= 3) {
		err = lg_nl_monitor(nl, argc == 3 ? atoi(argv[2]) : 30);
		if (err)
			fprintf(stderr, "nltool: monitor: %s\n", strerror(-err));
		return err ? 1 : 0;
	} else {
		return usage();
	}
	err = lg_nl_run(nl, nlh, lg_print_msg, stdout, &r);
	if (err || r.error) {
		fprintf(stderr, "nltool: %s: %s%s%s\n", argv[1],
			strerror(-(err ? err : r.error)), r.msg[0] ? ": " : "", r.msg);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct lg_nl nl;
	int err, ret;

	if (argc == 1)
		return lg_malformed();
	if (!strcmp(argv[1], "fuzz") && argc >= 3 && argc <= 5)
		return lg_fuzz(atol(argv[2]), argc >= 4 ? strtoull(argv[3], NULL, 0) : 1,
			       argc == 5 && !strcmp(argv[4], "clear-newest"));
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		printf("usage: nltool [status | dump | dump-small | dump-clear [CMD] | get SEQ | clear SEQ|all | monitor [S] | fuzz N [SEED] [clear-newest]]\n");
		return 0;
	}
	/*
	 * The kernel sizes dump messages by the largest buffer this socket
	 * has received into, so the small buffer must be used from the start.
	 */
	if (!strcmp(argv[1], "dump-small") || !strcmp(argv[1], "dump-clear"))
		lg_nl_recv_size = 20 * 1024;
	err = lg_nl_open(&nl);
	if (err) {
		fprintf(stderr, "nltool: the lastgasp family is not available: %s\n",
			strerror(-err));
		return 1;
	}
	ret = request(&nl, argc, argv);
	lg_nl_close(&nl);
	return ret;
}
