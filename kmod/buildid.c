// SPDX-License-Identifier: GPL-2.0
/*
 * GNU build ids of the running kernel and of every loaded module, so that
 * the reporter can fetch the exact debug files (debuginfod, .build-id
 * trees) and refuse files of another build.
 *
 * Where a module can read them: vmlinux_build_id is not exported by any
 * supported kernel, mod->build_id exists only with
 * CONFIG_STACKTRACE_BUILD_ID (off in Debian), build_id_parse_buf() is not
 * exported.  The sysfs notes are everywhere (5.10 .. 7.x): /sys/kernel/notes
 * and /sys/module/NAME/notes/.note.gnu.build-id.  They are read in process
 * context only: at load time and from the module notifier when a module
 * goes live.  The crash path reads the table below without locks: each
 * slot carries a sequence count (odd while a writer changes it), so a torn
 * slot is skipped, never copied.
 */
#include "lastgasp.h"

#include <linux/elf.h>
#include <linux/fs.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/slab.h>

#define LG_NT_GNU_BUILD_ID	3	/* ELF gABI note type */
#define LG_NOTES_BYTES		4096	/* /sys/kernel/notes is a few hundred */
#define LG_NOTES_MAX		64	/* notes looked at in one file */
#define LG_BUILDID_SLOTS	512

struct lg_buildid_slot {
	const struct module *mod;	/* NULL: free */
	u32 seq;			/* odd while being written */
	u8 len;
	u8 id[LG_BUILD_ID_MAX];
};

static struct lg_buildid_slot lg_slots[LG_BUILDID_SLOTS];
static int lg_slots_used;		/* high-water mark: readers stop there */
static DEFINE_MUTEX(lg_buildid_lock);	/* writers only */
static u8 lg_kernel_id[LG_BUILD_ID_MAX];
static u8 lg_kernel_len;		/* set once, before hooks are armed */

/* The GNU build-id note of an ELF note stream, bounds-checked. */
static int lg_parse_notes(const u8 *p, size_t n, u8 *id, u8 *len)
{
	size_t off = 0, name, desc;
	struct elf64_note nh;
	int i;

	for (i = 0; i < LG_NOTES_MAX && n - off >= sizeof(nh); i++) {
		memcpy(&nh, p + off, sizeof(nh));
		off += sizeof(nh);
		name = ALIGN((size_t)nh.n_namesz, 4);
		desc = ALIGN((size_t)nh.n_descsz, 4);
		if (name > n - off || desc > n - off - name)
			break;
		if (nh.n_type == LG_NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
		    !memcmp(p + off, "GNU", 4) && nh.n_descsz &&
		    nh.n_descsz <= LG_BUILD_ID_MAX) {
			memcpy(id, p + off + name, nh.n_descsz);
			*len = nh.n_descsz;
			return 0;
		}
		off += name + desc;
	}
	return -ENOENT;
}

/* Process context: read a sysfs notes file and find the build id in it. */
static int lg_read_notes(const char *path, u8 *id, u8 *len)
{
	struct file *f;
	loff_t pos = 0;
	ssize_t n;
	u8 *buf;
	int err;

	buf = kmalloc(LG_NOTES_BYTES, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	f = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(f)) {
		kfree(buf);
		return PTR_ERR(f);
	}
	n = kernel_read(f, buf, LG_NOTES_BYTES, &pos);
	filp_close(f, NULL);
	err = n > 0 ? lg_parse_notes(buf, n, id, len) : -ENODATA;
	kfree(buf);
	return err;
}

static void lg_slot_write(struct lg_buildid_slot *s, const struct module *mod,
			  const u8 *id, u8 len)
{
	WRITE_ONCE(s->seq, s->seq + 1);
	smp_wmb();	/* odd count before the slot changes; pairs with the reader's */
	WRITE_ONCE(s->mod, mod);
	s->len = len;
	if (len)
		memcpy(s->id, id, len);
	smp_wmb();	/* the slot before the even count; pairs with the reader's */
	WRITE_ONCE(s->seq, s->seq + 1);
}

/* Under lg_buildid_lock: @mod's slot, else a free one, else NULL. */
static struct lg_buildid_slot *lg_slot_for(const struct module *mod)
{
	struct lg_buildid_slot *free = NULL;
	int i;

	for (i = 0; i < LG_BUILDID_SLOTS; i++) {
		if (lg_slots[i].mod == mod)
			return &lg_slots[i];
		if (!free && !lg_slots[i].mod)
			free = &lg_slots[i];
	}
	return free;
}

