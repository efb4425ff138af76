// SPDX-License-Identifier: GPL-2.0
/*
 * lg-memhog NAME: TEST ONLY, run inside the end-to-end guest.  Renames
 * itself to NAME (the scenario's token, so the OOM report can be matched to
 * this very process), then maps and touches anonymous memory 1 MiB at a
 * time, forever: the kernel's OOM killer has to end it, or panic when
 * vm.panic_on_oom is set.  Built static, so the guest needs no libc.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#define STEP (1UL << 20)

int main(int argc, char **argv)
{
	unsigned long mib = 0;

	if (argc > 1 && prctl(PR_SET_NAME, argv[1], 0, 0, 0) != 0)
		perror("prctl(PR_SET_NAME)");
	for (;;) {
		char *p = mmap(NULL, STEP, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			/* Refused up front: wait for reclaim, the OOM killer
			 * is the end we are after, not an mmap error. */
			usleep(1000);
			continue;
		}
		/* Touch every page: only resident memory counts. */
		memset(p, 0x5a, STEP);
		if (++mib % 32 == 0)
			fprintf(stderr, "lg-memhog: %lu MiB\n", mib);
	}
	return 0;
}
