/* SPDX-License-Identifier: GPL-2.0 */
#ifndef LG_NLTOOL_H
#define LG_NLTOOL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "nl.h"
#include "print.h"

/* malformed.c: the TAP suite; 0 when every test passed. */
int lg_malformed(void);

/* dumpclear.c: a dump interrupted by CLEAR; 0 or a negative errno. */
int lg_dump_clear(struct lg_nl *nl, const char *cmd);

/* fuzz.c: COUNT random and mutated requests (TAP); 0 when all went well. */
int lg_fuzz(long count, uint64_t seed, bool clear_newest);

#endif
