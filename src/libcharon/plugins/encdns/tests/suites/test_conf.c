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

#include <encdns_conf.h>
#include <encdns_digest.h>

#include <stdio.h>
#include <unistd.h>

static char conf_path[] = "/tmp/encdns-conf-test-XXXXXX";
static int conf_fd = -1;

static uint16_t preference[] = { ENCDNS_HASH_SHA2_512, ENCDNS_HASH_SHA2_384,
								 ENCDNS_HASH_SHA2_256 };

static char *config =
	"connections { rw { } }\n"
	"encdns {\n"
	"  resolvers {\n"
	"    second {\n"
	"      connections = rw\n"
	"      addrs = 198.51.100.54, 2001:db8:1::54\n"
	"      adn = dns2.example.net\n"
	"      priority = 2\n"
	"      svcparams = alpn=dot\n"
	"      cert = " TESTS_DATA "/p256.crt.pem\n"
	"      domains = corp.example\n"
	"    }\n"
	"    first {\n"
	"      connections = rw\n"
	"      addrs = 198.51.100.53\n"
	"      adn = dns.example.net\n"
	"      priority = 1\n"
	"      svcparams = \"alpn=h2 dohpath=/dns-query{?dns}\"\n"
	"      cert = " TESTS_DATA "/rsa2048.crt.pem\n"
	"      domains = internal.corp.example, corp.example\n"
	"    }\n"
	"    pooled {\n"
	"      pools = vpnpool\n"
	"      addrs = 198.51.100.55\n"
	"      adn = dns.example.net\n"
	"      svcparams = alpn=dot\n"
	"    }\n"
	"    zero { addrs = 198.51.100.56\n adn = a.example\n priority = 0 }\n"
	"    hint { addrs = 198.51.100.57\n adn = a.example\n"
	"           svcparams = alpn=dot ipv4hint=192.0.2.1 }\n"
	"    nocert { addrs = 198.51.100.58\n adn = a.example\n"
	"             cert = /nonexistent/cert.pem }\n"
	"    badadn { addrs = 198.51.100.59\n adn = \"a b.example\" }\n"
	"    unknown { addrs = 198.51.100.60\n adn = a.example\n foo = bar }\n"
	"  }\n"
	"  clients {\n"
	"    home { hashes = sha384\n families = ipv6 }\n"
	"    office { }\n"
	"    broken { hashes = md5 }\n"
	"  }\n"
	"}\n";

static encdns_conf_t *conf;

static void setup_conf()
{
	ck_assert(conf_fd == -1);
	conf_fd = mkstemp(conf_path);
	ck_assert(conf_fd >= 0);
	ck_assert(write(conf_fd, config, strlen(config)) == strlen(config));
	conf = encdns_conf_load(conf_path, preference, countof(preference));
}

static void teardown_conf()
{
	conf->destroy(conf);
	close(conf_fd);
	unlink(conf_path);
	strcpy(conf_path, "/tmp/encdns-conf-test-XXXXXX");
	conf_fd = -1;
}

CALLBACK(free_selected, void,
	encdns_selected_t *selected, int idx, void *user)
{
	free(selected);
}

/**
 * Select for a connection, return the types in order as a string of
 * digits, e.g. "2727292525"
 */
static uint16_t select_types(char *conn, char *pool, encdns_request_t *req,
							 char *types, size_t len, array_t **out)
{
	linked_list_t *pools;
	encdns_selected_t *selected;
	array_t *array;
	uint16_t hash;
	size_t used = 0;
	int i;

	pools = linked_list_create();
	if (pool)
	{
		pools->insert_last(pools, pool);
	}
	array = array_create(0, 0);
	hash = conf->select(conf, conn, pools, req, array);
	types[0] = '\0';
	for (i = 0; i < array_count(array); i++)
	{
		array_get(array, i, &selected);
		used += snprintf(types + used, len - used, "%d", selected->type);
	}
	pools->destroy(pools);
	if (out)
	{
		*out = array;
	}
	else
	{
		array_destroy_function(array, free_selected, NULL);
	}
	return hash;
}

START_TEST(test_bad_resolvers_skipped)
{
	/* first, second and pooled survive, the five broken ones do not */
	ck_assert_int_eq(conf->get_resolver_count(conf), 3);
	ck_assert(conf->get_client(conf, "home"));
	ck_assert(conf->get_client(conf, "office"));
	ck_assert(!conf->get_client(conf, "broken"));
	ck_assert(!conf->get_client(conf, "rw"));
}
END_TEST

