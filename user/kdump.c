// SPDX-License-Identifier: GPL-2.0
/* Reading and setting the kdump state that decides what lastgasp sees. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <json-c/json.h>
#include "kdump.h"

#define POST_NOTIFIERS "module/kernel/parameters/crash_kexec_post_notifiers"
#define CRASH_LOADED "kernel/kexec_crash_loaded"

const char *lg_sysfs_root(void)
{
	const char *root = getenv("LASTGASP_SYSFS");

	return root && *root ? root : "/sys";
}

/* 1 for "1"/"Y", 0 for "0"/"N", -1 when missing or anything else. */
static int read_flag(const char *rel)
{
	char path[4096], buf[8] = "";
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", lg_sysfs_root(), rel);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	if (buf[0] == '1' || buf[0] == 'Y' || buf[0] == 'y')
		return 1;
	if (buf[0] == '0' || buf[0] == 'N' || buf[0] == 'n')
		return 0;
	return -1;
}

void lg_kdump_read(struct lg_kdump *k)
{
	k->crash_loaded = read_flag(CRASH_LOADED);
	k->post_notifiers = read_flag(POST_NOTIFIERS);
}

int lg_kdump_set_post_notifiers(bool on)
{
	char path[4096];
	int fd, err = 0;

	snprintf(path, sizeof(path), "%s/%s", lg_sysfs_root(), POST_NOTIFIERS);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, on ? "Y\n" : "N\n", 2) != 2)
		err = -errno;
	if (close(fd) && !err)
		err = -errno;
	return err;
}

bool lg_kdump_full_capture(const struct lg_kdump *k)
{
	return k->crash_loaded != 1 || k->post_notifiers == 1;
}

static struct json_object *jflag(int v)
{
	return v < 0 ? NULL : json_object_new_boolean(v);
}

struct json_object *lg_kdump_to_json(const struct lg_kdump *k)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "crash_kernel_loaded", jflag(k->crash_loaded));
	json_object_object_add(o, "post_notifiers", jflag(k->post_notifiers));
	json_object_object_add(o, "full_capture",
			       json_object_new_boolean(lg_kdump_full_capture(k)));
	return o;
}

void lg_kdump_print_text(FILE *out, const struct lg_kdump *k)
{
	static const char *const yn[] = { "no", "yes" };

	fprintf(out, "kdump:       %s\n",
		k->crash_loaded < 0 ? "unknown (no /sys/kernel/kexec_crash_loaded)" :
		k->crash_loaded ? "crash kernel loaded" : "no crash kernel loaded");
	if (k->crash_loaded == 1)
		fprintf(out, "             crash_kexec_post_notifiers: %s\n",
			k->post_notifiers < 0 ? "unknown" : yn[k->post_notifiers]);
	if (lg_kdump_full_capture(k))
		fputs("Capture:     full: a panic reaches lastgasp's panic notifier and log dumper\n",
		      out);
	else
		fputs("Capture:     PARTIAL: kdump takes a panic before lastgasp's panic\n"
		      "             notifier and log dumper run; only oopses are recorded.\n"
		      "             Run `lastgasp full-capture on` to have both.\n", out);
}