/* @replace: the notifier's fresh view wins over the load-time walk's. */
static void lg_buildid_add(const struct module *mod, const char *name,
			   bool replace)
{
	char path[LG_NAME_MAX + 48];
	struct lg_buildid_slot *s;
	u8 id[LG_BUILD_ID_MAX];
	u8 len = 0;

	snprintf(path, sizeof(path), "/sys/module/%s/notes/.note.gnu.build-id",
		 name);
	if (lg_read_notes(path, id, &len))
		return;
	mutex_lock(&lg_buildid_lock);
	s = lg_slot_for(mod);
	if (s && (replace || s->mod != mod)) {
		lg_slot_write(s, mod, id, len);
		if (s - lg_slots >= lg_slots_used)	/* slot written first */
			smp_store_release(&lg_slots_used, s - lg_slots + 1);
	}
	mutex_unlock(&lg_buildid_lock);
}

static void lg_buildid_remove(const struct module *mod)
{
	int i;

	mutex_lock(&lg_buildid_lock);
	for (i = 0; i < LG_BUILDID_SLOTS; i++)
		if (lg_slots[i].mod == mod)
			lg_slot_write(&lg_slots[i], NULL, NULL, 0);
	mutex_unlock(&lg_buildid_lock);
}

static int lg_buildid_notify(struct notifier_block *nb, unsigned long state,
			     void *data)
{
	struct module *mod = data;

	if (state == MODULE_STATE_LIVE)
		lg_buildid_add(mod, mod->name, true);
	else if (state == MODULE_STATE_GOING)
		lg_buildid_remove(mod);
	return NOTIFY_DONE;
}

static struct notifier_block lg_buildid_nb = {
	.notifier_call = lg_buildid_notify,
};

/* The modules loaded before us, copied under RCU, read after it. */
struct lg_known {
	const struct module *mod;
	char name[MODULE_NAME_LEN];
};

static void lg_buildid_note_module(const struct module *mod, void *arg)
{
	struct lg_known *k = arg;
	int i;

	for (i = 0; i < LG_BUILDID_SLOTS && k[i].mod; i++)
		;
	if (i == LG_BUILDID_SLOTS)
		return;
	k[i].mod = mod;
	strscpy(k[i].name, mod->name, sizeof(k[i].name));
}

int lg_buildid_init(void)
{
	struct lg_known *known;
	int i, err;

	if (lg_read_notes("/sys/kernel/notes", lg_kernel_id, &lg_kernel_len))
		pr_info("lastgasp: the kernel's build id is unknown (no /sys/kernel/notes)\n");
	err = register_module_notifier(&lg_buildid_nb);
	if (err)
		return err;
	known = kvcalloc(LG_BUILDID_SLOTS, sizeof(*known), GFP_KERNEL);
	if (!known)
		return 0;	/* records of older modules carry no build id */
	lg_modlist_each(lg_buildid_note_module, known);
	for (i = 0; i < LG_BUILDID_SLOTS && known[i].mod; i++)
		lg_buildid_add(known[i].mod, known[i].name, false);
	kvfree(known);
	return 0;
}

void lg_buildid_exit(void)
{
	unregister_module_notifier(&lg_buildid_nb);
}

notrace void lg_buildid_put_kernel(struct lg_tlv *w)
{
	if (lg_kernel_len && lg_kernel_len <= LG_BUILD_ID_MAX)
		lg_tlv_put(w, LASTGASP_R_KERNEL_BUILD_ID, lg_kernel_id,
			   lg_kernel_len);
}

NOKPROBE_SYMBOL(lg_buildid_put_kernel);

/* Crash path: a consistent copy of @mod's slot, or nothing. */
notrace void lg_buildid_put_module(struct lg_tlv *w, const struct module *mod)
{
	/* Pairs with the store in lg_buildid_add(): slots below are written. */
	int i, used = min(smp_load_acquire(&lg_slots_used), LG_BUILDID_SLOTS);
	const struct lg_buildid_slot *s;
	u8 id[LG_BUILD_ID_MAX];
	u32 seq;
	u8 len;

	for (i = 0; i < used; i++) {
		s = &lg_slots[i];
		seq = READ_ONCE(s->seq);
		if ((seq & 1) || READ_ONCE(s->mod) != mod)
			continue;
		smp_rmb();	/* count before contents: pairs with lg_slot_write() */
		len = READ_ONCE(s->len);
		if (!len || len > LG_BUILD_ID_MAX)
			continue;
		memcpy(id, s->id, len);
		smp_rmb();	/* contents before the count check: pairs likewise */
		if (READ_ONCE(s->seq) != seq)
			continue;
		lg_tlv_put(w, LASTGASP_M_BUILD_ID, id, len);
		return;
	}
}

NOKPROBE_SYMBOL(lg_buildid_put_module);
