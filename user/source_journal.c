// SPDX-License-Identifier: GPL-2.0
/*
 * The previous boot's kernel messages in the systemd journal (sd-journal):
 * a machine with a persistent journal and no module (or no reserved RAM)
 * still has the log of a warning, an OOM kill or a hung task, and of an
 * oops when the disk was written before the end.  The previous boot is
 * the last one in the journal before this one; each boot is archived
 * once (journal-BOOT_ID.json) when it holds events.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-id128.h>
#include <systemd/sd-journal.h>
#include "parse.h"
#include "source.h"

/* At most this many kernel lines of one boot are read. */
#define LINES_MAX (1u << 20)

struct jctx {
	struct lg_harvest *h;
	size_t input;
	uint64_t *realtime;	/* usec, per line fed (1-based lineno - 1) */
	size_t nlines, cap;
	char boot[SD_ID128_STRING_MAX];
};

static void on_event(struct lg_event *ev, void *arg)
{
	struct jctx *c = arg;
	time_t when = 0;
	size_t l = ev->nlines ? ev->lines[0].lineno : 0;

	if (l && l <= c->nlines)
		when = (time_t)(c->realtime[l - 1] / 1000000);
	if (!ev->boot_id)
		ev->boot_id = strdup(c->boot);
	lg_harvest_event(c->h, c->input, ev, when);
}

/* The newest boot with kernel messages that is not this one. */
static int previous_boot(sd_journal *j, sd_id128_t now, sd_id128_t *prev)
{
	const void *d;
	size_t len;
	char want[SD_ID128_STRING_MAX + 9];
	int r;

	snprintf(want, sizeof(want), "_BOOT_ID=%s", SD_ID128_TO_STRING(now));
	r = sd_journal_add_match(j, "_TRANSPORT=kernel", 0);
	if (r < 0)
		return r;
	r = sd_journal_seek_tail(j);
	while (r >= 0 && (r = sd_journal_previous(j)) > 0) {
		if (sd_journal_get_data(j, "_BOOT_ID", &d, &len) < 0)
			continue;
		if (len == strlen(want) && !memcmp(d, want, len))
			continue;
		if (len != 9 + SD_ID128_STRING_MAX - 1)
			continue;
		char id[SD_ID128_STRING_MAX];

		memcpy(id, (const char *)d + 9, SD_ID128_STRING_MAX - 1);
		id[SD_ID128_STRING_MAX - 1] = '\0';
		return sd_id128_from_string(id, prev) < 0 ? -EINVAL : 1;
	}
	return r;
}

static int keep_time(struct jctx *c, uint64_t usec)
{
	uint64_t *n;

	if (c->nlines == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 4096;
		n = realloc(c->realtime, c->cap * sizeof(*n));
		if (!n)
			return -ENOMEM;
		c->realtime = n;
	}
	c->realtime[c->nlines++] = usec;
	return 0;
}

/* Each line of MESSAGE, stamped with the kernel's own time as dmesg does. */
static int feed_entry(sd_journal *j, struct lg_parser *p, struct jctx *c,
		      char *buf, size_t bufsize)
{
	const void *d;
	const char *s, *e, *nl;
	size_t len;
	uint64_t rt = 0, mono = 0;
	sd_id128_t bid;

	if (sd_journal_get_data(j, "MESSAGE", &d, &len) < 0 || len < 8)
		return 0;
	sd_journal_get_realtime_usec(j, &rt);
	sd_journal_get_monotonic_usec(j, &mono, &bid);
	if (sd_journal_get_data(j, "_SOURCE_MONOTONIC_TIMESTAMP", &d, &len) >= 0 &&
	    len > 28) {
		char num[32];
		size_t n = len - 28 < sizeof(num) - 1 ? len - 28 : sizeof(num) - 1;

		memcpy(num, (const char *)d + 28, n);
		num[n] = '\0';
		mono = strtoull(num, NULL, 10);
	}
	if (sd_journal_get_data(j, "MESSAGE", &d, &len) < 0)
		return 0;
	s = (const char *)d + 8;
	e = (const char *)d + len;
	for (; s <= e && c->nlines < LINES_MAX; s = nl + 1) {
		nl = memchr(s, '\n', (size_t)(e - s));
		if (!nl)
			nl = e;
		int n = snprintf(buf, bufsize, "[%5llu.%06llu] %.*s",
				 (unsigned long long)(mono / 1000000),
				 (unsigned long long)(mono % 1000000),
				 (int)(nl - s), s);

		if (keep_time(c, rt) < 0)
			return -ENOMEM;
		lg_parser_feed(p, buf, n < (int)bufsize ? (size_t)n : bufsize - 1);
		if (nl == e)
			break;
	}
	return 0;
}

static void read_boot(struct lg_harvest *h, sd_journal *j, sd_id128_t boot)
{
	struct jctx c = { .h = h };
	char match[SD_ID128_STRING_MAX + 9], *name = NULL, *buf = NULL;
	struct lg_parser *p = NULL;
	long idx;
	int r;

	sd_id128_to_string(boot, c.boot);
	if (asprintf(&name, "journal-%s.json", c.boot) < 0)
		return;
	if (lg_harvest_archived(h, name))
		goto out;
	idx = lg_harvest_add(h, LG_SOURCE_JOURNAL, c.boot, name, NULL, 0, 0, false);
	buf = malloc(8192);
	p = lg_parser_new(c.boot, on_event, &c);
	if (idx < 0 || !buf || !p) {
		h->errors++;
		goto out;
	}
	c.input = (size_t)idx;
	snprintf(match, sizeof(match), "_BOOT_ID=%s", c.boot);
	sd_journal_flush_matches(j);
	r = sd_journal_add_match(j, match, 0);
	if (r >= 0)
		r = sd_journal_add_match(j, "_TRANSPORT=kernel", 0);
	if (r >= 0)
		r = sd_journal_seek_head(j);
	while (r >= 0 && (r = sd_journal_next(j)) > 0)
		if (feed_entry(j, p, &c, buf, 8192) < 0)
			break;
	lg_parser_finish(p);
	if (r < 0) {
		fprintf(stderr, "lastgasp: cannot read boot %s from the journal: %s\n",
			c.boot, strerror(-r));
		h->errors++;
	}
out:
	lg_parser_free(p);
	free(c.realtime);
	free(buf);
	free(name);
}

void lg_source_journal(struct lg_harvest *h, const char *dir)
{
	sd_journal *j = NULL;
	sd_id128_t now, prev;
	int r;

	r = dir ? sd_journal_open_directory(&j, dir, 0) :
		  sd_journal_open(&j, SD_JOURNAL_LOCAL_ONLY | SD_JOURNAL_SYSTEM);
	if (r < 0) {
		/* No journal at all is an error only when it was asked for. */
		fprintf(stderr, "lastgasp: cannot open the journal%s%s: %s\n",
			dir ? " in " : "", dir ? dir : "", strerror(-r));
		h->errors += h->asked;
		return;
	}
	r = sd_id128_get_boot(&now);
	if (r >= 0)
		r = previous_boot(j, now, &prev);
	if (r < 0) {
		fprintf(stderr, "lastgasp: cannot read the journal%s%s: %s\n",
			dir ? " in " : "", dir ? dir : "", strerror(-r));
		h->errors++;
	} else if (r == 0) {
		if (h->asked)
			fprintf(stderr,
				"lastgasp: the journal%s%s holds no earlier boot's kernel messages%s\n",
				dir ? " in " : "", dir ? dir : "",
				dir ? "" : " (is it persistent? /var/log/journal)");
	} else {
		read_boot(h, j, prev);
	}
	sd_journal_close(j);
}