START_TEST(test_client_settings)
{
	encdns_settings_client_t *client;

	client = conf->get_client(conf, "home");
	ck_assert(!client->ip4 && client->ip6 && client->domains);
	ck_assert_int_eq(client->hash_count, 1);
	ck_assert_int_eq(client->hashes[0], ENCDNS_HASH_SHA2_384);
	client = conf->get_client(conf, "office");
	ck_assert(client->ip4 && client->ip6);
	ck_assert_int_eq(client->hash_count, 3);
}
END_TEST

START_TEST(test_nothing_asked_nothing_sent)
{
	encdns_request_t req = {};
	char types[64];

	ck_assert_int_eq(select_types("rw", NULL, &req, types, sizeof(types),
								  NULL), 0);
	ck_assert_str_eq(types, "");
}
END_TEST

START_TEST(test_only_requested_family)
{
	encdns_request_t req = { .ip4 = TRUE };
	char types[64];

	select_types("rw", NULL, &req, types, sizeof(types), NULL);
	ck_assert_str_eq(types, "2727");
	req.ip4 = FALSE;
	req.ip6 = TRUE;
	/* only "second" has an IPv6 address */
	select_types("rw", NULL, &req, types, sizeof(types), NULL);
	ck_assert_str_eq(types, "28");
}
END_TEST

START_TEST(test_priority_order)
{
	encdns_request_t req = { .ip4 = TRUE };
	encdns_selected_t *selected;
	array_t *array;
	char types[64];

	select_types("rw", NULL, &req, types, sizeof(types), &array);
	ck_assert_int_eq(array_count(array), 2);
	array_get(array, 0, &selected);
	ck_assert_str_eq(selected->resolver->name, "first");
	/* service priority is the first field of the value */
	ck_assert_int_eq(untoh16(selected->value.ptr), 1);
	array_get(array, 1, &selected);
	ck_assert_str_eq(selected->resolver->name, "second");
	ck_assert_int_eq(untoh16(selected->value.ptr), 2);
	array_destroy_function(array, free_selected, NULL);
}
END_TEST

START_TEST(test_binding)
{
	encdns_request_t req = { .ip4 = TRUE };
	encdns_selected_t *selected;
	array_t *array;
	char types[64];

	select_types("other", NULL, &req, types, sizeof(types), NULL);
	ck_assert_str_eq(types, "");
	select_types("other", "vpnpool", &req, types, sizeof(types), &array);
	ck_assert_str_eq(types, "27");
	array_get(array, 0, &selected);
	ck_assert_str_eq(selected->resolver->name, "pooled");
	array_destroy_function(array, free_selected, NULL);
}
END_TEST

START_TEST(test_digest_only_when_requested)
{
	encdns_request_t req = { .ip4 = TRUE };
	char types[64];

	ck_assert_int_eq(select_types("rw", NULL, &req, types, sizeof(types),
								  NULL), 0);
	ck_assert(!strstr(types, "29"));
}
END_TEST

START_TEST(test_digest_strongest_common)
{
	encdns_request_t req = { .ip4 = TRUE, .hash_count = 2,
							 .hashes = { ENCDNS_HASH_SHA2_256,
										 ENCDNS_HASH_SHA2_384 } };
	encdns_selected_t *selected;
	array_t *array;
	char types[64];
	chunk_t expected;
	FILE *file;
	char hex[256];

	ck_assert_int_eq(select_types("rw", NULL, &req, types, sizeof(types),
								  &array), ENCDNS_HASH_SHA2_384);
	ck_assert_str_eq(types, "27272929");
	/* two ADNs are sent: each DIGEST_INFO names its ADN */
	array_get(array, 2, &selected);
	ck_assert_int_eq(selected->value.ptr[0], 1);
	ck_assert_int_eq(selected->value.ptr[1], strlen("dns.example.net"));
	ck_assert(memeq(selected->value.ptr + 2, "dns.example.net", 15));
	ck_assert_int_eq(untoh16(selected->value.ptr + 17), ENCDNS_HASH_SHA2_384);
	/* and the digest is openssl's of the SPKI of rsa2048.crt.pem */
	file = fopen(TESTS_DATA "/rsa2048.sha384", "r");
	ck_assert(file && fgets(hex, sizeof(hex), file));
	fclose(file);
	hex[strcspn(hex, "\n")] = '\0';
	expected = chunk_from_hex(chunk_from_str(hex), NULL);
	ck_assert_chunk_eq(chunk_skip(selected->value, 19), expected);
	chunk_free(&expected);
	array_destroy_function(array, free_selected, NULL);

	/* SHA2-512 preferred when offered */
	req.hashes[req.hash_count++] = ENCDNS_HASH_SHA2_512;
	ck_assert_int_eq(select_types("rw", NULL, &req, types, sizeof(types),
								  NULL), ENCDNS_HASH_SHA2_512);
	/* nothing in common: no DIGEST_INFO */
	req.hash_count = 1;
	req.hashes[0] = 7;
	ck_assert_int_eq(select_types("rw", NULL, &req, types, sizeof(types),
								  NULL), 0);
	ck_assert_str_eq(types, "2727");
}
END_TEST

