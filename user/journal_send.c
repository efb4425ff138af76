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

/* "NAME=value" in a fresh string; NULL value gives "NAME=". */
static char *field(const char *name, const char *value)
{
	char *s;

	if (asprintf(&s, "%s=%s", name, value ? value : "") < 0)
		return NULL;
	return s;
}

int lg_journal_fields(const struct lg_event *ev, const char *archive,
		      char *f[LG_JOURNAL_NFIELDS])
{
	const char *culprit = ev->culprit_module ? ev->culprit_module :
			      ev->guilty_frame;
	const char *title = ev->title ? ev->title : "unidentified event";
	const char *cause = ev->ncauses ? ev->causes[0].id : NULL;
	const char *why = ev->ncauses && ev->causes[0].title ?
			  ev->causes[0].title : cause;
	int n = 0;

	/* What `journalctl` shows on one line: kind, title, likely cause. */
	if (asprintf(&f[n], "MESSAGE=%s: %s%s%s", ev->fatal ? "crash" :
		     "survived event", title, why ? "; likely cause: " : "",
		     why ? why : "") < 0)
		return -ENOMEM;
	n++;
	f[n++] = field("MESSAGE_ID", ev->fatal ? LG_JOURNAL_ID_FATAL :
		       LG_JOURNAL_ID_SURVIVED);
	f[n++] = field("PRIORITY", ev->fatal ? "2" : "4");
	f[n++] = field("SYSLOG_IDENTIFIER", "lastgasp");
	f[n++] = field("LASTGASP_CLASS", lg_class_name(ev->cls));
	f[n++] = field("LASTGASP_TITLE", title);
	f[n++] = field("LASTGASP_SIGNATURE", ev->signature);
	f[n++] = field("LASTGASP_CULPRIT", culprit);
	f[n++] = field("LASTGASP_CAUSE", cause);
	f[n++] = field("LASTGASP_KERNEL", ev->kernel_release);
	f[n++] = field("LASTGASP_BOOT_ID", ev->boot_id);
	f[n++] = field("LASTGASP_ARCHIVE", archive);
	for (int i = 0; i < n; i++) {
		if (f[i])
			continue;
		for (int j = 0; j < n; j++)
			free(f[j]);
		return -ENOMEM;
	}
	return n;
}

int lg_journal_send(const struct lg_event *ev, const char *archive)
{
	struct iovec iov[LG_JOURNAL_NFIELDS];
	char *f[LG_JOURNAL_NFIELDS];
	int n = lg_journal_fields(ev, archive, f), err;

	if (n < 0) {
		fprintf(stderr, "lastgasp: out of memory for a journal entry\n");
		return n;
	}
	for (int i = 0; i < n; i++) {
		iov[i].iov_base = f[i];
		iov[i].iov_len = strlen(f[i]);
	}
	err = sd_journal_sendv(iov, n);
	if (err < 0)
		fprintf(stderr, "lastgasp: cannot write to the journal: %s\n",
			strerror(-err));
	for (int i = 0; i < n; i++)
		free(f[i]);
	return err;
}
