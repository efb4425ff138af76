// SPDX-License-Identifier: GPL-2.0
/*
 * lastgasp: record why the kernel died into RAM that survives a warm
 * reboot, and serve the records over generic netlink afterwards.
 */
#include "lastgasp.h"

#include <linux/init.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

/*
 * A physical address: a hardware parameter, so kernel lockdown refuses it
 * (it would let root point the module's writes at any RAM).  0400, as
 * ramoops does: the address is nobody else's business.
 */
static unsigned long mem_address;
module_param_hw(mem_address, ulong, other, 0400);
MODULE_PARM_DESC(mem_address,
		 "Physical address of the store, reserved with memmap=SIZE$ADDR (0: reserve_mem=SIZE:ALIGN:lastgasp if given, else a volatile buffer)");

static unsigned long mem_size = SZ_1M;
module_param(mem_size, ulong, 0400);
MODULE_PARM_DESC(mem_size, "Size of the store in bytes (default 1 MiB)");

unsigned int lg_log_bytes = 16 * 1024;
module_param_named(log_bytes, lg_log_bytes, uint, 0400);
MODULE_PARM_DESC(log_bytes, "Kernel log tail kept per record, bytes (default 16 KiB, max 32 KiB)");

static int __init lg_init(void)
{
	int err;

	lg_log_bytes = min_t(unsigned int, lg_log_bytes, LG_LOG_BYTES_MAX);
	err = lg_capture_init();
	if (err)
		return err;
	lg_modlist_init();	/* without it records just list no modules */
	err = lg_buildid_init();
	if (err)
		goto err_capture;
	lg_boot_id_init();
	err = lg_store_init(mem_address, mem_size);
	if (err)
		goto err_buildid;
	err = lg_netlink_init();
	if (err)
		goto err_store;
	lg_notify_init();
	/* Last: a crash from now on finds everything in place. */
	err = lg_hooks_init();
	if (err)
		goto err_notify;
	pr_info("store ready, hooks 0x%x\n", lg_hooks_armed());
	lg_selftest_init();	/* test builds only */
	return 0;

err_notify:
	lg_notify_exit();
	lg_netlink_exit();
err_store:
	lg_store_exit();
err_buildid:
	lg_buildid_exit();
err_capture:
	lg_capture_exit();
	return err;
}

static void __exit lg_exit(void)
{
	lg_selftest_exit();
	lg_hooks_exit();
	lg_notify_exit();
	lg_netlink_exit();
	lg_store_exit();
	lg_buildid_exit();
	lg_capture_exit();
}

module_init(lg_init);
module_exit(lg_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lastgasp developers");
MODULE_DESCRIPTION("Record why the kernel died in RAM that survives a reboot");
MODULE_VERSION(LG_VERSION);
