// SPDX-License-Identifier: GPL-2.0
/*
 * One debug file opened with elfutils' libdwfl: its build id, function
 * symbols, line table and inline scopes.  Files are reported "offline"
 * (as on disk), so a .ko's sections get addresses of libdwfl's choosing:
 * everything here works from symbol + offset, never from a runtime address.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include "debuginfo.h"
#include "parse.h"
#include "text_safe.h"

/* Inline depth kept per frame: real chains are a few deep. */
#define MAX_INLINE 32

struct lg_dbgfile {
	Dwfl *dwfl;
	Dwfl_Module *mod;
	bool verified;		/* its build id matched the record's */
};

/* The file given is the whole truth: never look for a separate one. */
static int no_separate_debuginfo(Dwfl_Module *mod, void **userdata,
				 const char *modname, Dwarf_Addr base,
				 const char *file, const char *debuglink,
				 GElf_Word crc, char **debuginfo_file_name)
{
	(void)mod, (void)userdata, (void)modname, (void)base, (void)file;
	(void)debuglink, (void)crc, (void)debuginfo_file_name;
	return -1;
}

static char *no_debuginfo_path;

static const Dwfl_Callbacks offline_callbacks = {
	.find_elf = dwfl_build_id_find_elf,
	.find_debuginfo = no_separate_debuginfo,
	.section_address = dwfl_offline_section_address,
	.debuginfo_path = &no_debuginfo_path,
};

