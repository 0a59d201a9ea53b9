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
 * libFuzzer harness for ENCDNS_DIGEST_INFO values (RFC 9464 3.2). The first
 * input octet picks request (bit 0 clear) or reply (bit 0 set) and whether
 * SHA1 is allowed (bit 1), the rest is the attribute value. What parses
 * must build again: a request into the same octets, a reply into a value
 * that parses into an equal digest.
 */

#include "fuzz_common.h"

#include <encdns_attr.h>
#include <encdns_digest.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_init();
	return 0;
}

/**
 * Request: list of hash identifiers
 */
static void fuzz_request(chunk_t value)
{
	uint16_t hashes[ENCDNS_MAX_HASHES], again[ENCDNS_MAX_HASHES];
	encdns_error_t err = {};
	chunk_t built;
	int count, count_again;

	if (!encdns_digest_request_parse(value, hashes, &count, &err))
	{
		FUZZ_ASSERT(err.msg[0]);
		FUZZ_ASSERT(count == 0);
		return;
	}
	FUZZ_ASSERT(count >= 1 && count <= ENCDNS_MAX_HASHES);
	FUZZ_ASSERT(encdns_digest_request_build(hashes, count, &built, &err));
	/* the request layout has a single encoding */
	FUZZ_ASSERT(chunk_equals(built, value));
	FUZZ_ASSERT(encdns_digest_request_parse(built, again, &count_again,
											&err));
	FUZZ_ASSERT(count == count_again);
	FUZZ_ASSERT(memeq(hashes, again, count * sizeof(uint16_t)));
	chunk_free(&built);
}

/**
 * Reply: one digest, optionally for an ADN
 */
static void fuzz_reply(chunk_t value, bool allow_sha1)
{
	encdns_digest_t *digest, *again;
	encdns_error_t err = {};
	chunk_t built;

	if (!encdns_digest_reply_parse(value, allow_sha1, &digest, &err))
	{
		FUZZ_ASSERT(err.msg[0]);
		FUZZ_ASSERT(digest == NULL);
		return;
	}
	FUZZ_ASSERT(digest->digest.len == encdns_hash_length(digest->hash));
	FUZZ_ASSERT(allow_sha1 || digest->hash != ENCDNS_HASH_SHA1);
	FUZZ_ASSERT(encdns_digest_reply_build(digest, &built, &err));
	FUZZ_ASSERT(encdns_digest_reply_parse(built, allow_sha1, &again, &err));
	FUZZ_ASSERT(digest->hash == again->hash);
	FUZZ_ASSERT(streq(digest->adn ?: "", again->adn ?: ""));
	FUZZ_ASSERT(chunk_equals(digest->digest, again->digest));
	chunk_free(&built);
	encdns_digest_destroy(digest);
	encdns_digest_destroy(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	chunk_t value;

	if (len < 1)
	{
		return 0;
	}
	value = chunk_create((u_char*)data + 1, len - 1);
	if (data[0] & 0x01)
	{
		fuzz_reply(value, data[0] & 0x02);
	}
	else
	{
		fuzz_request(value);
	}
	return 0;
}
