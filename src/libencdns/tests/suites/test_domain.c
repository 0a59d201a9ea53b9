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

#include <encdns_domain.h>

/**
 * Parse a name given as octets, expect success and a normalized result
 */
static void assert_valid(chunk_t name, bool allow_root, char *expected)
{
	encdns_error_t err = {};
	char *out;

	ck_assert_msg(encdns_domain_parse(name, allow_root, &out, &err),
				  "'%.*s' refused: %s", (int)name.len, name.ptr, err.msg);
	ck_assert_str_eq(out, expected);
	ck_assert(!err.msg[0]);
	free(out);
	/* the check-only form agrees */
	ck_assert(encdns_domain_parse(name, allow_root, NULL, NULL));
}

/**
 * Parse a name, expect refusal with a reason containing a substring
 */
static void assert_invalid(chunk_t name, bool allow_root, char *reason)
{
	encdns_error_t err = {};
	char *out = (char*)1;

	ck_assert(!encdns_domain_parse(name, allow_root, &out, &err));
	ck_assert(out == NULL);
	ck_assert_msg(strstr(err.msg, reason), "'%s' lacks '%s'", err.msg,
				  reason);
	/* refused without an error object too */
	ck_assert(!encdns_domain_parse(name, allow_root, NULL, NULL));
}

/**
 * A name of len octets made of labels of 63 octets (letters) and dots
 */
static char *long_name(size_t len)
{
	char *name;
	size_t i;

	name = malloc(len + 1);
	for (i = 0; i < len; i++)
	{
		name[i] = (i % 64 == 63) ? '.' : 'a';
	}
	if (len && name[len - 1] == '.')
	{
		name[len - 1] = 'b';
	}
	name[len] = '\0';
	return name;
}

START_TEST(test_valid_ldh)
{
	assert_valid(chunk_from_str("doh.example.com"), FALSE,
				 "doh.example.com");
	assert_valid(chunk_from_str("a"), FALSE, "a");
	assert_valid(chunk_from_str("a-b.c-d9.e0"), FALSE, "a-b.c-d9.e0");
	assert_valid(chunk_from_str("0.example"), FALSE, "0.example");
}
END_TEST

START_TEST(test_case_preserved)
{
	assert_valid(chunk_from_str("DoH.Example.COM"), FALSE, "DoH.Example.COM");
}
END_TEST

START_TEST(test_a_label)
{
	/* "bücher" as IDNA A-label is LDH */
	assert_valid(chunk_from_str("xn--bcher-kva.example"), FALSE,
				 "xn--bcher-kva.example");
}
END_TEST

START_TEST(test_u_label)
{
	assert_invalid(chunk_from_str("b\xc3\xbc" "cher.example"), FALSE,
				   "U-label");
	assert_invalid(chunk_from_str("b\xc3\xbc" "cher.example"), FALSE,
				   "A-labels only");
}
END_TEST

START_TEST(test_trailing_dot)
{
	assert_valid(chunk_from_str("example.com."), FALSE, "example.com");
	assert_invalid(chunk_from_str("example.com.."), FALSE, "empty label");
}
END_TEST

START_TEST(test_root)
{
	assert_invalid(chunk_from_str(""), FALSE, "empty name");
	assert_invalid(chunk_from_str("."), FALSE, "root");
	assert_valid(chunk_from_str(""), TRUE, "");
	assert_valid(chunk_from_str("."), TRUE, "");
	/* what bio_reader_t returns for a zero-length read */
	assert_valid(chunk_empty, TRUE, "");
	assert_invalid(chunk_from_str(".."), TRUE, "empty label");
}
END_TEST

START_TEST(test_empty_label)
{
	assert_invalid(chunk_from_str("a..b"), FALSE, "empty label at offset 2");
	assert_invalid(chunk_from_str(".a"), FALSE, "empty label at offset 0");
	assert_invalid(chunk_from_str(".a"), TRUE, "empty label");
}
END_TEST