static void hex(const unsigned char *b, int n, char *out)
{
	for (int i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", b[i]);
	out[2 * n] = '\0';
}

/* NULL when @f may serve for @build_id, else why not. */
static const char *check_build_id(struct lg_dbgfile *f, const char *build_id,
				  char *whybuf, size_t whylen)
{
	const unsigned char *bits;
	GElf_Addr vaddr;
	char mine[2 * 64 + 1];
	int n;

	if (!build_id)
		return NULL;
	n = dwfl_module_build_id(f->mod, &bits, &vaddr);
	if (n <= 0)
		return "it has no build id to check against the crashed kernel's";
	if (n > 64)
		return "its build id is malformed";
	hex(bits, n, mine);
	if (strcasecmp(mine, build_id)) {
		snprintf(whybuf, whylen,
			 "it is of another build (build id %s, the crashed one was %s)",
			 mine, build_id);
		return whybuf;
	}
	f->verified = true;
	return NULL;
}

struct lg_dbgfile *lg_dbgfile_open(const char *path, const char *build_id,
				   const char **why, char *whybuf,
				   size_t whylen)
{
	struct lg_dbgfile *f = calloc(1, sizeof(*f));
	Dwarf_Addr bias;

	*why = "out of memory";
	if (!f)
		return NULL;
	f->dwfl = dwfl_begin(&offline_callbacks);
	if (!f->dwfl)
		goto fail;
	f->mod = dwfl_report_offline(f->dwfl, "debuginfo", path, -1);
	if (!f->mod || dwfl_report_end(f->dwfl, NULL, NULL)) {
		snprintf(whybuf, whylen, "it cannot be read: %s",
			 dwfl_errmsg(-1));
		*why = whybuf;
		goto fail;
	}
	*why = check_build_id(f, build_id, whybuf, whylen);
	if (*why)
		goto fail;
	if (!dwfl_module_getdwarf(f->mod, &bias)) {
		*why = "it has no DWARF debug info (stripped)";
		goto fail;
	}
	return f;
fail:
	lg_dbgfile_close(f);
	return NULL;
}

void lg_dbgfile_close(struct lg_dbgfile *f)
{
	if (!f)
		return;
	if (f->dwfl)
		dwfl_end(f->dwfl);
	free(f);
}

struct sym {
	GElf_Addr addr;
	uint64_t size;
	GElf_Word shndx;
	int matches;
	bool size_mismatch;
};

static bool is_code(const GElf_Sym *s, GElf_Word shndx)
{
	int t = GELF_ST_TYPE(s->st_info);

	return shndx != SHN_UNDEF && shndx != SHN_ABS &&
	       (t == STT_FUNC || t == STT_NOTYPE);
}

/*
 * The size kallsyms prints: the distance to the next symbol of the same
 * section, as the kernel measures it.  0 when there is none.
 */
static uint64_t kallsyms_size(Dwfl_Module *mod, int nsyms, const struct sym *s)
{
	uint64_t best = 0;

	for (int i = 1; i < nsyms; i++) {
		GElf_Sym sym;
		GElf_Addr addr;
		GElf_Word shndx;
		const char *name = dwfl_module_getsym_info(mod, i, &sym, &addr,
							   &shndx, NULL, NULL);

		if (!name || !*name || shndx != s->shndx || addr <= s->addr ||
		    !strncmp(name, ".L", 2))
			continue;
		if (!best || addr - s->addr < best)
			best = addr - s->addr;
	}
	return best;
}

/*
 * Without a verified build id, the size the kernel printed must be the
 * symbol's own size or its distance to the next symbol (kallsyms' view).
 */
static bool size_fits(Dwfl_Module *mod, int nsyms, const struct sym *s,
		      uint64_t size)
{
	uint64_t next;

	if (!size || size == s->size)
		return true;
	next = kallsyms_size(mod, nsyms, s);
	return next ? size == next : size >= s->size;
}

/* Frames carry demangled C++ and Rust names (lg_symbol_name); the symbol
 * table keeps the mangled ones. */
static bool same_symbol(const char *name, const char *function)
{
	char *plain;
	bool same;

	if (!strcmp(name, function))
		return true;
	if (name[0] != '_' || (name[1] != 'Z' && name[1] != 'R'))
		return false;
	plain = lg_symbol_name(name, strlen(name));
	same = !strcmp(plain, function);
	free(plain);
	return same;
}

static void find_symbol(struct lg_dbgfile *f, const char *function,
			uint64_t size, struct sym *out)
{
	int nsyms = dwfl_module_getsymtab(f->mod);

	memset(out, 0, sizeof(*out));
	for (int i = 1; i < nsyms; i++) {
		GElf_Sym sym;
		GElf_Addr addr;
		GElf_Word shndx;
		const char *name = dwfl_module_getsym_info(f->mod, i, &sym,
							   &addr, &shndx,
							   NULL, NULL);
		struct sym s = { addr, sym.st_size, shndx, 0, false };

		if (!name || !same_symbol(name, function) || !is_code(&sym, shndx))
			continue;
		if (!f->verified && !size_fits(f->mod, nsyms, &s, size)) {
			out->size_mismatch = true;
			out->size = sym.st_size;
			continue;
		}
		if (out->matches && out->addr == addr)
			continue;	/* an alias at the same place */
		s.matches = out->matches + 1;
		s.size_mismatch = out->size_mismatch;
		*out = s;
	}
}

static char *relative(const char *file, const char *comp_dir)
{
	size_t n = comp_dir ? strlen(comp_dir) : 0;
	char *s;

	if (!file)
		return NULL;
	if (n && !strncmp(file, comp_dir, n) && file[n] == '/')
		file += n + 1;
	while (!strncmp(file, "./", 2))
		file += 2;
	s = strdup(file);
	if (s)
		lg_field_safe(&s, LG_FIELD_MAX);
	return s;
}

static const char *die_name(Dwarf_Die *die)
{
	Dwarf_Attribute at;

	return dwarf_formstring(dwarf_attr_integrate(die, DW_AT_name, &at));
}

static bool is_function(Dwarf_Die *die)
{
	int tag = dwarf_tag(die);

	return tag == DW_TAG_subprogram || tag == DW_TAG_inlined_subroutine;
}

/* The innermost function scope of @scopes, or NULL. */
static Dwarf_Die *innermost_function(Dwarf_Die *scopes, int n)
{
	for (int i = 0; i < n; i++)
		if (is_function(&scopes[i]))
			return &scopes[i];
	return NULL;
}

/*
 * One site: @callee (an inlined instance) sits in the next function that
 * physically contains it, at its call file:line; that caller goes to
 * @next.  Returns whether it is itself inlined (the chain goes on).
 */
static bool add_site(struct lg_source *src, Dwarf_Die *callee,
		     Dwarf_Files *files, const char *comp_dir, Dwarf_Die *next)
{
	struct lg_inline_site *site = &src->inlined[src->ninlined];
	Dwarf_Die *chain = NULL, *caller = NULL;
	Dwarf_Attribute at;
	Dwarf_Word file = 0, line = 0;
	const char *path = NULL, *name = NULL;
	int n = dwarf_getscopes_die(callee, &chain);
	bool more = false;

	if (n > 1)
		caller = innermost_function(chain + 1, n - 1);
	dwarf_formudata(dwarf_attr(callee, DW_AT_call_file, &at), &file);
	dwarf_formudata(dwarf_attr(callee, DW_AT_call_line, &at), &line);
	if (caller) {
		name = die_name(caller);
		more = dwarf_tag(caller) == DW_TAG_inlined_subroutine;
		*next = *caller;	/* @next may be @callee: read it first */
	}
	if (files)
		path = dwarf_filesrc(files, file, NULL, NULL);
	site->function = name ? strdup(name) : NULL;
	site->file = relative(path, comp_dir);
	site->line = (unsigned int)line;
	src->ninlined++;
	if (site->function)
		lg_field_safe(&site->function, LG_FIELD_MAX);
	free(chain);
	return more;
}

static void add_inlined(Dwfl_Module *mod, Dwarf_Addr addr,
			struct lg_source *src)
{
	Dwarf_Addr bias;
	Dwarf_Die *cu = dwfl_module_addrdie(mod, addr, &bias);
	Dwarf_Die *scopes = NULL, *fn, cur;
	Dwarf_Files *files = NULL;
	Dwarf_Attribute at;
	const char *comp_dir;
	size_t nfiles;
	int n;

	if (!cu)
		return;
	n = dwarf_getscopes(cu, addr - bias, &scopes);
	fn = n > 0 ? innermost_function(scopes, n) : NULL;
	if (!fn || dwarf_tag(fn) != DW_TAG_inlined_subroutine) {
		free(scopes);
		return;
	}
	cur = *fn;
	free(scopes);
	comp_dir = dwarf_formstring(dwarf_attr(cu, DW_AT_comp_dir, &at));
	if (dwarf_getsrcfiles(cu, &files, &nfiles))
		files = NULL;
	src->inlined = calloc(MAX_INLINE, sizeof(*src->inlined));
	while (src->inlined && src->ninlined < MAX_INLINE &&
	       add_site(src, &cur, files, comp_dir, &cur))
		;
}

static struct lg_source *source_at(Dwfl_Module *mod, Dwarf_Addr addr)
{
	Dwfl_Line *l = dwfl_module_getsrc(mod, addr);
	struct lg_source *src;
	const char *file;
	int line = 0;

	if (!l)
		return NULL;
	file = dwfl_lineinfo(l, NULL, &line, NULL, NULL, NULL);
	if (!file || line <= 0)
		return NULL;
	src = calloc(1, sizeof(*src));
	if (!src)
		return NULL;
	src->file = relative(file, dwfl_line_comp_dir(l));
	src->line = (unsigned int)line;
	add_inlined(mod, addr, src);
	if (!src->file) {
		lg_source_free(src);
		return NULL;
	}
	return src;
}

enum lg_lookup lg_dbgfile_lookup(struct lg_dbgfile *f, const char *function,
				 uint64_t offset, uint64_t size,
				 bool return_address, struct lg_source **out,
				 uint64_t *symsize)
{
	struct sym s;
	Dwarf_Addr addr;

	*out = NULL;
	find_symbol(f, function, size, &s);
	*symsize = s.size;
	if (s.matches != 1)
		return s.size_mismatch && !s.matches ?
		       LG_LOOKUP_SIZE_MISMATCH : LG_LOOKUP_NO_SYMBOL;
	/* A return address may sit just past a call at the very end. */
	if (s.size && (offset > s.size || (!return_address && offset == s.size)))
		return f->verified ? LG_LOOKUP_NO_LINE : LG_LOOKUP_SIZE_MISMATCH;
	addr = s.addr + offset - (return_address && offset ? 1 : 0);
	*out = source_at(f->mod, addr);
	return *out ? LG_LOOKUP_OK : LG_LOOKUP_NO_LINE;
}
