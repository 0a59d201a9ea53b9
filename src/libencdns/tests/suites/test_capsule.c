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

#include <encdns_capsule.h>
#include <encdns_varint.h>
#include <encdns_attr.h>
#include <encdns_svcparams.h>

/*
 * Vectors. The -06 ones are spec.md 6.3 (the examples of draft -05 3.6,
 * Figures 5 and 6), re-derived byte by byte from the draft's field layout
 * with an independent script and found identical. The -03 ones and the
 * "fixed" full-tunnel ones are derived by us from the seed slides (draft
 * -02/-03 layout: Request ID (i) before the DNS Configuration, ADN
 * "masque.example" as on the slides), not published anywhere.
 *
 * The full-tunnel example of the slides and of every draft has no address
 * and omits no-default-alpn, which by the draft's own rule (-06 3.2, -03
 * 2.2) announces Do53 and then needs an address: it is refused. The fixed
 * variants add no-default-alpn (00 02 00 00), making it DoH/h3 only.
 */

/** -06 full tunnel, exactly spec.md 6.3 (refused: Do53 without address) */
static chunk_t v06_full = chunk_from_chars(
	0x9a,0xce,0x79,0xec, 0x3a,
	0x01,
	0x00,0x01, 0x00, 0x00,
	0x12, 'm','a','s','q','u','e','.','e','x','a','m','p','l','e','.','o','r',
	'g',
	0x1e, 0x00,0x01,0x00,0x06,0x02,'h','2',0x02,'h','3',
	0x00,0x07,0x00,0x10,'/','d','n','s','-','q','u','e','r','y','{','?','d',
	'n','s','}',
	0x01, 0x00,
	0x00);

/** -06 full tunnel with no-default-alpn */
static chunk_t v06_full_fixed = chunk_from_chars(
	0x9a,0xce,0x79,0xec, 0x3e,
	0x01,
	0x00,0x01, 0x00, 0x00,
	0x12, 'm','a','s','q','u','e','.','e','x','a','m','p','l','e','.','o','r',
	'g',
	0x22, 0x00,0x01,0x00,0x06,0x02,'h','2',0x02,'h','3', 0x00,0x02,0x00,0x00,
	0x00,0x07,0x00,0x10,'/','d','n','s','-','q','u','e','r','y','{','?','d',
	'n','s','}',
	0x01, 0x00,
	0x00);

/** -06 split tunnel, exactly spec.md 6.3 */
static chunk_t v06_split = chunk_from_chars(
	0x9a,0xce,0x79,0xec, 0x40,0x56,
	0x01,
	0x00,0x01, 0x01, 0xc0,0x00,0x02,0x21,
	0x01, 0x20,0x01,0x0d,0xb8,0x00,0x00,0x00,0x00,0x00,0x00,0x00,0x00,0x00,
	0x00,0x00,0x01,
	0x00, 0x00,
	0x01, 0x15, 'i','n','t','e','r','n','a','l','.','c','o','r','p','.','e',
	'x','a','m','p','l','e',
	0x02, 0x15, 'i','n','t','e','r','n','a','l','.','c','o','r','p','.','e',
	'x','a','m','p','l','e',
	0x0c, 'c','o','r','p','.','e','x','a','m','p','l','e');

/** -03 full tunnel of the seed slides, Request ID 0 (refused like -06) */
static chunk_t v03_full = chunk_from_chars(
	0x88,0x18,0xf7,0x9e, 0x37,
	0x00,
	0x01,
	0x00,0x01, 0x00, 0x00,
	0x0e, 'm','a','s','q','u','e','.','e','x','a','m','p','l','e',
	0x1e, 0x00,0x01,0x00,0x06,0x02,'h','2',0x02,'h','3',
	0x00,0x07,0x00,0x10,'/','d','n','s','-','q','u','e','r','y','{','?','d',
	'n','s','}',
	0x01, 0x00,
	0x00);

/** -03 full tunnel with no-default-alpn */
static chunk_t v03_full_fixed = chunk_from_chars(
	0x88,0x18,0xf7,0x9e, 0x3b,
	0x00,
	0x01,
	0x00,0x01, 0x00, 0x00,
	0x0e, 'm','a','s','q','u','e','.','e','x','a','m','p','l','e',
	0x22, 0x00,0x01,0x00,0x06,0x02,'h','2',0x02,'h','3', 0x00,0x02,0x00,0x00,
	0x00,0x07,0x00,0x10,'/','d','n','s','-','q','u','e','r','y','{','?','d',
	'n','s','}',
	0x01, 0x00,
	0x00);

/** -03 split tunnel of the seed slides, Request ID 0 */
static chunk_t v03_split = chunk_from_chars(
	0x88,0x18,0xf7,0x9e, 0x40,0x57,
	0x00,
	0x01,
	0x00,0x01, 0x01, 0xc0,0x00,0x02,0x21,
	0x01, 0x20,0x01,0x0d,0xb8,0x00,0x00,0x00,0x00,0x00,0x00,0x00,0x00,0x00,
	0x00,0x00,0x01,
	0x00, 0x00,
	0x01, 0x15, 'i','n','t','e','r','n','a','l','.','c','o','r','p','.','e',
	'x','a','m','p','l','e',
	0x02, 0x15, 'i','n','t','e','r','n','a','l','.','c','o','r','p','.','e',
	'x','a','m','p','l','e',
	0x0c, 'c','o','r','p','.','e','x','a','m','p','l','e');

/** PREF64 64:ff9b::/96, draft -05 4.3 */
static chunk_t v06_pref64 = chunk_from_chars(
	0xa7,0x4c,0x0f,0xbc, 0x0d,
	0x60, 0x00,0x64,0xff,0x9b,0x00,0x00,0x00,0x00,0x00,0x00,0x00,0x00);

/** SvcParams alpn=h2,h3 dohpath=/dns-query{?dns} [no-default-alpn] */
static chunk_t doh_params(bool nda)
{
	chunk_t alpn = chunk_from_chars(0x00,0x01,0x00,0x06,0x02,'h','2',0x02,
									'h','3');
	chunk_t nd = chunk_from_chars(0x00,0x02,0x00,0x00);
	chunk_t path = chunk_from_chars(0x00,0x07,0x00,0x10,'/','d','n','s','-',
									'q','u','e','r','y','{','?','d','n','s',
									'}');

	return chunk_cat("ccc", alpn, nda ? nd : chunk_empty, path);
}

/** the full-tunnel model */
static encdns_config_t *full_config(char *adn, bool nda)
{
	encdns_config_t *config;
	encdns_resolver_t *ns;

	config = encdns_config_create();
	ns = encdns_resolver_create(1);
	encdns_resolver_set_adn(ns, adn);
	ns->svcparams = doh_params(nda);
	array_insert(config->resolvers, ARRAY_TAIL, ns);
	encdns_config_add_domain(config->internal_domains, "");
	return config;
}

/** the split-tunnel model */
static encdns_config_t *split_config()
{
	encdns_config_t *config;
	encdns_resolver_t *ns;

	config = encdns_config_create();
	ns = encdns_resolver_create(1);
	encdns_resolver_add_addr(ns, host_create_from_string("192.0.2.33", 0));
	encdns_resolver_add_addr(ns, host_create_from_string("2001:db8::1", 0));
	array_insert(config->resolvers, ARRAY_TAIL, ns);
	encdns_config_add_domain(config->internal_domains,
							 "internal.corp.example");
	encdns_config_add_domain(config->search_domains, "internal.corp.example");
	encdns_config_add_domain(config->search_domains, "corp.example");
	return config;
}

/** assert a refusal reason contains a text */
#define assert_reason(err, text) \
	ck_assert_msg(strstr((err).msg, text), "reason '%s' lacks '%s'", \
				  (err).msg, text)

/**
 * The vectors that are valid
 */
static struct {
	const encdns_capsule_types_t *types;
	chunk_t *wire;
	int full;
	char *adn;
} valid[] = {
	{ &encdns_capsule_types_06, &v06_split, 0, NULL },
	{ &encdns_capsule_types_06, &v06_full_fixed, 1, "masque.example.org" },
	{ &encdns_capsule_types_03, &v03_split, 0, NULL },
	{ &encdns_capsule_types_03, &v03_full_fixed, 1, "masque.example" },
};

