// SPDX-License-Identifier: GPL-2.0
/*
 * Module record -> struct lg_event.  The record's structured fields (RIP,
 * registers, call trace, modules) are exact, so they win; the kernel-log
 * tail the module saved is run through the same parser `analyze` uses and
 * fills what a record cannot hold (title, OOM and stall details, the real
 * log lines that rules quote as evidence).  The record is also rendered as
 * the lines the kernel printed for it, so the classifier and the cause
 * database see the same text whether or not a log tail survived.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "classify.h"
#include "parse.h"
#include "record.h"
#include "record_int.h"

static char *dup_or_null(const char *s)
{
	return s && *s ? strdup(s) : NULL;
}

static void set_time(struct lg_event *ev, uint64_t ns)
{
	time_t secs = (time_t)(ns / 1000000000ULL);
	char buf[40];
	struct tm tm;

	if (!gmtime_r(&secs, &tm) ||
	    !strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm))
		return;
	ev->time = strdup(buf);
}

static int fill_frame(struct lg_frame *f, const char *sym, bool has_addr,
		      uint64_t addr)
{
	f->has_address = has_addr;
	f->address = addr;
	/* A symbol the kernel could not resolve stays a bare address. */
	lg_frame_parse_symbol(sym, f);
	return 0;
}

/* The stack a frame lives on, as the kernel's trace marks it (<IRQ>). */
static char *frame_context(struct nlattr *a)
{
	switch (a ? nla_get_u32(a) : LASTGASP_CTX_TASK) {
	case LASTGASP_CTX_SOFTIRQ: return strdup("SOFTIRQ");
	case LASTGASP_CTX_IRQ: return strdup("IRQ");
	case LASTGASP_CTX_NMI: return strdup("NMI");
	case LASTGASP_CTX_EXCEPTION: return strdup("EXCEPTION");
	case LASTGASP_CTX_ENTRY: return strdup("ENTRY");
	default: return NULL;	/* task stack, or not known */
	}
}

static int fill_trace(const struct lg_record *r, struct lg_event *ev)
{
	struct nla_policy fpol[LASTGASP_F_MAX + 1] = {
		[LASTGASP_F_ADDR] = { .type = NLA_U64 },
		[LASTGASP_F_SYMBOL] = { .type = NLA_STRING },
		[LASTGASP_F_RELIABLE] = { .type = NLA_FLAG },
		[LASTGASP_F_CONTEXT] = { .type = NLA_U32 },
	};
	struct nlattr *stack = r->tb[LASTGASP_R_STACK], *pos;
	struct nlattr *tb[LASTGASP_F_MAX + 1];
	struct lg_frame *f;
	int rem, n = 0;

	if (!stack)
		return 0;
	nla_for_each_nested(pos, stack, rem)
		if (nla_type(pos) == LASTGASP_STACK_FRAME)
			n++;
	if (!n)
		return 0;
	ev->trace = calloc(n, sizeof(*ev->trace));
	if (!ev->trace)
		return -ENOMEM;
	nla_for_each_nested(pos, stack, rem) {
		if (nla_type(pos) != LASTGASP_STACK_FRAME ||
		    nla_parse_nested(tb, LASTGASP_F_MAX, pos, fpol) < 0)
			continue;
		if (!tb[LASTGASP_F_ADDR] && !tb[LASTGASP_F_SYMBOL])
			continue;
		f = &ev->trace[ev->ntrace++];
		fill_frame(f, tb[LASTGASP_F_SYMBOL] ?
			   nla_get_string(tb[LASTGASP_F_SYMBOL]) : NULL,
			   tb[LASTGASP_F_ADDR] != NULL,
			   tb[LASTGASP_F_ADDR] ?
			   nla_get_u64(tb[LASTGASP_F_ADDR]) : 0);
		f->reliable = tb[LASTGASP_F_RELIABLE] != NULL;
		f->context = frame_context(tb[LASTGASP_F_CONTEXT]);
	}
	return 0;
}