START_TEST(test_label_length)
{
	char *name;

	/* 63 octets is the longest label */
	name = long_name(63);
	assert_valid(chunk_from_str(name), FALSE, name);
	free(name);
	name = long_name(64);
	assert_invalid(chunk_from_str(name), FALSE, "longer than 63");
	free(name);
	assert_invalid(chunk_from_str("x.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
				   "aaaaaaaaaaaaaaaaaaaaaaa.example"), FALSE, "longer than 63");
}
END_TEST

START_TEST(test_name_length)
{
	char *name, *dotted;

	name = long_name(253);
	assert_valid(chunk_from_str(name), FALSE, name);
	/* the trailing dot does not count */
	ck_assert(asprintf(&dotted, "%s.", name) > 0);
	assert_valid(chunk_from_str(dotted), FALSE, name);
	free(dotted);
	free(name);
	name = long_name(254);
	assert_invalid(chunk_from_str(name), FALSE, "254 octets, more than 253");
	free(name);
}
END_TEST

START_TEST(test_hyphen)
{
	assert_invalid(chunk_from_str("-a.example"), FALSE, "starts with '-'");
	assert_invalid(chunk_from_str("a.-b.example"), FALSE, "starts with '-'");
	assert_invalid(chunk_from_str("a-.example"), FALSE, "ends with '-'");
	assert_invalid(chunk_from_str("a.example-"), FALSE, "ends with '-'");
	assert_invalid(chunk_from_str("a.example-."), FALSE, "ends with '-'");
	assert_invalid(chunk_from_str("-"), FALSE, "starts with '-'");
}
END_TEST

START_TEST(test_terminators)
{
	assert_invalid(chunk_from_chars('a', '.', 'b', 0x00), FALSE, "NUL");
	assert_invalid(chunk_from_chars('a', 0x00, 'b'), FALSE, "NUL at offset 1");
	assert_invalid(chunk_from_chars('a', '.', 'b', '\r'), FALSE, "CR");
	assert_invalid(chunk_from_chars('a', '.', 'b', '\n'), FALSE, "LF");
	assert_invalid(chunk_from_chars('a', '\r', '\n', 'b'), FALSE, "CR");
	assert_invalid(chunk_from_chars('a', '.', 'b', '\r'), FALSE,
				   "no terminators");
}
END_TEST

START_TEST(test_other_octets)
{
	assert_invalid(chunk_from_str("a b.example"), FALSE, "space");
	assert_invalid(chunk_from_str("_dns.example"), FALSE, "'_'");
	assert_invalid(chunk_from_str("a*.example"), FALSE, "'*'");
	assert_invalid(chunk_from_str("a/b"), FALSE, "'/'");
	assert_invalid(chunk_from_str("a\\046b"), FALSE, "'\\'");
	assert_invalid(chunk_from_chars('a', 0x7f), FALSE, "0x7f");
	assert_invalid(chunk_from_chars('a', '\t'), FALSE, "0x09");
}
END_TEST

Suite *domain_suite_create()
{
	Suite *s;
	TCase *tc;

	s = suite_create("domain");

	tc = tcase_create("valid");
	tcase_add_test(tc, test_valid_ldh);
	tcase_add_test(tc, test_case_preserved);
	tcase_add_test(tc, test_a_label);
	tcase_add_test(tc, test_trailing_dot);
	tcase_add_test(tc, test_root);
	suite_add_tcase(s, tc);

	tc = tcase_create("invalid");
	tcase_add_test(tc, test_u_label);
	tcase_add_test(tc, test_empty_label);
	tcase_add_test(tc, test_label_length);
	tcase_add_test(tc, test_name_length);
	tcase_add_test(tc, test_hyphen);
	tcase_add_test(tc, test_terminators);
	tcase_add_test(tc, test_other_octets);
	suite_add_tcase(s, tc);

	return s;
}
