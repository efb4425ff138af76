/* SPDX-License-Identifier: GPL-2.0 */
#ifndef LG_NLTOOL_PRINT_H
#define LG_NLTOOL_PRINT_H

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

/* lg_msg_cb printing a status or record reply; data is a FILE *. */
int lg_print_msg(const struct nlmsghdr *nlh, void *data);

#endif