/* A GNU build id attribute as hex, NULL when absent or malformed. */
static char *build_id_hex(const struct nlattr *a)
{
	const unsigned char *p;
	int len;
	char *s;

	if (!a)
		return NULL;
	len = nla_len(a);
	if (len <= 0 || len > 64)
		return NULL;
	p = nla_data(a);
	s = malloc(2 * (size_t)len + 1);
	for (int i = 0; s && i < len; i++)
		sprintf(s + 2 * i, "%02x", p[i]);
	return s;
}

/* ev->build_ids gets @module's, when the record has one; -ENOMEM. */
static int add_build_id(struct lg_event *ev, const char *module,
			const struct nlattr *a)
{
	struct lg_build_id *b;
	char *hex = build_id_hex(a);

	if (!hex)
		return a && nla_len(a) > 0 && nla_len(a) <= 64 ? -ENOMEM : 0;
	b = realloc(ev->build_ids, (ev->nbuild_ids + 1) * sizeof(*b));
	if (!b) {
		free(hex);
		return -ENOMEM;
	}
	ev->build_ids = b;
	b[ev->nbuild_ids].module = strdup(module);
	b[ev->nbuild_ids].hex = hex;
	if (!b[ev->nbuild_ids].module) {
		free(hex);
		return -ENOMEM;
	}
	ev->nbuild_ids++;
	return 0;
}

static int fill_modules(const struct lg_record *r, struct lg_event *ev)
{
	struct nla_policy mpol[LASTGASP_M_MAX + 1] = {
		[LASTGASP_M_NAME] = { .type = NLA_STRING },
		[LASTGASP_M_TAINT] = { .type = NLA_STRING },
		[LASTGASP_M_BUILD_ID] = { .type = NLA_UNSPEC, .maxlen = LASTGASP_BUILD_ID_MAX },
	};
	struct nlattr *mods = r->tb[LASTGASP_R_MODULES], *pos;
	struct nlattr *tb[LASTGASP_M_MAX + 1];
	struct lg_module *m;
	const char *taint;
	int rem, n = 0;

	if (!mods)
		return 0;
	nla_for_each_nested(pos, mods, rem)
		n++;
	ev->modules = calloc(n ? n : 1, sizeof(*ev->modules));
	ev->tainting_modules = calloc(n ? n : 1, sizeof(char *));
	if (!ev->modules || !ev->tainting_modules)
		return -ENOMEM;
	nla_for_each_nested(pos, mods, rem) {
		if (nla_type(pos) != LASTGASP_MODULES_MODULE ||
		    nla_parse_nested(tb, LASTGASP_M_MAX, pos, mpol) < 0 ||
		    !tb[LASTGASP_M_NAME])
			continue;
		taint = tb[LASTGASP_M_TAINT] ?
			nla_get_string(tb[LASTGASP_M_TAINT]) : "";
		m = &ev->modules[ev->nmodules];
		m->name = strdup(nla_get_string(tb[LASTGASP_M_NAME]));
		m->taint = strdup(taint);
		if (!m->name || !m->taint) {
			free(m->name);
			free(m->taint);
			return -ENOMEM;
		}
		ev->nmodules++;
		if (add_build_id(ev, m->name, tb[LASTGASP_M_BUILD_ID]))
			return -ENOMEM;
		if (*taint) {
			ev->tainting_modules[ev->ntainting] = strdup(m->name);
			if (!ev->tainting_modules[ev->ntainting])
				return -ENOMEM;
			ev->ntainting++;
		}
	}
	return 0;
}

static uint64_t nested_u64(struct nlattr *nest, int type)
{
	struct nlattr *a = nest ? nla_find(nla_data(nest), nla_len(nest), type)
				: NULL;

	return a && nla_len(a) >= 8 ? nla_get_u64(a) : 0;
}

