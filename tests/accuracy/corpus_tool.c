// SPDX-License-Identifier: GPL-2.0
/*
 * corpus-tool: the parser from the command line, for the bench and for
 * looking at what the parser makes of a log.
 *   corpus-tool triggers        the trigger literals, one per line (grep -F -f)
 *   corpus-tool count FILE      events found, lines read, peak RSS
 *   corpus-tool dump FILE...    every event's extracted fields
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "classify.h"
#include "parse.h"

static const char *str(const char *s)
{
	return s ? s : "-";
}

static void dump_frame(const char *what, const struct lg_frame *f)
{
	printf("  %s %s%s+0x%llx/0x%llx [%s] addr=%llx ctx=%s\n", what,
	       f->reliable ? "" : "? ", str(f->function),
	       (unsigned long long)f->offset, (unsigned long long)f->size,
	       str(f->module), (unsigned long long)f->address, str(f->context));
}

static void dump(struct lg_event *ev, void *arg)
{
	const struct lg_oom *o = &ev->oom;

	(void)arg;
	printf("event class=%s fatal=%d title=%s\n", lg_class_name(ev->cls),
	       ev->fatal, str(ev->title));
	printf("  time=%s uptime=%.6f release=%s hw=%s\n", str(ev->time),
	       ev->uptime, str(ev->kernel_release), str(ev->hardware));
	printf("  cpu=%d pid=%d comm=%s taint=%s panic=%s wq=%s cr2=%s%llx\n",
	       ev->cpu, ev->pid, str(ev->comm), str(ev->taint),
	       str(ev->panic_message), str(ev->workqueue), ev->has_cr2 ? "" : "none:",
	       (unsigned long long)ev->cr2);
	if (ev->has_rip)
		dump_frame("rip", &ev->rip);
	printf("  rip_user=%d guilty=%s culprit=%s truncated=%d\n", ev->rip_user,
	       str(ev->guilty_frame), str(ev->culprit_module), ev->truncated);
	for (size_t i = 0; i < ev->ntrace; i++)
		dump_frame("frame", &ev->trace[i]);
	printf("  modules(%zu):", ev->nmodules);
	for (size_t i = 0; i < ev->nmodules; i++)
		printf(" %s(%s)", ev->modules[i].name, ev->modules[i].taint);
	printf("\n  tainting(%zu):", ev->ntainting);
	for (size_t i = 0; i < ev->ntainting; i++)
		printf(" %s", ev->tainting_modules[i]);
	printf("\n");
	if (o->present)
		printf("  oom invoker=%s/%d gfp=%s order=%d constraint=%s memcg=%s "
		       "total=%llukB free=%llukB tasks=%zu victim=%d/%s rss=%llukB "
		       "share=%.3f panic_on_oom=%d no_killable=%d\n",
		       str(o->invoker), o->invoker_pid, str(o->gfp_mask), o->order,
		       str(o->constraint), str(o->memcg),
		       (unsigned long long)o->mem_total_kb,
		       (unsigned long long)o->mem_free_kb, o->ntasks, o->victim_pid,
		       str(o->victim_comm), (unsigned long long)o->victim_rss_kb,
		       o->victim_ram_share, o->panic_on_oom, o->no_killable);
	if (ev->stall.present)
		printf("  stall cpu=%d seconds=%.1f task=%s pid=%d\n", ev->stall.cpu,
		       ev->stall.seconds, str(ev->stall.task), ev->stall.pid);
	for (size_t i = 0; i < ev->nlines; i++)
		printf("  %5zu| %s\n", ev->lines[i].lineno, ev->lines[i].line);
	lg_event_free(ev);
	free(ev);
}

static void count(struct lg_event *ev, void *arg)
{
	(*(size_t *)arg)++;
	lg_event_free(ev);
	free(ev);
}

static int parse_path(const char *path, lg_event_cb cb, void *arg)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	int rc;

	if (!f) {
		perror(path);
		return 1;
	}
	rc = lg_parse_file(f, path, cb, arg);
	if (f != stdin)
		fclose(f);
	return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "triggers")) {
		size_t n;
		const char *const *lits = lg_trigger_literals(&n);

		for (size_t i = 0; i < n; i++)
			puts(lits[i]);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "count")) {
		size_t events = 0;
		struct rusage ru;
		int rc = parse_path(argv[2], count, &events);

		getrusage(RUSAGE_SELF, &ru);
		printf("events %zu maxrss_kb %ld\n", events, ru.ru_maxrss);
		return rc;
	}
	if (argc >= 3 && !strcmp(argv[1], "dump")) {
		int rc = 0;

		for (int i = 2; i < argc; i++) {
			printf("== %s\n", argv[i]);
			rc |= parse_path(argv[i], dump, NULL);
		}
		return rc;
	}
	fprintf(stderr, "usage: corpus-tool triggers | count FILE | dump FILE...\n");
	return 1;
}
