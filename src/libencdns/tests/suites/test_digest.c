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

#include <encdns_digest.h>

#include <errno.h>

/**
 * Test keys of tests/data, see its README
 */
static char *keys[] = { "rsa2048", "p256", "p384", "ed25519" };

/**
 * Forms of each key: certificate and bare SPKI, PEM and DER
 */
static char *forms[] = { "crt.pem", "crt.der", "pub.pem", "pub.der" };

/**
 * Hash algorithms and the suffix of the file with openssl's digest
 */
static struct {
	uint16_t hash;
	char *suffix;
} hashes[] = {
	{ ENCDNS_HASH_SHA2_256, "sha256" },
	{ ENCDNS_HASH_SHA2_384, "sha384" },
	{ ENCDNS_HASH_SHA2_512, "sha512" },
};

/**
 * Read the hex digest openssl computed
 */
static chunk_t expected_digest(char *key, char *suffix)
{
	char path[PATH_MAX], hex[160];
	chunk_t *file, digest;
	size_t len;

	snprintf(path, sizeof(path), "%s/%s.%s", TESTS_DATA, key, suffix);
	file = chunk_map(path, FALSE);
	ck_assert_msg(file, "%s: %s", path, strerror(errno));
	len = min(file->len, sizeof(hex) - 1);
	memcpy(hex, file->ptr, len);
	chunk_unmap(file);
	while (len && (hex[len - 1] == '\n' || hex[len - 1] == '\r'))
	{
		len--;
	}
	digest = chunk_from_hex(chunk_create(hex, len), NULL);
	return digest;
}

START_TEST(test_hash_length)
{
	ck_assert_int_eq(encdns_hash_length(ENCDNS_HASH_SHA1), 20);
	ck_assert_int_eq(encdns_hash_length(ENCDNS_HASH_SHA2_256), 32);
	ck_assert_int_eq(encdns_hash_length(ENCDNS_HASH_SHA2_384), 48);
	ck_assert_int_eq(encdns_hash_length(ENCDNS_HASH_SHA2_512), 64);
	ck_assert_int_eq(encdns_hash_length(ENCDNS_HASH_IDENTITY), 0);
	ck_assert_int_eq(encdns_hash_length(0), 0);
	ck_assert_int_eq(encdns_hash_length(6), 0);
	ck_assert_int_eq(encdns_hash_length(1025), 0);
}
END_TEST

START_TEST(test_hash_names)
{
	ck_assert_str_eq(enum_to_name(encdns_hash_names, 1), "SHA1");
	ck_assert_str_eq(enum_to_name(encdns_hash_names, 2), "SHA2-256");
	ck_assert_str_eq(enum_to_name(encdns_hash_names, 3), "SHA2-384");
	ck_assert_str_eq(enum_to_name(encdns_hash_names, 4), "SHA2-512");
	ck_assert_str_eq(enum_to_name(encdns_hash_names, 5), "Identity");
	ck_assert(enum_to_name(encdns_hash_names, 0) == NULL);
}
END_TEST

START_TEST(test_hash_ids_are_strongswans)
{
	/* encdns_spki_digest() passes the IKEv2 id on as hash_algorithm_t */
	ck_assert_int_eq(HASH_SHA1, ENCDNS_HASH_SHA1);
	ck_assert_int_eq(HASH_SHA256, ENCDNS_HASH_SHA2_256);
	ck_assert_int_eq(HASH_SHA384, ENCDNS_HASH_SHA2_384);
	ck_assert_int_eq(HASH_SHA512, ENCDNS_HASH_SHA2_512);
	ck_assert_int_eq(HASH_IDENTITY, ENCDNS_HASH_IDENTITY);
}
END_TEST

START_TEST(test_spki_digest_files)
{
	encdns_error_t err = {};
	char path[PATH_MAX];
	chunk_t spki, digest, expected, der = chunk_empty;
	int f, h;

	/* _i walks the keys; all four forms give the same SPKI, whose digests
	 * equal openssl's */
	for (f = 0; f < countof(forms); f++)
	{
		snprintf(path, sizeof(path), "%s/%s.%s", TESTS_DATA, keys[_i],
				 forms[f]);
		ck_assert_msg(encdns_spki_from_file(path, &spki, &err), "%s",
					  err.msg);
		if (!der.len)
		{
			der = chunk_clone(spki);
		}
		ck_assert_chunk_eq(spki, der);
		for (h = 0; h < countof(hashes); h++)
		{
			ck_assert(encdns_spki_digest(spki, hashes[h].hash, &digest,
										 &err));
			expected = expected_digest(keys[_i], hashes[h].suffix);
			ck_assert_int_eq(digest.len,
							 encdns_hash_length(hashes[h].hash));
			ck_assert_chunk_eq(digest, expected);
			chunk_free(&digest);
			chunk_free(&expected);
		}
		chunk_free(&spki);
	}
	chunk_free(&der);
}
END_TEST

