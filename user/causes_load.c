// SPDX-License-Identifier: GPL-2.0
/*
 * Rule files: YAML documents of the form
 *
 *   family: oom                      # optional, informative
 *   rules:
 *     - id: oom-panic-on-oom
 *       class: [oom, panic]
 *       panic_message: 'system-wide panic_on_oom'
 *       title: ...  explanation: ...  remedy: ...  confidence: 0.95
 *
 * (see user/causes/README.md for every key).  Every problem is reported as
 * "FILE:LINE: message" with the line libyaml gives for the offending node,
 * and the broken rule is left out; nothing is silently ignored.
 */
#include <errno.h>
#include <search.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "causes_int.h"

struct loader {
	const char *path;
	FILE *errs;
	int nerr;
	yaml_document_t doc;
};

struct rule_build {
	struct cause_rule *r;
	bool bad;
	/* named groups of the line patterns, for template checks */
	char **groups;
	size_t ngroups;
	/* "examples": log text the rule's patterns must handle in limits */
	char **examples;
	size_t nexamples;
	yaml_node_t *examples_at;
};

static void report(struct loader *L, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;

	if (L->errs) {
		fprintf(L->errs, "%s:%zu: ", L->path,
			n ? n->start_mark.line + 1 : (size_t)1);
		va_start(ap, fmt);
		vfprintf(L->errs, fmt, ap);
		va_end(ap);
		fputc('\n', L->errs);
	}
	L->nerr++;
}

static const char *scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ?
		(const char *)n->data.scalar.value : NULL;
}

static yaml_node_t *node(struct loader *L, yaml_node_item_t i)
{
	return yaml_document_get_node(&L->doc, i);
}

/* A scalar, or report a type error and return NULL. */
static const char *want_scalar(struct loader *L, struct rule_build *b,
			       const char *key, yaml_node_t *v)
{
	const char *s = scalar(v);

	if (!s) {
		report(L, v, "\"%s\" must be a string", key);
		b->bad = true;
	}
	return s;
}

/* A scalar or a sequence of scalars, as a NULL-free array. */
static int want_list(struct loader *L, struct rule_build *b, const char *key,
		     yaml_node_t *v, char ***out, size_t *n)
{
	if (*out) {
		report(L, v, "duplicate key \"%s\"", key);
		b->bad = true;
		return -1;
	}
	if (v->type == YAML_SCALAR_NODE) {
		*out = calloc(1, sizeof(char *));
		if (!*out || !((*out)[0] = strdup(scalar(v))))
			return -ENOMEM;
		*n = 1;
		return 0;
	}
	if (v->type != YAML_SEQUENCE_NODE) {
		report(L, v, "\"%s\" must be a string or a list of strings", key);
		b->bad = true;
		return -1;
	}
	size_t cnt = v->data.sequence.items.top - v->data.sequence.items.start;

	*out = calloc(cnt ? cnt : 1, sizeof(char *));
	if (!*out)
		return -ENOMEM;
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	     it < v->data.sequence.items.top; it++) {
		yaml_node_t *e = node(L, *it);
		const char *s = scalar(e);

		if (!s || !*s) {
			report(L, e, "\"%s\" must list non-empty strings", key);
			b->bad = true;
			continue;
		}
		if (!((*out)[(*n)++] = strdup(s)))
			return -ENOMEM;
	}
	if (!*n && !b->bad) {
		report(L, v, "\"%s\" is an empty list", key);
		b->bad = true;
	}
	return 0;
}

static int compile(struct loader *L, struct rule_build *b, const char *key,
		   yaml_node_t *v, const char *src, struct cause_regex *re)
{
	int ec;
	PCRE2_SIZE off;

	re->src = strdup(src);
	if (!re->src)
		return -ENOMEM;
	re->re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
			       PCRE2_MULTILINE, &ec, &off, NULL);
	if (!re->re) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(ec, msg, sizeof(msg));
		report(L, v, "bad regex in \"%s\" at offset %zu: %s", key,
		       (size_t)off, (const char *)msg);
		b->bad = true;
		return -1;
	}
	/* JIT is an optimisation: without it the interpreter still works. */
	pcre2_jit_compile(re->re, PCRE2_JIT_COMPLETE);
	return 0;
}

static int want_regex(struct loader *L, struct rule_build *b, const char *key,
		      yaml_node_t *v, struct cause_regex *re)
{
	const char *s;

	if (re->src) {
		report(L, v, "duplicate key \"%s\"", key);
		b->bad = true;
		return -1;
	}
	s = want_scalar(L, b, key, v);
	if (!s)
		return -1;
	return compile(L, b, key, v, s, re);
}

