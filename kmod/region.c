// SPDX-License-Identifier: GPL-2.0
/*
 * Which physical range may hold the store, and claiming it.  The module
 * zeroes the range when its header is not valid, so a wrong address would
 * destroy whatever lives there: firmware tables, another driver's buffer,
 * live kernel memory.  Only two kinds of range are accepted:
 *
 *  - memmap=SIZE$ADDR: a range that a memmap=...$... entry of this boot's
 *    command line reserves (whole), that the kernel does not treat as
 *    System RAM, that no firmware table or persistent memory overlaps in
 *    /proc/iomem and, where the kernel lets modules read the firmware's
 *    own map (e820 as the firmware gave it), that the firmware called
 *    usable RAM.  It is claimed with request_mem_region(), so it shows as
 *    "lastgasp" in /proc/iomem and ramoops or pmem cannot take it too.
 *    The command line is the test that holds on every kernel: a firmware
 *    "Reserved" range and a memmap= one look the same in /proc/iomem, and
 *    7.x exports the firmware map's lookup to KVM only.
 *  - reserve_mem=SIZE:ALIGN:lastgasp: memblock set it aside under our
 *    name.  It stays inside System RAM, which is busy in /proc/iomem, so
 *    it cannot be requested; the name is the claim.
 *
 * Sizes are never rounded up: a region smaller than LG_REGION_MIN is
 * refused, as the memory behind it belongs to someone else.
 */
#include "lastgasp.h"

#include <asm/e820/api.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/slab.h>

/* What /proc/iomem calls what is not ours, by resource descriptor. */
static const struct {
	unsigned long desc;
	const char *name;
} lg_owners[] = {
	{ IORES_DESC_ACPI_TABLES, "ACPI Tables" },
	{ IORES_DESC_ACPI_NV_STORAGE, "ACPI Non-volatile Storage" },
	{ IORES_DESC_PERSISTENT_MEMORY, "Persistent Memory" },
	/* memmap=SIZE!ADDR: the pmem driver would take it */
	{ IORES_DESC_PERSISTENT_MEMORY_LEGACY, "Persistent Memory (legacy)" },
	{ IORES_DESC_SOFT_RESERVED, "Soft Reserved" },
};

