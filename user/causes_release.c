// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel releases in the order their distributions give them.
 *
 * A release is UPSTREAM[-REL][.ARCH]: "3.10.0-1160.80.1.el7.x86_64",
 * "5.4.0-122-generic", "4.19.91-19.1.al7", "6.1.0-56-amd64", "6.8.0".
 * Both halves are compared segment by segment the way rpm compares
 * versions (runs of digits numerically, runs of letters as strings, a
 * number newer than letters, the longer string newer when all else is
 * equal), which is also right for Debian/Ubuntu ABI numbers once their
 * flavour ("-generic", "-amd64") is cut off.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "causes.h"
#include "causes_int.h"

static const char *const arch_suffixes[] = {
	".x86_64", ".aarch64", ".i686", ".i386", ".ppc64le", ".ppc64",
	".s390x", ".noarch", ".armv7hl",
};

static const char *const ubuntu_flavours[] = {
	"generic", "lowlatency", "aws", "azure", "gcp", "gke", "oracle", "kvm",
	"oem", "ibm", "raspi", "nvidia", "virtual", "server",
};

static const char *const debian_flavours[] = {
	"amd64", "arm64", "686", "686-pae", "cloud-amd64", "cloud-arm64",
	"rt-amd64", "rt-arm64", "armmp", "armmp-lpae", "powerpc64le", "s390x",
};

static const char *const families[] = {
	"el6", "el7", "el8", "el9", "el10", "al7", "al8", "ubuntu", "debian",
	"upstream",
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static bool in_list(const char *s, size_t len, const char *const *l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(l[i]) == len && strncmp(s, l[i], len) == 0)
			return true;
	return false;
}

/* Length of @r without a trailing architecture suffix. */
static size_t strip_arch(const char *r)
{
	size_t len = strlen(r);

	for (size_t i = 0; i < ARRAY_LEN(arch_suffixes); i++) {
		size_t sl = strlen(arch_suffixes[i]);

		if (len > sl && strcmp(r + len - sl, arch_suffixes[i]) == 0)
			return len - sl;
	}
	return len;
}

/* rpm's segment comparison on two counted strings. */
static int segcmp(const char *a, size_t alen, const char *b, size_t blen)
{
	const char *ae = a + alen, *be = b + blen;

	for (;;) {
		while (a < ae && !isalnum((unsigned char)*a))
			a++;
		while (b < be && !isalnum((unsigned char)*b))
			b++;
		if (a >= ae || b >= be)
			break;
		bool num = isdigit((unsigned char)*a);

		if (num != !!isdigit((unsigned char)*b))
			return num ? 1 : -1;
		const char *as = a, *bs = b;

		if (num) {
			while (as < ae && *as == '0')
				as++;
			while (bs < be && *bs == '0')
				bs++;
			a = as;
			b = bs;
			while (a < ae && isdigit((unsigned char)*a))
				a++;
			while (b < be && isdigit((unsigned char)*b))
				b++;
			if (a - as != b - bs)
				return a - as > b - bs ? 1 : -1;
		} else {
			while (a < ae && isalpha((unsigned char)*a))
				a++;
			while (b < be && isalpha((unsigned char)*b))
				b++;
		}
		size_t al = a - as, bl = b - bs;
		int c = memcmp(as, bs, al < bl ? al : bl);

		if (c)
			return c > 0 ? 1 : -1;
		if (al != bl)
			return al > bl ? 1 : -1;
	}
	if (a >= ae && b >= be)
		return 0;
	return a < ae ? 1 : -1;
}

struct rel_parts {
	const char *up, *rel;
	size_t uplen, rellen;
	bool pre;		/* "-rc1": before the plain version */
	const char *flavour;	/* Debian/Ubuntu flavour, not compared */
	size_t flavlen;
};

static void split(const char *r, struct rel_parts *p)
{
	size_t len = strip_arch(r);
	const char *dash = memchr(r, '-', len);

	memset(p, 0, sizeof(*p));
	p->up = r;
	p->uplen = dash ? (size_t)(dash - r) : len;
	if (dash) {
		p->rel = dash + 1;
		p->rellen = len - p->uplen - 1;
	}
	/* "4.18" is the release the kernel calls "4.18.0" */
	while (p->uplen > 2 && r[p->uplen - 2] == '.' && r[p->uplen - 1] == '0')
		p->uplen -= 2;
	if (!dash)
		return;
	if (p->rellen && isalpha((unsigned char)p->rel[0])) {
		/* No ABI number: a pre-release tag or a bare flavour. */
		p->pre = p->rellen > 2 && strncmp(p->rel, "rc", 2) == 0 &&
			 isdigit((unsigned char)p->rel[2]);
		if (!p->pre) {
			p->flavour = p->rel;
			p->flavlen = p->rellen;
			p->rellen = 0;
		}
		return;
	}
	const char *d2 = memchr(p->rel, '-', p->rellen);

	if (d2) {
		p->flavour = d2 + 1;
		p->flavlen = p->rel + p->rellen - p->flavour;
		p->rellen = d2 - p->rel;
	}
}

int lg_release_cmp(const char *a, const char *b)
{
	struct rel_parts pa, pb;
	int c;

	split(a, &pa);
	split(b, &pb);
	c = segcmp(pa.up, pa.uplen, pb.up, pb.uplen);
	if (c)
		return c;
	if (pa.pre != pb.pre)
		return pa.pre ? -1 : 1;
	return segcmp(pa.rel ? pa.rel : "", pa.rellen,
		      pb.rel ? pb.rel : "", pb.rellen);
}