static int collect_groups(struct rule_build *b, const pcre2_code *re)
{
	uint32_t count, esize;
	PCRE2_SPTR table;

	pcre2_pattern_info(re, PCRE2_INFO_NAMECOUNT, &count);
	pcre2_pattern_info(re, PCRE2_INFO_NAMEENTRYSIZE, &esize);
	pcre2_pattern_info(re, PCRE2_INFO_NAMETABLE, &table);
	for (uint32_t i = 0; i < count; i++) {
		char **g = realloc(b->groups, (b->ngroups + 1) * sizeof(char *));

		if (!g)
			return -ENOMEM;
		b->groups = g;
		g[b->ngroups] = strdup((const char *)table + i * esize + 2);
		if (!g[b->ngroups])
			return -ENOMEM;
		b->ngroups++;
	}
	return 0;
}

static int want_lines(struct loader *L, struct rule_build *b, yaml_node_t *v)
{
	char **srcs = NULL;
	size_t n = 0;
	int rc;

	if (b->r->lines) {
		report(L, v, "duplicate key \"lines\"");
		b->bad = true;
		return -1;
	}
	rc = want_list(L, b, "lines", v, &srcs, &n);
	if (rc == 0 && n) {
		b->r->lines = calloc(n, sizeof(*b->r->lines));
		if (!b->r->lines)
			rc = -ENOMEM;
		for (size_t i = 0; rc == 0 && i < n; i++) {
			yaml_node_t *at = v;

			if (v->type == YAML_SEQUENCE_NODE)
				at = node(L, v->data.sequence.items.start[i]);
			rc = compile(L, b, "lines", at, srcs[i], &b->r->lines[i]);
			b->r->nlines = i + 1;
			if (rc == 0)
				rc = collect_groups(b, b->r->lines[i].re);
			else if (rc == -1)
				rc = 0;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(srcs[i]);
	free(srcs);
	return rc;
}

static int want_classes(struct loader *L, struct rule_build *b, yaml_node_t *v)
{
	char **names = NULL;
	size_t n = 0;
	int rc = want_list(L, b, "class", v, &names, &n);

	for (size_t i = 0; i < n; i++) {
		enum lg_class c = lg_class_from_name(names[i]);

		if (c == LG_CLASS_NONE) {
			report(L, v, "unknown class \"%s\"", names[i]);
			b->bad = true;
		}
		b->r->class_mask |= 1ULL << c;
		free(names[i]);
	}
	free(names);
	return rc;
}

static int want_number(struct loader *L, struct rule_build *b, const char *key,
		       yaml_node_t *v, double *out)
{
	const char *s = want_scalar(L, b, key, v);
	char *end;

	if (!s)
		return -1;
	errno = 0;
	*out = strtod(s, &end);
	if (!*s || *end || errno) {
		report(L, v, "\"%s\" must be a number, not \"%s\"", key, s);
		b->bad = true;
		return -1;
	}
	if (*out < 0 || *out > 1) {
		report(L, v, "\"%s\" must be between 0 and 1", key);
		b->bad = true;
		return -1;
	}
	return 0;
}

static int want_fixed(struct loader *L, struct rule_build *b, const char *key,
		      yaml_node_t *v, bool after)
{
	struct cause_rule *r = b->r;

	if (v->type != YAML_MAPPING_NODE) {
		report(L, v, "\"%s\" must map distribution families to releases", key);
		b->bad = true;
		return -1;
	}
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start;
	     p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(L, p->key), *val = node(L, p->value);
		const char *fam = scalar(k), *ver = scalar(val);

		if (!fam || (!lg_family_known(fam) && strcmp(fam, "any") != 0)) {
			report(L, k, "unknown distribution family \"%s\" in \"%s\"",
			       fam ? fam : "?", key);
			b->bad = true;
			continue;
		}
		if (!ver || !(*ver >= '0' && *ver <= '9')) {
			report(L, val, "bad release \"%s\" in \"%s\": must start with a digit",
			       ver ? ver : "?", key);
			b->bad = true;
			continue;
		}
		for (size_t i = 0; i < r->nfixed; i++)
			if (strcmp(r->fixed[i].family, fam) == 0) {
				report(L, k, "family \"%s\" given twice for fixed releases", fam);
				b->bad = true;
			}
		struct fixed_entry *f = realloc(r->fixed, (r->nfixed + 1) * sizeof(*f));

		if (!f)
			return -ENOMEM;
		r->fixed = f;
		f += r->nfixed;
		snprintf(f->family, sizeof(f->family), "%s", fam);
		f->after = after;
		f->version = strdup(ver);
		if (!f->version)
			return -ENOMEM;
		r->nfixed++;
	}
	return 0;
}

static int want_string(struct loader *L, struct rule_build *b, const char *key,
		       yaml_node_t *v, char **out)
{
	const char *s;

	if (*out) {
		report(L, v, "duplicate key \"%s\"", key);
		b->bad = true;
		return -1;
	}
	s = want_scalar(L, b, key, v);
	if (!s)
		return -1;
	if (!*s) {
		report(L, v, "\"%s\" is empty", key);
		b->bad = true;
		return -1;
	}
	*out = strdup(s);
	return *out ? 0 : -ENOMEM;
}

static int want_kind(struct loader *L, struct rule_build *b, yaml_node_t *v)
{
	const char *s = want_scalar(L, b, "kind", v);

	if (!s)
		return -1;
	if (strcmp(s, "specific") == 0)
		b->r->kind = CAUSE_SPECIFIC;
	else if (strcmp(s, "generic") == 0)
		b->r->kind = CAUSE_GENERIC;
	else if (strcmp(s, "class") == 0)
		b->r->kind = CAUSE_CLASS;
	else {
		report(L, v, "\"kind\" must be specific, generic or class, not \"%s\"", s);
		b->bad = true;
	}
	return 0;
}

static int want_release(struct loader *L, struct rule_build *b, yaml_node_t *v)
{
	char msg[256];
	const char *s;

	if (b->r->release) {
		report(L, v, "duplicate key \"release\"");
		b->bad = true;
		return -1;
	}
	s = want_scalar(L, b, "release", v);
	if (!s)
		return -1;
	if (lg_release_range_parse(s, &b->r->release, &b->r->nrelease, msg,
				   sizeof(msg)) < 0) {
		report(L, v, "%s", msg);
		b->bad = true;
	}
	return 0;
}

static int rule_key(struct loader *L, struct rule_build *b, const char *key,
		    yaml_node_t *v)
{
	struct cause_rule *r = b->r;

#define STR(name, field) if (!strcmp(key, name)) return want_string(L, b, key, v, &r->field)
#define RE(name, field) if (!strcmp(key, name)) return want_regex(L, b, key, v, &r->field)
#define LIST(name, field, n) if (!strcmp(key, name)) return want_list(L, b, key, v, &r->field, &r->n)
	STR("id", id);
	STR("title", title);
	STR("explanation", explanation);
	STR("remedy", remedy);
	STR("remedy_if_fixed", remedy_if_fixed);
	STR("culprit_module", set_culprit);
	STR("guilty_frame", set_guilty);
	STR("rip", rip);
	STR("trace_module", trace_module);
	STR("module", module);
	STR("tainting_module", tainting_module);
	STR("taint", taint);
	STR("culprit_taint", culprit_taint);
	RE("event_title", event_title);
	RE("panic_message", panic_message);
	RE("rip_regex", rip_regex);
	RE("hardware", hardware);
	LIST("trace_any", trace_any, ntrace_any);
	LIST("trace_all", trace_all, ntrace_all);
	LIST("references", references, nreferences);
#undef STR
#undef RE
#undef LIST
	if (!strcmp(key, "lines"))
		return want_lines(L, b, v);
	if (!strcmp(key, "examples")) {
		b->examples_at = v;
		return want_list(L, b, key, v, &b->examples, &b->nexamples);
	}
	if (!strcmp(key, "class"))
		return want_classes(L, b, v);
	if (!strcmp(key, "kind"))
		return want_kind(L, b, v);
	if (!strcmp(key, "confidence"))
		return want_number(L, b, key, v, &r->confidence);
	if (!strcmp(key, "confidence_if_fixed"))
		return want_number(L, b, key, v, &r->confidence_if_fixed);
	if (!strcmp(key, "release"))
		return want_release(L, b, v);
	if (!strcmp(key, "fixed_in"))
		return want_fixed(L, b, key, v, false);
	if (!strcmp(key, "fixed_after"))
		return want_fixed(L, b, key, v, true);
	report(L, v, "unknown key \"%s\"", key);
	b->bad = true;
	return 0;
}

/* Every "{name}" in @text must be a built-in or a named regex group. */
static void check_template(struct loader *L, struct rule_build *b,
			   const yaml_node_t *at, const char *key, const char *text)
{
	for (const char *p = text ? strchr(text, '{') : NULL; p;
	     p = strchr(p + 1, '{')) {
		size_t n = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz0123456789_");
		bool ok = false;

		if (!n || p[1 + n] != '}')
			continue;
		ok = lg_template_builtin(p + 1, n);
		for (size_t i = 0; !ok && i < b->ngroups; i++)
			ok = strlen(b->groups[i]) == n &&
			     !strncmp(b->groups[i], p + 1, n);
		if (!ok) {
			report(L, at, "unknown template variable {%.*s} in \"%s\"",
			       (int)n, p + 1, key);
			b->bad = true;
		}
	}
}

static bool has_condition(const struct cause_rule *r)
{
	return r->class_mask || r->event_title.re || r->panic_message.re ||
	       r->rip_regex.re || r->hardware.re || r->nlines || r->rip ||
	       r->ntrace_any || r->ntrace_all || r->trace_module || r->module ||
	       r->tainting_module || r->taint || r->culprit_taint ||
	       r->nrelease;
}

static bool valid_id(const char *id)
{
	if (!((*id >= 'a' && *id <= 'z') || (*id >= '0' && *id <= '9')))
		return false;
	return strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789._-") == strlen(id);
}

static void check_rule(struct loader *L, struct rule_build *b, yaml_node_t *m)
{
	struct cause_rule *r = b->r;
	static const char *const required[] = {
		"id", "title", "explanation", "remedy", "confidence",
	};
	bool present[5] = {
		r->id, r->title, r->explanation, r->remedy, r->confidence >= 0,
	};

	for (size_t i = 0; i < 5; i++)
		if (!present[i] && !b->bad) {
			report(L, m, "rule%s%s lacks required key \"%s\"",
			       r->id ? " " : "", r->id ? r->id : "", required[i]);
			b->bad = true;
		}
	/* Further checks would only repeat an error already reported. */
	if (b->bad)
		goto out;
	if (r->id && !valid_id(r->id)) {
		report(L, m, "rule id \"%s\" must be lower-case letters, digits, '.', '_' or '-'", r->id);
		b->bad = true;
	}
	if (!has_condition(r)) {
		report(L, m, "rule %s has no condition and would match every event",
		       r->id ? r->id : "?");
		b->bad = true;
	}
	if (r->nfixed && !r->remedy_if_fixed) {
		report(L, m, "rule %s has fixed releases but no \"remedy_if_fixed\"",
		       r->id ? r->id : "?");
		b->bad = true;
	}
	if (!r->nfixed && (r->remedy_if_fixed || r->confidence_if_fixed >= 0)) {
		report(L, m, "rule %s says what to do once fixed but names no \"fixed_in\" or \"fixed_after\" release",
		       r->id ? r->id : "?");
		b->bad = true;
	}
out:
	if (r->confidence_if_fixed < 0)
		r->confidence_if_fixed = r->confidence < 0.3 ? r->confidence : 0.3;
}

static void template_checks(struct loader *L, struct rule_build *b,
			    yaml_node_t *m)
{
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
	     p < m->data.mapping.pairs.top; p++) {
		const char *k = scalar(node(L, p->key));
		static const char *const texts[] = {
			"title", "explanation", "remedy", "remedy_if_fixed",
			"culprit_module", "guilty_frame",
		};

		for (size_t i = 0; k && i < sizeof(texts) / sizeof(texts[0]); i++)
			if (!strcmp(k, texts[i]))
				check_template(L, b, node(L, p->value), k,
					       scalar(node(L, p->value)));
	}
}

