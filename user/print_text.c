// SPDX-License-Identifier: GPL-2.0
/*
 * struct lg_event -> the report a person reads.  Written for an operator who
 * has never seen lastgasp or a kernel oops: every section says in words what
 * the kernel saw, where, on what machine, the likely cause and what to do,
 * and which log lines that judgement rests on.
 */
#include <inttypes.h>
#include <string.h>
#include "print.h"

/* Kernel taint letters (Documentation/admin-guide/tainted-kernels.rst). */
static const struct {
	char letter;
	const char *meaning;
} taints[] = {
	{ 'P', "proprietary module loaded" },
	{ 'F', "module force-loaded" },
	{ 'S', "running on out-of-spec hardware" },
	{ 'R', "module force-unloaded" },
	{ 'M', "machine check (hardware error) seen" },
	{ 'B', "bad page referenced or unexpected page flags" },
	{ 'U', "taint requested by userspace" },
	{ 'D', "kernel died recently (earlier oops or BUG)" },
	{ 'A', "ACPI table overridden" },
	{ 'W', "kernel warning issued earlier" },
	{ 'C', "staging driver loaded" },
	{ 'I', "working around a platform firmware bug" },
	{ 'O', "out-of-tree module loaded" },
	{ 'E', "unsigned module loaded" },
	{ 'L', "soft lockup occurred earlier" },
	{ 'K', "kernel live-patched" },
	{ 'X', "auxiliary taint (distribution-defined)" },
	{ 'T', "built with the struct randomization plugin" },
	{ 'N', "in-kernel test module loaded" },
	{ 'J', "fwctl used to change device state" },
};

/* What each class means, in one sentence for someone new to kernels. */
static const char *class_meaning(enum lg_class cls)
{
	switch (cls) {
	case LG_CLASS_OOPS: return "the kernel hit a fault in its own code (an oops)";
	case LG_CLASS_BUG: return "a kernel consistency check (BUG) failed";
	case LG_CLASS_WARNING: return "the kernel issued a warning about an unexpected state";
	case LG_CLASS_PANIC: return "the kernel panicked and stopped";
	case LG_CLASS_SOFT_LOCKUP: return "a CPU was stuck in kernel code without scheduling (soft lockup)";
	case LG_CLASS_HARD_LOCKUP: return "a CPU stopped taking interrupts (hard lockup)";
	case LG_CLASS_RCU_STALL: return "RCU grace periods stalled: a CPU or task did not make progress";
	case LG_CLASS_HUNG_TASK: return "a task was blocked in uninterruptible sleep for too long (hung task)";
	case LG_CLASS_OOM: return "the system ran out of memory and the OOM killer acted";
	case LG_CLASS_MEMCG_OOM: return "a memory cgroup hit its limit and the OOM killer acted inside it";
	case LG_CLASS_PAGE_ALLOC_FAILURE: return "a kernel memory allocation failed";
	case LG_CLASS_LIST_CORRUPTION: return "a kernel linked list was found corrupted";
	case LG_CLASS_BAD_PAGE_STATE: return "kernel memory bookkeeping was found inconsistent (bad page state)";
	case LG_CLASS_IO_ERROR: return "a storage device reported I/O errors";
	case LG_CLASS_FS_ERROR: return "a file system detected an error";
	case LG_CLASS_MCE: return "the CPU reported a hardware error (machine check)";
	case LG_CLASS_FATAL_SIGNAL: return "a user process was killed by a fatal signal";
	case LG_CLASS_KASAN: case LG_CLASS_KFENCE: case LG_CLASS_KMSAN:
		return "a kernel memory-safety checker reported a bad access";
	case LG_CLASS_KCSAN: return "the kernel data-race detector reported a race";
	case LG_CLASS_UBSAN: return "the kernel undefined-behaviour checker reported a problem";
	case LG_CLASS_LOCKDEP: return "the lock validator found a possible deadlock";
	case LG_CLASS_ATOMIC_SLEEP: return "kernel code tried to sleep where sleeping is forbidden";
	case LG_CLASS_MEMORY_LEAK: return "the kernel leak detector found unreferenced memory";
	case LG_CLASS_MOUNT_ROOT_FAILURE: return "the kernel could not mount the root file system at boot";
	default: return "an unrecognised kernel event";
	}
}

static const char *or_unknown(const char *s)
{
	return s && *s ? s : "unknown";
}

