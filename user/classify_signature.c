// SPDX-License-Identifier: GPL-2.0
/*
 * Event signatures for fleet counting: the same bug gives the same 16 hex
 * digits on any machine, boot, address layout or clock.  Only the normalised
 * title and the names of the top reliable non-generic frames go in: no
 * addresses, offsets, CPUs, PIDs or module load addresses.  Compiler suffixes
 * (".isra.0", ".cold") are dropped since they differ between builds of the
 * same source.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "classify_int.h"

#define SIG_FRAMES 3

static uint64_t fnv1a(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static uint64_t add_frame(uint64_t h, const char *func)
{
	size_t n = strcspn(func, ".");

	h = fnv1a(h, "\n", 1);
	return fnv1a(h, func, n);
}

/* A final avalanche so that near-equal inputs spread over all digits. */
static uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return h;
}

char *lg_classify_signature(const struct lg_event *ev)
{
	uint64_t h = 0xcbf29ce484222325ull;
	int used = 0;
	char *out = malloc(17);

	if (!out)
		abort();
	h = fnv1a(h, ev->title, strlen(ev->title));
	if (ev->has_rip && ev->rip.function && !ev->rip_user &&
	    !lg_frame_is_generic(ev->rip.function)) {
		h = add_frame(h, ev->rip.function);
		used++;
	}
	for (size_t i = 0; i < ev->ntrace && used < SIG_FRAMES; i++) {
		const struct lg_frame *f = &ev->trace[i];

		if (!f->reliable || !f->function || lg_frame_is_generic(f->function))
			continue;
		h = add_frame(h, f->function);
		used++;
	}
	snprintf(out, 17, "%016llx", (unsigned long long)mix(h));
	return out;
}
