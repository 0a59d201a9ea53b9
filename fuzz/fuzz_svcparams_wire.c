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
 * SvcParams in wire form: check -> print -> parse must give the input back,
 * and check, print, find and has_alpn must agree on malformed input.
 */

#include "fuzz_common.h"

#include <encdns_svcparams.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* not fuzz_init(): SvcParams need no plugins, and the openssl plugin
	 * leaves provider allocations that LeakSanitizer reports at exit */
	dbg_default_set_level(-1);
	if (!library_init(NULL, "fuzz"))
	{
		abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	encdns_error_t err = {};
	chunk_t wire, back, value;
	char *text;
	bool valid;

	wire = chunk_create((u_char*)data, size);
	valid = encdns_svcparams_check(wire, &err);
	/* every refusal has a reason */
	FUZZ_ASSERT(valid || err.msg[0]);

	/* the lookups never read out of bounds, even on malformed input */
	if (encdns_svcparams_find(wire, SVC_KEY_ALPN, &value))
	{
		FUZZ_ASSERT(value.ptr >= wire.ptr &&
					value.ptr + value.len <= wire.ptr + wire.len);
	}
	encdns_svcparams_has_alpn(wire, "h2");
	encdns_svcparams_has_alpn(wire, "dot");

	memset(&err, 0, sizeof(err));
	FUZZ_ASSERT(encdns_svcparams_print(wire, &text, &err) == valid);
	if (!valid)
	{
		FUZZ_ASSERT(text == NULL);
		return 0;
	}
	memset(&err, 0, sizeof(err));
	if (!encdns_svcparams_parse(text, &back, &err))
	{
		fprintf(stderr, "printed \"%s\" refused: %s\n", text, err.msg);
		abort();
	}
	FUZZ_ASSERT(back.len == wire.len &&
				(!back.len || memeq(back.ptr, wire.ptr, wire.len)));
	chunk_free(&back);
	free(text);
	return 0;
}