static void print_frame(FILE *out, const struct lg_frame *f)
{
	if (f->function)
		fprintf(out, "%s+0x%" PRIx64 "/0x%" PRIx64, f->function,
			f->offset, f->size);
	else if (f->has_address)
		fprintf(out, "0x%016" PRIx64, f->address);
	else
		fputs("unknown", out);
	if (f->module)
		fprintf(out, " [%s]", f->module);
	else if (f->function)
		fputs(" (kernel)", out);
	if (f->source)
		fprintf(out, " at %s:%u", f->source->file, f->source->line);
}

/* The callers an inlined function was inlined into, innermost first. */
static void print_inlined(FILE *out, const struct lg_frame *f)
{
	const struct lg_source *s = f->source;

	for (size_t i = 0; s && i < s->ninlined; i++)
		fprintf(out, "               inlined into %s at %s:%u\n",
			or_unknown(s->inlined[i].function),
			or_unknown(s->inlined[i].file), s->inlined[i].line);
}

static void print_what(FILE *out, const struct lg_event *ev)
{
	fprintf(out, "=== %s%s\n", ev->fatal ? "FATAL: " : "",
		or_unknown(ev->title));
	fprintf(out, "  What:      %s: %s.\n", ev->cls == LG_CLASS_NONE ?
		"unknown" : lg_class_name(ev->cls), class_meaning(ev->cls));
	fprintf(out, "             %s\n", ev->fatal ?
		"The kernel did not survive: the machine crashed or rebooted." :
		"The kernel survived this event and kept running.");
	if (ev->panic_message)
		fprintf(out, "  Panic:     %s\n", ev->panic_message);
}

static void print_where(FILE *out, const struct lg_event *ev)
{
	size_t shown = 0;

	if (ev->has_rip) {
		fputs("  Where:     ", out);
		print_frame(out, &ev->rip);
		fputs(ev->rip_user ? "  (in user space)\n" : "\n", out);
		print_inlined(out, &ev->rip);
	}
	if (ev->has_cr2)
		fprintf(out, "  Address:   0x%016" PRIx64 " (the memory access that faulted)\n",
			ev->cr2);
	if (ev->guilty_frame)
		fprintf(out, "  Guilty:    %s (first function of the call trace that is not a generic helper)\n",
			ev->guilty_frame);
	if (ev->culprit_module)
		fprintf(out, "  Culprit:   module %s, which is out-of-tree, unsigned or proprietary\n",
			ev->culprit_module);
	if (ev->workqueue)
		fprintf(out, "  Workqueue: %s\n", ev->workqueue);
	if (!ev->ntrace)
		return;
	fputs("  Call trace (innermost first; '?' = unreliable):\n", out);
	for (size_t i = 0; i < ev->ntrace && shown < 24; i++, shown++) {
		fprintf(out, "             %s", ev->trace[i].reliable ? "" : "? ");
		if (ev->trace[i].context)
			fprintf(out, "<%s> ", ev->trace[i].context);
		print_frame(out, &ev->trace[i]);
		fputc('\n', out);
		print_inlined(out, &ev->trace[i]);
	}
	if (ev->ntrace > shown)
		fprintf(out, "             ... %zu more frames\n", ev->ntrace - shown);
}

static void print_taint(FILE *out, const struct lg_event *ev)
{
	if (!ev->taint) {
		fputs("  Taint:     none known\n", out);
		return;
	}
	fprintf(out, "  Taint:     %s\n", ev->taint);
	for (const char *p = ev->taint; *p; p++)
		for (size_t i = 0; i < sizeof(taints) / sizeof(taints[0]); i++)
			if (taints[i].letter == *p)
				fprintf(out, "             %c = %s\n", *p,
					taints[i].meaning);
	if (ev->ntainting) {
		fputs("  Tainting modules:", out);
		for (size_t i = 0; i < ev->ntainting; i++)
			fprintf(out, " %s", ev->tainting_modules[i]);
		fputc('\n', out);
	}
}

static void print_when_on(FILE *out, const struct lg_event *ev)
{
	fprintf(out, "  When:      %s", or_unknown(ev->time));
	if (ev->uptime >= 0)
		fprintf(out, " (%.0f s after boot)", ev->uptime);
	fputc('\n', out);
	fprintf(out, "  Kernel:    %s\n", or_unknown(ev->kernel_release));
	fprintf(out, "  Hardware:  %s\n", or_unknown(ev->hardware));
	if (ev->cpu >= 0 || ev->pid >= 0 || ev->comm) {
		fputs("  Task:     ", out);
		if (ev->comm)
			fprintf(out, " %s", ev->comm);
		if (ev->pid >= 0)
			fprintf(out, " (pid %d)", ev->pid);
		if (ev->cpu >= 0)
			fprintf(out, " on CPU %d", ev->cpu);
		fputc('\n', out);
	}
	print_taint(out, ev);
}