START_TEST(test_vector_valid)
{
	const encdns_capsule_types_t *types = valid[_i].types;
	encdns_capsule_t *capsule, *built;
	encdns_config_t *config, *expected;
	encdns_error_t err = {};
	chunk_t out;

	ck_assert_msg(encdns_capsule_decode(types, *valid[_i].wire, &capsule,
										&err), "%s", err.msg);
	ck_assert_int_eq(capsule->kind, ENCDNS_CAPSULE_DNS_ASSIGN);
	ck_assert(capsule->request_id == 0);
	ck_assert_int_eq(array_count(capsule->configs), 1);
	array_get(capsule->configs, 0, &config);
	expected = valid[_i].full ? full_config(valid[_i].adn, TRUE)
							  : split_config();
	ck_assert(encdns_config_equals(config, expected));

	/* decode -> encode gives the same octets */
	ck_assert_msg(encdns_capsule_encode(types, capsule, FALSE, &out, &err),
				  "%s", err.msg);
	ck_assert_chunk_eq(out, *valid[_i].wire);
	chunk_free(&out);

	/* model -> encode gives the vector */
	ck_assert_msg(encdns_capsule_build_assign(types, expected, FALSE, &out,
											  &err), "%s", err.msg);
	ck_assert_chunk_eq(out, *valid[_i].wire);
	chunk_free(&out);

	built = encdns_capsule_create(ENCDNS_CAPSULE_DNS_ASSIGN, 0);
	array_insert(built->configs, ARRAY_TAIL, expected);
	ck_assert(encdns_capsule_equals(capsule, built));
	encdns_capsule_destroy(built);
	encdns_capsule_destroy(capsule);
}
END_TEST

/**
 * The full-tunnel examples as published: Do53 announced, no address
 */
static struct {
	const encdns_capsule_types_t *types;
	chunk_t *wire;
	char *adn;
	char *draft;
} do53[] = {
	{ &encdns_capsule_types_06, &v06_full, "masque.example.org",
	  "draft-ietf-masque-connect-ip-dns-06 3.2" },
	{ &encdns_capsule_types_03, &v03_full, "masque.example",
	  "draft-ietf-masque-connect-ip-dns-03 2.2" },
};

START_TEST(test_vector_do53_refused)
{
	const encdns_capsule_types_t *types = do53[_i].types;
	encdns_capsule_t *capsule = NULL;
	encdns_config_t *config;
	encdns_error_t err = {};
	bio_reader_t *reader;
	uint64_t type;
	chunk_t value, out;

	/* the framing is right: one capsule, exact length */
	reader = bio_reader_create(*do53[_i].wire);
	ck_assert(encdns_capsule_read(reader, &type, &value, &err));
	ck_assert(type == types->dns_assign);
	ck_assert_int_eq(reader->remaining(reader), 0);
	reader->destroy(reader);

	/* everything parses up to the last rule of the nameserver */
	ck_assert(!encdns_capsule_decode(types, *do53[_i].wire, &capsule, &err));
	ck_assert(capsule == NULL);
	assert_reason(err, "DNS_ASSIGN: ");
	assert_reason(err, "nameserver 1: no address but no-default-alpn "
				  "omitted");
	assert_reason(err, do53[_i].draft);

	memset(&err, 0, sizeof(err));
	config = full_config(do53[_i].adn, FALSE);
	ck_assert(!encdns_capsule_build_assign(types, config, FALSE, &out, &err));
	assert_reason(err, "nameserver 1: no address");
	encdns_config_destroy(config);
}
END_TEST

START_TEST(test_pref64_vector)
{
	encdns_capsule_t *capsule, *built;
	encdns_pref64_t *prefix;
	encdns_error_t err = {};
	host_t *host;
	chunk_t out;

	ck_assert_msg(encdns_capsule_decode(&encdns_capsule_types_06, v06_pref64,
										&capsule, &err), "%s", err.msg);
	ck_assert_int_eq(capsule->kind, ENCDNS_CAPSULE_PREF64);
	ck_assert_int_eq(array_count(capsule->prefixes), 1);
	array_get(capsule->prefixes, 0, &prefix);
	ck_assert_int_eq(prefix->len, 96);
	ck_assert(encdns_capsule_encode(&encdns_capsule_types_06, capsule, FALSE,
									&out, &err));
	ck_assert_chunk_eq(out, v06_pref64);
	chunk_free(&out);

	built = encdns_capsule_create(ENCDNS_CAPSULE_PREF64, 0);
	host = host_create_from_string("64:ff9b::", 0);
	encdns_capsule_add_pref64(built, host, 96);
	host->destroy(host);
	ck_assert(encdns_capsule_equals(capsule, built));
	ck_assert(encdns_capsule_encode(&encdns_capsule_types_06, built, FALSE,
									&out, &err));
	ck_assert_chunk_eq(out, v06_pref64);
	chunk_free(&out);
	encdns_capsule_destroy(built);
	encdns_capsule_destroy(capsule);
}
END_TEST

START_TEST(test_pref64_empty_and_many)
{
	encdns_capsule_t *capsule;
	encdns_error_t err = {};
	chunk_t empty = chunk_from_chars(0xa7,0x4c,0x0f,0xbc, 0x00);
	chunk_t two = chunk_from_chars(0xa7,0x4c,0x0f,0xbc, 0x1a,
		0x20, 0x20,0x01,0x0d,0xb8,0x00,0x00,0x00,0x00,0x00,0x00,0x00,0x00,
		0x40, 0x20,0x01,0x0d,0xb8,0x01,0x22,0x03,0x44,0x00,0x00,0x00,0x00);
	chunk_t out;

	/* empty: NAT64 prefixes unavailable, valid (draft-05 4.1) */
	ck_assert(encdns_capsule_decode(&encdns_capsule_types_06, empty,
									&capsule, &err));
	ck_assert_int_eq(array_count(capsule->prefixes), 0);
	ck_assert(encdns_capsule_encode(&encdns_capsule_types_06, capsule, FALSE,
									&out, &err));
	ck_assert_chunk_eq(out, empty);
	chunk_free(&out);
	encdns_capsule_destroy(capsule);

	ck_assert_msg(encdns_capsule_decode(&encdns_capsule_types_06, two,
										&capsule, &err), "%s", err.msg);
	ck_assert_int_eq(array_count(capsule->prefixes), 2);
	ck_assert(encdns_capsule_encode(&encdns_capsule_types_06, capsule, FALSE,
									&out, &err));
	ck_assert_chunk_eq(out, two);
	chunk_free(&out);
	encdns_capsule_destroy(capsule);
}
END_TEST

/**
 * Malformed PREF64 values
 */
static struct {
	chunk_t value;
	char *reason;
} bad_pref64[] = {
	{ chunk_from_chars(0x60), "not a multiple of 13" },
	{ chunk_from_chars(0x60, 0x00,0x64,0xff,0x9b,0x00,0x00,0x00,0x00,0x00,
					   0x00,0x00,0x00, 0x60), "not a multiple of 13" },
	{ chunk_from_chars(0x21, 0x00,0x64,0xff,0x9b,0x00,0x00,0x00,0x00,0x00,
					   0x00,0x00,0x00), "prefix length 33" },
	{ chunk_from_chars(0x00, 0x00,0x00,0x00,0x00,0x00,0x00,0x00,0x00,0x00,
					   0x00,0x00,0x00), "prefix length 0" },
	{ chunk_from_chars(0x80, 0x00,0x64,0xff,0x9b,0x00,0x00,0x00,0x00,0x00,
					   0x00,0x00,0x00), "prefix length 128" },
	{ chunk_from_chars(0x20, 0x00,0x64,0xff,0x9b,0x01,0x00,0x00,0x00,0x00,
					   0x00,0x00,0x00), "bits after the prefix length 32" },
	{ chunk_from_chars(0x40, 0x00,0x64,0xff,0x9b,0x00,0x00,0x00,0x00,0x00,
					   0x00,0x00,0x01), "bits after the prefix length 64" },
};

START_TEST(test_pref64_refused)
{
	encdns_capsule_t *capsule = NULL;
	encdns_pref64_t *prefix;
	encdns_error_t err = {};
	chunk_t out;

	ck_assert(!encdns_capsule_decode_value(&encdns_capsule_types_06,
						encdns_capsule_types_06.pref64, bad_pref64[_i].value,
						&capsule, &err));
	ck_assert(capsule == NULL);
	assert_reason(err, "PREF64: ");
	assert_reason(err, bad_pref64[_i].reason);

	/* the same prefixes are refused on encode */
	if (bad_pref64[_i].value.len == 13)
	{
		memset(&err, 0, sizeof(err));
		capsule = encdns_capsule_create(ENCDNS_CAPSULE_PREF64, 0);
		INIT(prefix,
			.len = bad_pref64[_i].value.ptr[0],
		);
		memcpy(prefix->prefix, bad_pref64[_i].value.ptr + 1, 12);
		array_insert(capsule->prefixes, ARRAY_TAIL, prefix);
		ck_assert(!encdns_capsule_encode(&encdns_capsule_types_06, capsule,
										 FALSE, &out, &err));
		assert_reason(err, bad_pref64[_i].reason);
		encdns_capsule_destroy(capsule);
	}
}
END_TEST

