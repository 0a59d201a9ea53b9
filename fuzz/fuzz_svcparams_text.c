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
 * SvcParams in presentation form: parse -> print -> parse must give the
 * same wire form, and printing that again the same canonical text.
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
	chunk_t wire, back;
	char *text, *printed, *again;

	/* the parser takes a C string, so stop at the first NUL */
	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	if (!encdns_svcparams_parse(text, &wire, &err))
	{
		FUZZ_ASSERT(err.msg[0]);
		FUZZ_ASSERT(wire.ptr == NULL && wire.len == 0);
		free(text);
		return 0;
	}
	free(text);
	FUZZ_ASSERT(encdns_svcparams_check(wire, NULL));
	FUZZ_ASSERT(encdns_svcparams_print(wire, &printed, NULL));
	if (!encdns_svcparams_parse(printed, &back, &err))
	{
		fprintf(stderr, "printed \"%s\" refused: %s\n", printed, err.msg);
		abort();
	}
	FUZZ_ASSERT(back.len == wire.len &&
				(!back.len || memeq(back.ptr, wire.ptr, wire.len)));
	FUZZ_ASSERT(encdns_svcparams_print(back, &again, NULL));
	FUZZ_ASSERT(streq(printed, again));
	free(again);
	free(printed);
	chunk_free(&back);
	chunk_free(&wire);
	return 0;
}
