// SPDX-License-Identifier: GPL-2.0
/*
 * The textfile is both the output and the state: counters must only grow
 * (Prometheus counters), whichever process last wrote them, so each update
 * reads the file, adds, and renames a new one into place.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "archive.h"
#include "metrics.h"

#define FIELD_MAX 256
/* Boots whose newest counted record is remembered (see counted_before). */
#define SEEN_MAX 16

struct seen {
	char boot[40];
	unsigned long long seq;
};

struct counts {
	unsigned long long crashes[LG_CLASS_COUNT];
	unsigned long long survived[LG_CLASS_COUNT];
	double last_time;	/* seconds since the epoch; 0: no crash yet */
	char last_class[FIELD_MAX];
	char last_signature[FIELD_MAX];
	char last_title[FIELD_MAX];
	struct seen seen[SEEN_MAX];	/* oldest first */
	size_t nseen;
};

/* Prometheus label values escape backslash, double quote and newline. */
static void put_label(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			fprintf(f, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
	}
}

/* The value of label @name in @line, unescaped into @out. */
static bool get_label(const char *line, const char *name, char *out,
		      size_t size)
{
	char key[64];
	const char *p;
	size_t n = 0;

	snprintf(key, sizeof(key), "%s=\"", name);
	p = strstr(line, key);
	if (!p)
		return false;
	for (p += strlen(key); *p && *p != '"' && n + 1 < size; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			out[n++] = *p == 'n' ? '\n' : *p;
		} else {
			out[n++] = *p;
		}
	}
	out[n] = '\0';
	return *p == '"';
}

static double value_of(const char *line)
{
	const char *sp = strrchr(line, ' ');

	return sp ? strtod(sp + 1, NULL) : NAN;
}

static int load(const char *path, struct counts *c)
{
	FILE *f = fopen(path, "r");
	char line[1024], cls[64];
	int bad = 0;

	memset(c, 0, sizeof(*c));
	if (!f)
		return errno == ENOENT ? 0 : -errno;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long *slot = NULL;
		double v;

		line[strcspn(line, "\n")] = '\0';
		if (c->nseen < SEEN_MAX &&
		    sscanf(line, "# lastgasp-seen %39s %llu", c->seen[c->nseen].boot,
			   &c->seen[c->nseen].seq) == 2) {
			c->nseen++;
			continue;
		}
		if (line[0] == '#' || line[0] == '\0')
			continue;
		v = value_of(line);
		if (isnan(v) || v < 0) {
			bad++;
			continue;
		}
		if (!strncmp(line, "lastgasp_crashes_total{", 23))
			slot = c->crashes;
		else if (!strncmp(line, "lastgasp_survived_events_total{", 31))
			slot = c->survived;
		if (slot) {
			enum lg_class k;

			if (!get_label(line, "class", cls, sizeof(cls)))
				bad++;
			else if (!strcmp(cls, "unclassified"))
				slot[LG_CLASS_NONE] = (unsigned long long)v;
			else if ((k = lg_class_from_name(cls)) != LG_CLASS_NONE)
				slot[k] = (unsigned long long)v;
		} else if (!strncmp(line, "lastgasp_last_crash_timestamp_seconds ", 38)) {
			c->last_time = v;
		} else if (!strncmp(line, "lastgasp_last_crash_info{", 25)) {
			get_label(line, "class", c->last_class, FIELD_MAX);
			get_label(line, "signature", c->last_signature, FIELD_MAX);
			get_label(line, "title", c->last_title, FIELD_MAX);
		} else {
			bad++;
		}
	}
	fclose(f);
	return bad ? -EBADMSG : 0;
}

/* Seconds since the epoch of an ISO 8601 UTC time; the present otherwise. */
static double crash_time(const struct lg_event *ev)
{
	struct tm tm;
	const char *end;

	memset(&tm, 0, sizeof(tm));
	if (ev->time) {
		end = strptime(ev->time, "%Y-%m-%dT%H:%M:%S", &tm);
		if (end && (*end == 'Z' || *end == '\0'))
			return (double)timegm(&tm);
	}
	return (double)time(NULL);
}

/* Events the classifier left without a class count as "unclassified". */
static const char *class_label(enum lg_class k)
{
	return k == LG_CLASS_NONE ? "unclassified" : lg_class_name(k);
}

/*
 * A module record is counted once, whoever sees it first: watch counts it
 * live, and the report that later archives it must not count it again
 * (nor a report --keep run twice).  Records of one boot come in sequence
 * order, so the newest counted one per boot is enough to know.
 */
