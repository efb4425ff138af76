// SPDX-License-Identifier: GPL-2.0
/*
 * The module checks a stored record against kmod/policy.c before export,
 * the reporter checks it again against lg_record_policy (user/record.c).
 * Both must accept the same attributes with the same types and the sizes
 * the UAPI header defines.  The oracle is the source: the UAPI enum names
 * the attributes, kmod/policy.c is read as text (it cannot be compiled
 * here), and each size macro it uses is followed through kmod/lastgasp.h or
 * kmod/format.h to the LASTGASP_* size it must be.
 */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kselftest_harness.h"
#include "record.h"

#define MAXNAME 64

/* The UAPI's sizes, by name: what a kmod macro must resolve to. */
static const struct {
	const char *name;
	unsigned int value;
} uapi_sizes[] = {
	{ "LASTGASP_BOOT_ID_LEN", LASTGASP_BOOT_ID_LEN },
	{ "LASTGASP_NAME_MAX", LASTGASP_NAME_MAX },
	{ "LASTGASP_HARDWARE_MAX", LASTGASP_HARDWARE_MAX },
	{ "LASTGASP_MESSAGE_MAX", LASTGASP_MESSAGE_MAX },
	{ "LASTGASP_SYMBOL_MAX", LASTGASP_SYMBOL_MAX },
	{ "LASTGASP_LOG_MAX", LASTGASP_LOG_MAX },
	{ "LASTGASP_BUILD_ID_MAX", LASTGASP_BUILD_ID_MAX },
};

static char *slurp(const char *rel)
{
	char path[512];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", LG_TOPDIR, rel);
	f = fopen(path, "r");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, n + 1);
	if (buf && fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* Attribute names in enum order, from the UAPI header's text. */
static int uapi_attr_names(char names[][MAXNAME], int max)
{
	char *h = slurp("include/uapi/linux/lastgasp.h"), *p, *end;
	int n = 0;

	if (!h)
		return -1;
	p = strstr(h, "enum lastgasp_record_attr {");
	end = p ? strstr(p, "__LASTGASP_R_MAX") : NULL;
	while (p && end && (p = strstr(p, "LASTGASP_R_")) && p < end && n < max) {
		size_t len = strspn(p + 11, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789");

		snprintf(names[n++], MAXNAME, "%.*s", (int)len, p + 11);
		p += 11 + len;
	}
	free(h);
	return n;
}

/* The UAPI size a kmod macro (LG_NAME_MAX) is defined as, or -1. */
static long kmod_size(const char *macro)
{
	static const char *const headers[] = { "kmod/lastgasp.h", "kmod/format.h" };
	char pat[128], alias[MAXNAME];
	long v = -1;

	snprintf(pat, sizeof(pat), "\n#define %s", macro);
	for (size_t i = 0; i < 2 && v < 0; i++) {
		char *h = slurp(headers[i]), *p = h ? strstr(h, pat) : NULL;

		if (p && sscanf(p + strlen(pat), " %63[A-Z_]", alias) == 1)
			for (size_t j = 0; j < sizeof(uapi_sizes) / sizeof(uapi_sizes[0]); j++)
				if (!strcmp(alias, uapi_sizes[j].name))
					v = uapi_sizes[j].value;
		free(h);
	}
	return v;
}

/* kmod/policy.c's entry for attribute @name, as the reporter must see it. */
static int kmod_entry(const char *policy, const char *name, struct nla_policy *want)
{
	char key[MAXNAME + 32], macro[MAXNAME];
	const char *p, *eol;
	char spec[256];

	memset(want, 0, sizeof(*want));
	snprintf(key, sizeof(key), "[LASTGASP_R_%s]", name);
	p = strstr(policy, key);
	if (!p)
		return 0;
	p = strchr(p, '=');
	eol = p ? strchr(p, '\n') : NULL;
	if (!eol)
		return -1;
	snprintf(spec, sizeof(spec), "%.*s", (int)(eol - p - 1), p + 1);
	if (sscanf(spec, " LG_STR(%63[A-Z_])", macro) == 1) {
		want->type = NLA_STRING;
		want->maxlen = kmod_size(macro) + 1;
	} else if (sscanf(spec, " NLA_POLICY_EXACT_LEN(%63[A-Z_])", macro) == 1) {
		want->type = NLA_UNSPEC;
		want->minlen = want->maxlen = kmod_size(macro);
	} else if (sscanf(spec, " { .type = NLA_BINARY, .len = %63[A-Z_]", macro) == 1) {
		want->type = NLA_UNSPEC;
		want->maxlen = kmod_size(macro);
	} else if (strstr(spec, "NLA_POLICY_NESTED(")) {
		want->type = NLA_NESTED;
	} else if (strstr(spec, "NLA_U64")) {
		want->type = NLA_U64;
	} else if (strstr(spec, "NLA_U32")) {
		want->type = NLA_U32;
	} else {
		return -1;
	}
	return 1;
}

TEST(reporter_policy_is_the_modules)
{
	static char names[128][MAXNAME];
	int n = uapi_attr_names(names, 128);
	char *kmod = slurp("kmod/policy.c");
	char *table = kmod ? strstr(kmod, "lg_record_policy[LASTGASP_R_MAX + 1] = {") : NULL;
	char *end = table ? strstr(table, "\n};") : NULL;
	int checked = 0;

	ASSERT_EQ(LASTGASP_R_MAX + 1, n) TH_LOG("attributes in the UAPI enum");
	ASSERT_NE(NULL, end) TH_LOG("lg_record_policy in kmod/policy.c");
	end[1] = '\0';	/* keep the last entry's newline */
	for (int t = 0; t < n; t++) {
		const struct nla_policy *got = &lg_record_policy[t];
		struct nla_policy want;
		int r = kmod_entry(table, names[t], &want);

		ASSERT_LE(0, r) TH_LOG("kmod/policy.c: LASTGASP_R_%s: unknown form", names[t]);
		if (!r) {
			EXPECT_EQ(0, got->type + got->minlen + got->maxlen)
				TH_LOG("LASTGASP_R_%s: only the reporter has a policy", names[t]);
			continue;
		}
		checked++;
		EXPECT_EQ(want.type, got->type) TH_LOG("LASTGASP_R_%s: type", names[t]);
		EXPECT_EQ(want.minlen, got->minlen) TH_LOG("LASTGASP_R_%s: minlen", names[t]);
		EXPECT_EQ(want.maxlen, got->maxlen) TH_LOG("LASTGASP_R_%s: maxlen", names[t]);
	}
	/* Every attribute but UNSPEC and PAD has a policy in the module. */
	EXPECT_EQ(n - 2, checked);
	free(kmod);
}

TEST_HARNESS_MAIN