START_TEST(test_spki_is_pub_der)
{
	encdns_error_t err = {};
	char path[PATH_MAX];
	chunk_t spki, *pub;

	/* the digest input is the DER SPKI, exactly the .pub.der file */
	snprintf(path, sizeof(path), "%s/%s.pub.der", TESTS_DATA, keys[_i]);
	pub = chunk_map(path, FALSE);
	ck_assert(pub);
	snprintf(path, sizeof(path), "%s/%s.crt.der", TESTS_DATA, keys[_i]);
	ck_assert(encdns_spki_from_file(path, &spki, &err));
	ck_assert_chunk_eq(spki, *pub);
	chunk_free(&spki);
	chunk_unmap(pub);
}
END_TEST

START_TEST(test_spki_from_blob)
{
	encdns_error_t err = {};
	char path[PATH_MAX];
	chunk_t *file, spki, digest, expected;

	snprintf(path, sizeof(path), "%s/p256.crt.pem", TESTS_DATA);
	file = chunk_map(path, FALSE);
	ck_assert(file);
	ck_assert(encdns_spki_from_blob(*file, &spki, &err));
	chunk_unmap(file);
	ck_assert(encdns_spki_digest(spki, ENCDNS_HASH_SHA2_256, &digest, &err));
	expected = expected_digest("p256", "sha256");
	ck_assert_chunk_eq(digest, expected);
	chunk_free(&expected);
	chunk_free(&digest);
	chunk_free(&spki);
}
END_TEST

START_TEST(test_spki_sha1)
{
	encdns_error_t err = {};
	chunk_t digest;

	/* SHA1("abc"), FIPS 180 */
	ck_assert(encdns_spki_digest(chunk_from_str("abc"), ENCDNS_HASH_SHA1,
								 &digest, &err));
	ck_assert_chunk_eq(digest, chunk_from_chars(0xa9,0x99,0x3e,0x36,0x47,
						0x06,0x81,0x6a,0xba,0x3e,0x25,0x71,0x78,0x50,0xc2,0x6c,
						0x9c,0xd0,0xd8,0x9d));
	chunk_free(&digest);
}
END_TEST

START_TEST(test_spki_digest_refused)
{
	encdns_error_t err = {};
	chunk_t digest;

	ck_assert(!encdns_spki_digest(chunk_from_str("x"), ENCDNS_HASH_IDENTITY,
								  &digest, &err));
	ck_assert(strstr(err.msg, "hash algorithm 5"));
	ck_assert(digest.len == 0 && digest.ptr == NULL);
	ck_assert(!encdns_spki_digest(chunk_from_str("x"), 0, &digest, NULL));
	ck_assert(!encdns_spki_digest(chunk_from_str("x"), 1024, &digest, NULL));
}
END_TEST

START_TEST(test_spki_errors)
{
	encdns_error_t err = {};
	char path[PATH_MAX];
	chunk_t spki;

	snprintf(path, sizeof(path), "%s/does-not-exist.pem", TESTS_DATA);
	ck_assert(!encdns_spki_from_file(path, &spki, &err));
	ck_assert(strstr(err.msg, "does-not-exist.pem"));
	ck_assert(strstr(err.msg, "No such file"));

	/* a file that is neither certificate nor key */
	snprintf(path, sizeof(path), "%s/README", TESTS_DATA);
	memset(&err, 0, sizeof(err));
	ck_assert(!encdns_spki_from_file(path, &spki, &err));
	ck_assert(strstr(err.msg, "README"));
	ck_assert(strstr(err.msg, "neither an X.509 certificate nor a public"));

	memset(&err, 0, sizeof(err));
	ck_assert(!encdns_spki_from_blob(chunk_from_chars(0x30,0x03,0x02,0x01),
									 &spki, &err));
	ck_assert(err.msg[0]);
	ck_assert(!encdns_spki_from_blob(chunk_empty, &spki, NULL));
	/* an empty input is named as such, not as an unknown format */
	memset(&err, 0, sizeof(err));
	ck_assert(!encdns_spki_from_blob(chunk_empty, &spki, &err));
	ck_assert_str_eq(err.msg, "certificate/key: empty");
}
END_TEST

Suite *digest_suite_create()
{
	Suite *s;
	TCase *tc;

	s = suite_create("digest");

	tc = tcase_create("hashes");
	tcase_add_test(tc, test_hash_length);
	tcase_add_test(tc, test_hash_names);
	tcase_add_test(tc, test_hash_ids_are_strongswans);
	suite_add_tcase(s, tc);

	tc = tcase_create("SPKI");
	tcase_add_loop_test(tc, test_spki_digest_files, 0, countof(keys));
	tcase_add_loop_test(tc, test_spki_is_pub_der, 0, countof(keys));
	tcase_add_test(tc, test_spki_from_blob);
	tcase_add_test(tc, test_spki_sha1);
	tcase_add_test(tc, test_spki_digest_refused);
	tcase_add_test(tc, test_spki_errors);
	suite_add_tcase(s, tc);

	return s;
}
