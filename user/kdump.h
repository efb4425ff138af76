/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kdump and lastgasp.  With a crash kernel loaded, panic() jumps into it
 * before the panic notifiers and the kmsg dumper run, unless the kernel
 * parameter crash_kexec_post_notifiers is set.  A module cannot set it (it
 * is not exported); userspace can, at run time, through sysfs.
 */
#ifndef LG_KDUMP_H
#define LG_KDUMP_H

#include <stdbool.h>
#include <stdio.h>

struct json_object;

/* Each field is 1, 0, or -1 when the kernel does not say. */
struct lg_kdump {
	int crash_loaded;	/* /sys/kernel/kexec_crash_loaded */
	int post_notifiers;	/* crash_kexec_post_notifiers */
};

/* The sysfs root: $LASTGASP_SYSFS (for tests) or "/sys". */
const char *lg_sysfs_root(void);
void lg_kdump_read(struct lg_kdump *k);
/* Set crash_kexec_post_notifiers; 0 or -errno. */
int lg_kdump_set_post_notifiers(bool on);
/*
 * Whether a panic reaches lastgasp's panic notifier and kmsg dumper:
 * true without a crash kernel, or with one and post notifiers set.
 */
bool lg_kdump_full_capture(const struct lg_kdump *k);

/* The state as the JSON object "kdump" and as text lines. */
struct json_object *lg_kdump_to_json(const struct lg_kdump *k);
void lg_kdump_print_text(FILE *out, const struct lg_kdump *k);

#endif /* LG_KDUMP_H */