/*
 * `causes check` runs every pattern of a rule over the rule's own examples
 * under the match limits: a pattern that hits one there would hit it on
 * real logs, where it is only reported, so here it is an error.
 */
static int example_limits(struct loader *L, struct rule_build *b,
			  const char *key, const struct cause_regex *re)
{
	pcre2_match_data *md;

	if (!re->re)
		return 0;
	md = pcre2_match_data_create_from_pattern(re->re, NULL);
	if (!md)
		return -ENOMEM;
	for (size_t i = 0; i < b->nexamples; i++) {
		int rc = lg_regex_match(re->re, b->examples[i],
					strlen(b->examples[i]), md);

		if (lg_regex_limit_hit(rc)) {
			report(L, b->examples_at,
			       "rule %s: \"%s\" pattern /%s/ hits the PCRE2 %s limit on example %zu",
			       b->r->id, key, re->src, lg_regex_limit_name(rc), i + 1);
			b->bad = true;
		}
	}
	pcre2_match_data_free(md);
	return 0;
}

static int check_examples(struct loader *L, struct rule_build *b)
{
	struct cause_rule *r = b->r;
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < r->nlines; i++)
		rc = example_limits(L, b, "lines", &r->lines[i]);
	if (rc == 0)
		rc = example_limits(L, b, "event_title", &r->event_title);
	if (rc == 0)
		rc = example_limits(L, b, "panic_message", &r->panic_message);
	if (rc == 0)
		rc = example_limits(L, b, "rip_regex", &r->rip_regex);
	if (rc == 0)
		rc = example_limits(L, b, "hardware", &r->hardware);
	return rc;
}

