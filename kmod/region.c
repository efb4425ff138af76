// SPDX-License-Identifier: GPL-2.0
/*
 * Which physical range may hold the store, and claiming it.  The module
 * zeroes the range when its header is not valid, so a wrong address would
 * destroy whatever lives there: firmware tables, another driver's buffer,
 * live kernel memory.  Only two kinds of range are accepted:
 *
 *  - memmap=SIZE$ADDR: RAM in the firmware's own map (e820 as the firmware
 *    gave it, /sys/firmware/memmap) that the kernel no longer treats as
 *    System RAM.  It is claimed with request_mem_region(), so it shows as
 *    "lastgasp" in /proc/iomem and ramoops or pmem cannot take it too.
 *  - reserve_mem=SIZE:ALIGN:lastgasp: memblock set it aside under our
 *    name.  It stays inside System RAM, which is busy in /proc/iomem, so
 *    it cannot be requested; the name is the claim.
 *
 * Sizes are never rounded up: a region smaller than LG_REGION_MIN is
 * refused, as the memory behind it belongs to someone else.
 */
#include "lastgasp.h"

#include <asm/e820/api.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/mm.h>

/* Every firmware type other than usable RAM, named as /proc/iomem names it. */
static const struct {
	enum e820_type type;
	const char *name;
} lg_not_ram[] = {
	{ E820_TYPE_RESERVED, "Reserved" },
	{ E820_TYPE_ACPI, "ACPI Tables" },
	{ E820_TYPE_NVS, "ACPI Non-volatile Storage" },
	{ E820_TYPE_UNUSABLE, "Unusable memory" },
	{ E820_TYPE_PMEM, "Persistent Memory" },
	{ E820_TYPE_PRAM, "Persistent Memory (legacy)" },
	{ E820_TYPE_SOFT_RESERVED, "Soft Reserved" },
};

/*
 * NULL when the whole range is usable RAM in the firmware's map, else
 * what the firmware made of it.
 */
static const char *lg_firmware_owner(phys_addr_t addr, size_t size)
{
	phys_addr_t p;
	int i;

	for (i = 0; i < ARRAY_SIZE(lg_not_ram); i++)
		if (e820__mapped_raw_any(addr, addr + size, lg_not_ram[i].type))
			return lg_not_ram[i].name;
	for (p = addr; p < addr + size; p += PAGE_SIZE)
		if (!e820__mapped_raw_any(p, p + PAGE_SIZE, E820_TYPE_RAM))
			return "a hole in the firmware's map";
	return NULL;
}

/* Refuse [addr, addr + size): what it is, and who owns it in /proc/iomem. */
static int lg_refuse(phys_addr_t addr, size_t size, const char *why,
		     const char *owner)
{
	u64 end = addr + size - 1;

	pr_err("lastgasp: refusing %llx-%llx : %s: %s\n", (u64)addr, end, owner, why);
	pr_err("lastgasp: reserve RAM for it with memmap=%zu$%pa (or reserve_mem=SIZE:ALIGN:%s)\n",
	       size, &addr, LG_RESERVE_MEM_NAME);
	return -EINVAL;
}

static int lg_memmap_check(phys_addr_t addr, size_t size)
{
	const char *owner = lg_firmware_owner(addr, size);

	if (owner)
		return lg_refuse(addr, size,
				 "not usable RAM in the firmware's memory map", owner);
	if (region_intersects(addr, size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT)
		return lg_refuse(addr, size, "not reserved for lastgasp", "System RAM");
	if (region_intersects(addr, size, IORESOURCE_MEM,
			      IORES_DESC_PERSISTENT_MEMORY_LEGACY) != REGION_DISJOINT)
		return lg_refuse(addr, size, "memmap=! hands it to the pmem driver",
				 "Persistent Memory (legacy)");
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
		pr_err("lastgasp: refusing %pa+%zx: the region must be page aligned, size at least %u (it is never grown)\n",
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
		pr_err("lastgasp: cannot map %pa+%zx\n", &addr, size);
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
