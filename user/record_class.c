// SPDX-License-Identifier: GPL-2.0
/*
 * What a module record is: the class its kind, die string and panic reason
 * imply, the log lines the kernel printed for it (rebuilt from the record's
 * fields, so rules and the classifier see the same text as for `analyze`),
 * and the module to blame.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "classify.h"
#include "record_int.h"

static enum lg_class class_from_panic(const struct lg_record *r)
{
	uint32_t reason = r->tb[LASTGASP_R_PANIC_REASON] ?
			  nla_get_u32(r->tb[LASTGASP_R_PANIC_REASON]) :
			  LASTGASP_PANIC_UNKNOWN;

	return lg_panic_reason_class(reason, lg_record_str(r, LASTGASP_R_MESSAGE));
}

enum lg_class lg_record_base_class(const struct lg_record *r)
{
	const char *msg = lg_record_str(r, LASTGASP_R_MESSAGE);

	switch (r->kind) {
	case LASTGASP_KIND_DIE:
		/*
		 * BUG() and BUG_ON() are ud2 in kernel text: a kernel-mode
		 * "invalid opcode" is a BUG whether or not the "kernel BUG at"
		 * line survived in the log tail.
		 */
		if (msg && strstr(msg, "invalid opcode") &&
		    !(r->flags & LASTGASP_RF_USER_MODE))
			return LG_CLASS_BUG;
		return LG_CLASS_OOPS;
	case LASTGASP_KIND_PANIC: return class_from_panic(r);
	case LASTGASP_KIND_OOM: return LG_CLASS_OOM;
	case LASTGASP_KIND_OOM_VICTIM: return LG_CLASS_OOM;
	case LASTGASP_KIND_WARN: return LG_CLASS_WARNING;
	case LASTGASP_KIND_SOFT_LOCKUP: return LG_CLASS_SOFT_LOCKUP;
	case LASTGASP_KIND_HUNG_TASK: return LG_CLASS_HUNG_TASK;
	case LASTGASP_KIND_RCU_STALL: return LG_CLASS_RCU_STALL;
	default: return LG_CLASS_NONE;
	}
}

/* The header line the kernel printed for this kind of record. */
static int synth_header(const struct lg_record *r, struct lg_event *ev)
{
	const char *msg = lg_record_str(r, LASTGASP_R_MESSAGE);
	const char *comm = ev->comm ? ev->comm : "?";
	uint64_t err = r->tb[LASTGASP_R_ERROR_CODE] ?
		       nla_get_u64(r->tb[LASTGASP_R_ERROR_CODE]) : 0;

	switch (r->kind) {
	case LASTGASP_KIND_DIE:
		if (!msg)
			return 0;
		/* __die_header(): "%s: %04lx [#%d]" */
		return lg_record_add_line(ev, 0, "%s: %04" PRIx64 " [#1]", msg,
					  err & 0xffff);
	case LASTGASP_KIND_PANIC:
		return lg_record_add_line(ev, 0, "Kernel panic - not syncing: %s",
					  msg ? msg : "");
	case LASTGASP_KIND_OOM:
		return lg_record_add_line(ev, 0, "%s invoked oom-killer", comm);
	case LASTGASP_KIND_OOM_VICTIM:
		if (!ev->oom.victim_pid)
			break;
		return lg_record_add_line(ev, 0,
					  "Out of memory: Killed process %d (%s)",
					  ev->oom.victim_pid,
					  ev->oom.victim_comm ?
					  ev->oom.victim_comm : "?");
	default:
		break;
	}
	if (msg && *msg)
		return lg_record_add_line(ev, 0, "%s", msg);
	switch (r->kind) {
	case LASTGASP_KIND_SOFT_LOCKUP:
		return lg_record_add_line(ev, 0,
			"watchdog: BUG: soft lockup - CPU#%d stuck! [%s:%d]",
			ev->cpu, comm, ev->pid);
	case LASTGASP_KIND_HUNG_TASK:
		return lg_record_add_line(ev, 0, "INFO: task %s:%d blocked",
					  comm, ev->pid);
	case LASTGASP_KIND_RCU_STALL:
		return lg_record_add_line(ev, 0,
			"rcu: INFO: rcu_sched detected stalls on CPUs/tasks:");
	default:
		return 0;
	}
}

static int synth_frame(struct lg_event *ev, const char *prefix,
		       const struct lg_frame *f, bool unreliable)
{
	const char *q = unreliable ? "? " : "";

	if (f->function && f->module)
		return lg_record_add_line(ev, 0, "%s%s%s+0x%" PRIx64 "/0x%" PRIx64
					  " [%s]", prefix, q, f->function,
					  f->offset, f->size, f->module);
	if (f->function)
		return lg_record_add_line(ev, 0, "%s%s%s+0x%" PRIx64 "/0x%" PRIx64,
					  prefix, q, f->function, f->offset,
					  f->size);
	return lg_record_add_line(ev, 0, "%s%s0x%016" PRIx64, prefix, q,
				  f->address);
}

static int synth_modules(struct lg_event *ev)
{
	size_t len = sizeof("Modules linked in:");
	char *buf, *p;
	int err;

	for (size_t i = 0; i < ev->nmodules; i++)
		len += strlen(ev->modules[i].name) +
		       strlen(ev->modules[i].taint) + 3;
	buf = malloc(len);
	if (!buf)
		return -ENOMEM;
	p = stpcpy(buf, "Modules linked in:");
	for (size_t i = 0; i < ev->nmodules; i++) {
		const struct lg_module *m = &ev->modules[i];

		p += *m->taint ? sprintf(p, " %s(%s)", m->name, m->taint) :
				 sprintf(p, " %s", m->name);
	}
	err = lg_record_add_line(ev, 0, "%s", buf);
	free(buf);
	return err;
}