static int fill_oom(const struct lg_record *r, struct lg_event *ev)
{
	struct nla_policy tpol[LASTGASP_T_MAX + 1] = {
		[LASTGASP_T_PID] = { .type = NLA_U32 },
		[LASTGASP_T_COMM] = { .type = NLA_STRING },
		[LASTGASP_T_RSS_KB] = { .type = NLA_U64 },
		[LASTGASP_T_OOM_SCORE_ADJ] = { .type = NLA_U32 },
	};
	struct nlattr *mem = r->tb[LASTGASP_R_MEMINFO];
	struct nlattr *tasks = r->tb[LASTGASP_R_TASKS], *pos;
	struct nlattr *tb[LASTGASP_T_MAX + 1];
	struct lg_oom *o = &ev->oom;
	struct lg_task *t;
	int rem, n = 0;

	if (r->kind != LASTGASP_KIND_OOM && r->kind != LASTGASP_KIND_OOM_VICTIM &&
	    !mem && !tasks && !r->tb[LASTGASP_R_VICTIM_PID])
		return 0;
	o->present = true;
	o->mem_total_kb = nested_u64(mem, LASTGASP_MEM_TOTAL_KB);
	o->mem_free_kb = nested_u64(mem, LASTGASP_MEM_FREE_KB);
	o->mem_available_kb = nested_u64(mem, LASTGASP_MEM_AVAILABLE_KB);
	o->swap_total_kb = nested_u64(mem, LASTGASP_MEM_SWAP_TOTAL_KB);
	o->swap_free_kb = nested_u64(mem, LASTGASP_MEM_SWAP_FREE_KB);
	o->slab_unreclaimable_kb =
		nested_u64(mem, LASTGASP_MEM_SLAB_UNRECLAIMABLE_KB);
	if (r->kind == LASTGASP_KIND_OOM && ev->comm) {
		/* The OOM notifier runs in the allocating task. */
		o->invoker = strdup(ev->comm);
		o->invoker_pid = ev->pid;
	}
	if (r->tb[LASTGASP_R_VICTIM_PID])
		o->victim_pid = (int)nla_get_u32(r->tb[LASTGASP_R_VICTIM_PID]);
	o->victim_comm = dup_or_null(lg_record_str(r, LASTGASP_R_VICTIM_COMM));
	if (!tasks)
		return 0;
	nla_for_each_nested(pos, tasks, rem)
		n++;
	o->tasks = calloc(n ? n : 1, sizeof(*o->tasks));
	if (!o->tasks)
		return -ENOMEM;
	nla_for_each_nested(pos, tasks, rem) {
		if (nla_type(pos) != LASTGASP_TASKS_TASK ||
		    nla_parse_nested(tb, LASTGASP_T_MAX, pos, tpol) < 0)
			continue;
		t = &o->tasks[o->ntasks++];
		t->pid = tb[LASTGASP_T_PID] ?
			 (int)nla_get_u32(tb[LASTGASP_T_PID]) : 0;
		t->comm = dup_or_null(tb[LASTGASP_T_COMM] ?
				      nla_get_string(tb[LASTGASP_T_COMM]) :
				      NULL);
		t->rss_kb = tb[LASTGASP_T_RSS_KB] ?
			    nla_get_u64(tb[LASTGASP_T_RSS_KB]) : 0;
		t->oom_score_adj = tb[LASTGASP_T_OOM_SCORE_ADJ] ?
			(int32_t)nla_get_u32(tb[LASTGASP_T_OOM_SCORE_ADJ]) :
			INT32_MIN;
		if (o->victim_pid && t->pid == o->victim_pid)
			o->victim_rss_kb = t->rss_kb;
	}
	if (o->victim_rss_kb && o->mem_total_kb)
		o->victim_ram_share = (double)o->victim_rss_kb / o->mem_total_kb;
	return 0;
}