START_TEST(test_digest_single_adn)
{
	encdns_request_t req = { .ip6 = TRUE, .hash_count = 1,
							 .hashes = { ENCDNS_HASH_SHA2_256 } };
	encdns_selected_t *selected;
	array_t *array;
	char types[64];

	select_types("rw", NULL, &req, types, sizeof(types), &array);
	ck_assert_str_eq(types, "2829");
	/* one ADN only: ADN Length 0 refers to the ENCDNS_IP* ADN */
	array_get(array, 1, &selected);
	ck_assert_int_eq(selected->value.ptr[1], 0);
	ck_assert_int_eq(selected->value.len, 4 + 32);
	array_destroy_function(array, free_selected, NULL);
}
END_TEST

START_TEST(test_domains)
{
	encdns_request_t req = { .ip4 = TRUE, .domains = TRUE };
	encdns_selected_t *selected;
	array_t *array;
	char types[64];

	select_types("rw", NULL, &req, types, sizeof(types), &array);
	/* corp.example is bound to both resolvers but sent once */
	ck_assert_str_eq(types, "27272525");
	array_get(array, 2, &selected);
	ck_assert_chunk_eq(selected->value, chunk_from_str("internal.corp.example"));
	array_get(array, 3, &selected);
	ck_assert_chunk_eq(selected->value, chunk_from_str("corp.example"));
	array_destroy_function(array, free_selected, NULL);

	/* without ENCDNS_IP* nothing to attach the domains to */
	req.ip4 = FALSE;
	select_types("rw", NULL, &req, types, sizeof(types), NULL);
	ck_assert_str_eq(types, "");
}
END_TEST

START_TEST(test_discarded_request)
{
	encdns_request_t req = { .ip4 = TRUE, .discarded = TRUE };
	char types[64];

	select_types("rw", NULL, &req, types, sizeof(types), NULL);
	ck_assert_str_eq(types, "");
}
END_TEST

START_TEST(test_reload_keeps_old)
{
	encdns_request_t req = { .ip4 = TRUE };
	encdns_conf_t *old, *new;
	char types[64];
	char *other = "encdns { resolvers { only { addrs = 198.51.100.99\n"
				  "adn = other.example\n svcparams = alpn=dot } } }\n";

	/* an IKE_SA being set up holds a reference to the configuration it
	 * started with; a reload loads a new one and swaps the pointer */
	old = conf->get_ref(conf);
	ck_assert(ftruncate(conf_fd, 0) == 0);
	ck_assert(pwrite(conf_fd, other, strlen(other), 0) == strlen(other));
	new = encdns_conf_load(conf_path, preference, countof(preference));
	conf->destroy(conf);
	conf = new;

	ck_assert_int_eq(new->get_resolver_count(new), 1);
	select_types("rw", NULL, &req, types, sizeof(types), NULL);
	ck_assert_str_eq(types, "27");
	/* the old instance still answers as before, never a mix */
	conf = old;
	select_types("rw", NULL, &req, types, sizeof(types), NULL);
	ck_assert_str_eq(types, "2727");
	ck_assert_int_eq(old->get_resolver_count(old), 3);
	old->destroy(old);
	conf = new;
}
END_TEST

START_TEST(test_missing_file)
{
	encdns_conf_t *missing;

	missing = encdns_conf_load("/nonexistent/swanctl.conf", preference,
							   countof(preference));
	ck_assert_int_eq(missing->get_resolver_count(missing), 0);
	ck_assert(!missing->get_client(missing, "home"));
	missing->destroy(missing);
}
END_TEST

Suite *conf_suite_create()
{
	Suite *s;
	TCase *tc;

	s = suite_create("conf");

	tc = tcase_create("load");
	tcase_add_checked_fixture(tc, setup_conf, teardown_conf);
	tcase_add_test(tc, test_bad_resolvers_skipped);
	tcase_add_test(tc, test_client_settings);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_reload_keeps_old);
	suite_add_tcase(s, tc);

	tc = tcase_create("select");
	tcase_add_checked_fixture(tc, setup_conf, teardown_conf);
	tcase_add_test(tc, test_nothing_asked_nothing_sent);
	tcase_add_test(tc, test_only_requested_family);
	tcase_add_test(tc, test_priority_order);
	tcase_add_test(tc, test_binding);
	tcase_add_test(tc, test_digest_only_when_requested);
	tcase_add_test(tc, test_digest_strongest_common);
	tcase_add_test(tc, test_digest_single_adn);
	tcase_add_test(tc, test_domains);
	tcase_add_test(tc, test_discarded_request);
	suite_add_tcase(s, tc);

	return s;
}