/* The owner of anything in [addr, addr + size) that rules it out, or NULL. */
static const char *lg_iomem_owner(phys_addr_t addr, size_t size)
{
	int i;

	if (region_intersects(addr, size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT)
		return "System RAM";
	for (i = 0; i < ARRAY_SIZE(lg_owners); i++)
		if (region_intersects(addr, size, IORESOURCE_MEM,
				      lg_owners[i].desc) != REGION_DISJOINT)
			return lg_owners[i].name;
	return NULL;
}

#ifdef LG_HAVE_E820_RAW_EXPORT
/*
 * NULL when the whole range is usable RAM in the firmware's own map, else
 * what the firmware made of it.
 */
static const char *lg_firmware_owner(phys_addr_t addr, size_t size)
{
	phys_addr_t p;

	if (e820__mapped_raw_any(addr, addr + size, E820_TYPE_RESERVED))
		return "Reserved";
	for (p = addr; p < addr + size; p += PAGE_SIZE)
		if (!e820__mapped_raw_any(p, p + PAGE_SIZE, E820_TYPE_RAM))
			return "not usable RAM in the firmware's map";
	return NULL;
}
#else
static const char *lg_firmware_owner(phys_addr_t addr, size_t size)
{
	return NULL;
}
#endif

#define LG_CMDLINE_FILE	"/proc/cmdline"
#define LG_CMDLINE_MAX	4096

/* Does one memmap=SIZE$START entry of @opt (a comma list) hold the range? */
static bool lg_memmap_opt_holds(char *opt, phys_addr_t addr, size_t size)
{
	char *item, *p;
	u64 n, start;

	while ((item = strsep(&opt, ","))) {
		n = memparse(item, &p);
		if (*p != '$')
			continue;
		start = memparse(p + 1, &p);
		if (*p)
			continue;
		if (n && addr >= start && size <= n && addr - start <= n - size)
			return true;
	}
	return false;
}

/*
 * Whether this boot's command line reserves the whole range with
 * memmap=SIZE$START (read in insmod's process context, like the boot id).
 */
static bool lg_cmdline_reserves(phys_addr_t addr, size_t size)
{
	char *buf, *rest, *tok;
	struct file *f;
	loff_t pos = 0;
	bool found = false;
	ssize_t n;

	buf = kzalloc(LG_CMDLINE_MAX + 1, GFP_KERNEL);
	if (!buf)
		return false;
	f = filp_open(LG_CMDLINE_FILE, O_RDONLY, 0);
	if (IS_ERR(f)) {
		kfree(buf);
		return false;
	}
	n = kernel_read(f, buf, LG_CMDLINE_MAX, &pos);
	filp_close(f, NULL);
	rest = buf;
	while (n > 0 && !found && (tok = strsep(&rest, "\n ")))
		if (!strncmp(tok, "memmap=", 7))
			found = lg_memmap_opt_holds(tok + 7, addr, size);
	kfree(buf);
	return found;
}

/* Refuse [addr, addr + size): what it is, and who owns it in /proc/iomem. */
static int lg_refuse(phys_addr_t addr, size_t size, const char *why,
		     const char *owner)
{
	u64 end = addr + size - 1;

	pr_err("refusing %llx-%llx : %s: %s\n", (u64)addr, end, owner, why);
	pr_err("reserve RAM for it with memmap=%zu$%pa (or reserve_mem=SIZE:ALIGN:%s)\n",
	       size, &addr, LG_RESERVE_MEM_NAME);
	return -EINVAL;
}

static int lg_memmap_check(phys_addr_t addr, size_t size)
{
	const char *owner = lg_iomem_owner(addr, size);

	if (owner)
		return lg_refuse(addr, size, "not reserved for lastgasp", owner);
	owner = lg_firmware_owner(addr, size);
	if (owner)
		return lg_refuse(addr, size,
				 "not usable RAM in the firmware's memory map", owner);
	if (!lg_cmdline_reserves(addr, size))
		return lg_refuse(addr, size,
				 "no memmap=SIZE$ADDR of this boot's command line reserves it",
				 "Reserved");
	if (!request_mem_region(addr, size, LG_RESERVE_MEM_NAME))
		return lg_refuse(addr, size, "part of it is claimed already",
				 "another driver (see /proc/iomem)");
	return 0;
}

/* The mapped region, or an ERR_PTR after a message saying why not. */
void *lg_region_map(phys_addr_t addr, size_t size, u32 backend)
{
	void *base;
	int err;

	if (!PAGE_ALIGNED(addr) || !PAGE_ALIGNED(size) || size < LG_REGION_MIN) {
		pr_err("refusing %pa+%zx: the region must be page aligned, size at least %u (it is never grown)\n",
		       &addr, size, LG_REGION_MIN);
		return ERR_PTR(-EINVAL);
	}
	if (backend == LASTGASP_BACKEND_MEMMAP) {
		err = lg_memmap_check(addr, size);
		if (err)
			return ERR_PTR(err);
	}
	base = memremap(addr, size, MEMREMAP_WB);
	if (!base) {
		pr_err("cannot map %pa+%zx\n", &addr, size);
		if (backend == LASTGASP_BACKEND_MEMMAP)
			release_mem_region(addr, size);
		return ERR_PTR(-ENOMEM);
	}
	return base;
}

void lg_region_unmap(void *base, phys_addr_t addr, size_t size, u32 backend)
{
	memunmap(base);
	if (backend == LASTGASP_BACKEND_MEMMAP)
		release_mem_region(addr, size);
}