static int fill_basics(const struct lg_record *r, struct lg_event *ev)
{
	struct nlattr *regs = r->tb[LASTGASP_R_REGS];

	ev->seq = r->seq;
	ev->previous_boot = r->previous_boot;
	/* Unless a later kmsg dump record lent it one (record_lend.c). */
	ev->log_unavailable = (r->flags & LASTGASP_RF_NO_LOG_READER) &&
			      !r->tb[LASTGASP_R_LOG];
	ev->boot_id = r->boot_id[0] ? strdup(r->boot_id) : NULL;
	ev->source = strdup("record");
	if (r->tb[LASTGASP_R_TIME_NS])
		set_time(ev, nla_get_u64(r->tb[LASTGASP_R_TIME_NS]));
	if (r->tb[LASTGASP_R_UPTIME_NS])
		ev->uptime = nla_get_u64(r->tb[LASTGASP_R_UPTIME_NS]) / 1e9;
	ev->kernel_release = dup_or_null(lg_record_str(r, LASTGASP_R_RELEASE));
	ev->kernel_build_id = build_id_hex(r->tb[LASTGASP_R_KERNEL_BUILD_ID]);
	ev->hardware = dup_or_null(lg_record_str(r, LASTGASP_R_HARDWARE));
	if (r->tb[LASTGASP_R_CPU])
		ev->cpu = (int)nla_get_u32(r->tb[LASTGASP_R_CPU]);
	if (r->tb[LASTGASP_R_PID])
		ev->pid = (int)nla_get_u32(r->tb[LASTGASP_R_PID]);
	ev->comm = dup_or_null(lg_record_str(r, LASTGASP_R_COMM));
	ev->taint = dup_or_null(lg_record_str(r, LASTGASP_R_TAINT_LETTERS));
	if (r->kind == LASTGASP_KIND_PANIC)
		ev->panic_message = dup_or_null(lg_record_str(r, LASTGASP_R_MESSAGE));
	if (r->tb[LASTGASP_R_RIP] || r->tb[LASTGASP_R_RIP_SYMBOL]) {
		ev->has_rip = true;
		fill_frame(&ev->rip, lg_record_str(r, LASTGASP_R_RIP_SYMBOL),
			   r->tb[LASTGASP_R_RIP] != NULL,
			   r->tb[LASTGASP_R_RIP] ?
			   nla_get_u64(r->tb[LASTGASP_R_RIP]) : 0);
		ev->rip.reliable = true;
	}
	ev->rip_user = r->flags & LASTGASP_RF_USER_MODE;
	if (r->tb[LASTGASP_R_CAPTURE_NS])
		ev->capture_ns = (int64_t)nla_get_u64(r->tb[LASTGASP_R_CAPTURE_NS]);
	if (regs && nla_find(nla_data(regs), nla_len(regs), LASTGASP_REG_CR2) &&
	    r->tb[LASTGASP_R_TRAPNR] &&
	    nla_get_u32(r->tb[LASTGASP_R_TRAPNR]) == 14 /* X86_TRAP_PF */) {
		ev->has_cr2 = true;
		ev->cr2 = nested_u64(regs, LASTGASP_REG_CR2);
	}
	if (!ev->source)
		return -ENOMEM;
	return 0;
}

int lg_record_to_event(const struct lg_record *r, struct lg_event *ev)
{
	int err;

	err = fill_basics(r, ev);
	if (!err)
		err = fill_trace(r, ev);
	if (!err)
		err = fill_modules(r, ev);
	if (!err)
		err = fill_oom(r, ev);
	if (!err)
		err = lg_record_synth_lines(r, ev);
	if (!err)
		err = lg_record_merge_log(r, ev);
	if (err)
		return err;
	lg_record_classify(r, ev);
	lg_record_stall_guilty(ev);
	lg_oom_verdict(ev);
	lg_record_find_culprit(ev);
	lg_event_bound_fields(ev);
	return 0;
}
