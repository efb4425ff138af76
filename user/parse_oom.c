// SPDX-License-Identifier: GPL-2.0
/*
 * OOM reports: who allocated (invoked oom-killer), with which gfp mask and
 * order, under which constraint or memory cgroup, the Mem-Info totals, the
 * task table and the victim.  Page counts are converted with 4 KiB pages,
 * the page size of every platform whose OOM output prints "pages RAM"
 * without a unit that we have seen (x86, most arm64 distributions).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parse_int.h"
#include "slice_num.h"

#define PAGE_KB 4

static uint64_t num_after(const char *s, size_t len, const char *key)
{
	const char *p = lg_find(s, len, key);

	return p ? lg_slice_u64(p + strlen(key), s + len, 10) : 0;
}

/* A NUL-terminated copy of a field: lines are not NUL-terminated. */
static char *field(const char *s, size_t len, const char *key, const char *stop)
{
	const char *p = lg_find(s, len, key), *e = s + len, *q;

	if (!p)
		return NULL;
	p += strlen(key);
	for (q = p; q < e && !strchr(stop, *q); q++)
		;
	return q > p ? strndup(p, (size_t)(q - p)) : NULL;
}

static void set_field(char **dst, char *v)
{
	if (*dst || !v)
		free(v);
	else
		*dst = v;
}

/* "X invoked oom-killer: gfp_mask=0x...(...), order=0, oom_score_adj=0" */
static void invoked(struct lg_oom *o, const char *s, size_t len, const char *p)
{
	const char *g;

	if (!o->invoker)
		o->invoker = lg_strndup_trim(s, (size_t)(p - s));
	g = lg_find(s, len, "gfp_mask=");
	if (g && !o->gfp_mask) {
		const char *e = s + len, *q = g + 9;
		int depth = 0;

		for (; q < e && (depth || *q != ','); q++)
			depth += (*q == '(') - (*q == ')');
		o->gfp_mask = strndup(g + 9, (size_t)(q - g - 9));
	}
	if (lg_find(s, len, "order="))
		o->order = (int)num_after(s, len, "order=");
}

/* "Killed process 123 (comm) total-vm:..kB, anon-rss:..kB, file-rss:..kB, shmem-rss:..kB" */
static void victim(struct lg_oom *o, const char *s, size_t len, const char *p,
		   bool killed)
{
	const char *open, *close, *e = s + len;

	if (o->victim_pid && !killed)
		return;
	o->victim_pid = lg_slice_int(p, e);
	open = memchr(p, '(', (size_t)(e - p));
	close = open ? memchr(open, ')', (size_t)(e - open)) : NULL;
	if (close) {
		free(o->victim_comm);
		o->victim_comm = strndup(open + 1, (size_t)(close - open - 1));
	}
	if (killed && lg_find(s, len, "anon-rss:"))
		o->victim_rss_kb = num_after(s, len, "anon-rss:") +
				   num_after(s, len, "file-rss:") +
				   num_after(s, len, "shmem-rss:");
}

/* "[ pid ]   uid  tgid total_vm      rss ... oom_score_adj name" */
static bool task_header(struct lg_build *b, const char *s, size_t len)
{
	const char *p = memchr(s, ']', len), *e = s + len;
	int col = 0;

	b->task_rss_col = b->task_adj_col = -1;
	while (p && ++p < e) {
		const char *q;

		while (p < e && *p == ' ')
			p++;
		for (q = p; q < e && *q != ' '; q++)
			;
		if (q - p == 3 && !memcmp(p, "rss", 3))
			b->task_rss_col = col;
		else if (q - p == 13 && !memcmp(p, "oom_score_adj", 13))
			b->task_adj_col = col;
		col++;
		p = q - 1;
		if (q >= e)
			break;
	}
	return true;
}

static bool task_row(struct lg_build *b, const char *s, size_t len)
{
	struct lg_oom *o = &b->ev->oom;
	const char *p = s + 1, *e = s + len, *close = memchr(s, ']', len);
	const char *tok[16];
	size_t tlen[16], n = 0;
	struct lg_task *t;

	if (!close || b->task_rss_col < 0)
		return false;
	while (p < close && *p == ' ')
		p++;
	if (p == close || *p < '0' || *p > '9')
		return false;
	for (const char *q = close + 1; q < e && n < 16;) {
		while (q < e && *q == ' ')
			q++;
		if (q >= e)
			break;
		tok[n] = q;
		while (q < e && *q != ' ')
			q++;
		tlen[n] = (size_t)(q - tok[n]);
		n++;
	}
	if (n <= (size_t)b->task_rss_col || n < 2)
		return false;
	if (o->ntasks >= LG_MAX_TASKS) {
		b->truncated = true;
		return true;
	}
	if (o->ntasks == b->cap_tasks) {
		size_t ncap = b->cap_tasks ? b->cap_tasks * 2 : 32;
		void *np = realloc(o->tasks, ncap * sizeof(*o->tasks));

		if (!np)
			return true;
		o->tasks = np;
		b->cap_tasks = ncap;
	}
	t = &o->tasks[o->ntasks++];
	t->pid = lg_slice_int(p, close);
	t->rss_kb = lg_slice_u64(tok[b->task_rss_col], tok[b->task_rss_col] +
				  tlen[b->task_rss_col], 10) * PAGE_KB;
	t->oom_score_adj = b->task_adj_col >= 0 && (size_t)b->task_adj_col < n - 1 ?
			   lg_slice_int(tok[b->task_adj_col], tok[b->task_adj_col] +
					tlen[b->task_adj_col]) : INT32_MIN;
	t->comm = strndup(tok[n - 1], tlen[n - 1]);
	return true;
}

