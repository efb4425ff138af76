// SPDX-License-Identifier: GPL-2.0
/*
 * The harvest of the log sources: inputs, the events parsed from them, and
 * the archive look-up that keeps a source from being reported twice.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <json-c/json.h>
#include "parse.h"
#include "source.h"

static const char *const names[] = { "module", "pstore", "kdump", "journal" };

const char *lg_source_name(enum lg_source_kind s)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (s == 1u << i)
			return names[i];
	return "unknown";
}

int lg_source_parse(const char *list, unsigned int *mask)
{
	char *copy = strdup(list), *save = NULL, *w;
	int rc = 0;

	if (!copy)
		return -1;
	*mask = 0;
	for (w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		size_t i;

		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (!strcmp(w, names[i]))
				break;
		if (i == sizeof(names) / sizeof(names[0])) {
			fprintf(stderr, "lastgasp: unknown source '%s' (module, pstore, kdump, journal)\n",
				w);
			rc = -1;
			break;
		}
		*mask |= 1u << i;
	}
	free(copy);
	if (!rc && !*mask) {
		fprintf(stderr, "lastgasp: --source needs at least one of module, pstore, kdump, journal\n");
		rc = -1;
	}
	return rc;
}

const char *lg_source_dir(const char *env, const char *def)
{
	const char *v = getenv(env);

	return v && *v ? v : def;
}

time_t lg_source_parse_time(const char *iso)
{
	struct tm tm;
	const char *end;

	if (!iso)
		return 0;
	memset(&tm, 0, sizeof(tm));
	end = strptime(iso, "%Y-%m-%dT%H:%M:%S", &tm);
	if (!end || (*end != 'Z' && *end != '\0'))
		return 0;
	return timegm(&tm);
}

void lg_harvest_init(struct lg_harvest *h, const char *archive_dir)
{
	memset(h, 0, sizeof(*h));
	h->archive_dir = archive_dir;
}

void lg_harvest_free(struct lg_harvest *h)
{
	for (size_t i = 0; i < h->nin; i++) {
		free(h->in[i].path);
		free(h->in[i].name);
		free(h->in[i].text);
	}
	for (size_t i = 0; i < h->nfound; i++) {
		lg_event_free(h->found[i].ev);
		free(h->found[i].ev);
		free(h->found[i].dup_of);
		free(h->found[i].also);
	}
	free(h->in);
	free(h->found);
	memset(h, 0, sizeof(*h));
}

int lg_harvest_event(struct lg_harvest *h, size_t input, struct lg_event *ev,
		     time_t when)
{
	struct lg_input *in = &h->in[input];
	struct lg_found *f;
	char *src = NULL, stamp[40];
	struct tm tm;

	f = realloc(h->found, (h->nfound + 1) * sizeof(*f));
	if (!f || asprintf(&src, "%s:%s", lg_source_name(in->kind), in->path) < 0) {
		if (f)
			h->found = f;
		lg_event_free(ev);
		free(ev);
		return -ENOMEM;
	}
	h->found = f;
	free(ev->source);
	ev->source = src;
	/* A log stamped with uptime only: the source's own date says when. */
	if (!ev->time && when && gmtime_r(&when, &tm) &&
	    strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm))
		ev->time = strdup(stamp);
	f = &h->found[h->nfound++];
	memset(f, 0, sizeof(*f));
	f->ev = ev;
	f->input = input;
	f->when = when ? when : lg_source_parse_time(ev->time);
	in->nevents++;
	return 0;
}

struct parse_ctx {
	struct lg_harvest *h;
	size_t input;
};

static void on_event(struct lg_event *ev, void *arg)
{
	struct parse_ctx *c = arg;

	lg_harvest_event(c->h, c->input, ev, c->h->in[c->input].when);
}

long lg_harvest_add(struct lg_harvest *h, enum lg_source_kind kind, const char *path,
		    const char *name, char *text, size_t len, time_t when,
		    bool remove)
{
	struct lg_input *in = realloc(h->in, (h->nin + 1) * sizeof(*in));
	struct parse_ctx c = { h, h->nin };

	if (!in) {
		free(text);
		return -ENOMEM;
	}
	h->in = in;
	in = &h->in[h->nin];
	memset(in, 0, sizeof(*in));
	in->kind = kind;
	in->path = strdup(path);
	in->name = strdup(name);
	in->text = text;
	in->len = len;
	in->when = when;
	in->remove = remove;
	if (!in->path || !in->name) {
		free(in->path);
		free(in->name);
		free(text);
		return -ENOMEM;
	}
	h->nin++;
	if (text)
		lg_parse_buffer(text, len, path, on_event, &c);
	return (long)c.input;
}

bool lg_harvest_archived(const struct lg_harvest *h, const char *name)
{
	char *path = NULL, *aside = NULL;
	struct json_object *o;
	bool there = false;

	if (asprintf(&path, "%s/%s", h->archive_dir, name) < 0)
		return false;
	if (access(path, F_OK) == 0) {
		o = json_object_from_file(path);
		there = o != NULL;
		json_object_put(o);
		if (!there && asprintf(&aside, "%s.corrupt", path) >= 0) {
			fprintf(stderr, "lastgasp: archive %s is corrupt (not valid JSON); it is kept as %s and its source read again\n",
				path, aside);
			if (rename(path, aside) < 0)
				fprintf(stderr, "lastgasp: cannot rename %s: %s\n",
					path, strerror(errno));
		}
	}
	free(aside);
	free(path);
	return there;
}
