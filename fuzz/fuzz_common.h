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

/**
 * @defgroup fuzz_common fuzz_common
 * @{ @ingroup fuzz
 *
 * Helpers shared by the libFuzzer harnesses.
 */

#ifndef FUZZ_COMMON_H_
#define FUZZ_COMMON_H_

#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <stddef.h>

#include <library.h>
#include <utils/debug.h>

/**
 * Plugins the harnesses need (hashers, certificate and key parsers).
 */
#define FUZZ_PLUGINS "sha1 sha2 pem pkcs1 pkcs8 x509 pubkey openssl"

/**
 * Abort with a message if a condition does not hold, so libFuzzer reports
 * the input as a crash.
 *
 * @param x		condition that must be true
 */
#define FUZZ_ASSERT(x) do { \
	if (!(x)) \
	{ \
		fprintf(stderr, "%s:%d: assertion failed: %s\n", \
				__FILE__, __LINE__, #x); \
		abort(); \
	} \
} while (0)

/**
 * LeakSanitizer suppressions: the openssl plugin of Debian's libstrongswan
 * keeps OpenSSL provider state for the life of the process, which LSan
 * reports at exit. Each harness is one translation unit, so defining this
 * here is fine.
 */
const char *__lsan_default_suppressions()
{
	return "leak:libcrypto.so\n";
}

/**
 * Initialize libstrongswan once per process: library, silent logging and
 * the plugins in FUZZ_PLUGINS.  Safe to call repeatedly.
 */
static inline void fuzz_init()
{
	static bool done = FALSE;

	if (done)
	{
		return;
	}
	done = TRUE;
	dbg_default_set_level(-1);
	if (!library_init(NULL, "fuzz"))
	{
		fprintf(stderr, "fuzz: library_init failed\n");
		abort();
	}
	/* missing plugins only matter to the digest harness, which checks */
	lib->plugins->load(lib->plugins, FUZZ_PLUGINS);
}

#endif /** FUZZ_COMMON_H_ @}*/
