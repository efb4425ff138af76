/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `analyze --follow FILE`: feed a growing log to the parser the way tail -F
 * reads it.  The file is polled (it may live on NFS, where inotify says
 * nothing): new lines are fed as they appear; a file renamed away and
 * replaced (log rotation) is finished and the new one read from its start;
 * a file cut shorter (truncation, copytruncate) is read again from its
 * start.
 */
#ifndef LG_FOLLOW_H
#define LG_FOLLOW_H

#include <stdbool.h>
#include <sys/types.h>
#include "parse.h"

struct lg_follow {
	char *path;
	int fd;			/* -1 while the file does not exist */
	dev_t dev;
	ino_t ino;
	off_t off;
	char *line;		/* a line not yet ended by '\n' */
	size_t have;
	struct lg_parser *p;
	bool fed;		/* lines fed since the last flush */
	bool said_missing;
};

/* 0, or -errno when out of memory.  A missing file is waited for. */
int lg_follow_init(struct lg_follow *f, const char *path, struct lg_parser *p);
/*
 * Read whatever is new, handling rotation and truncation (said on
 * stderr).  Returns the number of bytes read (0: nothing new).
 */
long lg_follow_poll(struct lg_follow *f);
/*
 * Nothing came for a while: an event still open is complete (a dying
 * machine sends no end marker).  Hands it to the parser's callback.
 */
void lg_follow_idle(struct lg_follow *f);
void lg_follow_close(struct lg_follow *f);

#endif /* LG_FOLLOW_H */
