// SPDX-License-Identifier: GPL-2.0
/*
 * Required literals of the rules' line patterns, so that a database of
 * many rules costs one pass over an event's text instead of one regex
 * scan per rule.
 *
 * At load, each line pattern is read for the literal strings every match
 * must contain: per top-level alternative, its longest run of plain
 * characters outside groups, classes and optional atoms.  A pattern whose
 * alternatives all have such a run (>= LIT_MIN bytes) can only match text
 * holding one of them.  Anything the reader does not fully understand
 * (inline options, \Q, \x{..}, backreferences) gives no literal, and the
 * pattern is simply always run: the filter may pass too much, never too
 * little.
 *
 * Per event, one scan of the joined lines finds which of the database's
 * distinct literals occur: a bit per byte pair says whether some literal
 * starts with the two bytes at a position, and only then do the first
 * LIT_MIN bytes hash into a bucket of the literals starting with them.
 * The scan costs about the same for 50 rules as for 5000.
 */
#include <stdlib.h>
#include <string.h>
#include "causes_int.h"

#define LIT_MIN 3
#define HASH_BITS 12
#define NBUCKET (1u << HASH_BITS)

/* A line pattern's literals, any one of which must be in the text. */
struct lit_req {
	uint32_t *ids;
	size_t n;
};

struct rule_reqs {
	struct lit_req *req;
	size_t nreq;
};

struct lg_litindex {
	char **lit;
	size_t *len;
	uint32_t *next;			/* bucket chain, id + 1; 0 ends */
	size_t nlit;
	uint32_t head[NBUCKET];		/* first id + 1 per bucket */
	uint64_t pair[65536 / 64];	/* first two bytes of some literal */
	struct rule_reqs *rules;
	size_t nrules;
};

/* A growing run of literal bytes and the best run of the branch so far. */
struct run {
	char cur[256], best[256];
	size_t ncur, nbest;
};

static void run_close(struct run *r)
{
	if (r->ncur > r->nbest) {
		memcpy(r->best, r->cur, r->ncur);
		r->nbest = r->ncur;
	}
	r->ncur = 0;
}

static void run_add(struct run *r, char c)
{
	if (r->ncur == sizeof(r->cur))
		run_close(r);
	r->cur[r->ncur++] = c;
}

/* Single-letter escapes that match no fixed text: they end a run. */
static bool escape_class(char c)
{
	return c && strchr("dDsSwWbBhHvVRXntrfeaAzZGK", c);
}

static bool is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/* Index just past the ']' closing the class that starts at @i. */
static size_t skip_class(const char *p, size_t i)
{
	i++;
	if (p[i] == '^')
		i++;
	if (p[i] == ']')
		i++;
	while (p[i] && p[i] != ']') {
		if (p[i] == '\\' && p[i + 1])
			i += 2;
		else if (p[i] == '[' && p[i + 1] == ':' && strstr(p + i + 2, ":]"))
			i = (size_t)(strstr(p + i + 2, ":]") - p) + 2;
		else
			i++;
	}
	return p[i] ? i + 1 : 0;
}

/* Group forms whose contents we skip; anything else (options) is unknown. */
static bool group_known(const char *g)
{
	if (g[1] == '*')
		return false;
	if (g[1] != '?')
		return true;
	if (g[2] && strchr(":=!>|#'", g[2]))
		return true;
	return g[2] == '<' || (g[2] == 'P' && g[3] == '<');
}

/* Index just past the ')' closing the group at @i, 0 when malformed. */
static size_t skip_group(const char *p, size_t i)
{
	int depth = 0;

	while (p[i]) {
		if (p[i] == '(' && !group_known(p + i))
			return 0;
		if (p[i] == '\\' && p[i + 1]) {
			if (is_alnum(p[i + 1]) && !escape_class(p[i + 1]))
				return 0;
			i += 2;
			continue;
		}
		if (p[i] == '[') {
			i = skip_class(p, i);
			if (!i)
				return 0;
			continue;
		}
		if (p[i] == '(')
			depth++;
		else if (p[i] == ')' && --depth == 0)
			return i + 1;
		i++;
	}
	return 0;
}

/*
 * The quantifier at @i, if any: sets *@min0 when it allows zero
 * repetitions and returns the index past it (and a lazy/possessive mark).
 */
