// SPDX-License-Identifier: GPL-2.0
/*
 * lastgasp_slowload.ko: TEST ONLY.  A module that stays in the middle of
 * loading for a while: its parameter setter sleeps, so for delay_ms the
 * module is on the kernel's module list in state COMING with no sysfs
 * object yet, exactly like a module udev loads in parallel at boot.
 *
 *   insmod lastgasp_slowload.ko delay_ms=4000 &
 *   insmod lastgasp.ko          # sees the module half loaded
 *   rmmod lastgasp_slowload     # once it has finished loading
 */
#include <linux/delay.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

static unsigned int lgs_delay_ms;

static int lgs_set_delay(const char *val, const struct kernel_param *kp)
{
	int err = param_set_uint(val, kp);

	if (err)
		return err;
	pr_info("lastgasp_slowload: loading for %u ms\n", lgs_delay_ms);
	msleep(min(lgs_delay_ms, 60000U));
	return 0;
}

static const struct kernel_param_ops lgs_delay_ops = {
	.set = lgs_set_delay,
	.get = param_get_uint,
};

module_param_cb(delay_ms, &lgs_delay_ops, &lgs_delay_ms, 0400);
MODULE_PARM_DESC(delay_ms, "Milliseconds spent in the parameter setter, i.e. loading");

static int __init lgs_init(void)
{
	pr_info("lastgasp_slowload: loaded\n");
	return 0;
}

static void __exit lgs_exit(void)
{
}

module_init(lgs_init);
module_exit(lgs_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("TEST ONLY: a module that takes its time to load");
