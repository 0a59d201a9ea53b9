/*
 * Copyright (C) 2026 strongswan-encdns contributors
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.  See <http://www.fsf.org/copyleft/gpl.txt>.
 *
 * This program is distributed in the hope that it will be useful, but
 * WITHOUT ANY WARRANTY; without even the implied warranty of MERCHANTABILITY
 * or FITNESS FOR A PARTICULAR PURPOSE.  See the GNU General Public License
 * for more details.
 */

/*
 * libFuzzer harness for ENCDNS_IP4/ENCDNS_IP6 values (RFC 9464 3.1).
 * The first input octet picks the family (bit 0) and the CFG type
 * (bits 1-2), the rest is the attribute value. A value that parses must
 * build again, and the built value must parse into an equal resolver and
 * build into the same octets.
 */

#include "fuzz_common.h"

#include <encdns_attr.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	encdns_resolver_t *resolver, *again;
	encdns_error_t err = {};
	encdns_cfg_type_t cfg;
	chunk_t value, built, rebuilt;
	int family;

	if (len < 1)
	{
		return 0;
	}
	family = (data[0] & 0x01) ? AF_INET6 : AF_INET;
	cfg = ENCDNS_CFG_REQUEST + ((data[0] >> 1) & 0x03);
	value = chunk_create((u_char*)data + 1, len - 1);

	if (!encdns_ip_parse(family, cfg, value, &resolver, &err))
	{
		FUZZ_ASSERT(resolver == NULL);
		FUZZ_ASSERT(err.msg[0]);
		return 0;
	}
	FUZZ_ASSERT(!err.msg[0]);
	if (!resolver)
	{	/* only the empty value of a request or an ACK */
		FUZZ_ASSERT(value.len == 0 || cfg == ENCDNS_CFG_ACK);
		return 0;
	}
	FUZZ_ASSERT(cfg != ENCDNS_CFG_ACK);
	FUZZ_ASSERT(resolver->priority != 0);
	FUZZ_ASSERT(encdns_ip_build(resolver, family, cfg, &built, &err));
	FUZZ_ASSERT(built.len <= value.len);
	FUZZ_ASSERT(encdns_ip_parse(family, cfg, built, &again, &err));
	FUZZ_ASSERT(again);
	FUZZ_ASSERT(encdns_resolver_equals(resolver, again));
	FUZZ_ASSERT(encdns_ip_build(again, family, cfg, &rebuilt, &err));
	FUZZ_ASSERT(chunk_equals(built, rebuilt));

	chunk_free(&built);
	chunk_free(&rebuilt);
	encdns_resolver_destroy(resolver);
	encdns_resolver_destroy(again);
	return 0;
}
