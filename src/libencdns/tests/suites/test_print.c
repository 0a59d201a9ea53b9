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

#include <encdns_print.h>

/**
 * Build a resolver from strings
 */
static encdns_resolver_t *resolver(uint16_t prio, char *v4, char *v6,
								   char *adn)
{
	encdns_resolver_t *r;

	r = encdns_resolver_create(prio);
	if (v4)
	{
		encdns_resolver_add_addr(r, host_create_from_string(v4, 0));
	}
	if (v6)
	{
		encdns_resolver_add_addr(r, host_create_from_string(v6, 0));
	}
	encdns_resolver_set_adn(r, adn);
	return r;
}

/**
 * Print a config, compare with the expected text and free it
 */
static void assert_print(encdns_config_t *c, char *expected)
{
	encdns_error_t err = {};
	char *text;

	ck_assert_msg(encdns_print_config(c, &text, &err), "%s", err.msg);
	ck_assert_str_eq(text, expected);
	free(text);
	encdns_config_destroy(c);
}

START_TEST(test_print_empty)
{
	assert_print(encdns_config_create(),
		"DNS Configuration = {\n"
		"  Nameservers = [],\n"
		"  Internal Domains = [],\n"
		"  Search Domains = [],\n"
		"}\n");
}
END_TEST

/* the seed slides' full-tunnel example */
START_TEST(test_print_seed_full_tunnel)
{
	encdns_config_t *c;
	encdns_resolver_t *r;

	c = encdns_config_create();
	r = resolver(1, NULL, NULL, "masque.example");
	/* alpn=h2,h3 dohpath=/dns-query{?dns} */
	r->svcparams = chunk_clone(chunk_from_chars(
		0x00,0x01,0x00,0x06,0x02,'h','2',0x02,'h','3',
		0x00,0x07,0x00,0x10,'/','d','n','s','-','q','u','e','r','y',
		'{','?','d','n','s','}'));
	array_insert(c->resolvers, ARRAY_TAIL, r);
	encdns_config_add_domain(c->internal_domains, "");
	assert_print(c,
		"DNS Configuration = {\n"
		"  Nameservers = [{\n"
		"    Service Priority = 1,\n"
		"    IPv4 Address = [],\n"
		"    IPv6 Address = [],\n"
		"    Authentication Domain Name = \"masque.example\",\n"
		"    Service Parameters = {\n"
		"      alpn=h2,h3\n"
		"      dohpath=/dns-query{?dns}\n"
		"    },\n"
		"  }],\n"
		"  Internal Domains = [\"\"],\n"
		"  Search Domains = [],\n"
		"}\n");
}
END_TEST

/* the seed slides' split-tunnel example */
START_TEST(test_print_seed_split_tunnel)
{
	encdns_config_t *c;

	c = encdns_config_create();
	array_insert(c->resolvers, ARRAY_TAIL,
				 resolver(1, "192.0.2.33", "2001:db8::1", NULL));
	encdns_config_add_domain(c->internal_domains, "internal.corp.example");
	encdns_config_add_domain(c->search_domains, "internal.corp.example");
	encdns_config_add_domain(c->search_domains, "corp.example");
	assert_print(c,
		"DNS Configuration = {\n"
		"  Nameservers = [{\n"
		"    Service Priority = 1,\n"
		"    IPv4 Address = [192.0.2.33],\n"
		"    IPv6 Address = [2001:db8::1],\n"
		"    Authentication Domain Name = \"\",\n"
		"    Service Parameters = {},\n"
		"  }],\n"
		"  Internal Domains = [\"internal.corp.example\"],\n"
		"  Search Domains = [\n"
		"    \"internal.corp.example\",\n"
		"    \"corp.example\",\n"
		"  ],\n"
		"}\n");
}
END_TEST

/* several nameservers, several addresses, digests with and without ADN */
START_TEST(test_print_digests)
{
	encdns_config_t *c;
	encdns_resolver_t *r;
	chunk_t d = chunk_from_chars(0x01,0x23,0xab,0xff);

	c = encdns_config_create();
	r = resolver(1, "192.0.2.53", "2001:db8::53", "dns.corp.example");
	encdns_resolver_add_addr(r, host_create_from_string("192.0.2.54", 0));
	r->svcparams = chunk_clone(chunk_from_chars(0x00,0x01,0x00,0x04,
												0x03,'d','o','t'));
	array_insert(c->resolvers, ARRAY_TAIL, r);
	array_insert(c->resolvers, ARRAY_TAIL,
				 resolver(2, NULL, "2001:db8::99", "doh.example.com"));
	array_insert(c->digests, ARRAY_TAIL,
				 encdns_digest_create("dns.corp.example", 2, d));
	array_insert(c->digests, ARRAY_TAIL, encdns_digest_create(NULL, 4, d));
	array_insert(c->digests, ARRAY_TAIL, encdns_digest_create(NULL, 999, d));
	assert_print(c,
		"DNS Configuration = {\n"
		"  Nameservers = [{\n"
		"    Service Priority = 1,\n"
		"    IPv4 Address = [192.0.2.53, 192.0.2.54],\n"
		"    IPv6 Address = [2001:db8::53],\n"
		"    Authentication Domain Name = \"dns.corp.example\",\n"
		"    Service Parameters = {\n"
		"      alpn=dot\n"
		"    },\n"
		"  }, {\n"
		"    Service Priority = 2,\n"
		"    IPv4 Address = [],\n"
		"    IPv6 Address = [2001:db8::99],\n"
		"    Authentication Domain Name = \"doh.example.com\",\n"
		"    Service Parameters = {},\n"
		"  }],\n"
		"  Internal Domains = [],\n"
		"  Search Domains = [],\n"
		"}\n"
		"Digests = [\n"
		"  SHA2-256 (dns.corp.example) = 0123abff,\n"
		"  SHA2-512 = 0123abff,\n"
		"  HASH(999) = 0123abff,\n"
		"]\n");
}
END_TEST

