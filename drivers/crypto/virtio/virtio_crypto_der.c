/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#include <errno.h>
#include <string.h>

#include "virtio_crypto_der.h"

#define DER_INTEGER 0x02
#define DER_SEQUENCE 0x30

static struct vcrypto_bn
stripped(struct vcrypto_bn x)
{
	while (x.len > 0 && x.data[0] == 0) {
		x.data++;
		x.len--;
	}
	return x;
}

size_t
vcrypto_bn_bytes(struct vcrypto_bn x)
{
	return stripped(x).len;
}

size_t
vcrypto_der_len_size(size_t len)
{
	return len < 0x80 ? 1 : len < 0x100 ? 2 : 3;
}

uint8_t *
vcrypto_der_put_header(uint8_t *p, uint8_t tag, size_t len)
{
	*p++ = tag;
	if (len >= 0x100) {
		*p++ = 0x82;
		*p++ = (uint8_t)(len >> 8);
	} else if (len >= 0x80) {
		*p++ = 0x81;
	}
	*p++ = (uint8_t)len;
	return p;
}

/* INTEGER content of x (stripped): a zero byte ahead of a set top bit. */
static size_t
int_content(struct vcrypto_bn x)
{
	if (x.len == 0)
		return 1;
	return x.len + (x.data[0] & 0x80 ? 1 : 0);
}

static uint8_t *
put_int(uint8_t *p, struct vcrypto_bn x)
{
	size_t c = int_content(x);

	p = vcrypto_der_put_header(p, DER_INTEGER, c);
	if (c > x.len)
		*p++ = 0;
	if (x.len != 0)
		memcpy(p, x.data, x.len);
	return p + x.len;
}

int
vcrypto_der_int_sequence(const struct vcrypto_bn *ints, unsigned int nb,
			 uint8_t *out, size_t cap)
{
	size_t body = 0, total, c;
	uint8_t *p = out;
	unsigned int i;

	for (i = 0; i < nb; i++) {
		c = int_content(stripped(ints[i]));
		body += 1 + vcrypto_der_len_size(c) + c;
	}
	total = 1 + vcrypto_der_len_size(body) + body;
	if (body > 0xffff || total > cap)
		return -EINVAL;
	p = vcrypto_der_put_header(p, DER_SEQUENCE, body);
	for (i = 0; i < nb; i++)
		p = put_int(p, stripped(ints[i]));
	return (int)(p - out);
}

/*
 * One element at *p (end excluded) with tag: its content in [*c, *c +
 * *clen), *p moved past it. Lengths must be minimal.
 */
static bool
take(const uint8_t **p, const uint8_t *end, uint8_t tag,
     const uint8_t **c, size_t *clen)
{
	const uint8_t *q = *p;
	size_t len, avail;

	if (end - q < 2 || *q++ != tag)
		return false;
	len = *q++;
	if (len == 0x81) {
		if (end - q < 1 || *q < 0x80)
			return false;
		len = *q++;
	} else if (len == 0x82) {
		if (end - q < 2 || *q == 0)
			return false;
		len = ((size_t)q[0] << 8) | q[1];
		q += 2;
		if (len < 0x100)
			return false;
	} else if (len >= 0x80) {
		return false;
	}
	avail = (size_t)(end - q);
	if (len > avail)
		return false;
	*c = q;
	*clen = len;
	*p = q + len;
	return true;
}

/* A positive INTEGER in minimal form, without its sign byte. */
static bool
take_positive(const uint8_t **p, const uint8_t *end, struct vcrypto_bn *x)
{
	const uint8_t *c;
	size_t len;

	if (!take(p, end, DER_INTEGER, &c, &len) || len == 0 ||
	    (c[0] & 0x80) != 0)
		return false;
	if (c[0] == 0) {
		/* a zero byte only ahead of a set top bit */
		if (len == 1 || (c[1] & 0x80) == 0)
			return false;
		c++;
		len--;
	}
	*x = (struct vcrypto_bn){ c, len };
	return true;
}

bool
vcrypto_der_int_pair(const uint8_t *der, size_t len, struct vcrypto_bn *a,
		     struct vcrypto_bn *b)
{
	const uint8_t *p = der, *end = der + len, *c;
	size_t clen;

	if (!take(&p, end, DER_SEQUENCE, &c, &clen) || p != end)
		return false;
	p = c;
	end = c + clen;
	return take_positive(&p, end, a) && take_positive(&p, end, b) &&
		p == end;
}