static size_t quantifier(const char *p, size_t i, bool *quant, bool *min0)
{
	size_t j = i;

	*quant = *min0 = false;
	if (p[i] == '?' || p[i] == '*' || p[i] == '+') {
		*quant = true;
		*min0 = p[i] != '+';
		j = i + 1;
	} else if (p[i] == '{') {
		size_t k = i + 1, lo = k;

		while (p[k] >= '0' && p[k] <= '9')
			k++;
		/* "{,m}" counts as {0,m} in newer PCRE2: treat it so */
		if ((k == lo && p[k] != ',') || (p[k] != '}' && p[k] != ','))
			return i;	/* a literal '{' */
		*quant = true;
		*min0 = strtoul(p + lo, NULL, 10) == 0;
		while (p[k] && p[k] != '}')
			k++;
		j = p[k] ? k + 1 : k;
	}
	if (*quant && (p[j] == '?' || p[j] == '+'))
		j++;
	return j;
}

/* Add the branch's best run to the set; false when it has none. */
static bool branch_end(struct run *r, char ***out, size_t *n)
{
	char **grown;

	run_close(r);
	if (r->nbest < LIT_MIN)
		return false;
	for (size_t i = 0; i < *n; i++)
		if (strlen((*out)[i]) == r->nbest &&
		    !memcmp((*out)[i], r->best, r->nbest))
			goto done;
	grown = realloc(*out, (*n + 1) * sizeof(char *));
	if (!grown)
		return false;
	*out = grown;
	grown[*n] = strndup(r->best, r->nbest);
	if (!grown[*n])
		return false;
	(*n)++;
done:
	r->nbest = r->ncur = 0;
	return true;
}

/* One atom at @i: its literal byte in *@lit (or -1); index past it, 0 = give up. */
static size_t atom(const char *p, size_t i, int *lit)
{
	*lit = -1;
	switch (p[i]) {
	case '\\':
		if (!p[i + 1])
			return 0;
		if (!is_alnum(p[i + 1]))
			*lit = (unsigned char)p[i + 1];
		else if (!escape_class(p[i + 1]))
			return 0;	/* \x{..} \Q \k<..> \1 ...: not worth reading */
		return i + 2;
	case '[':
		return skip_class(p, i);
	case '(':
		return skip_group(p, i);
	case ')':
		return 0;
	case '.': case '^': case '$':
		return i + 1;
	case '*': case '+': case '?':
		return 0;	/* a quantifier with nothing before it */
	default:
		*lit = (unsigned char)p[i];
		return i + 1;
	}
}