/**
 * Copy of a vector with one octet changed
 */
static chunk_t patch(chunk_t wire, size_t pos, u_char val)
{
	chunk_t copy = chunk_clone(wire);

	copy.ptr[pos] = val;
	return copy;
}

START_TEST(test_priority_zero)
{
	encdns_capsule_t *capsule;
	encdns_config_t *config;
	encdns_resolver_t *ns;
	encdns_error_t err = {};
	chunk_t wire, out;

	/* octets 7/8 are the Service Priority of nameserver 1 */
	wire = patch(v06_split, 8, 0x00);
	ck_assert(!encdns_capsule_decode(&encdns_capsule_types_06, wire,
									 &capsule, &err));
	ck_assert_str_eq(err.msg, "DNS_ASSIGN: configuration 1: nameserver 1: "
					 "service priority 0 (draft-ietf-masque-connect-ip-dns-06 "
					 "3.2: MUST NOT be 0)");
	chunk_free(&wire);

	memset(&err, 0, sizeof(err));
	wire = patch(v03_split, 9, 0x00);
	ck_assert(!encdns_capsule_decode(&encdns_capsule_types_03, wire,
									 &capsule, &err));
	ck_assert_str_eq(err.msg, "DNS_ASSIGN: nameserver 1: service priority 0 "
					 "(draft-ietf-masque-connect-ip-dns-03 2.2: MUST NOT be "
					 "0)");
	chunk_free(&wire);

	memset(&err, 0, sizeof(err));
	config = split_config();
	array_get(config->resolvers, 0, &ns);
	ns->priority = 0;
	ck_assert(!encdns_capsule_build_assign(&encdns_capsule_types_06, config,
										   FALSE, &out, &err));
	assert_reason(err, "service priority 0");
	encdns_config_destroy(config);
}
END_TEST

/**
 * Nameserver SvcParams/ADN combinations refused on decode and encode
 */
static struct {
	char *adn;
	chunk_t params;
	char *reason;
} bad_ns[] = {
	/* ipv4hint 192.0.2.1 */
	{ "dns.example", chunk_from_chars(0x00,0x01,0x00,0x04,0x03,'d','o','t',
		0x00,0x02,0x00,0x00, 0x00,0x04,0x00,0x04,0xc0,0x00,0x02,0x01),
	  "ipv4hint/ipv6hint" },
	/* ipv6hint 2001:db8::1 */
	{ "dns.example", chunk_from_chars(0x00,0x01,0x00,0x04,0x03,'d','o','t',
		0x00,0x02,0x00,0x00, 0x00,0x06,0x00,0x10,0x20,0x01,0x0d,0xb8,0x00,
		0x00,0x00,0x00,0x00,0x00,0x00,0x00,0x00,0x00,0x00,0x01),
	  "ipv4hint/ipv6hint" },
	/* alpn with empty ADN */
	{ NULL, chunk_from_chars(0x00,0x01,0x00,0x04,0x03,'d','o','t'),
	  "alpn/no-default-alpn with an empty authentication domain name" },
	/* no-default-alpn alone with empty ADN: refused by SvcParams, as
	 * no-default-alpn needs alpn (RFC 9460 7.1.1), so only alpn needs our
	 * empty-ADN rule */
	{ NULL, chunk_from_chars(0x00,0x02,0x00,0x00),
	  "no-default-alpn without alpn" },
	/* truncated SvcParam */
	{ "dns.example", chunk_from_chars(0x00,0x01,0x00,0x08,0x03,'d','o','t'),
	  "nameserver 1: service parameters" },
	/* keys not increasing */
	{ "dns.example", chunk_from_chars(0x00,0x03,0x00,0x02,0x03,0x55,
		0x00,0x01,0x00,0x04,0x03,'d','o','t'),
	  "nameserver 1: service parameters" },
};

/**
 * Encode a -06 DNS_ASSIGN with one nameserver (192.0.2.53) by hand,
 * without our encoder's checks
 */
static chunk_t raw_ns(char *adn, chunk_t params)
{
	bio_writer_t *value, *writer;
	chunk_t out;

	value = bio_writer_create(0);
	value->write_uint8(value, 1);
	value->write_uint16(value, 1);
	value->write_uint8(value, 1);
	value->write_data(value, chunk_from_chars(192,0,2,53));
	value->write_uint8(value, 0);
	value->write_data8(value, chunk_from_str(adn ?: ""));
	encdns_varint_write(value, params.len);
	value->write_data(value, params);
	value->write_uint8(value, 0);
	value->write_uint8(value, 0);
	writer = bio_writer_create(0);
	encdns_capsule_write(writer, encdns_capsule_types_06.dns_assign,
						 value->get_buf(value), NULL);
	out = writer->extract_buf(writer);
	writer->destroy(writer);
	value->destroy(value);
	return out;
}

START_TEST(test_nameserver_refused)
{
	encdns_capsule_t *capsule = NULL;
	encdns_config_t *config;
	encdns_resolver_t *ns;
	encdns_error_t err = {};
	chunk_t wire, out;

	wire = raw_ns(bad_ns[_i].adn, bad_ns[_i].params);
	ck_assert(!encdns_capsule_decode(&encdns_capsule_types_06, wire,
									 &capsule, &err));
	ck_assert(capsule == NULL);
	assert_reason(err, "DNS_ASSIGN: configuration 1: ");
	assert_reason(err, bad_ns[_i].reason);
	chunk_free(&wire);

	memset(&err, 0, sizeof(err));
	config = encdns_config_create();
	ns = encdns_resolver_create(1);
	encdns_resolver_add_addr(ns, host_create_from_string("192.0.2.53", 0));
	encdns_resolver_set_adn(ns, bad_ns[_i].adn);
	ns->svcparams = chunk_clone(bad_ns[_i].params);
	array_insert(config->resolvers, ARRAY_TAIL, ns);
	ck_assert(!encdns_capsule_build_assign(&encdns_capsule_types_06, config,
										   FALSE, &out, &err));
	assert_reason(err, bad_ns[_i].reason);
	encdns_config_destroy(config);
}
END_TEST

START_TEST(test_nameserver_accepted)
{
	encdns_capsule_t *capsule;
	encdns_error_t err = {};
	chunk_t wire;

	/* DoT only with an address, and Do53 only without ADN: both fine */
	wire = raw_ns("dns.example", chunk_from_chars(0x00,0x01,0x00,0x04,0x03,
						'd','o','t', 0x00,0x02,0x00,0x00));
	ck_assert_msg(encdns_capsule_decode(&encdns_capsule_types_06, wire,
										&capsule, &err), "%s", err.msg);
	encdns_capsule_destroy(capsule);
	chunk_free(&wire);
	wire = raw_ns(NULL, chunk_from_chars(0x00,0x03,0x00,0x02,0x14,0xe9));
	ck_assert_msg(encdns_capsule_decode(&encdns_capsule_types_06, wire,
										&capsule, &err), "%s", err.msg);
	encdns_capsule_destroy(capsule);
	chunk_free(&wire);
}
END_TEST

/**
 * Domains refused on decode and encode
 */
static struct {
	char *adn;
	char *internal;
	char *search;
	char *reason;
} bad_domains[] = {
	{ "bad_name.example", "corp.example", "corp.example",
	  "nameserver 1: authentication domain name" },
	{ "-dns.example", "corp.example", "corp.example",
	  "nameserver 1: authentication domain name" },
	{ "dns.example", "corp..example", "corp.example", "internal domain 1" },
	{ "dns.example", "corp.example", "", "search domain 1: empty" },
	{ "dns.example", "corp.example", "corp example", "search domain 1" },
};

/**
 * Encode a -06 DNS_ASSIGN with the given domains by hand
 */
static chunk_t raw_domains(char *adn, char *internal, char *search)
{
	bio_writer_t *value, *writer;
	chunk_t out;

	value = bio_writer_create(0);
	value->write_uint8(value, 1);
	value->write_uint16(value, 1);
	value->write_uint8(value, 1);
	value->write_data(value, chunk_from_chars(192,0,2,53));
	value->write_uint8(value, 0);
	value->write_data8(value, chunk_from_str(adn));
	value->write_data8(value, chunk_from_chars(0x00,0x01,0x00,0x04,0x03,'d',
											   'o','t',0x00,0x02,0x00,0x00));
	value->write_uint8(value, 1);
	value->write_data8(value, chunk_from_str(internal));
	value->write_uint8(value, 1);
	value->write_data8(value, chunk_from_str(search));
	writer = bio_writer_create(0);
	encdns_capsule_write(writer, encdns_capsule_types_06.dns_assign,
						 value->get_buf(value), NULL);
	out = writer->extract_buf(writer);
	writer->destroy(writer);
	value->destroy(value);
	return out;
}

