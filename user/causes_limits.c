// SPDX-License-Identifier: GPL-2.0
/*
 * Every rule regex runs under one PCRE2 match context with explicit limits,
 * so that a catastrophic pattern ("(a+)+$") against a hostile line costs a
 * bounded amount of work instead of PCRE2's defaults (ten million steps,
 * 20 GB of heap).  A limit hit is never silent: it is reported on the
 * diagnostics stream (stderr unless a caller redirects it), and the caller
 * treats only the line that hit it as not matching.
 */
#include <stdarg.h>
#include <stdio.h>
#include "causes_int.h"

static pcre2_match_context *ctx;
static bool ctx_failed;
static FILE *diag;

static pcre2_match_context *limits(void)
{
	if (!ctx && !ctx_failed) {
		ctx = pcre2_match_context_create(NULL);
		if (!ctx) {
			ctx_failed = true;
			return NULL;
		}
		pcre2_set_match_limit(ctx, LG_RE_MATCH_LIMIT);
		pcre2_set_depth_limit(ctx, LG_RE_DEPTH_LIMIT);
		pcre2_set_heap_limit(ctx, LG_RE_HEAP_LIMIT_KIB);
	}
	return ctx;
}

int lg_regex_match(const pcre2_code *re, const char *s, size_t len,
		   pcre2_match_data *md)
{
	pcre2_match_context *c = limits();

	/* Without a context the defaults apply: slower, never wrong. */
	return pcre2_match(re, (PCRE2_SPTR)s, len, 0, 0, md, c);
}

bool lg_regex_limit_hit(int rc)
{
	return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	       rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT ||
	       rc == PCRE2_ERROR_NOMEMORY;
}

const char *lg_regex_limit_name(int rc)
{
	switch (rc) {
	case PCRE2_ERROR_MATCHLIMIT: return "match";
	case PCRE2_ERROR_DEPTHLIMIT: return "depth";
	case PCRE2_ERROR_HEAPLIMIT: return "heap";
	case PCRE2_ERROR_JIT_STACKLIMIT: return "JIT stack";
	default: return "memory";
	}
}

void lg_causes_set_diag(FILE *f)
{
	diag = f;
}

void lg_regex_limit_report(const char *rule, const char *what, int rc,
			   const struct lg_event *ev, size_t lineno, size_t more)
{
	FILE *f = diag ? diag : stderr;

	fprintf(f, "lastgasp: rule %s: \"%s\" pattern hit the PCRE2 %s limit on event \"%s\" (%s",
		rule, what, lg_regex_limit_name(rc),
		ev->title ? ev->title : lg_class_name(ev->cls),
		ev->source ? ev->source : "?");
	if (lineno)
		fprintf(f, " line %zu", lineno);
	if (more)
		fprintf(f, " and %zu more line%s", more, more == 1 ? "" : "s");
	fputs("); taken as no match there\n", f);
}
