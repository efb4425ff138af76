/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internals of the cause database, shared by its files:
 *   causes_release.c  release ordering and distribution families
 *   causes_load.c     YAML rule files -> struct cause_rule (file:line errors)
 *   causes_match.c    one rule against one event, template expansion
 *   causes_literals.c required literals of line patterns, one scan per event
 *   causes.c          directories, overrides, class index, apply, list
 */
#ifndef LG_CAUSES_INT_H
#define LG_CAUSES_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "causes.h"
#include "event.h"

/* Specific rules rank above generic ones, which rank above class notes. */
enum cause_kind {
	CAUSE_SPECIFIC,
	CAUSE_GENERIC,
	CAUSE_CLASS,
};

struct cause_regex {
	char *src;
	pcre2_code *re;		/* NULL when the condition is absent */
};

enum release_op { REL_LT, REL_LE, REL_EQ, REL_GE, REL_GT };

struct release_bound {
	enum release_op op;
	char *version;
	char family[16];
};

/* "fixed_in" (release >= version) or "fixed_after" (release > version). */
struct fixed_entry {
	char family[16];	/* a family name or "any" */
	char *version;
	bool after;
};

struct cause_rule {
	char *id;
	char *file;
	int line;
	size_t order;		/* load order, for stable sorting */
	enum cause_kind kind;

	/* Conditions: every one that is set must hold. */
	uint64_t class_mask;	/* bit per enum lg_class; 0 = any class */
	struct cause_regex event_title, panic_message, rip_regex, hardware;
	struct cause_regex *lines;	/* each must match some event line */
	size_t nlines;
	char *rip;		/* exact function, compiler suffixes ignored */
	char **trace_any, **trace_all;
	size_t ntrace_any, ntrace_all;
	char *trace_module;	/* some frame (or the RIP) is in this module */
	char *module;		/* listed in "Modules linked in" */
	char *tainting_module;	/* listed with taint letters */
	char *taint;		/* any of these letters taints the kernel */
	char *culprit_taint;	/* RIP/guilty/caller frame in such a module */
	struct release_bound *release;
	size_t nrelease;

	/* What the rule says. */
	struct fixed_entry *fixed;
	size_t nfixed;
	char *title, *explanation, *remedy, *remedy_if_fixed;
	double confidence, confidence_if_fixed;
	char **references;
	size_t nreferences;
	char *set_culprit, *set_guilty;	/* templates; applied where unset */
};

/* causes.c: rules left after overrides. */
size_t lg_causedb_count(const struct lg_causedb *db);
/* The database of one rule file held in memory (fuzzing, tests). */
struct lg_causedb *lg_causedb_load_mem(const char *name, const unsigned char *buf,
				       size_t len, FILE *errs, int *nerrors);

/* causes_release.c */
/* The distribution family of a release ("el7", "ubuntu", "upstream", ...). */
void lg_release_family(const char *release, char *buf, size_t len);
bool lg_family_known(const char *family);
/* "X" against "OP VERSION": true when the relation holds. */
bool lg_release_op_holds(const char *release, const struct release_bound *b);
/* Parse ">= A, < B" into bounds; on error a message and -1. */
int lg_release_range_parse(const char *text, struct release_bound **out,
			   size_t *n, char *err, size_t errlen);
/* The family-compatible fixed entry for @release, or NULL. */
const struct fixed_entry *lg_fixed_for(const struct cause_rule *r,
				       const char *release);
bool lg_fixed_applies(const struct fixed_entry *f, const char *release);

/*
 * Limits of one rule file (lastgasp(8), user/causes/README.md): its size,
 * how deep its YAML nests, how many nodes its aliases may repeat in all.
 */
#define LG_RULE_FILE_MAX	(1024 * 1024)
#define LG_RULE_DEPTH_MAX	32
#define LG_RULE_ALIAS_NODES_MAX	1024

/* causes_load.c: append the rules of one file; returns messages written. */
int lg_causes_load_file(const char *path, struct cause_rule ***rules,
			size_t *nrules, size_t *order, FILE *errs);