START_TEST(test_domains_refused)
{
	encdns_capsule_t *capsule = NULL;
	encdns_config_t *config;
	encdns_resolver_t *ns;
	encdns_error_t err = {};
	chunk_t wire, out;

	wire = raw_domains(bad_domains[_i].adn, bad_domains[_i].internal,
					   bad_domains[_i].search);
	ck_assert(!encdns_capsule_decode(&encdns_capsule_types_06, wire,
									 &capsule, &err));
	ck_assert(capsule == NULL);
	assert_reason(err, bad_domains[_i].reason);
	chunk_free(&wire);

	memset(&err, 0, sizeof(err));
	config = encdns_config_create();
	ns = encdns_resolver_create(1);
	encdns_resolver_add_addr(ns, host_create_from_string("192.0.2.53", 0));
	/* set directly: the model keeps what it is given */
	ns->adn = strdup(bad_domains[_i].adn);
	ns->svcparams = chunk_clone(chunk_from_chars(0x00,0x01,0x00,0x04,0x03,
									'd','o','t',0x00,0x02,0x00,0x00));
	array_insert(config->resolvers, ARRAY_TAIL, ns);
	encdns_config_add_domain(config->internal_domains,
							 bad_domains[_i].internal);
	encdns_config_add_domain(config->search_domains, bad_domains[_i].search);
	ck_assert(!encdns_capsule_build_assign(&encdns_capsule_types_06, config,
										   FALSE, &out, &err));
	assert_reason(err, bad_domains[_i].reason);
	encdns_config_destroy(config);
}
END_TEST

START_TEST(test_domains_normalized)
{
	encdns_capsule_t *capsule;
	encdns_config_t *config;
	encdns_resolver_t *ns;
	encdns_error_t err = {};
	char *domain;
	chunk_t wire;

	/* trailing dots are dropped, "" stays the root */
	wire = raw_domains("dns.example.", "", "corp.example.");
	ck_assert_msg(encdns_capsule_decode(&encdns_capsule_types_06, wire,
										&capsule, &err), "%s", err.msg);
	array_get(capsule->configs, 0, &config);
	array_get(config->resolvers, 0, &ns);
	ck_assert_str_eq(ns->adn, "dns.example");
	array_get(config->internal_domains, 0, &domain);
	ck_assert_str_eq(domain, "");
	array_get(config->search_domains, 0, &domain);
	ck_assert_str_eq(domain, "corp.example");
	encdns_capsule_destroy(capsule);
	chunk_free(&wire);
}
END_TEST

START_TEST(test_digests)
{
	encdns_config_t *config;
	encdns_error_t err = {};
	linked_list_t *reasons;
	chunk_t out;
	char *reason;

	config = split_config();
	ck_assert(encdns_capsule_report_loss(config, NULL));
	array_insert(config->digests, ARRAY_TAIL,
				 encdns_digest_create("dns.example", 2,
									  chunk_from_chars(0x01,0x02)));
	ck_assert(!encdns_capsule_build_assign(&encdns_capsule_types_06, config,
										   FALSE, &out, &err));
	assert_reason(err, "SPKI digest");
	ck_assert(encdns_capsule_build_assign(&encdns_capsule_types_06, config,
										  TRUE, &out, &err));
	ck_assert_chunk_eq(out, v06_split);
	chunk_free(&out);

	reasons = linked_list_create();
	ck_assert(!encdns_capsule_report_loss(config, reasons));
	ck_assert_int_eq(reasons->get_count(reasons), 1);
	reasons->get_first(reasons, (void**)&reason);
	ck_assert(strstr(reason, "SPKI digest 1"));
	ck_assert(strstr(reason, "dns.example"));
	reasons->destroy_function(reasons, free);
	encdns_config_destroy(config);
}
END_TEST

START_TEST(test_truncated_everywhere)
{
	chunk_t *vectors[] = { &v06_split, &v06_full_fixed, &v03_split,
						   &v03_full_fixed, &v06_pref64 };
	const encdns_capsule_types_t *types[] = {
		&encdns_capsule_types_06, &encdns_capsule_types_06,
		&encdns_capsule_types_03, &encdns_capsule_types_03,
		&encdns_capsule_types_06 };
	encdns_capsule_t *capsule = NULL;
	encdns_error_t err;
	array_t *list = NULL;
	chunk_t wire = *vectors[_i], value;
	size_t len, hdr;

	/* the capsule header is 5 or 6 octets (4 type, 1-2 length) */
	hdr = wire.ptr[4] & 0x40 ? 6 : 5;
	for (len = 0; len < wire.len; len++)
	{
		memset(&err, 0, sizeof(err));
		ck_assert(!encdns_capsule_decode(types[_i],
					chunk_create(wire.ptr, len), &capsule, &err));
		ck_assert(capsule == NULL);
		ck_assert(err.msg[0]);
		/* the empty stream is valid, any partial capsule is not */
		if (len)
		{
			ck_assert(!encdns_capsule_decode_stream(types[_i],
						chunk_create(wire.ptr, len), &list, NULL, NULL));
			ck_assert(list == NULL);
		}
	}
	/* a shorter value within a consistent header is malformed too (an
	 * empty -06 DNS_ASSIGN or PREF64 is valid) */
	for (len = 0; len < wire.len - hdr; len++)
	{
		if (len == 0 && types[_i] == &encdns_capsule_types_06)
		{
			continue;
		}
		value = chunk_create(wire.ptr + hdr, len);
		memset(&err, 0, sizeof(err));
		ck_assert(!encdns_capsule_decode_value(types[_i],
					types[_i] == &encdns_capsule_types_03 ||
					_i != 4 ? types[_i]->dns_assign : types[_i]->pref64,
					value, &capsule, &err));
		/* named as truncation, not as some later failure */
		assert_reason(err, "MUST be treated as malformed");
	}
}
END_TEST

START_TEST(test_trailing)
{
	encdns_capsule_t *capsule = NULL;
	encdns_error_t err = {};
	chunk_t wire;

	wire = chunk_cat("cc", v06_split, chunk_from_chars(0x00));
	ck_assert(!encdns_capsule_decode(&encdns_capsule_types_06, wire,
									 &capsule, &err));
	assert_reason(err, "1 octets after the capsule (RFC 9297 3.3");
	chunk_free(&wire);

	/* -03: one DNS Configuration only; a byte more inside the capsule */
	memset(&err, 0, sizeof(err));
	wire = chunk_cat("cc", v03_split, chunk_from_chars(0x00));
	wire.ptr[5] = 0x58;
	ck_assert(!encdns_capsule_decode(&encdns_capsule_types_03, wire,
									 &capsule, &err));
	assert_reason(err, "1 octets after the DNS Configuration");
	chunk_free(&wire);

	/* -06: a trailing partial configuration is malformed */
	memset(&err, 0, sizeof(err));
	wire = chunk_cat("cc", v06_split, chunk_from_chars(0x00));
	wire.ptr[5] = 0x57;
	ck_assert(!encdns_capsule_decode(&encdns_capsule_types_06, wire,
									 &capsule, &err));
	assert_reason(err, "configuration 2: truncated in Internal Domain Count");
	chunk_free(&wire);
}
END_TEST

START_TEST(test_multiple_configs)
{
	encdns_capsule_t *capsule, *decoded;
	encdns_error_t err = {};
	chunk_t out;

	capsule = encdns_capsule_create(ENCDNS_CAPSULE_DNS_ASSIGN, 0);
	array_insert(capsule->configs, ARRAY_TAIL, split_config());
	array_insert(capsule->configs, ARRAY_TAIL,
				 full_config("masque.example.org", TRUE));
	ck_assert_msg(encdns_capsule_encode(&encdns_capsule_types_06, capsule,
										FALSE, &out, &err), "%s", err.msg);
	ck_assert_msg(encdns_capsule_decode(&encdns_capsule_types_06, out,
										&decoded, &err), "%s", err.msg);
	ck_assert_int_eq(array_count(decoded->configs), 2);
	ck_assert(encdns_capsule_equals(capsule, decoded));
	encdns_capsule_destroy(decoded);
	chunk_free(&out);

	/* -03 carries exactly one */
	ck_assert(!encdns_capsule_encode(&encdns_capsule_types_03, capsule,
									 FALSE, &out, &err));
	assert_reason(err, "2 DNS Configurations");
	encdns_capsule_destroy(capsule);

	/* -06 carries zero as well, -03 does not */
	capsule = encdns_capsule_create(ENCDNS_CAPSULE_DNS_ASSIGN, 0);
	ck_assert(encdns_capsule_encode(&encdns_capsule_types_06, capsule,
									FALSE, &out, &err));
	ck_assert_chunk_eq(out, chunk_from_chars(0x9a,0xce,0x79,0xec,0x00));
	ck_assert(encdns_capsule_decode(&encdns_capsule_types_06, out,
									&decoded, &err));
	ck_assert_int_eq(array_count(decoded->configs), 0);
	encdns_capsule_destroy(decoded);
	chunk_free(&out);
	memset(&err, 0, sizeof(err));
	ck_assert(!encdns_capsule_encode(&encdns_capsule_types_03, capsule,
									 FALSE, &out, &err));
	assert_reason(err, "0 DNS Configurations");
	encdns_capsule_destroy(capsule);
}
END_TEST