static struct cause_rule *load_rule(struct loader *L, yaml_node_t *m, int *rc)
{
	struct rule_build b = { 0 };

	*rc = 0;
	if (m->type != YAML_MAPPING_NODE) {
		report(L, m, "a rule must be a mapping of keys to values");
		return NULL;
	}
	b.r = calloc(1, sizeof(*b.r));
	if (!b.r) {
		*rc = -ENOMEM;
		return NULL;
	}
	b.r->confidence = -1;
	b.r->confidence_if_fixed = -1;
	b.r->line = m->start_mark.line + 1;
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
	     *rc == 0 && p < m->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(L, p->key);
		const char *key = scalar(k);

		if (!key) {
			report(L, k, "rule keys must be strings");
			b.bad = true;
			continue;
		}
		*rc = rule_key(L, &b, key, node(L, p->value));
		if (*rc > 0 || *rc == -1)
			*rc = 0;
	}
	if (*rc == 0) {
		check_rule(L, &b, m);
		template_checks(L, &b, m);
	}
	if (*rc == 0 && !b.bad && b.nexamples)
		*rc = check_examples(L, &b);
	for (size_t i = 0; i < b.ngroups; i++)
		free(b.groups[i]);
	free(b.groups);
	for (size_t i = 0; i < b.nexamples; i++)
		free(b.examples[i]);
	free(b.examples);
	if (b.bad || *rc) {
		lg_cause_rule_free(b.r);
		return NULL;
	}
	return b.r;
}