/* a quoted value with a space stays on one line */
START_TEST(test_print_svcparams_quoted)
{
	encdns_config_t *c;
	encdns_resolver_t *r;
	encdns_error_t err = {};
	chunk_t wire = chunk_from_chars(0x00,0x03,0x00,0x02,0x03,0x55,
									0x02,0x9b,0x00,0x03,'a',' ','b');
	char *text, *line;

	c = encdns_config_create();
	r = resolver(1, "192.0.2.1", NULL, "dns.example");
	r->svcparams = chunk_clone(wire);
	array_insert(c->resolvers, ARRAY_TAIL, r);
	ck_assert_msg(encdns_print_config(c, &text, &err), "%s", err.msg);
	line = strstr(text, "      port=853\n      key667=");
	ck_assert_msg(line, "%s", text);
	line = strchr(line + strlen("      port=853\n"), '\n');
	ck_assert(line && streq(line, "\n    },\n  }],\n"
			  "  Internal Domains = [],\n  Search Domains = [],\n}\n"));
	free(text);
	encdns_config_destroy(c);
}
END_TEST

START_TEST(test_print_escape)
{
	encdns_config_t *c;

	c = encdns_config_create();
	encdns_config_add_domain(c->internal_domains, "a\"b\\c\n");
	assert_print(c,
		"DNS Configuration = {\n"
		"  Nameservers = [],\n"
		"  Internal Domains = [\"a\\034b\\092c\\010\"],\n"
		"  Search Domains = [],\n"
		"}\n");
}
END_TEST

START_TEST(test_print_bad_svcparams)
{
	encdns_config_t *c;
	encdns_resolver_t *r;
	encdns_error_t err = {};
	char *text = NULL;

	c = encdns_config_create();
	r = resolver(1, "192.0.2.1", NULL, "dns.example");
	/* truncated: length 4, one octet of value */
	r->svcparams = chunk_clone(chunk_from_chars(0x00,0x01,0x00,0x04,0x03));
	array_insert(c->resolvers, ARRAY_TAIL, r);
	ck_assert(!encdns_print_config(c, &text, &err));
	ck_assert(text == NULL);
	ck_assert(strstr(err.msg, "Service Parameters"));
	encdns_config_destroy(c);
}
END_TEST

START_TEST(test_print_buf)
{
	encdns_config_t *c;
	encdns_error_t err = {};
	char buf[128], small[16];

	c = encdns_config_create();
	ck_assert(encdns_print_config_buf(c, buf, sizeof(buf), &err));
	ck_assert_str_eq(buf, "DNS Configuration = {\n  Nameservers = [],\n"
					 "  Internal Domains = [],\n  Search Domains = [],\n}\n");
	ck_assert(!encdns_print_config_buf(c, small, sizeof(small), &err));
	ck_assert(strstr(err.msg, "buffer"));
	encdns_config_destroy(c);
}
END_TEST

START_TEST(test_print_hash_names)
{
	char buf[16];

	ck_assert_str_eq(encdns_print_hash_name(1, buf, sizeof(buf)), "SHA1");
	ck_assert_str_eq(encdns_print_hash_name(2, buf, sizeof(buf)),
					 "SHA2-256");
	ck_assert_str_eq(encdns_print_hash_name(3, buf, sizeof(buf)),
					 "SHA2-384");
	ck_assert_str_eq(encdns_print_hash_name(4, buf, sizeof(buf)),
					 "SHA2-512");
	ck_assert_str_eq(encdns_print_hash_name(5, buf, sizeof(buf)),
					 "Identity");
	ck_assert_str_eq(encdns_print_hash_name(0, buf, sizeof(buf)), "HASH(0)");
}
END_TEST

Suite *print_suite_create()
{
	Suite *s;
	TCase *tc;

	s = suite_create("print");

	tc = tcase_create("config");
	tcase_add_test(tc, test_print_empty);
	tcase_add_test(tc, test_print_seed_full_tunnel);
	tcase_add_test(tc, test_print_seed_split_tunnel);
	tcase_add_test(tc, test_print_digests);
	tcase_add_test(tc, test_print_svcparams_quoted);
	tcase_add_test(tc, test_print_escape);
	tcase_add_test(tc, test_print_bad_svcparams);
	tcase_add_test(tc, test_print_buf);
	tcase_add_test(tc, test_print_hash_names);
	suite_add_tcase(s, tc);

	return s;
}
