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

#include <test_suite.h>

#include <encdns_request.h>

static chunk_t digest_request(uint16_t *hashes, int count)
{
	chunk_t value;

	ck_assert(encdns_digest_request_build(hashes, count, &value, NULL));
	return value;
}

START_TEST(test_nothing_requested)
{
	encdns_request_t *request;
	char buf[128];

	request = encdns_request_create();
	ck_assert(encdns_request_add(request, 1, chunk_empty, NULL));
	ck_assert(!encdns_request_any(request));
	ck_assert_str_eq(encdns_request_summary(request, buf, sizeof(buf)),
					 "nothing");
	encdns_request_destroy(request);
}
END_TEST

START_TEST(test_families_and_hashes)
{
	encdns_request_t *request;
	uint16_t hashes[] = { 2, 3, 4 };
	chunk_t value;
	char buf[256];

	request = encdns_request_create();
	ck_assert(encdns_request_add(request, ENCDNS_ATTR_IP4, chunk_empty, NULL));
	ck_assert(!request->ip6);
	ck_assert(encdns_request_add(request, ENCDNS_ATTR_IP6, chunk_empty, NULL));
	value = digest_request(hashes, countof(hashes));
	ck_assert(encdns_request_add(request, ENCDNS_ATTR_DIGEST_INFO, value,
								 NULL));
	chunk_free(&value);
	ck_assert(encdns_request_add(request, ENCDNS_ATTR_INTERNAL_DNS_DOMAIN,
								 chunk_empty, NULL));
	ck_assert(request->ip4 && request->ip6 && request->domains);
	ck_assert_int_eq(request->hash_count, 3);
	ck_assert_int_eq(request->hashes[2], 4);
	ck_assert_str_eq(encdns_request_summary(request, buf, sizeof(buf)),
					 "ENCDNS_IP4, ENCDNS_IP6, ENCDNS_DIGEST_INFO(SHA2-256, "
					 "SHA2-384, SHA2-512), INTERNAL_DNS_DOMAIN");
	encdns_request_destroy(request);
}
END_TEST

START_TEST(test_duplicates_once)
{
	encdns_request_t *request;
	uint16_t hashes[] = { 3 }, other[] = { 2 };
	chunk_t value;

	request = encdns_request_create();
	value = digest_request(hashes, countof(hashes));
	ck_assert(encdns_request_add(request, ENCDNS_ATTR_DIGEST_INFO, value,
								 NULL));
	/* RFC 9464 4: bitwise identical repeats are processed once */
	ck_assert(encdns_request_add(request, ENCDNS_ATTR_DIGEST_INFO, value,
								 NULL));
	chunk_free(&value);
	ck_assert_int_eq(request->hash_count, 1);
	ck_assert_int_eq(request->duplicates, 1);
	/* a different attribute of the same type is not a repeat */
	value = digest_request(other, countof(other));
	ck_assert(encdns_request_add(request, ENCDNS_ATTR_DIGEST_INFO, value,
								 NULL));
	chunk_free(&value);
	ck_assert_int_eq(request->hash_count, 2);
	ck_assert_int_eq(request->duplicates, 1);
	encdns_request_destroy(request);
}
END_TEST

START_TEST(test_malformed_ignored)
{
	encdns_request_t *request;
	encdns_error_t err = {};

	request = encdns_request_create();
	/* Num Hash Algs 2, but only one identifier */
	ck_assert(!encdns_request_add(request, ENCDNS_ATTR_DIGEST_INFO,
					chunk_from_chars(0x02, 0x00, 0x00, 0x02), &err));
	ck_assert(err.msg[0]);
	ck_assert_int_eq(request->hash_count, 0);
	ck_assert(!encdns_request_any(request));
	encdns_request_destroy(request);
}
END_TEST

START_TEST(test_too_many_discarded)
{
	encdns_request_t *request;
	encdns_error_t err = {};
	chunk_t value;
	uint8_t suggestion[] = { 0x00, 0x01, 0x01, 0x00, 192, 0, 2, 0 };
	int i;

	request = encdns_request_create();
	for (i = 0; i < ENCDNS_REQUEST_MAX_ATTRIBUTES; i++)
	{
		suggestion[7] = i;
		value = chunk_from_thing(suggestion);
		ck_assert(encdns_request_add(request, ENCDNS_ATTR_IP4, value, &err));
	}
	ck_assert(request->ip4);
	ck_assert(!encdns_request_add(request, ENCDNS_ATTR_IP4, value, &err));
	ck_assert(request->discarded);
	ck_assert(!encdns_request_any(request));
	encdns_request_destroy(request);
}
END_TEST

Suite *request_suite_create()
{
	Suite *s;
	TCase *tc;

	s = suite_create("request");

	tc = tcase_create("record");
	tcase_add_test(tc, test_nothing_requested);
	tcase_add_test(tc, test_families_and_hashes);
	tcase_add_test(tc, test_duplicates_once);
	tcase_add_test(tc, test_malformed_ignored);
	tcase_add_test(tc, test_too_many_discarded);
	suite_add_tcase(s, tc);

	return s;
}
