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

#include <encdns_settings.h>
#include <encdns_digest.h>
#include <encdns_svcparams.h>

#include <stdio.h>
#include <unistd.h>
#include <sys/stat.h>

static char dir[] = "/tmp/encdns-settings-test-XXXXXX";
static char path[PATH_MAX];
static char errors[4096];

static void write_file(char *name, char *content)
{
	char file[PATH_MAX];
	FILE *f;

	snprintf(file, sizeof(file), "%s/%s", dir, name);
	f = fopen(file, "w");
	ck_assert(f);
	ck_assert(fputs(content, f) >= 0);
	fclose(f);
}

static void copy_file(char *from, char *name)
{
	chunk_t *content;
	char file[PATH_MAX];

	content = chunk_map(from, FALSE);
	ck_assert(content);
	snprintf(file, sizeof(file), "%s/%s", dir, name);
	ck_assert(chunk_write(*content, file, 0022, TRUE));
	chunk_unmap(content);
}

static void setup_dir()
{
	char sub[PATH_MAX];

	strcpy(dir, "/tmp/encdns-settings-test-XXXXXX");
	ck_assert(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/x509", dir);
	ck_assert(mkdir(sub, 0700) == 0);
	snprintf(sub, sizeof(sub), "%s/pubkey", dir);
	ck_assert(mkdir(sub, 0700) == 0);
	copy_file(TESTS_DATA "/p256.crt.pem", "x509/resolver.pem");
	copy_file(TESTS_DATA "/p384.pub.der", "pubkey/resolver.der");
	snprintf(path, sizeof(path), "%s/swanctl.conf", dir);
	errors[0] = '\0';
}

static void teardown_dir()
{
	char cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert(system(cmd) == 0);
}

CALLBACK(collect_error, void,
	void *data, char *file, char *resolver, char *reason)
{
	size_t len = strlen(errors);

	snprintf(errors + len, sizeof(errors) - len, "%s: %s\n",
			 resolver ?: "-", reason);
}

static encdns_settings_resolver_t *find(linked_list_t *list, char *name)
{
	encdns_settings_resolver_t *entry, *found = NULL;
	enumerator_t *enumerator;

	enumerator = list->create_enumerator(list);
	while (enumerator->enumerate(enumerator, &entry))
	{
		if (streq(entry->name, name))
		{
			found = entry;
		}
	}
	enumerator->destroy(enumerator);
	return found;
}

static chunk_t expected_digest(char *file)
{
	char hex[256];
	FILE *f;

	f = fopen(file, "r");
	ck_assert(f && fgets(hex, sizeof(hex), f));
	fclose(f);
	hex[strcspn(hex, "\n")] = '\0';
	return chunk_from_hex(chunk_from_str(hex), NULL);
}

START_TEST(test_full_resolver)
{
	encdns_settings_resolver_t *entry;
	linked_list_t *list;
	chunk_t digest;
	host_t *host, *expected;
	char *str;

	write_file("swanctl.conf",
		"connections { rw { } }\n"
		"encdns {\n"
		"  resolvers {\n"
		"    corp {\n"
		"      connections = rw, rw2\n"
		"      pools = vpnpool\n"
		"      addrs = 192.0.2.33, 2001:db8::1, 192.0.2.34\n"
		"      adn = dns.corp.example.\n"
		"      priority = 7\n"
		"      svcparams = \"alpn=dot,h2 dohpath=/dns-query{?dns}\"\n"
		"      cert = resolver.pem\n"
		"      domains = internal.corp.example, corp.example\n"
		"      search = corp.example\n"
		"    }\n"
		"  }\n"
		"}\n");
	list = encdns_settings_load(path, collect_error, NULL);
	ck_assert_str_eq(errors, "");
	ck_assert_int_eq(list->get_count(list), 1);
	entry = find(list, "corp");
	ck_assert(entry);
	ck_assert_int_eq(entry->resolver->priority, 7);
	/* the trailing dot is removed */
	ck_assert_str_eq(entry->resolver->adn, "dns.corp.example");
	ck_assert_int_eq(array_count(entry->resolver->v4), 2);
	ck_assert_int_eq(array_count(entry->resolver->v6), 1);
	array_get(entry->resolver->v4, 1, &host);
	expected = host_create_from_string("192.0.2.34", 0);
	ck_assert(host->ip_equals(host, expected));
	expected->destroy(expected);
	ck_assert(encdns_svcparams_has_alpn(entry->resolver->svcparams, "h2"));
	ck_assert_int_eq(entry->connections->get_count(entry->connections), 2);
	ck_assert(entry->pools->get_first(entry->pools, (void**)&str) == SUCCESS);
	ck_assert_str_eq(str, "vpnpool");
	ck_assert_int_eq(entry->domains->get_count(entry->domains), 2);
	ck_assert_int_eq(entry->search->get_count(entry->search), 1);
	/* digests of the SPKI, relative cert taken from x509/ */
	digest = expected_digest(TESTS_DATA "/p256.sha256");
	ck_assert_chunk_eq(entry->digests[encdns_settings_hash_index(
										ENCDNS_HASH_SHA2_256)], digest);
	chunk_free(&digest);
	digest = expected_digest(TESTS_DATA "/p256.sha512");
	ck_assert_chunk_eq(entry->digests[encdns_settings_hash_index(
										ENCDNS_HASH_SHA2_512)], digest);
	chunk_free(&digest);
	encdns_settings_destroy(list);
}
END_TEST

START_TEST(test_pubkey_and_include)
{
	encdns_settings_resolver_t *entry;
	linked_list_t *list;
	chunk_t digest;

	/* swanctl.conf's include statements are followed */
	write_file("swanctl.conf", "encdns { include encdns.d/*.conf }\n");
	ck_assert(mkdir(strcat(strcpy(errors, dir), "/encdns.d"), 0700) == 0);
	errors[0] = '\0';
	write_file("encdns.d/a.conf",
		"resolvers { pinned { addrs = 2001:db8::53\n adn = dns.example.net\n"
		"  pubkey = resolver.der } }\n");
	list = encdns_settings_load(path, collect_error, NULL);
	ck_assert_str_eq(errors, "");
	entry = find(list, "pinned");
	ck_assert(entry);
	ck_assert_int_eq(entry->resolver->priority, 1);
	digest = expected_digest(TESTS_DATA "/p384.sha384");
	ck_assert_chunk_eq(entry->digests[encdns_settings_hash_index(
										ENCDNS_HASH_SHA2_384)], digest);
	chunk_free(&digest);
	/* nothing bound: served everywhere */
	ck_assert_int_eq(entry->connections->get_count(entry->connections), 0);
	encdns_settings_destroy(list);
}
END_TEST

static struct {
	char *resolver;
	char *reason;
} refused[] = {
	{ "noaddrs { adn = a.example }",
	  "addrs: missing" },
	{ "badaddr { addrs = 192.0.2.300\n adn = a.example }",
	  "addrs: '192.0.2.300' is not an IP address" },
	{ "noadn { addrs = 192.0.2.1 }",
	  "adn: missing" },
	{ "label { addrs = 192.0.2.1\n adn = a_b.example }",
	  "adn:" },
	{ "prio0 { addrs = 192.0.2.1\n adn = a.example\n priority = 0 }",
	  "priority: 0 (RFC 9464 3.1: MUST NOT be 0" },
	{ "prioword { addrs = 192.0.2.1\n adn = a.example\n priority = one }",
	  "priority: 'one' is not a number from 1 to 65535" },
	{ "priobig { addrs = 192.0.2.1\n adn = a.example\n priority = 65536 }",
	  "priority: '65536' is not a number" },
	{ "prioneg { addrs = 192.0.2.1\n adn = a.example\n priority = -1 }",
	  "priority: '-1' is not a number" },
	{ "hint4 { addrs = 192.0.2.1\n adn = a.example\n"
	  " svcparams = alpn=dot ipv4hint=192.0.2.2 }",
	  "ipv4hint" },
	{ "hint6 { addrs = 2001:db8::1\n adn = a.example\n"
	  " svcparams = alpn=dot ipv6hint=2001:db8::2 }",
	  "ipv6hint" },
	{ "badparams { addrs = 192.0.2.1\n adn = a.example\n"
	  " svcparams = alpn= }",
	  "svcparams: " },
	{ "nocert { addrs = 192.0.2.1\n adn = a.example\n cert = missing.pem }",
	  "cert: " },
	{ "both { addrs = 192.0.2.1\n adn = a.example\n cert = resolver.pem\n"
	  " pubkey = resolver.der }",
	  "cert and pubkey: only one source" },
	{ "unknown { addrs = 192.0.2.1\n adn = a.example\n alpn = dot }",
	  "unknown key 'alpn'" },
	{ "subsection { addrs = 192.0.2.1\n adn = a.example\n x { } }",
	  "unknown section 'x'" },
	{ "baddomain { addrs = 192.0.2.1\n adn = a.example\n domains = a..b }",
	  "domains: 'a..b'" },
	{ "badsearch { addrs = 192.0.2.1\n adn = a.example\n search = -a.b }",
	  "search: '-a.b'" },
};

START_TEST(test_refused)
{
	linked_list_t *list;
	char conf[512];

	snprintf(conf, sizeof(conf),
			 "encdns { resolvers { ok { addrs = 192.0.2.53\n"
			 " adn = dns.example.net }\n %s } }\n", refused[_i].resolver);
	write_file("swanctl.conf", conf);
	list = encdns_settings_load(path, collect_error, NULL);
	/* the invalid resolver is reported once and skipped, the other kept */
	ck_assert_int_eq(list->get_count(list), 1);
	ck_assert(find(list, "ok"));
	ck_assert_msg(strstr(errors, refused[_i].reason), "'%s' lacks '%s'",
				  errors, refused[_i].reason);
	ck_assert(strchr(errors, '\n') == errors + strlen(errors) - 1);
	encdns_settings_destroy(list);
}
END_TEST

START_TEST(test_too_many_addresses)
{
	linked_list_t *list;
	char *conf, *pos;
	int i;

	conf = malloc(256 * 16 + 256);
	pos = conf + sprintf(conf, "encdns { resolvers { many { adn = a.example\n"
						 " addrs = ");
	/* 256 IPv4 addresses: Num Addresses is one octet (RFC 9464 3.1) */
	for (i = 0; i < 256; i++)
	{
		pos += sprintf(pos, "%s198.51.100.%d", i ? "," : "", i);
	}
	sprintf(pos, " } } }\n");
	write_file("swanctl.conf", conf);
	free(conf);
	list = encdns_settings_load(path, collect_error, NULL);
	ck_assert_int_eq(list->get_count(list), 0);
	ck_assert(strstr(errors, "many: "));
	encdns_settings_destroy(list);
}
END_TEST

START_TEST(test_attribute_too_long)
{
	linked_list_t *list;
	char *conf, *pos;
	int i;

	/* SvcParams so long that the attribute exceeds 65535 octets */
	conf = malloc(70000 + 256);
	pos = conf + sprintf(conf, "encdns { resolvers { long { adn = a.example\n"
						 " addrs = 192.0.2.1\n svcparams = key65000=");
	for (i = 0; i < 65530; i++)
	{
		*pos++ = 'x';
	}
	sprintf(pos, " } } }\n");
	write_file("swanctl.conf", conf);
	free(conf);
	list = encdns_settings_load(path, collect_error, NULL);
	ck_assert_int_eq(list->get_count(list), 0);
	ck_assert(strstr(errors, "long: "));
	encdns_settings_destroy(list);
}
END_TEST

START_TEST(test_missing_file)
{
	ck_assert(!encdns_settings_load("/nonexistent/swanctl.conf",
									collect_error, NULL));
	ck_assert(strstr(errors, "No such file"));
}
END_TEST

START_TEST(test_clients)
{
	encdns_settings_client_t *client;
	linked_list_t *list;

	write_file("swanctl.conf",
		"encdns { clients {\n"
		"  home { }\n"
		"  v6 { families = ipv6\n hashes = sha384, sha256\n domains = no }\n"
		"  nodigest { hashes = none }\n"
		"  badfamily { families = ipx }\n"
		"  badhash { hashes = md5 }\n"
		"  badkey { pools = x }\n"
		"} }\n");
	list = encdns_settings_load_clients(path, collect_error, NULL);
	ck_assert_int_eq(list->get_count(list), 3);
	ck_assert(strstr(errors, "badfamily: families: 'ipx'"));
	ck_assert(strstr(errors, "badhash: hashes: unknown hash algorithm 'md5'"));
	ck_assert(strstr(errors, "badkey: unknown key 'pools'"));
	ck_assert(list->get_first(list, (void**)&client) == SUCCESS);
	ck_assert_str_eq(client->name, "home");
	ck_assert(client->ip4 && client->ip6 && client->domains);
	ck_assert_int_eq(client->hash_count, 3);
	ck_assert_int_eq(client->hashes[0], ENCDNS_HASH_SHA2_256);
	list->remove_first(list, (void**)&client);
	free(client->name);
	free(client);
	ck_assert(list->get_first(list, (void**)&client) == SUCCESS);
	ck_assert(!client->ip4 && client->ip6 && !client->domains);
	ck_assert_int_eq(client->hash_count, 2);
	ck_assert_int_eq(client->hashes[0], ENCDNS_HASH_SHA2_384);
	ck_assert(list->get_last(list, (void**)&client) == SUCCESS);
	ck_assert_str_eq(client->name, "nodigest");
	ck_assert_int_eq(client->hash_count, 0);
	encdns_settings_destroy_clients(list);
}
END_TEST

START_TEST(test_parse_hash)
{
	ck_assert_int_eq(encdns_settings_parse_hash("sha256"), 2);
	ck_assert_int_eq(encdns_settings_parse_hash("SHA2-384"), 3);
	ck_assert_int_eq(encdns_settings_parse_hash("sha512"), 4);
	ck_assert_int_eq(encdns_settings_parse_hash("sha1"), 1);
	ck_assert_int_eq(encdns_settings_parse_hash("md5"), 0);
	ck_assert_int_eq(encdns_settings_hash_index(ENCDNS_HASH_SHA1), -1);
}
END_TEST

Suite *settings_suite_create()
{
	Suite *s;
	TCase *tc;

	s = suite_create("settings");

	tc = tcase_create("resolvers");
	tcase_add_checked_fixture(tc, setup_dir, teardown_dir);
	tcase_add_test(tc, test_full_resolver);
	tcase_add_test(tc, test_pubkey_and_include);
	tcase_add_loop_test(tc, test_refused, 0, countof(refused));
	tcase_add_test(tc, test_too_many_addresses);
	tcase_add_test(tc, test_attribute_too_long);
	tcase_add_test(tc, test_missing_file);
	suite_add_tcase(s, tc);

	tc = tcase_create("clients");
	tcase_add_checked_fixture(tc, setup_dir, teardown_dir);
	tcase_add_test(tc, test_clients);
	tcase_add_test(tc, test_parse_hash);
	suite_add_tcase(s, tc);

	return s;
}