void lg_release_family(const char *release, char *buf, size_t len)
{
	struct rel_parts p;
	const char *fam = "upstream";
	char tmp[16];

	split(release, &p);
	for (size_t i = 0; p.rel && i + 3 < p.rellen; i++) {
		const char *s = p.rel + i;
		size_t n = 0;

		if (s[0] != '.' || (s[1] != 'e' && s[1] != 'a') || s[2] != 'l' ||
		    !isdigit((unsigned char)s[3]))
			continue;
		tmp[n++] = s[1];
		tmp[n++] = 'l';
		for (size_t k = 3; i + k < p.rellen && n < 6 &&
		     isdigit((unsigned char)s[k]); k++)
			tmp[n++] = s[k];
		tmp[n] = '\0';
		fam = tmp;
		break;
	}
	if (fam == tmp) {
		/* found an rpm dist tag */
	} else if (p.flavour && in_list(p.flavour, p.flavlen, ubuntu_flavours,
					ARRAY_LEN(ubuntu_flavours))) {
		fam = "ubuntu";
	} else if ((p.flavour && in_list(p.flavour, p.flavlen, debian_flavours,
					 ARRAY_LEN(debian_flavours))) ||
		   memmem(p.up, p.uplen, "+deb", 4)) {
		fam = "debian";
	}
	snprintf(buf, len, "%s", fam);
}

bool lg_family_known(const char *family)
{
	return in_list(family, strlen(family), families, ARRAY_LEN(families));
}

bool lg_release_op_holds(const char *release, const struct release_bound *b)
{
	int c = lg_release_cmp(release, b->version);

	switch (b->op) {
	case REL_LT: return c < 0;
	case REL_LE: return c <= 0;
	case REL_EQ: return c == 0;
	case REL_GE: return c >= 0;
	case REL_GT: return c > 0;
	}
	return false;
}

static int parse_op(const char **s, enum release_op *op)
{
	const char *p = *s;

	if (p[0] == '<' && p[1] == '=')
		*op = REL_LE, p += 2;
	else if (p[0] == '>' && p[1] == '=')
		*op = REL_GE, p += 2;
	else if (p[0] == '=' && p[1] == '=')
		*op = REL_EQ, p += 2;
	else if (p[0] == '<')
		*op = REL_LT, p++;
	else if (p[0] == '>')
		*op = REL_GT, p++;
	else if (p[0] == '=')
		*op = REL_EQ, p++;
	else
		return -1;
	*s = p;
	return 0;
}

/* Does some release satisfy every bound?  Only checks lower vs upper. */
static bool range_empty(const struct release_bound *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			bool lo = b[i].op == REL_GE || b[i].op == REL_GT ||
				  b[i].op == REL_EQ;
			bool hi = b[j].op == REL_LE || b[j].op == REL_LT ||
				  b[j].op == REL_EQ;
			int c;

			if (i == j || !lo || !hi)
				continue;
			c = lg_release_cmp(b[i].version, b[j].version);
			if (c > 0 || (c == 0 && (b[i].op == REL_GT ||
						 b[j].op == REL_LT)))
				return true;
		}
	return false;
}

int lg_release_range_parse(const char *text, struct release_bound **out,
			   size_t *n, char *err, size_t errlen)
{
	struct release_bound *b = NULL;
	size_t nb = 0;
	const char *s = text;

	*out = NULL;
	*n = 0;
	while (*s) {
		enum release_op op;
		const char *v;
		size_t vl;

		while (isspace((unsigned char)*s) || *s == ',')
			s++;
		if (!*s)
			break;
		if (parse_op(&s, &op) < 0) {
			snprintf(err, errlen, "bad release range \"%s\": expected <, <=, =, >= or > before a version", text);
			goto fail;
		}
		while (isspace((unsigned char)*s))
			s++;
		v = s;
		while (*s && *s != ',' && !isspace((unsigned char)*s))
			s++;
		vl = s - v;
		if (!vl || !isdigit((unsigned char)*v)) {
			snprintf(err, errlen, "bad release range \"%s\": a version must start with a digit", text);
			goto fail;
		}
		struct release_bound *nbp = realloc(b, (nb + 1) * sizeof(*b));

		if (!nbp)
			goto oom;
		b = nbp;
		b[nb].op = op;
		b[nb].version = strndup(v, vl);
		if (!b[nb].version)
			goto oom;
		lg_release_family(b[nb].version, b[nb].family,
				  sizeof(b[nb].family));
		nb++;
	}
	if (!nb) {
		snprintf(err, errlen, "empty release range");
		goto fail;
	}
	for (size_t i = 1; i < nb; i++)
		if (strcmp(b[i].family, b[0].family) != 0) {
			snprintf(err, errlen, "bad release range \"%s\": mixes %s and %s releases",
				 text, b[0].family, b[i].family);
			goto fail;
		}
	if (range_empty(b, nb)) {
		snprintf(err, errlen, "bad release range \"%s\": no release can satisfy it", text);
		goto fail;
	}
	*out = b;
	*n = nb;
	return 0;
oom:
	snprintf(err, errlen, "out of memory");
fail:
	for (size_t i = 0; i < nb; i++)
		free(b[i].version);
	free(b);
	return -1;
}

bool lg_fixed_applies(const struct fixed_entry *f, const char *release)
{
	int c = lg_release_cmp(release, f->version);

	return f->after ? c > 0 : c >= 0;
}

const struct fixed_entry *lg_fixed_for(const struct cause_rule *r,
				       const char *release)
{
	char fam[16];
	const struct fixed_entry *any = NULL;

	if (!release || !*release)
		return NULL;
	lg_release_family(release, fam, sizeof(fam));
	for (size_t i = 0; i < r->nfixed; i++) {
		if (strcmp(r->fixed[i].family, fam) == 0)
			return &r->fixed[i];
		if (strcmp(r->fixed[i].family, "any") == 0)
			any = &r->fixed[i];
	}
	return any;
}