static void print_details(FILE *out, const struct lg_event *ev)
{
	const struct lg_oom *o = &ev->oom;

	if (o->present) {
		if (o->victim_comm)
			fprintf(out, "  OOM:       killed %s (pid %d, %" PRIu64 " kB",
				o->victim_comm, o->victim_pid, o->victim_rss_kb);
		if (o->victim_comm && o->victim_ram_share >= 0)
			fprintf(out, ", %.0f%% of RAM", 100 * o->victim_ram_share);
		if (o->victim_comm)
			fputs(")\n", out);
		if (o->invoker)
			fprintf(out, "  OOM:       triggered by %s (pid %d)\n",
				o->invoker, o->invoker_pid);
		if (o->mem_total_kb)
			fprintf(out, "  Memory:    %" PRIu64 " kB total, %" PRIu64
				" kB free, swap %" PRIu64 " kB\n", o->mem_total_kb,
				o->mem_free_kb, o->swap_total_kb);
	}
	if (ev->stall.present) {
		fputs("  Stall:    ", out);
		if (ev->stall.cpu >= 0)
			fprintf(out, " CPU %d", ev->stall.cpu);
		if (ev->stall.task)
			fprintf(out, " task %s (pid %d)", ev->stall.task,
				ev->stall.pid);
		if (ev->stall.seconds >= 0)
			fprintf(out, " stuck for %.0f s", ev->stall.seconds);
		fputc('\n', out);
	}
}

/*
 * Rule texts are paragraphs: wrap them at 78 columns under @label, with
 * continuation lines indented to line up after it.
 */
static void print_wrapped(FILE *out, const char *label, const char *text)
{
	const size_t width = 78, indent = 13 + strlen(label);
	size_t col = indent;

	fprintf(out, "%13s%s", "", label);
	while (*text) {
		size_t word = strcspn(text, " \n");

		if (col > indent && col + 1 + word > width) {
			fprintf(out, "\n%*s", (int)indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', out);
			col++;
		}
		fwrite(text, 1, word, out);
		col += word;
		text += word;
		text += strspn(text, " \n");
	}
	fputc('\n', out);
}

static void print_causes(FILE *out, const struct lg_event *ev)
{
	if (!ev->ncauses) {
		fputs("  Cause:     no known cause matched. Keep this report and the full\n"
		      "             kernel log; search the title above or ask your vendor.\n",
		      out);
		return;
	}
	for (size_t i = 0; i < ev->ncauses; i++) {
		const struct lg_cause *c = &ev->causes[i];

		fprintf(out, "  %s %s (%.0f%% sure) [%s]\n",
			i ? "Or maybe:" : "Cause:    ", or_unknown(c->title),
			100 * c->confidence, or_unknown(c->id));
		if (c->explanation)
			print_wrapped(out, "Why: ", c->explanation);
		if (c->remedy)
			print_wrapped(out, "Do:  ", c->remedy);
		for (size_t j = 0; j < c->nevidence; j++) {
			if (c->evidence[j].lineno)
				fprintf(out, "             Evidence (line %zu): %s\n",
					c->evidence[j].lineno, c->evidence[j].line);
			else
				fprintf(out, "             Evidence: %s\n",
					c->evidence[j].line);
		}
	}
}

void lg_print_event_text(FILE *out, const struct lg_event *ev)
{
	print_what(out, ev);
	print_where(out, ev);
	print_when_on(out, ev);
	print_details(out, ev);
	print_causes(out, ev);
	if (ev->log_unavailable)
		fprintf(out, "  Log:       %s\n", LG_NO_LOG_SENTENCE);
	if (ev->source && ev->seq) {
		fprintf(out, "  Record:    #%" PRIu64 "%s", ev->seq,
			ev->previous_boot ? " (from a previous boot)" : "");
		if (ev->capture_ns >= 0)
			fprintf(out, ", captured in %.3f ms", ev->capture_ns / 1e6);
		fputc('\n', out);
	}
	fputc('\n', out);
}