/**
 * Add a NAT64 prefix given as string
 */
static void add_pref64(encdns_capsule_t *capsule, char *prefix, uint8_t len)
{
	host_t *host;

	host = host_create_from_string(prefix, 0);
	encdns_capsule_add_pref64(capsule, host, len);
	host->destroy(host);
}

START_TEST(test_equals)
{
	encdns_capsule_t *a, *b;
	encdns_config_t *config;
	encdns_pref64_t *prefix;

	a = encdns_capsule_create(ENCDNS_CAPSULE_DNS_ASSIGN, 0);
	b = encdns_capsule_create(ENCDNS_CAPSULE_DNS_REQUEST, 0);
	ck_assert(encdns_capsule_equals(a, a));
	ck_assert(!encdns_capsule_equals(a, b));
	b->kind = ENCDNS_CAPSULE_DNS_ASSIGN;
	ck_assert(encdns_capsule_equals(a, b));
	b->request_id = 1;
	ck_assert(!encdns_capsule_equals(a, b));
	b->request_id = 0;

	/* DNS Configurations: count and contents */
	array_insert(a->configs, ARRAY_TAIL, split_config());
	ck_assert(!encdns_capsule_equals(a, b));
	ck_assert(!encdns_capsule_equals(b, a));
	array_insert(b->configs, ARRAY_TAIL, full_config("masque.example", TRUE));
	ck_assert(!encdns_capsule_equals(a, b));
	array_remove(b->configs, ARRAY_TAIL, &config);
	encdns_config_destroy(config);
	array_insert(b->configs, ARRAY_TAIL, split_config());
	ck_assert(encdns_capsule_equals(a, b));

	/* NAT64 prefixes: count, length and bits */
	add_pref64(a, "64:ff9b::", 96);
	ck_assert(!encdns_capsule_equals(a, b));
	ck_assert(!encdns_capsule_equals(b, a));
	add_pref64(b, "64:ff9b::", 64);
	ck_assert(!encdns_capsule_equals(a, b));
	array_remove(b->prefixes, ARRAY_TAIL, &prefix);
	free(prefix);
	add_pref64(b, "64:ff9c::", 96);
	ck_assert(!encdns_capsule_equals(a, b));
	array_remove(b->prefixes, ARRAY_TAIL, &prefix);
	free(prefix);
	add_pref64(b, "64:ff9b::", 96);
	ck_assert(encdns_capsule_equals(a, b));
	encdns_capsule_destroy(a);
	encdns_capsule_destroy(b);
}
END_TEST

START_TEST(test_mixed_families)
{
	encdns_config_t *config;
	encdns_resolver_t *ns;
	encdns_error_t err = {};
	chunk_t out;

	/* the model keeps families apart, an encoder must not trust that */
	config = split_config();
	array_get(config->resolvers, 0, &ns);
	array_insert(ns->v4, ARRAY_TAIL, host_create_from_string("2001:db8::1",
															 0));
	ck_assert(!encdns_capsule_build_assign(&encdns_capsule_types_06, config,
										   FALSE, &out, &err));
	assert_reason(err, "nameserver 1: IPv6 address in the IPv4 list");
	encdns_config_destroy(config);

	memset(&err, 0, sizeof(err));
	config = split_config();
	array_get(config->resolvers, 0, &ns);
	array_insert(ns->v6, ARRAY_TAIL, host_create_from_string("192.0.2.1", 0));
	ck_assert(!encdns_capsule_build_assign(&encdns_capsule_types_06, config,
										   FALSE, &out, &err));
	assert_reason(err, "nameserver 1: IPv4 address in the IPv6 list");
	encdns_config_destroy(config);
}
END_TEST

START_TEST(test_request_ids_codec)
{
	encdns_capsule_t *capsule, *decoded;
	encdns_error_t err = {};
	chunk_t out;
	chunk_t req0 = chunk_from_chars(0x88,0x18,0xf7,0x9f, 0x04, 0x00,
									0x00,0x00,0x00);
	chunk_t req5 = chunk_from_chars(0x88,0x18,0xf7,0x9f, 0x04, 0x05,
									0x00,0x00,0x00);

	/* empty request = no preference, ID 5 */
	ck_assert_msg(encdns_capsule_decode(&encdns_capsule_types_03, req5,
										&decoded, &err), "%s", err.msg);
	ck_assert_int_eq(decoded->kind, ENCDNS_CAPSULE_DNS_REQUEST);
	ck_assert(decoded->request_id == 5);
	ck_assert(encdns_capsule_encode(&encdns_capsule_types_03, decoded, FALSE,
									&out, &err));
	ck_assert_chunk_eq(out, req5);
	chunk_free(&out);
	encdns_capsule_destroy(decoded);

	/* a DNS_REQUEST's request ID is non-zero, on decode and encode */
	ck_assert(!encdns_capsule_decode(&encdns_capsule_types_03, req0,
									 &decoded, &err));
	ck_assert_str_eq(err.msg, "DNS_REQUEST: Request ID 0 "
					 "(draft-ietf-masque-connect-ip-dns-03 2.4: MUST be a new "
					 "non-zero request ID)");
	memset(&err, 0, sizeof(err));
	capsule = encdns_capsule_create(ENCDNS_CAPSULE_DNS_REQUEST, 0);
	array_insert(capsule->configs, ARRAY_TAIL, encdns_config_create());
	ck_assert(!encdns_capsule_encode(&encdns_capsule_types_03, capsule,
									 FALSE, &out, &err));
	assert_reason(err, "Request ID 0");

	/* -06 has no DNS_REQUEST, the -03 type is skipped there */
	memset(&err, 0, sizeof(err));
	capsule->request_id = 7;
	ck_assert(!encdns_capsule_encode(&encdns_capsule_types_06, capsule,
									 FALSE, &out, &err));
	assert_reason(err, "defines no DNS_REQUEST");
	encdns_capsule_destroy(capsule);

	/* an answer carries the request's ID; -06 has no IDs */
	capsule = encdns_capsule_create(ENCDNS_CAPSULE_DNS_ASSIGN, 5);
	array_insert(capsule->configs, ARRAY_TAIL, split_config());
	ck_assert(encdns_capsule_encode(&encdns_capsule_types_03, capsule, FALSE,
									&out, &err));
	ck_assert(encdns_capsule_decode(&encdns_capsule_types_03, out, &decoded,
									&err));
	ck_assert(decoded->request_id == 5);
	ck_assert(encdns_capsule_equals(capsule, decoded));
	encdns_capsule_destroy(decoded);
	chunk_free(&out);
	memset(&err, 0, sizeof(err));
	ck_assert(!encdns_capsule_encode(&encdns_capsule_types_06, capsule,
									 FALSE, &out, &err));
	assert_reason(err, "Request ID 5");
	encdns_capsule_destroy(capsule);

	/* -03 has no PREF64 */
	memset(&err, 0, sizeof(err));
	capsule = encdns_capsule_create(ENCDNS_CAPSULE_PREF64, 0);
	ck_assert(!encdns_capsule_encode(&encdns_capsule_types_03, capsule,
									 FALSE, &out, &err));
	assert_reason(err, "defines no PREF64");
	encdns_capsule_destroy(capsule);
}
END_TEST

START_TEST(test_grease)
{
	ck_assert(encdns_capsule_is_grease(0x17));
	ck_assert(encdns_capsule_is_grease(0x40));
	ck_assert(encdns_capsule_is_grease(0x17 + 0x29 * 1000000ULL));
	ck_assert(!encdns_capsule_is_grease(0x16));
	ck_assert(!encdns_capsule_is_grease(0x18));
	ck_assert(!encdns_capsule_is_grease(0x00));
	ck_assert(!encdns_capsule_is_grease(0x1ACE79EC));
}
END_TEST

