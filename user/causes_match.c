// SPDX-License-Identifier: GPL-2.0
/*
 * One rule against one event.  Cheap conditions (class, release, names,
 * taint letters) run first; regexes only when those pass.  Line patterns
 * run once over the event's lines joined by newlines (multiline mode), so
 * a rule costs one JIT scan per pattern, not one call per line.
 */
#include <stdlib.h>
#include <string.h>
#include "causes_int.h"

struct match_text {
	char *buf;		/* the lines joined, built on first use */
	size_t len;
	size_t *starts;		/* offset of each line in buf */
	size_t n;
	pcre2_match_data *md;
	/* RIP and frame function names cut to their base, built once */
	const char **fn;
	size_t *fnlen;
	size_t nfn;
	bool fn_done;
};

static bool text_join(struct match_text *t, const struct lg_event *ev);

struct match_text *lg_match_text_new(const struct lg_event *ev)
{
	struct match_text *t = calloc(1, sizeof(*t));

	(void)ev;
	if (t)
		t->md = pcre2_match_data_create(32, NULL);
	if (t && !t->md) {
		free(t);
		t = NULL;
	}
	return t;
}

const char *lg_match_text_joined(struct match_text *t,
				 const struct lg_event *ev, size_t *len)
{
	if (!t || !text_join(t, ev))
		return NULL;
	*len = t->len;
	return t->buf;
}

static bool text_join(struct match_text *t, const struct lg_event *ev)
{
	size_t len = 0, off = 0;

	if (t->buf)
		return true;
	for (size_t i = 0; i < ev->nlines; i++)
		len += (ev->lines[i].line ? strlen(ev->lines[i].line) : 0) + 1;
	t->buf = malloc(len + 1);
	t->starts = malloc((ev->nlines + 1) * sizeof(size_t));
	if (!t->buf || !t->starts) {
		free(t->buf);
		free(t->starts);
		t->buf = NULL;
		t->starts = NULL;
		return false;
	}
	for (size_t i = 0; i < ev->nlines; i++) {
		const char *l = ev->lines[i].line ? ev->lines[i].line : "";
		size_t ll = strlen(l);

		t->starts[i] = off;
		memcpy(t->buf + off, l, ll);
		off += ll;
		t->buf[off++] = '\n';
	}
	t->buf[off] = '\0';
	t->len = off;
	t->n = ev->nlines;
	return true;
}

void lg_match_text_free(struct match_text *t)
{
	if (!t)
		return;
	free(t->buf);
	free(t->starts);
	pcre2_match_data_free(t->md);
	free(t->fn);
	free(t->fnlen);
	free(t);
}

