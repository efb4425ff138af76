// SPDX-License-Identifier: GPL-2.0
/*
 * Debug files from debuginfod servers (DEBUGINFOD_URLS) by build id, with
 * elfutils' libdebuginfod: it caches downloads and verifies nothing, so the
 * caller still checks the build id of what comes back.  The waits are
 * bounded (LG_DEBUGINFOD_TIMEOUT / _MAXTIME unless the environment sets
 * DEBUGINFOD_TIMEOUT / DEBUGINFOD_MAXTIME), so an unreachable server costs
 * seconds, not the library's default minutes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <elfutils/debuginfod.h>
#include "debuginfo.h"

#define STR(x) #x
#define XSTR(x) STR(x)

static char reason[256];

static const char *say(int err)
{
	const char *urls = getenv("DEBUGINFOD_URLS");

	if (!urls || !*urls)
		return "debuginfod: DEBUGINFOD_URLS names no server";
	if (err == -ENOENT)
		snprintf(reason, sizeof(reason),
			 "debuginfod: no server in DEBUGINFOD_URLS has it");
	else
		snprintf(reason, sizeof(reason),
			 "debuginfod: %s (%s; waits at most %s s)", strerror(-err),
			 urls, getenv("DEBUGINFOD_TIMEOUT"));
	return reason;
}

int lg_debuginfod_fetch(const char *build_id, char **path, const char **why)
{
	debuginfod_client *c;
	int fd;

	*path = NULL;
	setenv("DEBUGINFOD_TIMEOUT", XSTR(LG_DEBUGINFOD_TIMEOUT), 0);
	setenv("DEBUGINFOD_MAXTIME", XSTR(LG_DEBUGINFOD_MAXTIME), 0);
	c = debuginfod_begin();
	if (!c) {
		*why = "debuginfod: the client library could not start";
		return -ENOMEM;
	}
	fd = debuginfod_find_debuginfo(c, (const unsigned char *)build_id, 0,
				       path);
	debuginfod_end(c);
	if (fd < 0) {
		free(*path);
		*path = NULL;
		*why = say(fd);
		return fd;
	}
	close(fd);
	return 0;
}