static int load_rules(struct loader *L, yaml_node_t *seq,
		      struct cause_rule ***rules, size_t *nrules, size_t *order)
{
	size_t n = (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
	struct hsearch_data ids = { 0 };
	int rc = 0;

	/* Ids seen in this file, by hash: a big file must not cost n^2. */
	if (!hcreate_r(2 * n + 1, &ids))
		return -ENOMEM;
	for (yaml_node_item_t *it = seq->data.sequence.items.start;
	     rc == 0 && it < seq->data.sequence.items.top; it++) {
		yaml_node_t *m = node(L, *it);
		struct cause_rule *r = load_rule(L, m, &rc);
		ENTRY want, *found;

		if (rc || !r)
			continue;
		want.key = r->id;
		want.data = r;
		if (!hsearch_r(want, ENTER, &found, &ids)) {
			lg_cause_rule_free(r);
			rc = -ENOMEM;
			continue;
		}
		if (found->data != r) {
			report(L, m, "duplicate rule id \"%s\" (first defined on line %d)",
			       r->id, ((struct cause_rule *)found->data)->line);
			lg_cause_rule_free(r);
			continue;
		}
		/* Capacity doubles (8, 16, 32, ...): appending stays linear. */
		struct cause_rule **nr = *rules;
		size_t n = *nrules;

		if (!n || (n >= 8 && !(n & (n - 1))))
			nr = realloc(*rules, (n ? 2 * n : 8) * sizeof(*nr));
		if (nr)
			*rules = nr;
		r->file = strdup(L->path);
		if (!nr || !r->file) {
			/* the table holds r->id: no more lookups after this */
			lg_cause_rule_free(r);
			rc = -ENOMEM;
			continue;
		}
		r->order = (*order)++;
		nr[(*nrules)++] = r;
	}
	hdestroy_r(&ids);
	return rc;
}

static int load_root(struct loader *L, struct cause_rule ***rules,
		     size_t *nrules, size_t *order)
{
	yaml_node_t *root = yaml_document_get_root_node(&L->doc);
	yaml_node_t *seq = NULL;

	if (!root) {
		report(L, NULL, "empty rule file (expected \"rules:\")");
		return 0;
	}
	if (root->type != YAML_MAPPING_NODE) {
		report(L, root, "a rule file is a mapping with a \"rules\" list");
		return 0;
	}
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	     p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(L, p->key), *v = node(L, p->value);
		const char *key = scalar(k);

		if (key && !strcmp(key, "rules")) {
			if (v->type != YAML_SEQUENCE_NODE)
				report(L, v, "\"rules\" must be a list of rules");
			else if (seq)
				report(L, k, "duplicate key \"rules\"");
			else
				seq = v;
		} else if (key && !strcmp(key, "family")) {
			if (!scalar(v))
				report(L, v, "\"family\" must be a string");
		} else {
			report(L, k, "unknown key \"%s\" (expected \"family\" or \"rules\")",
			       key ? key : "?");
		}
	}
	if (!seq) {
		report(L, root, "no \"rules\" list");
		return 0;
	}
	return load_rules(L, seq, rules, nrules, order);
}

