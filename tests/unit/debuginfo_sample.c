// SPDX-License-Identifier: GPL-2.0
/*
 * Not a test: tests/Makefile compiles this with -g into the small ELF files
 * test_debuginfo resolves (an ET_REL object named like a module, its
 * stripped copy, shared objects with build ids, and "another build" with
 * LG_OTHER_BUILD).  LG-MARK comments name the lines the test expects; it
 * reads their numbers from this file.
 */
volatile int lg_sample_sink;

static inline __attribute__((always_inline)) void lg_sample_inner(int v)
{
	lg_sample_sink = v * 3; /* LG-MARK inner-store */
}

__attribute__((noinline)) void lg_sample_outer(int v)
{
	lg_sample_sink = v;
	lg_sample_inner(v + 1); /* LG-MARK inner-call */
#ifdef LG_OTHER_BUILD
	lg_sample_sink = v * 7;
	lg_sample_sink = v * 11;
	lg_sample_sink = v * 13;
#endif
}

__attribute__((noinline)) void lg_sample_leaf(volatile int *p)
{
	*p = 1; /* LG-MARK leaf-store */
}