static size_t line_at(const struct match_text *t, size_t off)
{
	size_t lo = 0, hi = t->n;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (t->starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Per-match state: evidence, named captures, the culprit found. */
struct mstate {
	const struct lg_event *ev;
	struct lg_evidence *evid;
	size_t nevid;
	char **cap_names, **cap_vals;
	size_t ncap;
	const char *culprit;
	const struct fixed_entry *fixed;
	bool oom;
};

static void add_evidence(struct mstate *m, size_t idx)
{
	const struct lg_event *ev = m->ev;
	struct lg_evidence *e;

	if (idx >= ev->nlines || !ev->lines[idx].line)
		return;
	for (size_t i = 0; i < m->nevid; i++)
		if (m->evid[i].lineno == ev->lines[idx].lineno &&
		    !strcmp(m->evid[i].line, ev->lines[idx].line))
			return;
	e = realloc(m->evid, (m->nevid + 1) * sizeof(*e));
	if (!e) {
		m->oom = true;
		return;
	}
	m->evid = e;
	e[m->nevid].line = strdup(ev->lines[idx].line);
	e[m->nevid].lineno = ev->lines[idx].lineno;
	if (!e[m->nevid].line)
		m->oom = true;
	else
		m->nevid++;
}

/* Evidence for a non-line condition: the first line holding @a (and @b). */
static void add_line_with(struct mstate *m, const char *a, const char *b)
{
	if (!a)
		return;
	for (size_t i = 0; i < m->ev->nlines; i++) {
		const char *l = m->ev->lines[i].line;

		if (l && strstr(l, a) && (!b || strstr(l, b))) {
			add_evidence(m, i);
			return;
		}
	}
}

/* A limit hit is reported and counts as no match. */
static bool regex_ok(const struct cause_rule *r, const char *what,
		     const struct cause_regex *re, const char *s,
		     pcre2_match_data *md, const struct lg_event *ev)
{
	int rc;

	if (!re->re)
		return true;
	if (!s)
		return false;
	rc = lg_regex_match(re->re, s, strlen(s), md);
	if (lg_regex_limit_hit(rc))
		lg_regex_limit_report(r->id, what, rc, ev, 0, 0);
	return rc >= 0;
}

static void save_captures(struct mstate *m, const pcre2_code *re,
			  pcre2_match_data *md, const char *subject)
{
	uint32_t count, esize;
	PCRE2_SPTR table;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	uint32_t npairs = pcre2_get_ovector_count(md);

	pcre2_pattern_info(re, PCRE2_INFO_NAMECOUNT, &count);
	pcre2_pattern_info(re, PCRE2_INFO_NAMEENTRYSIZE, &esize);
	pcre2_pattern_info(re, PCRE2_INFO_NAMETABLE, &table);
	for (uint32_t i = 0; i < count; i++) {
		const unsigned char *e = table + i * esize;
		unsigned int g = (e[0] << 8) | e[1];
		char **nn, **nv;

		/* A group the match data has no room for took no part. */
		if (g >= npairs || ov[2 * g] == PCRE2_UNSET)
			continue;
		nn = realloc(m->cap_names, (m->ncap + 1) * sizeof(char *));
		if (nn)
			m->cap_names = nn;
		nv = realloc(m->cap_vals, (m->ncap + 1) * sizeof(char *));
		if (nv)
			m->cap_vals = nv;
		if (!nn || !nv) {
			m->oom = true;
			return;
		}
		nn[m->ncap] = strdup((const char *)e + 2);
		nv[m->ncap] = strndup(subject + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
		m->ncap++;
	}
}

/*
 * One pattern that hit a limit on the joined text: try each line on its
 * own, so that a pathological line hides no match on another one.  Returns
 * the line that matched (captures in @md relative to its start) or -1.
 */
static long match_by_line(const struct cause_rule *r, const pcre2_code *re,
			  struct match_text *t, pcre2_match_data *md,
			  const struct lg_event *ev)
{
	size_t hits = 0, first = 0;
	int first_rc = 0;
	long found = -1;

	for (size_t i = 0; i < t->n && found < 0; i++) {
		size_t end = i + 1 < t->n ? t->starts[i + 1] - 1 : t->len - 1;
		int rc = lg_regex_match(re, t->buf + t->starts[i],
					end - t->starts[i], md);

		if (rc >= 0)
			found = (long)i;
		else if (lg_regex_limit_hit(rc) && !hits++) {
			first = i;
			first_rc = rc;
		}
	}
	/* One message per rule and event, however many lines hit it. */
	if (hits)
		lg_regex_limit_report(r->id, "lines", first_rc, ev,
				      ev->lines[first].lineno, hits - 1);
	return found;
}

static bool lines_ok(const struct cause_rule *r, struct match_text *t,
		     struct mstate *m)
{
	for (size_t i = 0; i < r->nlines; i++) {
		const pcre2_code *re = r->lines[i].re;
		uint32_t ncap = 0;
		pcre2_match_data *md = t->md, *own = NULL;
		const char *subject = t->buf;
		PCRE2_SIZE *ov;
		size_t line;
		int rc;

		/* More groups than the shared match data holds: its own. */
		pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &ncap);
		if (ncap + 1 > pcre2_get_ovector_count(md)) {
			own = pcre2_match_data_create_from_pattern(re, NULL);
			if (!own) {
				m->oom = true;
				return false;
			}
			md = own;
		}
		rc = lg_regex_match(re, t->buf, t->len, md);
		if (rc >= 0) {
			ov = pcre2_get_ovector_pointer(md);
			line = line_at(t, ov[0]);
		} else if (lg_regex_limit_hit(rc) && t->n) {
			long l = match_by_line(r, re, t, md, m->ev);

			line = (size_t)l;
			subject = t->buf + (l >= 0 ? t->starts[l] : 0);
			rc = l >= 0 ? 0 : -1;
		}
		if (rc < 0) {
			pcre2_match_data_free(own);
			return false;
		}
		add_evidence(m, line);
		save_captures(m, re, md, subject);
		pcre2_match_data_free(own);
	}
	return true;
}

static void index_functions(struct match_text *t, const struct lg_event *ev)
{
	size_t n = 0;

	if (t->fn_done)
		return;
	t->fn_done = true;
	t->fn = malloc((ev->ntrace + 1) * sizeof(*t->fn));
	t->fnlen = malloc((ev->ntrace + 1) * sizeof(*t->fnlen));
	if (!t->fn || !t->fnlen)
		return;
	if (ev->has_rip && ev->rip.function) {
		t->fn[n] = ev->rip.function;
		t->fnlen[n++] = lg_func_base_len(ev->rip.function);
	}
	for (size_t i = 0; i < ev->ntrace; i++)
		if (ev->trace[i].function) {
			t->fn[n] = ev->trace[i].function;
			t->fnlen[n++] = lg_func_base_len(ev->trace[i].function);
		}
	t->nfn = n;
}

/* @fn (a rule's plain name) is the RIP or a frame of the event. */
static bool has_function(struct match_text *t, const char *fn)
{
	size_t len = strlen(fn);

	for (size_t i = 0; i < t->nfn; i++)
		if (t->fnlen[i] == len && !memcmp(t->fn[i], fn, len))
			return true;
	return false;
}

static bool has_frame_module(const struct lg_event *ev, const char *mod)
{
	if (ev->has_rip && ev->rip.module && !strcmp(ev->rip.module, mod))
		return true;
	for (size_t i = 0; i < ev->ntrace; i++)
		if (ev->trace[i].module && !strcmp(ev->trace[i].module, mod))
			return true;
	return false;
}

static const struct lg_module *find_module(const struct lg_event *ev,
					   const char *name)
{
	for (size_t i = 0; name && i < ev->nmodules; i++)
		if (ev->modules[i].name && !strcmp(ev->modules[i].name, name))
			return &ev->modules[i];
	return NULL;
}

static bool any_letter(const char *s, const char *letters)
{
	return s && strpbrk(s, letters);
}

static bool tainted_by(const struct lg_event *ev, const char *letters)
{
	if (any_letter(ev->taint, letters))
		return true;
	for (size_t i = 0; i < ev->nmodules; i++)
		if (any_letter(ev->modules[i].taint, letters))
			return true;
	return false;
}

/*
 * The module to blame: the RIP's, else the guilty frame's, else the
 * direct caller's (a core helper such as strnlen or filp_close that
 * faults on what a module handed it), when that module carries one of
 * @letters.
 */
static const char *find_culprit(const struct lg_event *ev, const char *letters)
{
	const char *cands[4] = { NULL, NULL, NULL, ev->culprit_module };

	/* The parser's culprit (a stuck task's stack, a work item) when no
	 * module list shows its letters: the kernel's taint vouches. */
	if (ev->culprit_module && !ev->nmodules && ev->taint &&
	    any_letter(ev->taint, letters))
		return ev->culprit_module;
	if (ev->has_rip)
		cands[0] = ev->rip.module;
	for (size_t i = 0; ev->guilty_frame && i < ev->ntrace; i++)
		if (lg_func_same(ev->trace[i].function, ev->guilty_frame)) {
			cands[1] = ev->trace[i].module;
			break;
		}
	for (size_t i = 0; ev->has_rip && i < ev->ntrace; i++)
		if (ev->trace[i].reliable && ev->trace[i].function &&
		    !ev->trace[i].context) {
			cands[2] = ev->trace[i].module;
			break;
		}
	for (int i = 0; i < 4; i++) {
		const struct lg_module *m = find_module(ev, cands[i]);

		if (m && any_letter(m->taint, letters))
			return m->name;
	}
	return NULL;
}

static bool release_ok(const struct cause_rule *r, const struct lg_event *ev)
{
	char fam[16];

	if (!r->nrelease)
		return true;
	if (!ev->kernel_release)
		return false;
	lg_release_family(ev->kernel_release, fam, sizeof(fam));
	for (size_t i = 0; i < r->nrelease; i++) {
		const struct release_bound *b = &r->release[i];

		if (strcmp(b->family, "upstream") && strcmp(b->family, fam))
			return false;
		if (!lg_release_op_holds(ev->kernel_release, b))
			return false;
	}
	return true;
}

static bool cheap_ok(const struct cause_rule *r, const struct lg_event *ev,
		     struct match_text *t, struct mstate *m)
{
	if (r->class_mask && !(r->class_mask & (1ULL << ev->cls)))
		return false;
	if (!release_ok(r, ev))
		return false;
	index_functions(t, ev);
	if (r->rip) {
		/* the RIP, when known, is the first indexed name */
		size_t len = strlen(r->rip);

		if (!(ev->has_rip && ev->rip.function && t->nfn &&
		      t->fnlen[0] == len && !memcmp(t->fn[0], r->rip, len)))
			return false;
	}
	for (size_t i = 0; i < r->ntrace_all; i++)
		if (!has_function(t, r->trace_all[i]))
			return false;
	if (r->ntrace_any) {
		size_t i;

		for (i = 0; i < r->ntrace_any; i++)
			if (has_function(t, r->trace_any[i]))
				break;
		if (i == r->ntrace_any)
			return false;
	}
	if (r->trace_module && !has_frame_module(ev, r->trace_module))
		return false;
	if (r->module && !find_module(ev, r->module) &&
	    !has_frame_module(ev, r->module))
		return false;
	if (r->tainting_module) {
		const struct lg_module *mod = find_module(ev, r->tainting_module);
		bool ok = mod && mod->taint && *mod->taint;

		for (size_t i = 0; !ok && i < ev->ntainting; i++)
			ok = !strcmp(ev->tainting_modules[i], r->tainting_module);
		if (!ok)
			return false;
	}
	if (r->taint && !tainted_by(ev, r->taint))
		return false;
	if (r->culprit_taint) {
		m->culprit = find_culprit(ev, r->culprit_taint);
		if (!m->culprit)
			return false;
	}
	return true;
}

static void state_free(struct mstate *m)
{
	for (size_t i = 0; i < m->nevid; i++)
		free(m->evid[i].line);
	free(m->evid);
	for (size_t i = 0; i < m->ncap; i++) {
		free(m->cap_names[i]);
		free(m->cap_vals[i]);
	}
	free(m->cap_names);
	free(m->cap_vals);
}

/* The evidence of conditions that are not line patterns. */
static void condition_evidence(const struct cause_rule *r,
			       struct match_text *t, struct mstate *m)
{
	const struct lg_event *ev = m->ev;

	if (r->panic_message.re)
		add_line_with(m, "not syncing", NULL);
	if ((r->rip || r->rip_regex.re) && ev->rip.function)
		add_line_with(m, "RIP", ev->rip.function);
	for (size_t i = 0; i < r->ntrace_any; i++)
		if (has_function(t, r->trace_any[i])) {
			add_line_with(m, r->trace_any[i], NULL);
			break;
		}
	for (size_t i = 0; i < r->ntrace_all; i++)
		add_line_with(m, r->trace_all[i], NULL);
	if (r->culprit_taint && m->culprit)
		add_line_with(m, "Modules linked in", m->culprit);
	if (r->hardware.re)
		add_line_with(m, "Hardware name", NULL);
}

bool lg_rule_match(const struct cause_rule *r, const struct lg_event *ev,
		   struct match_text **text, struct lg_cause *out,
		   char **culprit, char **guilty, bool *fixed)
{
	struct mstate m = { .ev = ev };
	pcre2_match_data *md;
	bool ok;

	if (!*text)
		*text = lg_match_text_new(ev);
	if (!*text || !cheap_ok(r, ev, *text, &m))
		return false;
	md = (*text)->md;
	ok = regex_ok(r, "event_title", &r->event_title, ev->title, md, ev) &&
	     regex_ok(r, "panic_message", &r->panic_message, ev->panic_message, md, ev) &&
	     regex_ok(r, "rip_regex", &r->rip_regex,
		      ev->has_rip ? ev->rip.function : NULL, md, ev) &&
	     regex_ok(r, "hardware", &r->hardware, ev->hardware, md, ev);
	if (ok && r->nlines)
		ok = text_join(*text, ev) && lines_ok(r, *text, &m);
	if (!ok || m.oom) {
		state_free(&m);
		return false;
	}
	condition_evidence(r, *text, &m);

	const struct fixed_entry *f = lg_fixed_for(r, ev->kernel_release);
	bool is_fixed = f && lg_fixed_applies(f, ev->kernel_release);
	const char *const *cn = (const char *const *)m.cap_names;
	const char *const *cv = (const char *const *)m.cap_vals;
	const char *fv = f ? f->version : NULL;

	memset(out, 0, sizeof(*out));
	out->id = strdup(r->id);
	out->title = lg_template_expand(r->title, ev, cn, cv, m.ncap, m.culprit, fv);
	out->explanation = lg_template_expand(r->explanation, ev, cn, cv, m.ncap,
					      m.culprit, fv);
	out->remedy = lg_template_expand(is_fixed ? r->remedy_if_fixed : r->remedy,
					 ev, cn, cv, m.ncap, m.culprit, fv);
	out->confidence = is_fixed ? r->confidence_if_fixed : r->confidence;
	out->references = calloc(r->nreferences + 1, sizeof(char *));
	for (size_t i = 0; out->references && i < r->nreferences; i++)
		if ((out->references[i] = strdup(r->references[i])))
			out->nreferences++;
	out->evidence = m.evid;
	out->nevidence = m.nevid;
	m.evid = NULL;
	m.nevid = 0;
	*culprit = r->set_culprit ?
		lg_template_expand(r->set_culprit, ev, cn, cv, m.ncap, m.culprit, fv) :
		NULL;
	*guilty = r->set_guilty ?
		lg_template_expand(r->set_guilty, ev, cn, cv, m.ncap, m.culprit, fv) :
		NULL;
	*fixed = is_fixed;
	state_free(&m);
	return true;
}
