// SPDX-License-Identifier: GPL-2.0
/*
 * A pstore back end compresses dumps; pstore decompresses them when it is
 * mounted, and when it cannot (its compressor not built in, a dump from a
 * kernel using another one) shows the raw bytes as NAME.enc.z.  The kernel
 * writes raw deflate (zlib without header); older ones zlib or gzip
 * streams: each is tried.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include "source_read.h"

static char *read_raw(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t cap = 65536, n = 0;
	char *buf = NULL, *nb;
	ssize_t r;

	if (fd < 0)
		goto fail;
	buf = malloc(cap + 1);
	if (!buf)
		goto fail;
	while (n < LG_SOURCE_MAX) {
		if (n == cap) {
			cap = cap * 2 > LG_SOURCE_MAX ? LG_SOURCE_MAX : cap * 2;
			nb = realloc(buf, cap + 1);
			if (!nb)
				goto fail;
			buf = nb;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto fail;
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	*len = n;
	return buf;
fail:
	fprintf(stderr, "lastgasp: cannot read %s: %s\n", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	free(buf);
	return NULL;
}

static char *inflate_with(const char *in, size_t inlen, int wbits, size_t *len)
{
	z_stream z;
	size_t cap = inlen * 4 + 4096, n = 0;
	char *out = malloc(cap + 1), *no;
	int rc;

	if (!out)
		return NULL;
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, wbits) != Z_OK) {
		free(out);
		return NULL;
	}
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)inlen;
	do {
		if (n == cap) {
			if (cap >= LG_SOURCE_MAX)
				break;
			cap *= 2;
			no = realloc(out, cap + 1);
			if (!no)
				break;
			out = no;
		}
		z.next_out = (Bytef *)out + n;
		z.avail_out = (uInt)(cap - n);
		rc = inflate(&z, Z_NO_FLUSH);
		n = cap - z.avail_out;
	} while (rc == Z_OK);
	inflateEnd(&z);
	/* A dump cut short still inflates up to the cut: keep that much. */
	if ((rc != Z_STREAM_END && rc != Z_BUF_ERROR && rc != Z_OK) || !n) {
		free(out);
		return NULL;
	}
	out[n] = '\0';
	*len = n;
	return out;
}

char *lg_source_read(const char *path, size_t *len)
{
	size_t plen = strlen(path), rawlen;
	static const int wbits[] = { -MAX_WBITS, MAX_WBITS + 32 };
	char *raw = read_raw(path, &rawlen), *out;

	if (!raw || plen < 6 || strcmp(path + plen - 6, ".enc.z"))
		return raw ? (*len = rawlen, raw) : NULL;
	for (size_t i = 0; i < sizeof(wbits) / sizeof(wbits[0]); i++) {
		out = inflate_with(raw, rawlen, wbits[i], len);
		if (out) {
			free(raw);
			return out;
		}
	}
	fprintf(stderr, "lastgasp: %s is compressed in a form lastgasp cannot inflate; read as it is\n",
		path);
	*len = rawlen;
	return raw;
}