int lg_regex_literals(const char *p, char ***out, size_t *n)
{
	struct run r = { .ncur = 0 };
	size_t i = 0;
	bool ok = true;

	*out = NULL;
	*n = 0;
	while (ok && p[i]) {
		bool quant, min0;
		int lit;
		size_t j;

		if (p[i] == '|') {
			ok = branch_end(&r, out, n);
			i++;
			continue;
		}
		j = atom(p, i, &lit);
		if (!j) {
			ok = false;
			break;
		}
		i = quantifier(p, j, &quant, &min0);
		if (lit >= 0 && !min0)
			run_add(&r, (char)lit);
		if (lit < 0 || quant)
			run_close(&r);
	}
	if (ok)
		ok = branch_end(&r, out, n);
	if (!ok) {
		for (size_t k = 0; k < *n; k++)
			free((*out)[k]);
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return (int)*n;
}

static uint32_t pair_of(const unsigned char *s)
{
	return s[0] | (uint32_t)s[1] << 8;
}

static uint32_t hash3(const unsigned char *s)
{
	uint32_t v = s[0] | (uint32_t)s[1] << 8 | (uint32_t)s[2] << 16;

	return (v * 2654435761u) >> (32 - HASH_BITS);
}

/* The id of @s in the index, added when new; -1 when out of memory. */
static long lit_id(struct lg_litindex *x, const char *s)
{
	size_t len = strlen(s);
	uint32_t h = hash3((const unsigned char *)s);
	char **nl;
	size_t *nn;
	uint32_t *nx;

	for (uint32_t id = x->head[h]; id; id = x->next[id - 1])
		if (x->len[id - 1] == len && !memcmp(x->lit[id - 1], s, len))
			return id - 1;
	nl = realloc(x->lit, (x->nlit + 1) * sizeof(*nl));
	if (nl)
		x->lit = nl;
	nn = realloc(x->len, (x->nlit + 1) * sizeof(*nn));
	if (nn)
		x->len = nn;
	nx = realloc(x->next, (x->nlit + 1) * sizeof(*nx));
	if (nx)
		x->next = nx;
	if (!nl || !nn || !nx || !(nl[x->nlit] = strdup(s)))
		return -1;
	nn[x->nlit] = len;
	nx[x->nlit] = x->head[h];
	x->head[h] = (uint32_t)x->nlit + 1;
	x->pair[pair_of((const unsigned char *)s) / 64] |=
		1ULL << (pair_of((const unsigned char *)s) % 64);
	return (long)x->nlit++;
}

/* Requirements of one rule: a literal set per filterable line pattern. */
static int rule_build(struct lg_litindex *x, const struct cause_rule *r,
		      struct rule_reqs *rr)
{
	rr->req = calloc(r->nlines + 1, sizeof(*rr->req));
	if (!rr->req)
		return -1;
	for (size_t i = 0; i < r->nlines; i++) {
		struct lit_req *q = &rr->req[rr->nreq];
		char **lits;
		size_t n;

		if (!r->lines[i].src ||
		    lg_regex_literals(r->lines[i].src, &lits, &n) <= 0)
			continue;
		q->ids = calloc(n, sizeof(*q->ids));
		for (size_t k = 0; k < n; k++) {
			long id = q->ids ? lit_id(x, lits[k]) : -1;

			if (id < 0) {
				free(q->ids);
				q->ids = NULL;
			} else {
				q->ids[q->n++] = (uint32_t)id;
			}
			free(lits[k]);
		}
		free(lits);
		if (!q->ids)
			return -1;
		rr->nreq++;
	}
	return 0;
}

struct lg_litindex *lg_litindex_build(struct cause_rule *const *rules, size_t n)
{
	struct lg_litindex *x = calloc(1, sizeof(*x));

	if (!x)
		return NULL;
	x->rules = calloc(n + 1, sizeof(*x->rules));
	if (!x->rules) {
		free(x);
		return NULL;
	}
	x->nrules = n;
	for (size_t i = 0; i < n; i++)
		if (rule_build(x, rules[i], &x->rules[i])) {
			lg_litindex_free(x);
			return NULL;
		}
	return x;
}

void lg_litindex_free(struct lg_litindex *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < x->nlit; i++)
		free(x->lit[i]);
	free(x->lit);
	free(x->len);
	free(x->next);
	for (size_t i = 0; i < x->nrules; i++) {
		for (size_t k = 0; k < x->rules[i].nreq; k++)
			free(x->rules[i].req[k].ids);
		free(x->rules[i].req);
	}
	free(x->rules);
	free(x);
}

/* Mark in @seen every literal that occurs in @s. */
static void scan(const struct lg_litindex *x, const char *s, size_t len,
		 unsigned char *seen)
{
	const unsigned char *t = (const unsigned char *)s;

	for (size_t i = 0; i + LIT_MIN <= len; i++) {
		uint32_t p = pair_of(t + i);

		/* most positions stop at this one L1-resident bit test */
		if (!(x->pair[p / 64] & (1ULL << (p % 64))))
			continue;
		for (uint32_t id = x->head[hash3(t + i)]; id; id = x->next[id - 1])
			if (!seen[id - 1] && x->len[id - 1] <= len - i &&
			    !memcmp(x->lit[id - 1], t + i, x->len[id - 1]))
				seen[id - 1] = 1;
	}
}

bool lg_litindex_pass(const struct lg_litindex *x, size_t rule,
		      struct lg_litscan *sc, struct match_text *text,
		      const struct lg_event *ev)
{
	const struct rule_reqs *rr;

	if (!x || rule >= x->nrules || !x->rules[rule].nreq)
		return true;
	rr = &x->rules[rule];
	if (!sc->done) {
		size_t len;
		const char *s = lg_match_text_joined(text, ev, &len);

		sc->done = true;
		sc->seen = s ? calloc(x->nlit + 1, 1) : NULL;
		if (sc->seen)
			scan(x, s, len, sc->seen);
	}
	if (!sc->seen)
		return true;	/* out of memory: let the regexes decide */
	for (size_t i = 0; i < rr->nreq; i++) {
		size_t k;

		for (k = 0; k < rr->req[i].n; k++)
			if (sc->seen[rr->req[i].ids[k]])
				break;
		if (k == rr->req[i].n)
			return false;
	}
	return true;
}