/* Mem-Info and show_mem() totals. */
static bool meminfo(struct lg_build *b, const char *s, size_t len)
{
	struct lg_oom *o = &b->ev->oom;
	const char *p;

	if (lg_find(s, len, "active_anon:") && lg_find(s, len, " free:") &&
	    !lg_starts(s, len, "Node ")) {
		o->mem_free_kb = num_after(s, len, " free:") * PAGE_KB;
		if (lg_find(s, len, "slab_unreclaimable:"))
			o->slab_unreclaimable_kb =
				num_after(s, len, "slab_unreclaimable:") * PAGE_KB;
		return true;
	}
	if (lg_starts(s, len, "slab_reclaimable:") || lg_starts(s, len, "active_file:") ||
	    lg_starts(s, len, "unevictable:") || lg_starts(s, len, "mapped:") ||
	    lg_starts(s, len, "free:")) {
		if (lg_find(s, len, "slab_unreclaimable:"))
			o->slab_unreclaimable_kb =
				num_after(s, len, "slab_unreclaimable:") * PAGE_KB;
		if (lg_starts(s, len, "free:"))
			o->mem_free_kb = num_after(s, len, "free:") * PAGE_KB;
		return true;
	}
	if (lg_starts(s, len, "Node ")) {
		if ((p = lg_find(s, len, " present:")) != NULL)
			b->present_kb += lg_slice_u64(p + 9, s + len, 10);
		return true;
	}
	if (lg_find(s, len, " pages RAM")) {
		b->ram_pages = lg_slice_u64(s, s + len, 10);
		return true;
	}
	if (lg_starts(s, len, "Free swap")) {
		o->swap_free_kb = num_after(s, len, "= ");
		return true;
	}
	if (lg_starts(s, len, "Total swap")) {
		o->swap_total_kb = num_after(s, len, "= ");
		return true;
	}
	return lg_starts(s, len, "Mem-Info:") || lg_starts(s, len, "lowmem_reserve") ||
	       lg_find(s, len, " pages reserved") || lg_find(s, len, "pagecache pages") ||
	       lg_find(s, len, "pages in swap cache") || lg_starts(s, len, "Swap cache") ||
	       lg_find(s, len, " pages HighMem") || lg_find(s, len, " pages cma") ||
	       lg_find(s, len, " pages hwpoisoned");
}

bool lg_oom_line(struct lg_build *b, const char *s, size_t len)
{
	struct lg_oom *o = &b->ev->oom;
	const char *p;

	if ((p = lg_find(s, len, " invoked oom-killer")) != NULL) {
		o->present = true;
		invoked(o, s, len, p);
		return true;
	}
	if (!o->present && !lg_find(s, len, "Out of memory") &&
	    !lg_find(s, len, "out of memory"))
		return false;
	o->present = true;
	if ((p = lg_find(s, len, "Killed process ")) != NULL) {
		victim(o, s, len, p + 15, true);
		return true;
	}
	if ((p = lg_find(s, len, "Kill process ")) != NULL) {
		victim(o, s, len, p + 13, false);
		return true;
	}
	if (lg_find(s, len, "panic_on_oom")) {
		o->panic_on_oom = true;
		return true;
	}
	if (lg_find(s, len, "no killable processes")) {
		o->no_killable = true;
		return true;
	}
	if (lg_starts(s, len, "oom-kill:")) {
		set_field(&o->constraint, field(s, len, "constraint=", ","));
		set_field(&o->memcg, field(s, len, "oom_memcg=", ","));
		return true;
	}
	if (lg_starts(s, len, "Task in ") && (p = lg_find(s, len, " limit of "))) {
		set_field(&o->memcg, lg_strndup_trim(p + 10, (size_t)(s + len - p - 10)));
		if (!o->constraint)
			o->constraint = strdup("CONSTRAINT_MEMCG");
		return true;
	}
	if (lg_starts(s, len, "[ ") && lg_find(s, len, "pid ]"))
		return task_header(b, s, len);
	if (len && s[0] == '[' && task_row(b, s, len))
		return true;
	if (meminfo(b, s, len))
		return true;
	return lg_starts(s, len, "memory: usage") || lg_starts(s, len, "swap: usage") ||
	       lg_starts(s, len, "memory+swap:") || lg_starts(s, len, "kmem: usage") ||
	       lg_starts(s, len, "Memory cgroup stats") || lg_starts(s, len, "oom_reaper:") ||
	       lg_find(s, len, "cpuset=") || lg_starts(s, len, "Tasks state");
}

void lg_oom_finish(struct lg_build *b)
{
	struct lg_oom *o = &b->ev->oom;

	if (!o->present)
		return;
	if (!o->mem_total_kb)
		o->mem_total_kb = b->ram_pages ? b->ram_pages * PAGE_KB : b->present_kb;
	if (o->invoker && b->ev->comm && !strcmp(o->invoker, b->ev->comm))
		o->invoker_pid = b->ev->pid;
	if (!o->victim_rss_kb && o->victim_pid)
		for (size_t i = 0; i < o->ntasks; i++)
			if (o->tasks[i].pid == o->victim_pid)
				o->victim_rss_kb = o->tasks[i].rss_kb;
	if (o->victim_rss_kb && o->mem_total_kb)
		o->victim_ram_share = (double)o->victim_rss_kb / (double)o->mem_total_kb;
	if (lg_find(o->constraint ? o->constraint : "", o->constraint ?
		    strlen(o->constraint) : 0, "MEMCG") && !o->memcg)
		o->memcg = NULL;
}
