// SPDX-License-Identifier: GPL-2.0
/*
 * The `lastgasp` command line, run as a real process: help and version go
 * to stdout with status 0, bad input is quoted with status 1, and without
 * the kernel module (this test host has none) `report` and `status` say so
 * in one sentence with status 2.
 */
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <json-c/json.h>
#include "kselftest_harness.h"

#define NOT_LOADED \
	"lastgasp: the lastgasp kernel module is not loaded (modprobe lastgasp)\n"

struct run {
	int status;
	char *out, *err;
};

/* The binary under test: $LASTGASP_BIN, else ../user/lastgasp from here. */
static const char *binary(void)
{
	static char path[PATH_MAX];
	char self[PATH_MAX];
	ssize_t n;

	if (getenv("LASTGASP_BIN"))
		return getenv("LASTGASP_BIN");
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0)
		return "lastgasp";
	self[n] = '\0';
	snprintf(path, sizeof(path), "%s/../user/lastgasp", dirname(self));
	return path;
}

static char *slurp(int fd)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	char chunk[4096];
	ssize_t n;

	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		fwrite(chunk, 1, n, f);
	fclose(f);
	close(fd);
	return buf;
}

/* Run the binary with @args (NULL-terminated), stdin from /dev/null. */
static void run(struct run *r, const char *const *args)
{
	char *argv[16] = { (char *)binary() };
	int out[2], err[2];
	pid_t pid;
	int i;

	for (i = 0; args[i] && i < 14; i++)
		argv[i + 1] = (char *)args[i];
	if (pipe(out) || pipe(err))
		abort();
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		dup2(null, 0);
		dup2(out[1], 1);
		dup2(err[1], 2);
		close(out[0]);
		close(err[0]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(out[1]);
	close(err[1]);
	/* Small outputs: reading one pipe after the other cannot deadlock. */
	r->out = slurp(out[0]);
	r->err = slurp(err[0]);
	waitpid(pid, &r->status, 0);
	r->status = WIFEXITED(r->status) ? WEXITSTATUS(r->status) : 128;
}

static void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

static bool module_loaded(void)
{
	struct stat st;

	return stat("/sys/module/lastgasp", &st) == 0;
}

TEST(help_exits_0_on_stdout)
{
	struct run r;

	run(&r, (const char *[]){ "--help", NULL });
	EXPECT_EQ(0, r.status);
	for (const char *c = "status\0report\0analyze\0watch\0causes\0"; *c;
	     c += strlen(c) + 1) {
		EXPECT_NE(NULL, strstr(r.out, c)) TH_LOG("help lacks %s", c);
	}
	EXPECT_STREQ("", r.err);
	run_free(&r);
}

TEST(every_command_help_exits_0)
{
	static const char *const cmds[] = {
		"status", "report", "analyze", "watch", "causes",
	};
	char want[64];
	struct run r;

	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		run(&r, (const char *[]){ cmds[i], "--help", NULL });
		EXPECT_EQ(0, r.status) TH_LOG("%s --help", cmds[i]);
		snprintf(want, sizeof(want), "usage: lastgasp %s", cmds[i]);
		EXPECT_NE(NULL, strstr(r.out, want)) TH_LOG("%s", r.out);
		run_free(&r);
	}
}

TEST(version)
{
	struct run r;

	run(&r, (const char *[]){ "--version", NULL });
	EXPECT_EQ(0, r.status);
	EXPECT_EQ(0, strncmp(r.out, "lastgasp ", 9));
	run_free(&r);
}

TEST(unknown_command_exits_1_quoting_it)
{
	struct run r;

	run(&r, (const char *[]){ "reprot", NULL });
	EXPECT_EQ(1, r.status);
	EXPECT_NE(NULL, strstr(r.err, "unknown command 'reprot'"));
	EXPECT_STREQ("", r.out);
	run_free(&r);
}

TEST(prefix_is_not_a_command)
{
	struct run r;

	run(&r, (const char *[]){ "rep", NULL });
	EXPECT_EQ(1, r.status);
	run_free(&r);
}

TEST(no_command_exits_1)
{
	struct run r;

	run(&r, (const char *[]){ NULL });
	EXPECT_EQ(1, r.status);
	EXPECT_NE(NULL, strstr(r.err, "usage: lastgasp"));
	run_free(&r);
}

TEST(unknown_option_exits_1_quoting_it)
{
	struct run r;

	run(&r, (const char *[]){ "report", "--frobnicate", NULL });
	EXPECT_EQ(1, r.status);
	EXPECT_NE(NULL, strstr(r.err, "--frobnicate"));
	EXPECT_NE(NULL, strstr(r.err, "usage: lastgasp report"));
	run_free(&r);
	run(&r, (const char *[]){ "status", "extra", NULL });
	EXPECT_EQ(1, r.status);
	EXPECT_NE(NULL, strstr(r.err, "'extra'"));
	run_free(&r);
}

TEST(report_without_module_says_so)
{
	struct run r;

	if (module_loaded())
		SKIP(return, "the lastgasp module is loaded on this host");
	run(&r, (const char *[]){ "report", "--keep", NULL });
	EXPECT_EQ(2, r.status);
	EXPECT_STREQ(NOT_LOADED, r.err);
	EXPECT_STREQ("", r.out);
	run_free(&r);
}

TEST(status_json_without_module_says_so)
{
	struct run r;

	if (module_loaded())
		SKIP(return, "the lastgasp module is loaded on this host");
	run(&r, (const char *[]){ "status", "--json", NULL });
	EXPECT_EQ(2, r.status);
	EXPECT_STREQ(NOT_LOADED, r.err);
	run_free(&r);
}

TEST(analyze_unreadable_file_exits_3_after_the_others)
{
	char empty[] = "/tmp/lastgasp-cli-XXXXXX";
	int fd = mkstemp(empty);
	struct run r;

	ASSERT_LE(0, fd);
	close(fd);
	run(&r, (const char *[]){ "analyze", "/nonexistent/dmesg", empty, NULL });
	EXPECT_EQ(3, r.status);
	EXPECT_NE(NULL, strstr(r.err,
		"lastgasp: cannot read /nonexistent/dmesg: No such file or directory"));
	/* The readable file after the bad one was still analysed. */
	EXPECT_NE(NULL, strstr(r.out, "No kernel crash found in"));
	EXPECT_NE(NULL, strstr(r.out, empty));
	run_free(&r);
	unlink(empty);
}

TEST(analyze_json_of_quiet_log_is_empty_list)
{
	char path[] = "/tmp/lastgasp-cli-XXXXXX";
	int fd = mkstemp(path);
	static const char quiet[] =
		"[    0.000000] Linux version 6.1.0-28-amd64\n"
		"[    1.234567] systemd[1]: Started Journal Service.\n";
	struct json_object *o, *events;
	struct run r;

	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)sizeof(quiet) - 1, write(fd, quiet, sizeof(quiet) - 1));
	close(fd);
	run(&r, (const char *[]){ "analyze", "--json", path, NULL });
	EXPECT_EQ(0, r.status);
	o = json_tokener_parse(r.out);
	ASSERT_NE(NULL, o) TH_LOG("not JSON: %s", r.out);
	ASSERT_TRUE(json_object_object_get_ex(o, "events", &events));
	EXPECT_EQ(0, json_object_array_length(events));
	EXPECT_TRUE(json_object_object_get_ex(o, "lastgasp", NULL));
	json_object_put(o);
	run_free(&r);
	unlink(path);
}

TEST_HARNESS_MAIN