/*
 * A panic_on_warn panic recorded without a log tail (kernels before 5.13
 * keep none): the WARNING line the kernel printed before panicking, in
 * __warn()'s form without a source file, so the title names the warning
 * as it would from the log.  Only the record's RIP is known: the WARN site.
 */
static int synth_warn_header(const struct lg_record *r, struct lg_event *ev)
{
	char prefix[64];

	if (r->kind != LASTGASP_KIND_PANIC || r->tb[LASTGASP_R_LOG] ||
	    class_from_panic(r) != LG_CLASS_WARNING || !ev->has_rip ||
	    !ev->rip.function || ev->rip_user)
		return 0;
	snprintf(prefix, sizeof(prefix), "WARNING: CPU: %d PID: %d at ",
		 ev->cpu, ev->pid);
	return synth_frame(ev, prefix, &ev->rip, false);
}

int lg_record_synth_lines(const struct lg_record *r, struct lg_event *ev)
{
	const char *uts = lg_record_str(r, LASTGASP_R_UTS_VERSION);
	int err = synth_warn_header(r, ev);

	if (!err)
		err = synth_header(r, ev);

	if (!err && (ev->cpu >= 0 || ev->pid >= 0))
		err = lg_record_add_line(ev, 0, "CPU: %d PID: %d Comm: %s %s%s %s %s",
			ev->cpu, ev->pid, ev->comm ? ev->comm : "?",
			ev->taint ? "Tainted: " : "Not tainted",
			ev->taint ? ev->taint : "",
			ev->kernel_release ? ev->kernel_release : "",
			uts ? uts : "");
	if (!err && ev->hardware)
		err = lg_record_add_line(ev, 0, "Hardware name: %s", ev->hardware);
	if (!err && ev->has_rip)
		err = synth_frame(ev, ev->rip_user ? "RIP: 0033:" : "RIP: 0010:",
				  &ev->rip, false);
	if (!err && ev->has_cr2)
		err = lg_record_add_line(ev, 0, "CR2: %016" PRIx64, ev->cr2);
	if (!err && ev->ntrace)
		err = lg_record_add_line(ev, 0, "Call Trace:");
	for (size_t i = 0; !err && i < ev->ntrace; i++)
		err = synth_frame(ev, " ", &ev->trace[i], !ev->trace[i].reliable);
	if (!err && ev->nmodules)
		err = synth_modules(ev);
	return err;
}

static bool is_generic_class(enum lg_class cls)
{
	return cls == LG_CLASS_NONE || cls == LG_CLASS_OOPS ||
	       cls == LG_CLASS_PANIC;
}

/*
 * A kernel-mode "invalid opcode" is BUG()'s ud2 (lg_record_base_class);
 * without the "kernel BUG at" line of a log tail (kernels before 5.13)
 * the die header alone titles it "invalid opcode in FUNC".  Name it as
 * the kernel's own line would have: "kernel BUG in FUNC".
 */
static void bug_title(enum lg_class base, struct lg_event *ev)
{
	static const char trap[] = "invalid opcode in ";
	char *t;

	if (base != LG_CLASS_BUG || ev->cls != LG_CLASS_BUG || !ev->title ||
	    strncmp(ev->title, trap, sizeof(trap) - 1))
		return;
	if (asprintf(&t, "kernel BUG in %s", ev->title + sizeof(trap) - 1) < 0)
		return;
	free(ev->title);
	ev->title = t;
}

void lg_record_classify(const struct lg_record *r, struct lg_event *ev)
{
	enum lg_class base = lg_record_base_class(r);
	bool fatal = (r->flags & LASTGASP_RF_FATAL) ||
		     r->kind == LASTGASP_KIND_PANIC;
	const char *msg = lg_record_str(r, LASTGASP_R_MESSAGE);

	/*
	 * The log tail (lg_record_merge_log) may already have named a more
	 * precise class (list_corruption for a BUG in list_debug.c,
	 * memcg_oom for an OOM victim); a specific class from the record
	 * fills in only when the log had none or a generic one.
	 */
	if (is_generic_class(ev->cls) && !is_generic_class(base))
		ev->cls = base;
	ev->fatal = fatal;
	lg_classify_event(ev);
	if (ev->cls == LG_CLASS_NONE)
		ev->cls = base;
	/* Only the record knows whether the kernel survived. */
	ev->fatal = fatal;
	bug_title(base, ev);
	if (!ev->title && (msg || base != LG_CLASS_NONE)) {
		if (asprintf(&ev->title, "%s%s%s", lg_class_name(ev->cls),
			     msg ? ": " : "", msg ? msg : "") < 0)
			ev->title = NULL;
	}
}

static const struct lg_module *find_module(const struct lg_event *ev,
					   const char *name)
{
	for (size_t i = 0; name && i < ev->nmodules; i++)
		if (strcmp(ev->modules[i].name, name) == 0)
			return &ev->modules[i];
	return NULL;
}

/* Out-of-tree (O), unsigned (E) or proprietary (P): the usual suspects. */
static bool is_suspect(const struct lg_module *m)
{
	return m && strpbrk(m->taint, "OEP");
}

void lg_record_find_culprit(struct lg_event *ev)
{
	const char *cand = NULL;

	if (ev->culprit_module)
		return;
	if (ev->has_rip && is_suspect(find_module(ev, ev->rip.module)))
		cand = ev->rip.module;
	for (size_t i = 0; !cand && ev->guilty_frame && i < ev->ntrace; i++)
		if (ev->trace[i].function &&
		    strcmp(ev->trace[i].function, ev->guilty_frame) == 0 &&
		    is_suspect(find_module(ev, ev->trace[i].module)))
			cand = ev->trace[i].module;
	if (cand)
		ev->culprit_module = strdup(cand);
}
