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
 * libFuzzer harness for INTERNAL_DNS_DOMAIN values (RFC 8598 4.1) and whole
 * configuration attribute lists (encdns_attrs_parse()). The first input
 * octet picks the CFG type (bits 0-1) and whether the rest is one
 * INTERNAL_DNS_DOMAIN value (bit 2 clear) or an attribute list (bit 2
 * set). A domain that parses must build and parse into the same name; a
 * REPLY/SET list that parses must build into attributes that parse into an
 * equal model.
 */

#include "fuzz_common.h"

#include <encdns_attr.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_init();
	return 0;
}

/**
 * One INTERNAL_DNS_DOMAIN value
 */
static void fuzz_domain(encdns_cfg_type_t cfg, chunk_t value)
{
	encdns_error_t err = {};
	chunk_t built;
	char *domain, *again;

	if (!encdns_dns_domain_parse(cfg, value, &domain, &err))
	{
		FUZZ_ASSERT(err.msg[0]);
		FUZZ_ASSERT(domain == NULL);
		return;
	}
	if (!domain)
	{
		FUZZ_ASSERT(value.len == 0);
		return;
	}
	FUZZ_ASSERT(cfg != ENCDNS_CFG_ACK);
	FUZZ_ASSERT(encdns_dns_domain_build(domain, &built, &err));
	FUZZ_ASSERT(built.len == value.len || built.len + 1 == value.len);
	FUZZ_ASSERT(encdns_dns_domain_parse(cfg, built, &again, &err));
	FUZZ_ASSERT(again && streq(domain, again));
	chunk_free(&built);
	free(domain);
	free(again);
}

/**
 * A list of configuration attributes
 */
static void fuzz_list(encdns_cfg_type_t cfg, chunk_t tlvs)
{
	encdns_config_t *config, *again;
	encdns_error_t err = {};
	chunk_t built;

	config = encdns_config_create();
	if (!encdns_attrs_parse(tlvs, cfg, config, &err))
	{
		FUZZ_ASSERT(err.msg[0]);
		/* a refused list leaves the model alone */
		FUZZ_ASSERT(array_count(config->resolvers) == 0);
		FUZZ_ASSERT(array_count(config->digests) == 0);
		FUZZ_ASSERT(array_count(config->internal_domains) == 0);
		encdns_config_destroy(config);
		return;
	}
	if (cfg == ENCDNS_CFG_REPLY || cfg == ENCDNS_CFG_SET)
	{
		FUZZ_ASSERT(encdns_attrs_build(config, cfg, FALSE, &built, &err));
		again = encdns_config_create();
		FUZZ_ASSERT(encdns_attrs_parse(built, cfg, again, &err));
		FUZZ_ASSERT(encdns_config_equals(config, again));
		encdns_config_destroy(again);
		chunk_free(&built);
	}
	encdns_config_destroy(config);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	encdns_cfg_type_t cfg;
	chunk_t value;

	if (len < 1)
	{
		return 0;
	}
	cfg = ENCDNS_CFG_REQUEST + (data[0] & 0x03);
	value = chunk_create((u_char*)data + 1, len - 1);
	if (data[0] & 0x04)
	{
		fuzz_list(cfg, value);
	}
	else
	{
		fuzz_domain(cfg, value);
	}
	return 0;
}