int lg_causes_load_mem(const char *path, const unsigned char *buf, size_t len,
		       struct cause_rule ***rules, size_t *nrules, size_t *order,
		       FILE *errs)
{
	struct loader L = { .path = path, .errs = errs };
	yaml_parser_t parser;
	int rc = 0;

	if (len > LG_RULE_FILE_MAX) {
		if (errs)
			fprintf(errs, "%s:1: rule file larger than %d bytes\n", path,
				LG_RULE_FILE_MAX);
		return 1;
	}
	rc = lg_yaml_prescan(path, buf, len, errs);
	if (rc)
		return rc;
	if (!yaml_parser_initialize(&parser))
		return -ENOMEM;
	yaml_parser_set_input_string(&parser, buf, len);
	if (!yaml_parser_load(&parser, &L.doc)) {
		if (errs)
			fprintf(errs, "%s:%zu: YAML error: %s%s%s\n", path,
				parser.problem_mark.line + 1,
				parser.problem ? parser.problem : "unknown",
				parser.context ? " " : "",
				parser.context ? parser.context : "");
		L.nerr++;
	} else {
		rc = load_root(&L, rules, nrules, order);
		yaml_document_delete(&L.doc);
	}
	yaml_parser_delete(&parser);
	if (rc)
		return rc;
	return L.nerr;
}

int lg_causes_load_file(const char *path, struct cause_rule ***rules,
			size_t *nrules, size_t *order, FILE *errs)
{
	FILE *f = fopen(path, "r");
	unsigned char *buf;
	size_t len;
	int rc;

	if (!f) {
		if (errs)
			fprintf(errs, "%s:0: cannot open: %s\n", path, strerror(errno));
		return 1;
	}
	/* One byte more than allowed tells a file over the limit. */
	buf = malloc(LG_RULE_FILE_MAX + 1);
	if (!buf) {
		fclose(f);
		return -ENOMEM;
	}
	len = fread(buf, 1, LG_RULE_FILE_MAX + 1, f);
	if (ferror(f)) {
		if (errs)
			fprintf(errs, "%s:0: cannot read: %s\n", path, strerror(errno));
		rc = 1;
	} else {
		rc = lg_causes_load_mem(path, buf, len, rules, nrules, order, errs);
	}
	free(buf);
	fclose(f);
	return rc;
}

static void regex_free(struct cause_regex *re)
{
	free(re->src);
	pcre2_code_free(re->re);
}

static void strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void lg_cause_rule_free(struct cause_rule *r)
{
	if (!r)
		return;
	free(r->id);
	free(r->file);
	regex_free(&r->event_title);
	regex_free(&r->panic_message);
	regex_free(&r->rip_regex);
	regex_free(&r->hardware);
	for (size_t i = 0; i < r->nlines; i++)
		regex_free(&r->lines[i]);
	free(r->lines);
	free(r->rip);
	strv_free(r->trace_any, r->ntrace_any);
	strv_free(r->trace_all, r->ntrace_all);
	free(r->trace_module);
	free(r->module);
	free(r->tainting_module);
	free(r->taint);
	free(r->culprit_taint);
	for (size_t i = 0; i < r->nrelease; i++)
		free(r->release[i].version);
	free(r->release);
	for (size_t i = 0; i < r->nfixed; i++)
		free(r->fixed[i].version);
	free(r->fixed);
	free(r->title);
	free(r->explanation);
	free(r->remedy);
	free(r->remedy_if_fixed);
	strv_free(r->references, r->nreferences);
	free(r->set_culprit);
	free(r->set_guilty);
	free(r);
}
