// SPDX-License-Identifier: GPL-2.0
/*
 * The identity of this boot in every record: the kernel's own boot id,
 * /proc/sys/kernel/random/boot_id (also the journal's _BOOT_ID).  It is
 * read once at load, in the process context of insmod/modprobe, so the
 * records written before and after a reload of the module (a DKMS
 * upgrade) still belong to the same boot.  Its storage in random.c is not
 * exported: the sysctl file is the interface.  Where it cannot be read
 * (no procfs in the loader's mount namespace), a random id stands in and
 * the log says that a reload will look like a new boot.
 */
#include "lastgasp.h"

#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/random.h>
#include <linux/uuid.h>

#define LG_BOOT_ID_FILE	"/proc/sys/kernel/random/boot_id"

u8 lg_boot_id[LG_BOOT_ID_LEN];

static int lg_read_boot_id(uuid_t *id)
{
	char buf[UUID_STRING_LEN + 1] = {};
	struct file *f;
	loff_t pos = 0;
	ssize_t n;

	f = filp_open(LG_BOOT_ID_FILE, O_RDONLY, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_read(f, buf, UUID_STRING_LEN, &pos);
	filp_close(f, NULL);
	if (n != UUID_STRING_LEN)
		return n < 0 ? n : -EINVAL;
	return uuid_parse(buf, id);
}

void lg_boot_id_init(void)
{
	uuid_t id;
	int err;

	BUILD_BUG_ON(sizeof(id) != LG_BOOT_ID_LEN);
	err = lg_read_boot_id(&id);
	if (!err) {
		memcpy(lg_boot_id, &id, LG_BOOT_ID_LEN);
		return;
	}
	get_random_bytes(lg_boot_id, LG_BOOT_ID_LEN);
	pr_warn("cannot read %s (%d): records of this load will look like another boot's after a reload\n",
		LG_BOOT_ID_FILE, err);
}