/* The same for rule file text in memory, named @path in messages. */
int lg_causes_load_mem(const char *path, const unsigned char *buf, size_t len,
		       struct cause_rule ***rules, size_t *nrules, size_t *order,
		       FILE *errs);
/*
 * causes_yaml_limits.c: check @buf against the depth and alias limits
 * before it is loaded; 1 after reporting a limit as FILE:LINE, else 0.
 */
int lg_yaml_prescan(const char *path, const unsigned char *buf, size_t len,
		    FILE *errs);
void lg_cause_rule_free(struct cause_rule *r);
/* Template variables a rule may use besides its named regex groups. */
bool lg_template_builtin(const char *name, size_t len);

/* causes_match.c */
struct match_text;	/* an event's lines joined once, for the regexes */
struct match_text *lg_match_text_new(const struct lg_event *ev);
void lg_match_text_free(struct match_text *t);
/* The event's lines joined by newlines, built once; NULL on no memory. */
const char *lg_match_text_joined(struct match_text *t,
				 const struct lg_event *ev, size_t *len);
/*
 * Match @r against @ev; on success fill @out (owned by the caller) and
 * return true.  @text may be NULL when the rule has no line patterns.
 */
bool lg_rule_match(const struct cause_rule *r, const struct lg_event *ev,
		   struct match_text **text, struct lg_cause *out,
		   char **culprit, char **guilty, bool *fixed);
/*
 * causes_template.c: expand "{name}" in @tpl from the event, the rule's
 * named captures, the culprit module found and the fixed release; unknown
 * values read "unknown".  Returns a malloc'd string.
 */
char *lg_template_expand(const char *tpl, const struct lg_event *ev,
			 const char *const *cap_names,
			 const char *const *cap_vals, size_t ncap,
			 const char *culprit, const char *fixed);
/*
 * causes_literals.c: the literals each rule's line patterns require.
 * lg_regex_literals() gives the strings one of which every match of @re
 * contains (malloc'd, count returned), or 0 when it cannot tell.
 */
int lg_regex_literals(const char *re, char ***out, size_t *n);
struct lg_litindex;
struct lg_litindex *lg_litindex_build(struct cause_rule *const *rules, size_t n);
void lg_litindex_free(struct lg_litindex *x);
/* Per-event state: which literals occur, found on first need. */
struct lg_litscan {
	unsigned char *seen;
	bool done;
};
/*
 * False when rule number @rule (as given to build) cannot match @ev: one
 * of its line patterns requires literals none of which are in the text.
 */
bool lg_litindex_pass(const struct lg_litindex *x, size_t rule,
		      struct lg_litscan *sc, struct match_text *text,
		      const struct lg_event *ev);

/*
 * causes_limits.c: every rule regex matches under these limits (documented
 * in lastgasp(8) and user/causes/README.md).  The match limit bounds
 * backtracking steps per start position, the depth limit nested
 * backtracking, the heap limit the memory of one match.
 */
#define LG_RE_MATCH_LIMIT	1000000u
#define LG_RE_DEPTH_LIMIT	100000u
#define LG_RE_HEAP_LIMIT_KIB	16384u
int lg_regex_match(const pcre2_code *re, const char *s, size_t len,
		   pcre2_match_data *md);
/* @rc of lg_regex_match() is a limit (or out-of-memory) error. */
bool lg_regex_limit_hit(int rc);
const char *lg_regex_limit_name(int rc);
/* Where limit hits are reported; NULL (the default) means stderr. */
void lg_causes_set_diag(FILE *f);
/*
 * "rule R: "what" pattern hit the PCRE2 match limit on event T (SRC line
 * N and M more lines)"; @lineno 0 when not a line of the log.
 */
void lg_regex_limit_report(const char *rule, const char *what, int rc,
			   const struct lg_event *ev, size_t lineno, size_t more);


/* causes_names.c: names for {device} and {sysctl}. */
bool lg_event_device(const struct lg_event *ev, char *buf, size_t size);
const char *lg_event_sysctl(const struct lg_event *ev);

#endif /* LG_CAUSES_INT_H */