START_TEST(test_stream)
{
	encdns_capsule_t *capsule;
	encdns_error_t err = {};
	array_t *list;
	u_int skipped;
	chunk_t stream;

	/* ADDRESS_ASSIGN (RFC 9484), GREASE 0x40, unknown 0x3fff, DNS_ASSIGN,
	 * an -03 DNS_ASSIGN (unknown under -06), PREF64 */
	stream = chunk_cat("cccccc",
		chunk_from_chars(0x01, 0x03, 0x00, 0x04, 0x20),
		chunk_from_chars(0x40,0x40, 0x02, 0xaa,0xbb),
		chunk_from_chars(0x7f,0xff, 0x00),
		v06_split, v03_split, v06_pref64);
	ck_assert_msg(encdns_capsule_decode_stream(&encdns_capsule_types_06,
								stream, &list, &skipped, &err), "%s", err.msg);
	ck_assert_int_eq(skipped, 4);
	ck_assert_int_eq(array_count(list), 2);
	array_get(list, 0, &capsule);
	ck_assert_int_eq(capsule->kind, ENCDNS_CAPSULE_DNS_ASSIGN);
	array_get(list, 1, &capsule);
	ck_assert_int_eq(capsule->kind, ENCDNS_CAPSULE_PREF64);
	array_destroy_function(list, (void*)encdns_capsule_destroy, NULL);

	/* under -03 the -06 capsules are the unknown ones */
	ck_assert_msg(encdns_capsule_decode_stream(&encdns_capsule_types_03,
								stream, &list, &skipped, &err), "%s", err.msg);
	ck_assert_int_eq(skipped, 5);
	ck_assert_int_eq(array_count(list), 1);
	array_destroy_function(list, (void*)encdns_capsule_destroy, NULL);
	chunk_free(&stream);

	/* a truncated last capsule, even of an unknown type, is malformed */
	stream = chunk_cat("cc", v06_split, chunk_from_chars(0x7f,0xff, 0x05,
														 0x00));
	ck_assert(!encdns_capsule_decode_stream(&encdns_capsule_types_06, stream,
											&list, &skipped, &err));
	ck_assert(list == NULL);
	assert_reason(err, "capsule 2: capsule 0x3fff: Capsule Length 5 but "
				  "only 1 octets follow (RFC 9297 3.3");
	chunk_free(&stream);

	/* an invalid DNS capsule spoils the stream */
	memset(&err, 0, sizeof(err));
	stream = chunk_cat("cc", chunk_from_chars(0x17, 0x00),
					   v06_full);
	ck_assert(!encdns_capsule_decode_stream(&encdns_capsule_types_06, stream,
											&list, &skipped, &err));
	assert_reason(err, "capsule 2: DNS_ASSIGN: configuration 1: nameserver 1");
	chunk_free(&stream);

	/* empty stream */
	ck_assert(encdns_capsule_decode_stream(&encdns_capsule_types_06,
							chunk_empty, &list, &skipped, &err));
	ck_assert_int_eq(array_count(list), 0);
	ck_assert_int_eq(skipped, 0);
	array_destroy(list);
}
END_TEST

START_TEST(test_non_minimal)
{
	encdns_capsule_t *capsule;
	encdns_config_t *config, *expected;
	encdns_error_t err = {};
	chunk_t wire;

	/* the split vector with 8-octet Type and Length, 2-octet counts and
	 * domain lengths, 4-octet SvcParams length (86 + 1 + 1 + 1 + 1 + 1 + 1
	 * + 1 + 3 octets of value) */
	wire = chunk_from_chars(
		0xc0,0x00,0x00,0x00,0x1a,0xce,0x79,0xec,
		0xc0,0x00,0x00,0x00,0x00,0x00,0x00,0x62,
		0x40,0x01,
		0x00,0x01, 0x40,0x01, 0xc0,0x00,0x02,0x21,
		0x40,0x01, 0x20,0x01,0x0d,0xb8,0x00,0x00,0x00,0x00,0x00,0x00,0x00,
		0x00,0x00,0x00,0x00,0x01,
		0x40,0x00, 0x80,0x00,0x00,0x00,
		0x40,0x01, 0x40,0x15, 'i','n','t','e','r','n','a','l','.','c','o',
		'r','p','.','e','x','a','m','p','l','e',
		0x40,0x02, 0x40,0x15, 'i','n','t','e','r','n','a','l','.','c','o',
		'r','p','.','e','x','a','m','p','l','e',
		0x40,0x0c, 'c','o','r','p','.','e','x','a','m','p','l','e');
	ck_assert_msg(encdns_capsule_decode(&encdns_capsule_types_06, wire,
										&capsule, &err), "%s", err.msg);
	array_get(capsule->configs, 0, &config);
	expected = split_config();
	ck_assert(encdns_config_equals(config, expected));
	encdns_config_destroy(expected);
	encdns_capsule_destroy(capsule);
}
END_TEST

START_TEST(test_huge_counts)
{
	encdns_capsule_t *capsule = NULL;
	encdns_error_t err = {};
	chunk_t wire;

	/* Nameserver Count 2^62-1 in a 9 octet value */
	wire = chunk_from_chars(0x9a,0xce,0x79,0xec, 0x09,
		0xff,0xff,0xff,0xff,0xff,0xff,0xff,0xff, 0x00);
	ck_assert(!encdns_capsule_decode(&encdns_capsule_types_06, wire,
									 &capsule, &err));
	assert_reason(err, "Nameserver Count 4611686018427387903 exceeds");
	/* IPv4 Address Count larger than what follows */
	memset(&err, 0, sizeof(err));
	wire = chunk_from_chars(0x9a,0xce,0x79,0xec, 0x0a,
		0x01, 0x00,0x01, 0x02, 0xc0,0x00,0x02,0x01, 0x00,0x00);
	ck_assert(!encdns_capsule_decode(&encdns_capsule_types_06, wire,
									 &capsule, &err));
	assert_reason(err, "nameserver 1: IPv4 Address Count 2 exceeds");
	/* Capsule Length larger than the input */
	memset(&err, 0, sizeof(err));
	wire = chunk_from_chars(0x9a,0xce,0x79,0xec,
		0xff,0xff,0xff,0xff,0xff,0xff,0xff,0xff);
	ck_assert(!encdns_capsule_decode(&encdns_capsule_types_06, wire,
									 &capsule, &err));
	assert_reason(err, "truncated capsule");
	ck_assert(capsule == NULL);
}
END_TEST

START_TEST(test_varint_limits)
{
	encdns_capsule_types_t types = encdns_capsule_types_06;
	encdns_capsule_t *capsule;
	encdns_config_t *config;
	encdns_error_t err = {};
	bio_writer_t *writer;
	chunk_t out;

	/* Capsule Type is a varint (RFC 9000 16) */
	writer = bio_writer_create(0);
	ck_assert(!encdns_capsule_write(writer, ENCDNS_VARINT_MAX + 1,
									chunk_empty, &err));
	assert_reason(err, "capsule type 0x4000000000000000 exceeds 2^62-1");
	ck_assert(encdns_capsule_write(writer, ENCDNS_VARINT_MAX, chunk_empty,
								   NULL));
	ck_assert_int_eq(writer->get_buf(writer).len, 9);
	writer->destroy(writer);

	/* a configured type that does not fit is refused, not mis-encoded */
	memset(&err, 0, sizeof(err));
	types.dns_assign = ENCDNS_VARINT_MAX + 1;
	config = split_config();
	ck_assert(!encdns_capsule_build_assign(&types, config, FALSE, &out,
										   &err));
	assert_reason(err, "DNS_ASSIGN: capsule type");
	encdns_config_destroy(config);

	/* so is a -03 Request ID */
	memset(&err, 0, sizeof(err));
	capsule = encdns_capsule_create(ENCDNS_CAPSULE_DNS_ASSIGN,
									ENCDNS_VARINT_MAX + 1);
	array_insert(capsule->configs, ARRAY_TAIL, split_config());
	ck_assert(!encdns_capsule_encode(&encdns_capsule_types_03, capsule, FALSE,
									 &out, &err));
	assert_reason(err, "Request ID exceeds 2^62-1");
	encdns_capsule_destroy(capsule);
}
END_TEST

