// SPDX-License-Identifier: GPL-2.0
/*
 * Limits of a rule file, checked on libyaml's event stream before the file
 * is loaded as a document: nesting depth (libyaml's scanner costs time
 * quadratic in flow nesting, so "[[[[..." must stop early) and alias
 * expansion (an alias repeats its anchor's whole subtree, so a small file
 * could name a million regexes).  Sizes are in lastgasp(8) and
 * user/causes/README.md.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "causes_int.h"

#define MAX_ANCHORS 1024

struct anchor {
	char *name;
	size_t nodes;		/* nodes of its subtree; 0 while still open */
};

struct scan {
	struct anchor anchors[MAX_ANCHORS];
	size_t nanchors;
	/* Collections being read: node count at their start, their anchor. */
	size_t open_start[LG_RULE_DEPTH_MAX + 1];
	long open_anchor[LG_RULE_DEPTH_MAX + 1];
	int depth;
	size_t nodes, aliased;
};

static void complain(const char *path, FILE *errs, const yaml_mark_t *at,
		     const char *fmt, ...)
{
	va_list ap;

	if (!errs)
		return;
	fprintf(errs, "%s:%zu: ", path, at->line + 1);
	va_start(ap, fmt);
	vfprintf(errs, fmt, ap);
	va_end(ap);
	fputc('\n', errs);
}

static long find_anchor(const struct scan *sc, const char *name)
{
	/* The newest definition of a name wins, as in YAML. */
	for (size_t i = sc->nanchors; i > 0; i--)
		if (!strcmp(sc->anchors[i - 1].name, name))
			return (long)(i - 1);
	return -1;
}

/* Record an anchor; its size is known at once for a scalar. */
static long add_anchor(struct scan *sc, const yaml_char_t *name, size_t nodes)
{
	struct anchor *a;

	if (!name)
		return -1;
	if (sc->nanchors == MAX_ANCHORS)
		return -2;
	a = &sc->anchors[sc->nanchors];
	a->name = strdup((const char *)name);
	if (!a->name)
		return -2;
	a->nodes = nodes;
	return (long)sc->nanchors++;
}

/* One event: 0 to go on, 1 for a limit error (reported), -1 at the end. */
static int step(struct scan *sc, const yaml_event_t *ev, const char *path,
		FILE *errs)
{
	const yaml_mark_t *at = &ev->start_mark;
	long a;

	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		return -1;
	case YAML_SCALAR_EVENT:
		sc->nodes++;
		if (add_anchor(sc, ev->data.scalar.anchor, 1) == -2)
			goto too_many;
		return 0;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (sc->depth == LG_RULE_DEPTH_MAX) {
			complain(path, errs, at, "nesting deeper than %d levels",
				 LG_RULE_DEPTH_MAX);
			return 1;
		}
		a = add_anchor(sc, ev->type == YAML_SEQUENCE_START_EVENT ?
			       ev->data.sequence_start.anchor :
			       ev->data.mapping_start.anchor, 0);
		if (a == -2)
			goto too_many;
		sc->open_start[sc->depth] = sc->nodes++;
		sc->open_anchor[sc->depth++] = a;
		return 0;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (sc->depth > 0) {
			sc->depth--;
			a = sc->open_anchor[sc->depth];
			if (a >= 0)
				sc->anchors[a].nodes = sc->nodes - sc->open_start[sc->depth];
		}
		return 0;
	case YAML_ALIAS_EVENT:
		a = find_anchor(sc, (const char *)ev->data.alias.anchor);
		if (a >= 0 && !sc->anchors[a].nodes) {
			complain(path, errs, at, "alias *%s refers to its own collection",
				 (const char *)ev->data.alias.anchor);
			return 1;
		}
		sc->aliased += a >= 0 ? sc->anchors[a].nodes : 1;
		sc->nodes += a >= 0 ? sc->anchors[a].nodes : 1;
		if (sc->aliased > LG_RULE_ALIAS_NODES_MAX) {
			complain(path, errs, at,
				 "aliases repeat more than %d nodes in all (alias *%s)",
				 LG_RULE_ALIAS_NODES_MAX,
				 (const char *)ev->data.alias.anchor);
			return 1;
		}
		return 0;
	default:
		return 0;
	}
too_many:
	complain(path, errs, at, "more than %d anchors", MAX_ANCHORS);
	return 1;
}

int lg_yaml_prescan(const char *path, const unsigned char *buf, size_t len,
		    FILE *errs)
{
	struct scan *sc = calloc(1, sizeof(*sc));
	yaml_parser_t parser;
	int rc = 0;

	if (!sc)
		return -ENOMEM;
	if (!yaml_parser_initialize(&parser)) {
		free(sc);
		return -ENOMEM;
	}
	yaml_parser_set_input_string(&parser, buf, len);
	while (rc == 0) {
		yaml_event_t ev;

		if (!yaml_parser_parse(&parser, &ev)) {
			/* The document load that follows reports it. */
			break;
		}
		rc = step(sc, &ev, path, errs);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	for (size_t i = 0; i < sc->nanchors; i++)
		free(sc->anchors[i].name);
	free(sc);
	return rc > 0 ? 1 : 0;
}
