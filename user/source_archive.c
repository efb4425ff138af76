// SPDX-License-Identifier: GPL-2.0
/*
 * What a source gave is archived before anything is removed: the text as
 * it was read (pstore, kdump) and the events found in it.  Only then does
 * a pstore file go, so a crash report is never lost between the two.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <json-c/json.h>
#include "archive.h"
#include "print.h"
#include "source.h"

static struct json_object *input_object(const struct lg_harvest *h, size_t i)
{
	const struct lg_input *in = &h->in[i];
	struct json_object *o = json_object_new_object(), *evs;
	time_t now = time(NULL);
	char stamp[40] = "";
	struct tm tm;

	if (gmtime_r(&now, &tm))
		strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	evs = json_object_new_array();
	for (size_t k = 0; k < h->nfound; k++)
		if (h->found[k].input == i)
			json_object_array_add(evs, lg_event_to_json(h->found[k].ev));
	json_object_object_add(o, "lastgasp", json_object_new_int(LG_JSON_VERSION));
	json_object_object_add(o, "archived", json_object_new_string(stamp));
	json_object_object_add(o, "source", json_object_new_string(lg_source_name(in->kind)));
	json_object_object_add(o, "path", json_object_new_string(in->path));
	json_object_object_add(o, "text", in->text ?
			       json_object_new_string_len(in->text, (int)in->len) : NULL);
	json_object_object_add(o, "events", evs);
	return o;
}

int lg_source_archive(struct lg_harvest *h)
{
	int failed = 0;

	for (size_t i = 0; i < h->nin; i++) {
		struct lg_input *in = &h->in[i];
		struct json_object *o;

		/* A boot's journal or a kdump log without events is no news;
		 * a pstore dump is archived whatever it holds. */
		if (!in->nevents && in->kind != LG_SOURCE_PSTORE)
			continue;
		o = input_object(h, i);
		in->archived = o && lg_archive_write(h->archive_dir, in->name, o) == 0;
		json_object_put(o);
		if (!in->archived) {
			failed++;
			if (in->remove)
				fprintf(stderr, "lastgasp: %s was not archived, so it stays\n",
					in->path);
			continue;
		}
		if (in->remove && unlink(in->path) < 0)
			fprintf(stderr, "lastgasp: %s is archived but cannot be removed: %s\n",
				in->path, strerror(errno));
	}
	h->errors += failed;
	return failed;
}