static bool counted_before(struct counts *c, const struct lg_event *ev)
{
	struct seen *s = NULL;

	if (!ev->boot_id || !ev->seq)
		return false;	/* a log event: its source is read once */
	for (size_t i = 0; i < c->nseen && !s; i++)
		if (!strcmp(c->seen[i].boot, ev->boot_id))
			s = &c->seen[i];
	if (s && ev->seq <= s->seq)
		return true;
	if (!s) {
		if (c->nseen == SEEN_MAX)
			memmove(c->seen, c->seen + 1, --c->nseen * sizeof(*s));
		s = &c->seen[c->nseen++];
		snprintf(s->boot, sizeof(s->boot), "%s", ev->boot_id);
	}
	s->seq = ev->seq;
	return false;
}

static void add(struct counts *c, const struct lg_event *ev)
{
	enum lg_class k = ev->cls < LG_CLASS_COUNT ? ev->cls : LG_CLASS_NONE;

	if (counted_before(c, ev))
		return;

	if (!ev->fatal) {
		c->survived[k]++;
		return;
	}
	c->crashes[k]++;
	c->last_time = crash_time(ev);
	snprintf(c->last_class, FIELD_MAX, "%s", class_label(k));
	snprintf(c->last_signature, FIELD_MAX, "%s", ev->signature ? ev->signature : "");
	snprintf(c->last_title, FIELD_MAX, "%s", ev->title ? ev->title : "");
}

static void put_counter(FILE *f, const char *name, const char *help,
			const unsigned long long *v)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s counter\n", name, help, name);
	/* Every class, zeros too: a rate() needs the series before the first
	 * event, and dashboards see the whole vocabulary. */
	for (int k = LG_CLASS_NONE; k < LG_CLASS_COUNT; k++)
		fprintf(f, "%s{class=\"%s\"} %llu\n", name, class_label(k), v[k]);
}

static int store(const char *path, const struct counts *c)
{
	char *text = NULL, *dir, *slash;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int err;

	if (!f)
		return -errno;
	put_counter(f, "lastgasp_crashes_total",
		    "Fatal kernel crashes reported by lastgasp, by class.", c->crashes);
	put_counter(f, "lastgasp_survived_events_total",
		    "Kernel events the system survived (warnings, OOM kills, ...), by class.",
		    c->survived);
	fputs("# HELP lastgasp_last_crash_timestamp_seconds Time of the last fatal crash (0: none yet).\n"
	      "# TYPE lastgasp_last_crash_timestamp_seconds gauge\n", f);
	fprintf(f, "lastgasp_last_crash_timestamp_seconds %.0f\n", c->last_time);
	if (c->last_time > 0) {
		fputs("# HELP lastgasp_last_crash_info The last fatal crash: class, signature, title (value 1).\n"
		      "# TYPE lastgasp_last_crash_info gauge\n"
		      "lastgasp_last_crash_info{class=\"", f);
		put_label(f, c->last_class);
		fputs("\",signature=\"", f);
		put_label(f, c->last_signature);
		fputs("\",title=\"", f);
		put_label(f, c->last_title);
		fputs("\"} 1\n", f);
	}
	for (size_t i = 0; i < c->nseen; i++)
		fprintf(f, "# lastgasp-seen %s %llu\n", c->seen[i].boot, c->seen[i].seq);
	if (fclose(f)) {
		err = -errno;
		free(text);
		return err;
	}
	dir = strdup(path);
	if (!dir) {
		free(text);
		return -ENOMEM;
	}
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	/* node_exporter runs unprivileged: the counts are not secret. */
	err = lg_file_replace(slash ? (*dir ? dir : "/") : ".",
			      slash ? slash + 1 : path, text, len, 0644);
	free(dir);
	free(text);
	return err;
}

int lg_metrics_add(const char *path, const struct lg_event *const *evs,
		   size_t n)
{
	struct counts c;
	char *lock = NULL;
	int lfd, err;

	if (asprintf(&lock, "%s.lock", path) < 0)
		return -ENOMEM;
	lfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	free(lock);
	if (lfd < 0 || flock(lfd, LOCK_EX) < 0) {
		err = -errno;
		fprintf(stderr, "lastgasp: cannot lock the metrics file %s: %s\n",
			path, strerror(-err));
		if (lfd >= 0)
			close(lfd);
		return err;
	}
	err = load(path, &c);
	if (err == -EBADMSG)
		fprintf(stderr, "lastgasp: %s has lines lastgasp did not write; they are dropped\n",
			path);
	else if (err)
		fprintf(stderr, "lastgasp: cannot read the metrics file %s (%s); counting from zero\n",
			path, strerror(-err));
	for (size_t i = 0; i < n; i++)
		add(&c, evs[i]);
	err = store(path, &c);
	if (err)
		fprintf(stderr, "lastgasp: cannot write the metrics file %s: %s\n",
			path, strerror(-err));
	close(lfd);
	return err;
}
