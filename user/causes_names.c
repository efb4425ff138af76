// SPDX-License-Identifier: GPL-2.0
/*
 * Names a remedy can give that the event holds only in its text: the block
 * device of an I/O or filesystem error, and the sysctl that turned the
 * event into a panic.  For the {device} and {sysctl} template variables.
 */
#include <string.h>
#include "causes_int.h"

/* Where kernels name the device, and what ends the name. */
static const struct {
	const char *before;
	char end;
} device_marks[] = {
	{ ", dev ", ',' },		/* blk_update_request: I/O error, dev sdc, sector */
	{ "I/O error, dev ", ',' },
	{ "error on dev ", ',' },	/* Buffer I/O error on dev sda1, logical block */
	{ "(device ", ')' },		/* EXT4-fs error (device sda1): */
	{ "EXT4-fs (", ')' },
	{ "XFS (", ')' },
	{ "BTRFS error (device ", ')' },
	{ ": [", ']' },			/* sd 2:0:0:0: [sdc] tag#0 ... */
};

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == ':';
}

/* Copies the device name of @line into @buf; false when it names none. */
static bool device_in(const char *line, char *buf, size_t size)
{
	for (size_t i = 0; i < sizeof(device_marks) / sizeof(device_marks[0]); i++) {
		const char *p = strstr(line, device_marks[i].before), *q;

		if (!p)
			continue;
		p += strlen(device_marks[i].before);
		for (q = p; *q && name_char(*q); q++)
			;
		if (q == p || *q != device_marks[i].end || (size_t)(q - p) >= size)
			continue;
		/* "[sdc]" yes, "[12345.678]" or "[drm]" no: a disk name has a letter
		 * and no dot. */
		if (device_marks[i].end == ']' &&
		    (memchr(p, '.', (size_t)(q - p)) || !((*p >= 'a' && *p <= 'z'))))
			continue;
		memcpy(buf, p, (size_t)(q - p));
		buf[q - p] = '\0';
		return true;
	}
	return false;
}

bool lg_event_device(const struct lg_event *ev, char *buf, size_t size)
{
	for (size_t i = 0; i < ev->nlines && i < 64; i++)
		if (ev->lines[i].line && device_in(ev->lines[i].line, buf, size))
			return true;
	return false;
}

/* The panic message says which policy turned the event into a panic. */
static const struct {
	const char *message;
	const char *sysctl;
} panic_sysctls[] = {
	{ "hung_task: blocked tasks", "kernel.hung_task_panic" },
	{ "softlockup: hung tasks", "kernel.softlockup_panic" },
	{ "Hard LOCKUP", "kernel.hardlockup_panic" },
	{ "hard LOCKUP", "kernel.hardlockup_panic" },
	{ "RCU Stall", "kernel.panic_on_rcu_stall" },
	{ "panic_on_oom", "vm.panic_on_oom" },
	{ "panic_on_warn", "kernel.panic_on_warn" },
	{ "sysrq triggered crash", "kernel.sysrq" },
	{ "Fatal exception", "kernel.panic_on_oops" },
	{ "Fatal machine check", "kernel.panic_on_unrecovered_nmi" },
};

const char *lg_event_sysctl(const struct lg_event *ev)
{
	if (!ev->panic_message)
		return NULL;
	for (size_t i = 0; i < sizeof(panic_sysctls) / sizeof(panic_sysctls[0]); i++)
		if (strstr(ev->panic_message, panic_sysctls[i].message))
			return panic_sysctls[i].sysctl;
	/* The 7.x WARN panics name panic_on_warn only in the warning itself. */
	if (ev->cls == LG_CLASS_WARNING)
		return "kernel.panic_on_warn";
	return NULL;
}
