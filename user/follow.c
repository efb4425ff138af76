// SPDX-License-Identifier: GPL-2.0
/*
 * tail -F for the parser.  Lines are cut at LINE_MAX bytes (the parser
 * reads no further either); a partial last line is kept until its newline
 * comes, or fed as it is when the file is rotated away or goes idle.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "follow.h"

#define LINE_CAP 8192
#define CHUNK 65536

static void open_file(struct lg_follow *f)
{
	struct stat st;
	int fd = open(f->path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		if (!f->said_missing)
			fprintf(stderr, "lastgasp: cannot read %s (%s); waiting for it\n",
				f->path, strerror(errno));
		f->said_missing = true;
		return;
	}
	if (fstat(fd, &st) < 0) {
		close(fd);
		return;
	}
	if (f->said_missing)
		fprintf(stderr, "lastgasp: %s is there now; following it\n", f->path);
	f->said_missing = false;
	f->fd = fd;
	f->dev = st.st_dev;
	f->ino = st.st_ino;
	f->off = 0;
}

int lg_follow_init(struct lg_follow *f, const char *path, struct lg_parser *p)
{
	memset(f, 0, sizeof(*f));
	f->fd = -1;
	f->p = p;
	f->path = strdup(path);
	f->line = malloc(LINE_CAP);
	if (!f->path || !f->line) {
		lg_follow_close(f);
		return -ENOMEM;
	}
	open_file(f);
	return 0;
}

static void feed_partial(struct lg_follow *f)
{
	if (!f->have)
		return;
	lg_parser_feed(f->p, f->line, f->have);
	f->have = 0;
	f->fed = true;
}

static void take(struct lg_follow *f, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (buf[i] == '\n') {
			lg_parser_feed(f->p, f->line, f->have);
			f->have = 0;
			f->fed = true;
		} else if (f->have < LINE_CAP) {
			f->line[f->have++] = buf[i];
		}
	}
}

/* Everything from the current offset to the end of the open file. */
static long drain(struct lg_follow *f)
{
	char buf[CHUNK];
	long total = 0;
	ssize_t n;

	while ((n = pread(f->fd, buf, sizeof(buf), f->off)) > 0) {
		take(f, buf, (size_t)n);
		f->off += n;
		total += n;
	}
	if (n < 0 && errno != EINTR)
		fprintf(stderr, "lastgasp: cannot read %s: %s\n", f->path,
			strerror(errno));
	return total;
}

long lg_follow_poll(struct lg_follow *f)
{
	struct stat st, now;
	long n;

	if (f->fd < 0) {
		open_file(f);
		if (f->fd < 0)
			return 0;
	}
	if (fstat(f->fd, &st) == 0 && st.st_size < f->off) {
		fprintf(stderr, "lastgasp: %s was truncated; reading it from its start\n",
			f->path);
		feed_partial(f);
		f->off = 0;
	}
	n = drain(f);
	/* At the end of the open file: has the name moved on to another? */
	if (stat(f->path, &now) < 0)
		return n;	/* renamed away, the new one not there yet */
	if (now.st_dev == f->dev && now.st_ino == f->ino)
		return n;
	/* The old file may have grown since the drain above. */
	n += drain(f);
	feed_partial(f);
	fprintf(stderr, "lastgasp: %s was replaced (rotated); following the new file\n",
		f->path);
	close(f->fd);
	f->fd = -1;
	open_file(f);
	if (f->fd >= 0)
		n += drain(f);
	return n;
}

void lg_follow_idle(struct lg_follow *f)
{
	/* A partial line stays: its writer may be half way through it. */
	if (!f->fed)
		return;
	lg_parser_finish(f->p);
	f->fed = false;
}

void lg_follow_close(struct lg_follow *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	free(f->path);
	free(f->line);
	f->path = NULL;
	f->line = NULL;
}
