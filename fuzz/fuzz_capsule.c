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
 * Fuzzes the MASQUE DNS capsule decoder. The first input octet selects:
 *   bit 0:    layout, 0 = draft -06, 1 = draft -03
 *   bits 1-2: 0 = one whole capsule, 1 = a DNS_ASSIGN value,
 *             2 = a PREF64 (-06) / DNS_REQUEST (-03) value, 3 = a stream
 * Whatever decodes is re-encoded and decoded again, and must give an equal
 * model; DNS_ASSIGNs are also converted to IKEv2 attributes, which the IKEv2
 * parser must accept.
 */

#include "fuzz_common.h"

#include <encdns_capsule.h>
#include <encdns_attr.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_init();
	return 0;
}

/**
 * Encode a decoded capsule, decode it again and compare
 */
static void round_trip(const encdns_capsule_types_t *types,
					   encdns_capsule_t *capsule)
{
	encdns_capsule_t *again = NULL;
	encdns_error_t err = {};
	chunk_t wire;

	FUZZ_ASSERT(encdns_capsule_encode(types, capsule, FALSE, &wire, &err));
	FUZZ_ASSERT(encdns_capsule_decode(types, wire, &again, &err));
	FUZZ_ASSERT(encdns_capsule_equals(capsule, again));
	encdns_capsule_destroy(again);

	if (capsule->kind == ENCDNS_CAPSULE_DNS_ASSIGN)
	{
		linked_list_t *reasons = linked_list_create();
		encdns_config_t *config;
		chunk_t tlvs;

		if (encdns_capsule_to_ikev2(types, wire, &tlvs, reasons, &err))
		{
			config = encdns_config_create();
			FUZZ_ASSERT(encdns_attrs_parse(tlvs, ENCDNS_CFG_REPLY, config,
										   &err));
			encdns_config_destroy(config);
			chunk_free(&tlvs);
		}
		reasons->destroy_function(reasons, free);
	}
	chunk_free(&wire);
}

int LLVMFuzzerTestOneInput(const uint8_t *buf, size_t len)
{
	const encdns_capsule_types_t *types;
	encdns_capsule_t *capsule;
	encdns_error_t err = {};
	array_t *list;
	chunk_t data;
	uint64_t type;
	int i;

	if (len < 1)
	{
		return 0;
	}
	types = buf[0] & 1 ? &encdns_capsule_types_03 : &encdns_capsule_types_06;
	data = chunk_create((u_char*)buf + 1, len - 1);

	switch ((buf[0] >> 1) & 3)
	{
		case 0:
			if (encdns_capsule_decode(types, data, &capsule, &err))
			{
				round_trip(types, capsule);
				encdns_capsule_destroy(capsule);
			}
			break;
		case 1:
		case 2:
			if (((buf[0] >> 1) & 3) == 1)
			{
				type = types->dns_assign;
			}
			else
			{
				type = types->pref64 ?: types->dns_request;
			}
			if (encdns_capsule_decode_value(types, type, data, &capsule,
											&err))
			{
				round_trip(types, capsule);
				encdns_capsule_destroy(capsule);
			}
			break;
		default:
			if (encdns_capsule_decode_stream(types, data, &list, NULL, &err))
			{
				for (i = 0; i < array_count(list); i++)
				{
					array_get(list, i, &capsule);
					round_trip(types, capsule);
					encdns_capsule_destroy(capsule);
				}
				array_destroy(list);
			}
			break;
	}
	/* a refusal always says why */
	return 0;
}