START_TEST(test_custom_types)
{
	encdns_capsule_types_t types = encdns_capsule_types_06;
	encdns_capsule_t *capsule;
	encdns_config_t *config;
	encdns_error_t err = {};
	chunk_t out;

	/* a final RFC would assign small values: nothing is hard-coded */
	types.dns_assign = 0x21;
	config = split_config();
	ck_assert(encdns_capsule_build_assign(&types, config, FALSE, &out, &err));
	ck_assert_int_eq(out.ptr[0], 0x21);
	ck_assert_int_eq(out.ptr[1], 0x40);
	ck_assert_int_eq(out.ptr[2], 0x56);
	ck_assert(encdns_capsule_decode(&types, out, &capsule, &err));
	encdns_capsule_destroy(capsule);
	memset(&err, 0, sizeof(err));
	ck_assert(!encdns_capsule_decode(&encdns_capsule_types_06, out, &capsule,
									 &err));
	assert_reason(err, "not a DNS capsule");
	chunk_free(&out);
	encdns_config_destroy(config);
}
END_TEST

START_TEST(test_session)
{
	encdns_capsule_session_t *s;
	encdns_error_t err = {};
	uint64_t id;

	s = encdns_capsule_session_create(2);

	/* our requests: fresh non-zero IDs */
	id = s->next_request_id(s);
	ck_assert(id == 1);
	ck_assert(!s->send_request(s, 0, &err));
	assert_reason(err, "Request ID 0");
	memset(&err, 0, sizeof(err));
	ck_assert(!s->send_request(s, 1, &err));
	assert_reason(err, "Request ID 1 used before");
	ck_assert(s->send_request(s, 10, NULL));
	ck_assert(s->next_request_id(s) == 11);
	ck_assert_int_eq(s->get_outstanding(s), 3);

	/* assigns we receive: 0 or one of ours, once */
	ck_assert(s->recv_assign(s, 0, NULL));
	ck_assert(s->recv_assign(s, 10, NULL));
	memset(&err, 0, sizeof(err));
	ck_assert(!s->recv_assign(s, 10, &err));
	assert_reason(err, "answers no outstanding own DNS_REQUEST");
	ck_assert(!s->recv_assign(s, 99, NULL));
	ck_assert_int_eq(s->get_outstanding(s), 2);
	/* answered IDs stay used */
	ck_assert(!s->send_request(s, 10, NULL));

	/* peer requests: non-zero, never reused, bounded */
	ck_assert(!s->recv_request(s, 0, NULL));
	ck_assert(s->recv_request(s, 1, NULL));
	memset(&err, 0, sizeof(err));
	ck_assert(!s->recv_request(s, 1, &err));
	assert_reason(err, "DNS_REQUEST received: Request ID 1 used before");
	ck_assert(s->recv_request(s, 7, NULL));
	memset(&err, 0, sizeof(err));
	ck_assert(!s->recv_request(s, 8, &err));
	assert_reason(err, "MUST bound buffering");
	ck_assert_int_eq(s->get_owed(s), 2);

	/* assigns we send: 0 or answering a peer request */
	ck_assert(s->send_assign(s, 0, NULL));
	ck_assert(!s->send_assign(s, 11, NULL));
	ck_assert(s->send_assign(s, 7, NULL));
	ck_assert(!s->send_assign(s, 7, NULL));
	ck_assert_int_eq(s->get_owed(s), 1);
	ck_assert(s->recv_request(s, 8, NULL));
	ck_assert(!s->recv_request(s, 7, NULL));
	s->destroy(s);
}
END_TEST

START_TEST(test_session_limits)
{
	encdns_capsule_session_t *s;
	encdns_error_t err = {};
	uint64_t id;
	int i;

	/* Request IDs are varints */
	s = encdns_capsule_session_create(0);
	ck_assert(!s->send_request(s, ENCDNS_VARINT_MAX + 1, &err));
	assert_reason(err, "DNS_REQUEST sent: Request ID exceeds 2^62-1");
	ck_assert(!s->recv_request(s, ENCDNS_VARINT_MAX + 1, NULL));
	ck_assert(s->send_request(s, ENCDNS_VARINT_MAX, NULL));
	ck_assert(s->next_request_id(s) == 0);
	s->destroy(s);

	/* IDs out of order stay findable */
	s = encdns_capsule_session_create(0);
	for (i = 0; i < 1000; i++)
	{
		ck_assert(s->send_request(s, (i * 7919) % 1000 + 1, NULL));
	}
	ck_assert(!s->send_request(s, 500, NULL));
	for (id = 1000; id > 0; id--)
	{
		ck_assert(s->recv_assign(s, id, NULL));
	}
	ck_assert_int_eq(s->get_outstanding(s), 0);
	s->destroy(s);

	/* the IDs remembered per direction are bounded */
	s = encdns_capsule_session_create(0);
	for (id = 1; id <= 65536; id++)
	{
		ck_assert(s->send_request(s, id, NULL));
	}
	memset(&err, 0, sizeof(err));
	ck_assert(!s->send_request(s, id, &err));
	assert_reason(err, "DNS_REQUEST sent: more than 65536 requests");
	ck_assert(s->next_request_id(s) == 0);
	for (id = 1; id <= 65536; id++)
	{
		ck_assert(s->recv_assign(s, id, NULL));
	}
	s->destroy(s);
}
END_TEST

/**
 * An IKEv2 CFG_REPLY: ENCDNS_IP4 prio 1, 192.0.2.53, "dns.example",
 * alpn=dot; INTERNAL_DNS_DOMAIN corp.example
 */
static encdns_config_t *ikev2_config()
{
	encdns_config_t *config;
	encdns_resolver_t *ns;

	config = encdns_config_create();
	ns = encdns_resolver_create(1);
	encdns_resolver_add_addr(ns, host_create_from_string("192.0.2.53", 0));
	encdns_resolver_set_adn(ns, "dns.example");
	ns->svcparams = chunk_clone(chunk_from_chars(0x00,0x01,0x00,0x04,0x03,
												 'd','o','t'));
	array_insert(config->resolvers, ARRAY_TAIL, ns);
	ns = encdns_resolver_create(2);
	encdns_resolver_add_addr(ns, host_create_from_string("2001:db8::53", 0));
	encdns_resolver_set_adn(ns, "doq.example");
	ns->svcparams = chunk_clone(chunk_from_chars(0x00,0x01,0x00,0x04,0x03,
												 'd','o','q',
												 0x00,0x03,0x00,0x02,0x03,
												 0x55));
	array_insert(config->resolvers, ARRAY_TAIL, ns);
	encdns_config_add_domain(config->internal_domains, "corp.example");
	return config;
}

START_TEST(test_ikev2_round_trip)
{
	encdns_config_t *config, *back;
	encdns_capsule_t *capsule;
	encdns_resolver_t *ns;
	encdns_error_t err = {};
	linked_list_t *reasons;
	chunk_t tlvs, wire, tlvs2, value;

	config = ikev2_config();
	ck_assert_msg(encdns_attrs_build(config, ENCDNS_CFG_REPLY, FALSE, &tlvs,
									 &err), "%s", err.msg);

	/* IKEv2 -> model -> capsule: no-default-alpn added, nothing lost */
	ck_assert_msg(encdns_capsule_from_ikev2(&encdns_capsule_types_06, tlvs,
							ENCDNS_CFG_REPLY, &wire, NULL, &err), "%s",
				  err.msg);
	ck_assert(encdns_capsule_decode(&encdns_capsule_types_06, wire, &capsule,
									&err));
	array_get(capsule->configs, 0, &back);
	ck_assert_int_eq(array_count(back->resolvers), 2);
	array_get(back->resolvers, 0, &ns);
	ck_assert(encdns_svcparams_find(ns->svcparams, SVC_KEY_NO_DEFAULT_ALPN,
									&value));
	encdns_capsule_destroy(capsule);

	/* capsule -> model -> IKEv2: the same attributes */
	reasons = linked_list_create();
	ck_assert_msg(encdns_capsule_to_ikev2(&encdns_capsule_types_06, wire,
										  &tlvs2, reasons, &err), "%s",
				  err.msg);
	ck_assert_int_eq(reasons->get_count(reasons), 0);
	ck_assert_chunk_eq(tlvs2, tlvs);
	chunk_free(&tlvs2);
	chunk_free(&wire);

	/* the same through -03 */
	ck_assert(encdns_capsule_from_ikev2(&encdns_capsule_types_03, tlvs,
							ENCDNS_CFG_REPLY, &wire, NULL, &err));
	ck_assert(encdns_capsule_to_ikev2(&encdns_capsule_types_03, wire,
									  &tlvs2, NULL, &err));
	ck_assert_chunk_eq(tlvs2, tlvs);
	chunk_free(&tlvs2);
	chunk_free(&wire);
	chunk_free(&tlvs);
	reasons->destroy(reasons);
	encdns_config_destroy(config);
}
END_TEST

