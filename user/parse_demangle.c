// SPDX-License-Identifier: GPL-2.0
/*
 * Symbol names as a person reads them.  Rust kernel code prints v0
 * ("_RNvNtCs1a2b_6kernel5print11call_printk") or legacy
 * ("_ZN6kernel5print11call_printk17h0123456789abcdefE") mangled names,
 * out-of-tree C++ modules print Itanium ones ("_ZN3foo3barEv").  GNU
 * libiberty's cplus_demangle (the demangler binutils and gdb use) reads all
 * three; without DMGL_PARAMS and DMGL_VERBOSE it gives "kernel::print::
 * call_printk" without the argument list or the Rust hash, the form syzbot
 * titles use.  Plain C names come back unchanged.
 */
#include <stdlib.h>
#include <string.h>
#include <libiberty/demangle.h>
#include "parse.h"

/* Only names that start as a mangled name does go to the demangler. */
static bool looks_mangled(const char *s, size_t n)
{
	return n > 3 && s[0] == '_' && (s[1] == 'Z' || s[1] == 'R');
}

char *lg_symbol_name(const char *s, size_t n)
{
	const char *dot;
	size_t base;
	char *name, *plain, *out;

	name = strndup(s, n);
	if (!name)
		abort();
	if (!looks_mangled(s, n))
		return name;
	/* A compiler clone suffix (".cold", ".isra.0") stays as printed. */
	dot = memchr(s, '.', n);
	base = dot ? (size_t)(dot - s) : n;
	name[base] = 0;
	plain = cplus_demangle(name, DMGL_ANSI | DMGL_AUTO);
	name[base] = dot ? '.' : 0;
	if (!plain)
		return name;
	out = malloc(strlen(plain) + (n - base) + 1);
	if (!out)
		abort();
	strcpy(out, plain);
	memcpy(out + strlen(plain), s + base, n - base);
	out[strlen(plain) + n - base] = 0;
	free(plain);
	free(name);
	return out;
}
