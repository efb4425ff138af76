// SPDX-License-Identifier: GPL-2.0
/*
 * One journal entry per event through libsystemd's native protocol
 * (sd_journal_sendv): every LASTGASP_* field is always present, empty when
 * unknown, so a consumer's schema never depends on the event.  Values may
 * hold any bytes (titles come from kernel text); sd_journal_sendv frames
 * them, so nothing here needs escaping.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <systemd/sd-journal.h>
#include "journal_send.h"

#define NFIELDS 14

/* "NAME=value" in a fresh string; NULL value gives "NAME=". */
static char *field(const char *name, const char *value)
{
	char *s;

	if (asprintf(&s, "%s=%s", name, value ? value : "") < 0)
		return NULL;
	return s;
}

int lg_journal_send(const struct lg_event *ev, const char *archive)
{
	const char *culprit = ev->culprit_module ? ev->culprit_module :
			      ev->guilty_frame;
	const char *title = ev->title ? ev->title : "unidentified event";
	struct iovec iov[NFIELDS];
	char *f[NFIELDS] = { NULL };
	char *msg = NULL;
	size_t n = 0;
	int err = -ENOMEM;

	/* What `journalctl` shows on one line: kind, title, likely cause. */
	if (asprintf(&msg, "MESSAGE=%s: %s%s%s", ev->fatal ? "crash" :
		     "survived event", title, ev->ncauses ? "; likely cause: " : "",
		     ev->ncauses && ev->causes[0].title ? ev->causes[0].title :
		     ev->ncauses ? ev->causes[0].id : "") < 0) {
		msg = NULL;
		goto out;
	}
	f[n++] = msg;
	msg = NULL;
	f[n++] = field("MESSAGE_ID", ev->fatal ? LG_JOURNAL_ID_FATAL :
		       LG_JOURNAL_ID_SURVIVED);
	f[n++] = field("PRIORITY", ev->fatal ? "2" : "4");
	f[n++] = field("SYSLOG_IDENTIFIER", "lastgasp");
	f[n++] = field("LASTGASP_CLASS", lg_class_name(ev->cls));
	f[n++] = field("LASTGASP_TITLE", title);
	f[n++] = field("LASTGASP_SIGNATURE", ev->signature);
	f[n++] = field("LASTGASP_CULPRIT", culprit);
	f[n++] = field("LASTGASP_CAUSE", ev->ncauses ? ev->causes[0].id : NULL);
	f[n++] = field("LASTGASP_KERNEL", ev->kernel_release);
	f[n++] = field("LASTGASP_BOOT_ID", ev->boot_id);
	f[n++] = field("LASTGASP_ARCHIVE", archive);
	for (size_t i = 0; i < n; i++) {
		if (!f[i])
			goto out;
		iov[i].iov_base = f[i];
		iov[i].iov_len = strlen(f[i]);
	}
	err = sd_journal_sendv(iov, (int)n);
	if (err < 0)
		fprintf(stderr, "lastgasp: cannot write to the journal: %s\n",
			strerror(-err));
out:
	if (err == -ENOMEM)
		fprintf(stderr, "lastgasp: out of memory for a journal entry\n");
	for (size_t i = 0; i < n; i++)
		free(f[i]);
	free(msg);
	return err;
}