START_TEST(test_ikev2_digest_lost)
{
	encdns_config_t *config;
	encdns_error_t err = {};
	linked_list_t *reasons;
	chunk_t tlvs, wire, tlvs2, digest;
	char *reason;

	config = ikev2_config();
	digest = chunk_alloca(32);
	memset(digest.ptr, 0xab, digest.len);
	array_insert(config->digests, ARRAY_TAIL,
				 encdns_digest_create("dns.example", 2, digest));
	ck_assert_msg(encdns_attrs_build(config, ENCDNS_CFG_REPLY, FALSE, &tlvs,
									 &err), "%s", err.msg);
	/* refused unless the caller takes the list of what is lost */
	ck_assert(!encdns_capsule_from_ikev2(&encdns_capsule_types_06, tlvs,
							ENCDNS_CFG_REPLY, &wire, NULL, &err));
	assert_reason(err, "SPKI digest");
	reasons = linked_list_create();
	ck_assert(encdns_capsule_from_ikev2(&encdns_capsule_types_06, tlvs,
							ENCDNS_CFG_REPLY, &wire, reasons, &err));
	ck_assert_int_eq(reasons->get_count(reasons), 1);
	reasons->get_first(reasons, (void**)&reason);
	ck_assert(strstr(reason, "SPKI digest 1 (hash 2, ADN dns.example)"));
	reasons->destroy_function(reasons, free);
	chunk_free(&tlvs);

	/* back: everything but the digest */
	array_destroy_function(config->digests, (void*)encdns_digest_destroy,
						   NULL);
	config->digests = array_create(0, 0);
	ck_assert(encdns_attrs_build(config, ENCDNS_CFG_REPLY, FALSE, &tlvs,
								 &err));
	ck_assert(encdns_capsule_to_ikev2(&encdns_capsule_types_06, wire,
									  &tlvs2, NULL, &err));
	ck_assert_chunk_eq(tlvs2, tlvs);
	chunk_free(&tlvs2);
	chunk_free(&tlvs);
	chunk_free(&wire);
	encdns_config_destroy(config);
}
END_TEST

START_TEST(test_ikev2_loss)
{
	encdns_config_t *config;
	encdns_resolver_t *ns;
	encdns_error_t err = {};
	linked_list_t *reasons;
	enumerator_t *enumerator;
	chunk_t wire, tlvs, expected;
	char *reason, *all[6] = {};
	int i = 0;

	/* the split example: Do53 only, search domains */
	config = split_config();
	/* plus a DoT resolver without address and one announcing Do53 */
	ns = encdns_resolver_create(2);
	encdns_resolver_set_adn(ns, "dot.example");
	ns->svcparams = chunk_clone(chunk_from_chars(0x00,0x01,0x00,0x04,0x03,
									'd','o','t',0x00,0x02,0x00,0x00));
	array_insert(config->resolvers, ARRAY_TAIL, ns);
	ns = encdns_resolver_create(3);
	encdns_resolver_add_addr(ns, host_create_from_string("192.0.2.54", 0));
	encdns_resolver_set_adn(ns, "both.example");
	ns->svcparams = chunk_clone(chunk_from_chars(0x00,0x01,0x00,0x04,0x03,
									'd','o','t'));
	array_insert(config->resolvers, ARRAY_TAIL, ns);
	encdns_config_add_domain(config->internal_domains, "");

	reasons = linked_list_create();
	ck_assert(!encdns_ikev2_report_loss(config, reasons));
	ck_assert_int_eq(reasons->get_count(reasons), 6);
	enumerator = reasons->create_enumerator(reasons);
	while (enumerator->enumerate(enumerator, &reason))
	{
		all[i++] = reason;
	}
	enumerator->destroy(enumerator);
	ck_assert(strstr(all[0], "nameserver 1: no authentication domain name"));
	ck_assert(strstr(all[1], "nameserver 2 (dot.example): no address"));
	ck_assert(strstr(all[2], "nameserver 3 (both.example): Do53"));
	ck_assert(strstr(all[3], "internal domain \"\""));
	ck_assert(strstr(all[4], "search domain internal.corp.example"));
	ck_assert(strstr(all[5], "search domain corp.example"));
	reasons->destroy_function(reasons, free);
	/* reporting changes nothing */
	ck_assert_int_eq(array_count(config->resolvers), 3);

	ck_assert_msg(encdns_capsule_build_assign(&encdns_capsule_types_06,
								config, FALSE, &wire, &err), "%s", err.msg);
	ck_assert(!encdns_capsule_to_ikev2(&encdns_capsule_types_06, wire, &tlvs,
									   NULL, &err));
	assert_reason(err, "IKEv2 cannot carry: nameserver 1");
	reasons = linked_list_create();
	ck_assert_msg(encdns_capsule_to_ikev2(&encdns_capsule_types_06, wire,
								&tlvs, reasons, &err), "%s", err.msg);
	ck_assert_int_eq(reasons->get_count(reasons), 6);
	reasons->destroy_function(reasons, free);

	/* left: both.example (alpn=dot) and internal.corp.example */
	expected = chunk_from_chars(
		0x00,0x1b,0x00,0x1c, 0x00,0x03,0x01,0x0c, 0xc0,0x00,0x02,0x36,
		'b','o','t','h','.','e','x','a','m','p','l','e',
		0x00,0x01,0x00,0x04,0x03,'d','o','t',
		0x00,0x19,0x00,0x15, 'i','n','t','e','r','n','a','l','.','c','o','r',
		'p','.','e','x','a','m','p','l','e');
	ck_assert_chunk_eq(tlvs, expected);
	chunk_free(&tlvs);
	chunk_free(&wire);
	encdns_config_destroy(config);
}
END_TEST

START_TEST(test_ikev2_only_assign)
{
	encdns_error_t err = {};
	chunk_t tlvs = chunk_empty;

	/* a PREF64 capsule has no IKEv2 form, not even an empty one */
	ck_assert(!encdns_capsule_to_ikev2(&encdns_capsule_types_06, v06_pref64,
									   &tlvs, NULL, &err));
	assert_reason(err, "PREF64 capsule: only DNS_ASSIGN converts");
	ck_assert(tlvs.ptr == NULL);
}
END_TEST

Suite *capsule_suite_create()
{
	Suite *s;
	TCase *tc;

	s = suite_create("capsule");

	tc = tcase_create("vectors");
	tcase_add_loop_test(tc, test_vector_valid, 0, countof(valid));
	tcase_add_loop_test(tc, test_vector_do53_refused, 0, countof(do53));
	tcase_add_test(tc, test_pref64_vector);
	tcase_add_test(tc, test_pref64_empty_and_many);
	suite_add_tcase(s, tc);

	tc = tcase_create("rules");
	tcase_add_loop_test(tc, test_pref64_refused, 0, countof(bad_pref64));
	tcase_add_test(tc, test_priority_zero);
	tcase_add_loop_test(tc, test_nameserver_refused, 0, countof(bad_ns));
	tcase_add_test(tc, test_nameserver_accepted);
	tcase_add_loop_test(tc, test_domains_refused, 0, countof(bad_domains));
	tcase_add_test(tc, test_domains_normalized);
	tcase_add_test(tc, test_digests);
	tcase_add_test(tc, test_multiple_configs);
	tcase_add_test(tc, test_request_ids_codec);
	tcase_add_test(tc, test_equals);
	tcase_add_test(tc, test_mixed_families);
	tcase_add_test(tc, test_custom_types);
	suite_add_tcase(s, tc);

	tc = tcase_create("framing");
	tcase_add_loop_test(tc, test_truncated_everywhere, 0, 5);
	tcase_add_test(tc, test_trailing);
	tcase_add_test(tc, test_grease);
	tcase_add_test(tc, test_stream);
	tcase_add_test(tc, test_non_minimal);
	tcase_add_test(tc, test_huge_counts);
	tcase_add_test(tc, test_varint_limits);
	suite_add_tcase(s, tc);

	tc = tcase_create("request IDs");
	tcase_add_test(tc, test_session);
	suite_add_tcase(s, tc);

	/* 65536 IDs take a while under valgrind */
	tc = tcase_create("request ID limits");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_session_limits);
	suite_add_tcase(s, tc);

	tc = tcase_create("IKEv2");
	tcase_add_test(tc, test_ikev2_round_trip);
	tcase_add_test(tc, test_ikev2_digest_lost);
	tcase_add_test(tc, test_ikev2_loss);
	tcase_add_test(tc, test_ikev2_only_assign);
	suite_add_tcase(s, tc);

	return s;
}
