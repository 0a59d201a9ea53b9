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

#include <encdns_attr.h>
#include <encdns_digest.h>
#include <bio/bio_writer.h>

/* Vectors of spec.md 6.3, derived from RFC 9464 Appendix A */

/** Figure 6: ENCDNS_IP6(1, 1, 15, (2001:db8:99:88:77:66:55:44),
 *  "doh.example.com", (alpn=h2 dohpath=/dns-query{?dns})), with header */
static chunk_t fig6 = chunk_from_chars(
	0x00,0x1c,0x00,0x3e,
	0x00,0x01,0x01,0x0f,
	0x20,0x01,0x0d,0xb8,0x00,0x99,0x00,0x88,
	0x00,0x77,0x00,0x66,0x00,0x55,0x00,0x44,
	'd','o','h','.','e','x','a','m','p','l','e','.','c','o','m',
	0x00,0x01,0x00,0x03,0x02,'h','2',
	0x00,0x07,0x00,0x10,'/','d','n','s','-','q','u','e','r','y',
	'{','?','d','n','s','}');

/** Figure 7: request, IP only */
static chunk_t fig7 = chunk_from_chars(
	0x00,0x1c,0x00,0x14,
	0x00,0x01,0x01,0x00,
	0x20,0x01,0x0d,0xb8,0x00,0x99,0x00,0x88,
	0x00,0x77,0x00,0x66,0x00,0x55,0x00,0x44);

/** Figure 8: request, ADN only */
static chunk_t fig8 = chunk_from_chars(
	0x00,0x1c,0x00,0x13,
	0x00,0x01,0x00,0x0f,
	'd','o','h','.','e','x','a','m','p','l','e','.','c','o','m');

/** Figure 9: request, alpn=dot only */
static chunk_t fig9 = chunk_from_chars(
	0x00,0x1c,0x00,0x0c,
	0x00,0x01,0x00,0x00,
	0x00,0x01,0x00,0x04,0x03,'d','o','t');

/** DIGEST_INFO request (SHA2-256, SHA2-384, SHA2-512) */
static chunk_t digest_req = chunk_from_chars(
	0x00,0x1d,0x00,0x08,
	0x03,0x00,0x00,0x02,0x00,0x03,0x00,0x04);

/** INTERNAL_DNS_DOMAIN(example.com) */
static chunk_t dns_domain = chunk_from_chars(
	0x00,0x19,0x00,0x0b,
	'e','x','a','m','p','l','e','.','c','o','m');

/** SvcParams of Figure 6 */
static chunk_t fig6_svc = chunk_from_chars(
	0x00,0x01,0x00,0x03,0x02,'h','2',
	0x00,0x07,0x00,0x10,'/','d','n','s','-','q','u','e','r','y',
	'{','?','d','n','s','}');

/**
 * Value of an attribute given with header
 */
static chunk_t value_of(chunk_t attr)
{
	return chunk_skip(attr, 4);
}

/**
 * 32 octets standing in for a SHA2-256 digest
 */
static chunk_t digest32()
{
	static u_char buf[32];
	int i;

	for (i = 0; i < sizeof(buf); i++)
	{
		buf[i] = 0xa0 + i;
	}
	return chunk_create(buf, sizeof(buf));
}

/**
 * Concatenate attribute header and value
 */
static chunk_t attr(uint16_t type, chunk_t value)
{
	bio_writer_t *writer;
	chunk_t out;

	writer = bio_writer_create(0);
	writer->write_uint16(writer, type);
	writer->write_data16(writer, value);
	out = writer->extract_buf(writer);
	writer->destroy(writer);
	return out;
}

/**
 * Expect an IP attribute value to be refused with a reason substring
 */
static void ip_refused(int family, encdns_cfg_type_t cfg, chunk_t value,
					   char *reason)
{
	encdns_resolver_t *r = (encdns_resolver_t*)1;
	encdns_error_t err = {};

	ck_assert(!encdns_ip_parse(family, cfg, value, &r, &err));
	ck_assert(r == NULL);
	ck_assert_msg(strstr(err.msg, reason), "'%s' lacks '%s'", err.msg,
				  reason);
}

/**
 * Resolver of Figure 6
 */
static encdns_resolver_t *fig6_resolver()
{
	encdns_resolver_t *r;

	r = encdns_resolver_create(1);
	encdns_resolver_add_addr(r, host_create_from_string(
									"2001:db8:99:88:77:66:55:44", 0));
	encdns_resolver_set_adn(r, "doh.example.com");
	r->svcparams = chunk_clone(fig6_svc);
	return r;
}

/*******************************************************************************
 * ENCDNS_IP4 / ENCDNS_IP6
 */

START_TEST(test_ip_fig6)
{
	encdns_resolver_t *r, *expected;
	encdns_error_t err = {};
	chunk_t value;

	ck_assert(encdns_ip_parse(AF_INET6, ENCDNS_CFG_REPLY, value_of(fig6), &r,
							  &err));
	expected = fig6_resolver();
	ck_assert(encdns_resolver_equals(r, expected));
	ck_assert(encdns_ip_build(expected, AF_INET6, ENCDNS_CFG_REPLY, &value,
							  &err));
	ck_assert_chunk_eq(value, value_of(fig6));
	chunk_free(&value);
	/* CFG_SET has the same rules */
	ck_assert(encdns_ip_build(r, AF_INET6, ENCDNS_CFG_SET, &value, &err));
	ck_assert_chunk_eq(value, value_of(fig6));
	chunk_free(&value);
	encdns_resolver_destroy(r);
	encdns_resolver_destroy(expected);
}
END_TEST

START_TEST(test_ip_ip4)
{
	encdns_resolver_t *r;
	encdns_error_t err = {};
	chunk_t value, wire = chunk_from_chars(0x00,0x05,0x02,0x03,
							192,0,2,53, 198,51,100,53, 'd','o','t');
	host_t *host;

	ck_assert(encdns_ip_parse(AF_INET, ENCDNS_CFG_REPLY, wire, &r, &err));
	ck_assert_int_eq(r->priority, 5);
	ck_assert_int_eq(array_count(r->v4), 2);
	array_get(r->v4, 1, &host);
	ck_assert_str_eq(r->adn, "dot");
	ck_assert_int_eq(host->get_family(host), AF_INET);
	/* IPv6 addresses of the resolver stay out of ENCDNS_IP4 */
	encdns_resolver_add_addr(r, host_create_from_string("2001:db8::1", 0));
	ck_assert(encdns_ip_build(r, AF_INET, ENCDNS_CFG_REPLY, &value, &err));
	ck_assert_chunk_eq(value, wire);
	chunk_free(&value);
	encdns_resolver_destroy(r);
	/* an ENCDNS_IP4 value read as ENCDNS_IP6 does not fit */
	ip_refused(AF_INET6, ENCDNS_CFG_REPLY, wire, "SvcParams length negative");
}
END_TEST

START_TEST(test_ip_request_suggestions)
{
	chunk_t figs[] = { fig7, fig8, fig9 };
	encdns_resolver_t *r;
	encdns_error_t err = {};
	chunk_t value;
	int i;

	for (i = 0; i < countof(figs); i++)
	{
		ck_assert_msg(encdns_ip_parse(AF_INET6, ENCDNS_CFG_REQUEST,
						value_of(figs[i]), &r, &err), "%d: %s", i, err.msg);
		ck_assert(r);
		ck_assert_int_eq(r->priority, 1);
		ck_assert(encdns_ip_build(r, AF_INET6, ENCDNS_CFG_REQUEST, &value,
								  &err));
		ck_assert_chunk_eq(value, value_of(figs[i]));
		chunk_free(&value);
		encdns_resolver_destroy(r);
	}
	/* IP only and alpn only carry no ADN, ADN only carries no address:
	 * fine in a request, not in a reply */
	ip_refused(AF_INET6, ENCDNS_CFG_REPLY, value_of(fig7), "ADN Length 0");
	ip_refused(AF_INET6, ENCDNS_CFG_REPLY, value_of(fig8),
			   "Num Addresses 0");
	ip_refused(AF_INET6, ENCDNS_CFG_REPLY, value_of(fig9),
			   "Num Addresses 0");
}
END_TEST

START_TEST(test_ip_empty)
{
	encdns_resolver_t *r = (encdns_resolver_t*)1;
	encdns_error_t err = {};
	chunk_t value;

	/* CFG_REQUEST without a specific resolver */
	ck_assert(encdns_ip_parse(AF_INET, ENCDNS_CFG_REQUEST, chunk_empty, &r,
							  &err));
	ck_assert(r == NULL);
	ck_assert(encdns_ip_build(NULL, AF_INET6, ENCDNS_CFG_REQUEST, &value,
							  &err));
	ck_assert_int_eq(value.len, 0);
	/* but a reply must carry one */
	ip_refused(AF_INET, ENCDNS_CFG_REPLY, chunk_empty, "Length 0 in CFG_REPLY");
	ip_refused(AF_INET6, ENCDNS_CFG_SET, chunk_empty, "Length 0 in CFG_SET");
	ck_assert(!encdns_ip_build(NULL, AF_INET, ENCDNS_CFG_REPLY, &value,
							   &err));
}
END_TEST

START_TEST(test_ip_ack)
{
	encdns_resolver_t *r = (encdns_resolver_t*)1, *full;
	encdns_error_t err = {};
	chunk_t value;

	ck_assert(encdns_ip_parse(AF_INET6, ENCDNS_CFG_ACK, chunk_empty, &r,
							  &err));
	ck_assert(r == NULL);
	ip_refused(AF_INET6, ENCDNS_CFG_ACK, value_of(fig6),
			   "Length 62 in CFG_ACK");
	/* an acknowledgement never carries the resolver */
	full = fig6_resolver();
	ck_assert(encdns_ip_build(full, AF_INET6, ENCDNS_CFG_ACK, &value, &err));
	ck_assert_int_eq(value.len, 0);
	encdns_resolver_destroy(full);
}
END_TEST

START_TEST(test_ip_cfg_type)
{
	encdns_resolver_t *r;
	encdns_error_t err = {};
	chunk_t value;

	ip_refused(AF_INET6, 0, value_of(fig6), "CFG type 0");
	ip_refused(AF_INET6, 5, value_of(fig6), "CFG type 5");
	ip_refused(AF_UNSPEC, ENCDNS_CFG_REPLY, value_of(fig6), "family");
	r = fig6_resolver();
	ck_assert(!encdns_ip_build(r, AF_INET6, 7, &value, &err));
	ck_assert(!encdns_ip_build(r, 12345, ENCDNS_CFG_REPLY, &value, &err));
	encdns_resolver_destroy(r);
}
END_TEST

START_TEST(test_ip_priority_zero)
{
	encdns_resolver_t *r;
	encdns_error_t err = {};
	chunk_t value;

	value = chunk_clone(value_of(fig6));
	value.ptr[1] = 0;
	ip_refused(AF_INET6, ENCDNS_CFG_REPLY, value, "service priority 0");
	ip_refused(AF_INET6, ENCDNS_CFG_SET, value, "MUST NOT be 0");
	chunk_free(&value);
	/* AliasMode is not supported in suggestions either */
	value = chunk_clone(value_of(fig8));
	value.ptr[1] = 0;
	ip_refused(AF_INET6, ENCDNS_CFG_REQUEST, value, "service priority 0");
	chunk_free(&value);

	r = fig6_resolver();
	r->priority = 0;
	ck_assert(!encdns_ip_build(r, AF_INET6, ENCDNS_CFG_REPLY, &value, &err));
	ck_assert(strstr(err.msg, "service priority 0"));
	ck_assert(!encdns_ip_build(r, AF_INET6, ENCDNS_CFG_REQUEST, &value, NULL));
	encdns_resolver_destroy(r);
}
END_TEST

START_TEST(test_ip_num_addresses_zero)
{
	encdns_resolver_t *r;
	encdns_error_t err = {};
	chunk_t value = chunk_from_chars(0x00,0x01,0x00,0x03,'d','o','h');

	ip_refused(AF_INET6, ENCDNS_CFG_REPLY, value, "Num Addresses 0");
	ip_refused(AF_INET, ENCDNS_CFG_SET, value, "Num Addresses 0 in CFG_SET");
	ck_assert(encdns_ip_parse(AF_INET, ENCDNS_CFG_REQUEST, value, &r, &err));
	encdns_resolver_destroy(r);

	/* a resolver without addresses of the family builds no reply */
	r = fig6_resolver();
	ck_assert(!encdns_ip_build(r, AF_INET, ENCDNS_CFG_REPLY, &value, &err));
	ck_assert(strstr(err.msg, "Num Addresses 0"));
	encdns_resolver_destroy(r);
}
END_TEST

START_TEST(test_ip_truncated)
{
	encdns_error_t err = {};
	encdns_resolver_t *r;
	chunk_t value;

	/* every prefix of Figure 6 ends inside a field, except those ending
	 * between SvcParams (without SvcParams, with alpn only) */
	value = value_of(fig6);
	value.len = _i;
	if (_i == 35 || _i == 42)
	{
		ck_assert(encdns_ip_parse(AF_INET6, ENCDNS_CFG_REPLY, value, &r,
								  &err));
		encdns_resolver_destroy(r);
		return;
	}
	ck_assert(!encdns_ip_parse(AF_INET6, ENCDNS_CFG_REPLY, value, &r, &err));
	ck_assert(r == NULL);
	ck_assert(err.msg[0]);
	ck_assert(strstr(err.msg, "ENCDNS_IP6"));
}
END_TEST

START_TEST(test_ip_length_short)
{
	encdns_resolver_t *r;
	encdns_error_t err = {};
	chunk_t value;

	/* ADN Length claims more than there is */
	value = chunk_clone(value_of(fig7));
	ip_refused(AF_INET6, ENCDNS_CFG_REQUEST, chunk_create(value.ptr, 4),
			   "SvcParams length negative");
	value.ptr[3] = 1;
	ip_refused(AF_INET6, ENCDNS_CFG_REQUEST, value,
			   "SvcParams length negative");
	chunk_free(&value);
	/* Num Addresses claims more than there is */
	value = chunk_clone(value_of(fig6));
	value.ptr[2] = 4;
	ip_refused(AF_INET6, ENCDNS_CFG_REPLY, value, "Length 62 less than 4 + "
			   "ADN Length 15 + 4 addresses * 16 = 83");
	chunk_free(&value);
	/* shorter than the fixed fields */
	ip_refused(AF_INET6, ENCDNS_CFG_REQUEST, chunk_from_chars(0x00,0x01,0x00),
			   "less than the 4 octets");
	/* the fixed fields alone are a (pointless) suggestion */
	ck_assert(encdns_ip_parse(AF_INET6, ENCDNS_CFG_REQUEST,
					chunk_from_chars(0x00,0x01,0x00,0x00), &r, &err));
	encdns_resolver_destroy(r);
}
END_TEST

START_TEST(test_ip_length_long)
{
	chunk_t value;

	/* octets after the SvcParams of Figure 6 are a truncated SvcParam */
	value = chunk_cat("cc", value_of(fig6), chunk_from_chars(0x00));
	ip_refused(AF_INET6, ENCDNS_CFG_REPLY, value, "ENCDNS_IP6: SvcParams");
	chunk_free(&value);
	/* Figure 7 with one more address than Num Addresses says */
	value = chunk_cat("cc", value_of(fig7), chunk_skip(value_of(fig7), 4));
	ip_refused(AF_INET6, ENCDNS_CFG_REQUEST, value, "ENCDNS_IP6: SvcParams");
	chunk_free(&value);
}
END_TEST

START_TEST(test_ip_adn_missing)
{
	encdns_resolver_t *r;
	encdns_error_t err = {};
	chunk_t value;

	r = fig6_resolver();
	encdns_resolver_set_adn(r, NULL);
	ck_assert(!encdns_ip_build(r, AF_INET6, ENCDNS_CFG_REPLY, &value, &err));
	ck_assert(strstr(err.msg, "no ADN in CFG_REPLY"));
	encdns_resolver_destroy(r);
	ip_refused(AF_INET6, ENCDNS_CFG_SET, value_of(fig7), "ADN Length 0");
}
END_TEST

/**
 * ENCDNS_IP4 reply value with an ADN given as octets (chunk_cat() evaluates
 * its arguments twice, so pass it variables only)
 */
static chunk_t ip4_with_adn(chunk_t adn)
{
	return chunk_cat("cc", chunk_from_chars(0x00,0x01,0x01,adn.len,
											192,0,2,1), adn);
}

START_TEST(test_ip_adn_invalid)
{
	struct {
		chunk_t adn;
		char *reason;
	} tests[] = {
		{ chunk_from_chars('a','.','b',0x00), "NUL" },
		{ chunk_from_chars('a','.','b','\r'), "CR" },
		{ chunk_from_chars('a','.','b','\n'), "LF" },
		{ chunk_from_str("a b.example"), "space" },
		{ chunk_from_str("_dns.example"), "'_'" },
		{ chunk_from_str("a..example"), "empty label" },
		{ chunk_from_str("."), "root" },
		{ chunk_from_str("b\xc3\xbc" "cher.example"), "U-label" },
	};
	chunk_t value;
	char *name, buf[256];
	int i;

	for (i = 0; i < countof(tests); i++)
	{
		value = ip4_with_adn(tests[i].adn);
		ip_refused(AF_INET, ENCDNS_CFG_REPLY, value, "ENCDNS_IP4: ADN: ");
		ip_refused(AF_INET, ENCDNS_CFG_REPLY, value, tests[i].reason);
		ip_refused(AF_INET, ENCDNS_CFG_REQUEST, value, tests[i].reason);
		chunk_free(&value);
	}
	/* a label of 64 octets */
	memset(buf, 'a', 64);
	memcpy(buf + 64, ".example", 8);
	value = ip4_with_adn(chunk_create(buf, 72));
	ip_refused(AF_INET, ENCDNS_CFG_REPLY, value, "longer than 63");
	chunk_free(&value);
	/* 254 octets */
	for (i = 0; i < 254; i++)
	{
		buf[i] = (i % 50 == 49) ? '.' : 'a';
	}
	value = ip4_with_adn(chunk_create(buf, 254));
	ip_refused(AF_INET, ENCDNS_CFG_REPLY, value, "254 octets");
	chunk_free(&value);

	/* build refuses the same (a C string ends at NUL, skip that) */
	for (i = 1; i < countof(tests); i++)
	{
		encdns_resolver_t *r;
		encdns_error_t err = {};

		r = fig6_resolver();
		name = strndup(tests[i].adn.ptr, tests[i].adn.len);
		free(r->adn);
		r->adn = name;
		ck_assert(!encdns_ip_build(r, AF_INET6, ENCDNS_CFG_REPLY, &value,
								   &err));
		encdns_resolver_destroy(r);
	}
}
END_TEST

START_TEST(test_ip_adn_trailing_dot)
{
	encdns_resolver_t *r;
	encdns_error_t err = {};
	chunk_t value;

	value = ip4_with_adn(chunk_from_str("doh.example.com."));
	ck_assert(encdns_ip_parse(AF_INET, ENCDNS_CFG_REPLY, value, &r, &err));
	ck_assert_str_eq(r->adn, "doh.example.com");
	chunk_free(&value);
	/* never sent with the dot */
	encdns_resolver_set_adn(r, "doh.example.com.");
	ck_assert(encdns_ip_build(r, AF_INET, ENCDNS_CFG_REPLY, &value, &err));
	ck_assert_int_eq(value.ptr[3], 15);
	ck_assert_int_eq(value.len, 4 + 4 + 15);
	chunk_free(&value);
	encdns_resolver_destroy(r);
}
END_TEST

START_TEST(test_ip_hints)
{
	encdns_resolver_t *r;
	encdns_error_t err = {};
	chunk_t v4hint = chunk_from_chars(0x00,0x04,0x00,0x04,192,0,2,1);
	chunk_t v6hint = chunk_from_chars(0x00,0x06,0x00,0x10,
								0x20,0x01,0x0d,0xb8,0,0,0,0,0,0,0,0,0,0,0,1);
	chunk_t value, base;

	base = ip4_with_adn(chunk_from_str("dot"));
	value = chunk_cat("cc", base, v4hint);
	ip_refused(AF_INET, ENCDNS_CFG_REPLY, value, "ipv4hint");
	ip_refused(AF_INET, ENCDNS_CFG_REQUEST, value, "MUST NOT include ipv4hint");
	chunk_free(&value);
	value = chunk_cat("mc", base, v6hint);
	ip_refused(AF_INET, ENCDNS_CFG_REPLY, value, "ipv6hint");
	chunk_free(&value);

	r = fig6_resolver();
	chunk_free(&r->svcparams);
	r->svcparams = chunk_clone(v6hint);
	ck_assert(!encdns_ip_build(r, AF_INET6, ENCDNS_CFG_REPLY, &value, &err));
	ck_assert(strstr(err.msg, "ipv6hint"));
	encdns_resolver_destroy(r);
}
END_TEST

START_TEST(test_ip_svcparams_malformed)
{
	encdns_resolver_t *r;
	encdns_error_t err = {};
	/* keys not increasing (RFC 9460 2.2) */
	chunk_t bad = chunk_from_chars(0x00,0x03,0x00,0x02,0x03,0x55,
								   0x00,0x01,0x00,0x04,0x03,'d','o','t');
	chunk_t value, base;

	base = ip4_with_adn(chunk_from_str("dot"));
	value = chunk_cat("mc", base, bad);
	ip_refused(AF_INET, ENCDNS_CFG_REPLY, value, "ENCDNS_IP4: SvcParams: ");
	chunk_free(&value);

	r = fig6_resolver();
	chunk_free(&r->svcparams);
	r->svcparams = chunk_clone(bad);
	ck_assert(!encdns_ip_build(r, AF_INET6, ENCDNS_CFG_REPLY, &value, &err));
	ck_assert(strstr(err.msg, "SvcParams"));
	encdns_resolver_destroy(r);
}
END_TEST

START_TEST(test_ip_build_limits)
{
	encdns_resolver_t *r;
	encdns_error_t err = {};
	chunk_t value;
	int i;

	r = fig6_resolver();
	for (i = 1; i < 255; i++)
	{
		encdns_resolver_add_addr(r, host_create_from_string("2001:db8::1",
															0));
	}
	/* 255 addresses fit Num Addresses */
	ck_assert(encdns_ip_build(r, AF_INET6, ENCDNS_CFG_REPLY, &value, &err));
	ck_assert_int_eq(value.ptr[2], 255);
	chunk_free(&value);
	/* a value over 65535 octets does not fit Length */
	chunk_free(&r->svcparams);
	r->svcparams = chunk_alloc(4 + 62000);
	memset(r->svcparams.ptr, 'x', r->svcparams.len);
	htoun16(r->svcparams.ptr, 667);
	htoun16(r->svcparams.ptr + 2, 62000);
	ck_assert(!encdns_ip_build(r, AF_INET6, ENCDNS_CFG_REPLY, &value, &err));
	ck_assert(strstr(err.msg, "Length is 16 bits"));
	chunk_free(&r->svcparams);
	/* 256 addresses do not */
	encdns_resolver_add_addr(r, host_create_from_string("2001:db8::1", 0));
	memset(&err, 0, sizeof(err));
	ck_assert(!encdns_ip_build(r, AF_INET6, ENCDNS_CFG_REPLY, &value, &err));
	ck_assert(strstr(err.msg, "256 addresses"));
	encdns_resolver_destroy(r);
}
END_TEST

/*******************************************************************************
 * ENCDNS_DIGEST_INFO
 */

START_TEST(test_digest_request_vector)
{
	uint16_t hashes[ENCDNS_MAX_HASHES], list[] = { 2, 3, 4 };
	encdns_error_t err = {};
	chunk_t value;
	int count;

	ck_assert(encdns_digest_request_parse(value_of(digest_req), hashes,
										  &count, &err));
	ck_assert_int_eq(count, 3);
	ck_assert_int_eq(hashes[0], ENCDNS_HASH_SHA2_256);
	ck_assert_int_eq(hashes[1], ENCDNS_HASH_SHA2_384);
	ck_assert_int_eq(hashes[2], ENCDNS_HASH_SHA2_512);
	ck_assert(encdns_digest_request_build(list, 3, &value, &err));
	ck_assert_chunk_eq(value, value_of(digest_req));
	chunk_free(&value);
}
END_TEST

START_TEST(test_digest_request_unknown_ids)
{
	uint16_t hashes[ENCDNS_MAX_HASHES];
	encdns_error_t err = {};
	int count;

	/* returned as sent, the caller picks */
	ck_assert(encdns_digest_request_parse(chunk_from_chars(0x02,0x00,
						0x04,0x00, 0x00,0x05), hashes, &count, &err));
	ck_assert_int_eq(count, 2);
	ck_assert_int_eq(hashes[0], 1024);
	ck_assert_int_eq(hashes[1], 5);
}
END_TEST

/**
 * Expect a DIGEST_INFO request value to be refused
 */
static void request_refused(chunk_t value, char *reason)
{
	uint16_t hashes[ENCDNS_MAX_HASHES];
	encdns_error_t err = {};
	int count = 1;

	ck_assert(!encdns_digest_request_parse(value, hashes, &count, &err));
	ck_assert_int_eq(count, 0);
	ck_assert_msg(strstr(err.msg, reason), "'%s' lacks '%s'", err.msg,
				  reason);
}

START_TEST(test_digest_request_num_mismatch)
{
	request_refused(chunk_from_chars(0x02,0x00,0x00,0x02,0x00,0x03,0x00,0x04),
					"Num Hash Algs 2 but Length 8 gives 3");
	request_refused(chunk_from_chars(0x04,0x00,0x00,0x02,0x00,0x03,0x00,0x04),
					"MUST be (Length - 2) / 2");
	request_refused(chunk_from_chars(0x00,0x00,0x00,0x02), "Num Hash Algs 0");
}
END_TEST

START_TEST(test_digest_request_adn_length)
{
	request_refused(chunk_from_chars(0x01,0x01,0x00,0x02),
					"ADN Length 1 in CFG_REQUEST");
	request_refused(chunk_from_chars(0x01,0x03,'d','o','h',0x00,0x02),
					"MUST be 0");
}
END_TEST

START_TEST(test_digest_request_length)
{
	request_refused(chunk_empty, "Length 0");
	request_refused(chunk_from_chars(0x01), "Length 1");
	/* n >= 1 */
	request_refused(chunk_from_chars(0x00,0x00), "no hash algorithm");
	/* identifiers are 16 bits, no padding */
	request_refused(chunk_from_chars(0x01,0x00,0x00,0x02,0x00),
					"not 2 + 2 * n");
	request_refused(chunk_from_chars(0x01,0x00,0x00), "not 2 + 2 * n");
}
END_TEST

START_TEST(test_digest_request_build_count)
{
	uint16_t hashes[ENCDNS_MAX_HASHES + 1];
	encdns_error_t err = {};
	chunk_t value;
	int i, count;

	for (i = 0; i < countof(hashes); i++)
	{
		hashes[i] = 1024 + i;
	}
	ck_assert(!encdns_digest_request_build(hashes, 0, &value, &err));
	ck_assert(!encdns_digest_request_build(hashes, ENCDNS_MAX_HASHES + 1,
										   &value, NULL));
	ck_assert(encdns_digest_request_build(hashes, ENCDNS_MAX_HASHES, &value,
										  &err));
	ck_assert_int_eq(value.len, 2 + 2 * ENCDNS_MAX_HASHES);
	ck_assert(encdns_digest_request_parse(value, hashes, &count, &err));
	ck_assert_int_eq(count, ENCDNS_MAX_HASHES);
	ck_assert_int_eq(hashes[254], 1024 + 254);
	chunk_free(&value);
}
END_TEST

START_TEST(test_digest_reply_vector)
{
	encdns_digest_t *digest, *built;
	encdns_error_t err = {};
	chunk_t expected, value;

	/* ADN Length 0: applies to the ADN of the ENCDNS_IP* attributes */
	expected = chunk_cat("cc", chunk_from_chars(0x00,0x1d,0x00,0x24,
											0x01,0x00,0x00,0x02), digest32());
	ck_assert(encdns_digest_reply_parse(value_of(expected), FALSE, &digest,
										&err));
	ck_assert(digest->adn == NULL);
	ck_assert_int_eq(digest->hash, ENCDNS_HASH_SHA2_256);
	ck_assert_chunk_eq(digest->digest, digest32());
	ck_assert(encdns_digest_reply_build(digest, &value, &err));
	ck_assert_chunk_eq(value, value_of(expected));
	chunk_free(&value);
	encdns_digest_destroy(digest);
	chunk_free(&expected);

	/* with an ADN */
	expected = chunk_cat("cc", chunk_from_chars(0x00,0x1d,0x00,0x33,
						0x01,0x0f,'d','o','h','.','e','x','a','m','p','l','e',
						'.','c','o','m',0x00,0x02), digest32());
	ck_assert(encdns_digest_reply_parse(value_of(expected), FALSE, &digest,
										&err));
	ck_assert_str_eq(digest->adn, "doh.example.com");
	built = encdns_digest_create("doh.example.com", ENCDNS_HASH_SHA2_256,
								 digest32());
	ck_assert(encdns_digest_reply_build(built, &value, &err));
	ck_assert_chunk_eq(value, value_of(expected));
	chunk_free(&value);
	encdns_digest_destroy(built);
	encdns_digest_destroy(digest);
	chunk_free(&expected);
}
END_TEST

/**
 * Expect a DIGEST_INFO reply value to be refused
 */
static void reply_refused(chunk_t value, bool allow_sha1, char *reason)
{
	encdns_digest_t *digest = (encdns_digest_t*)1;
	encdns_error_t err = {};

	ck_assert(!encdns_digest_reply_parse(value, allow_sha1, &digest, &err));
	ck_assert(digest == NULL);
	ck_assert_msg(strstr(err.msg, reason), "'%s' lacks '%s'", err.msg,
				  reason);
}

/**
 * DIGEST_INFO reply value without ADN, with a digest of len octets
 */
static chunk_t reply_value(uint8_t num, uint16_t hash, size_t len)
{
	chunk_t value;

	value = chunk_alloc(4 + len);
	value.ptr[0] = num;
	value.ptr[1] = 0;
	htoun16(value.ptr + 2, hash);
	memset(value.ptr + 4, 0x5a, len);
	return value;
}

START_TEST(test_digest_reply_num_hash_algs)
{
	chunk_t value;

	value = reply_value(0, ENCDNS_HASH_SHA2_256, 32);
	reply_refused(value, FALSE, "Num Hash Algs 0 in a reply");
	chunk_free(&value);
	value = reply_value(2, ENCDNS_HASH_SHA2_256, 32);
	reply_refused(value, FALSE, "MUST be 1");
	chunk_free(&value);
}
END_TEST

START_TEST(test_digest_reply_length)
{
	struct {
		uint16_t hash;
		size_t len;
	} ok[] = {
		{ ENCDNS_HASH_SHA1, 20 },
		{ ENCDNS_HASH_SHA2_256, 32 },
		{ ENCDNS_HASH_SHA2_384, 48 },
		{ ENCDNS_HASH_SHA2_512, 64 },
	};
	encdns_digest_t *digest;
	encdns_error_t err = {};
	chunk_t value;
	int i;

	for (i = 0; i < countof(ok); i++)
	{
		value = reply_value(1, ok[i].hash, ok[i].len);
		ck_assert(encdns_digest_reply_parse(value, TRUE, &digest, &err));
		encdns_digest_destroy(digest);
		chunk_free(&value);
		value = reply_value(1, ok[i].hash, ok[i].len - 1);
		reply_refused(value, TRUE, "Certificate Digest of");
		chunk_free(&value);
		value = reply_value(1, ok[i].hash, ok[i].len + 1);
		reply_refused(value, TRUE, "needs");
		chunk_free(&value);
		value = reply_value(1, ok[i].hash, 0);
		reply_refused(value, TRUE, "of 0 octets");
		chunk_free(&value);
	}
	/* %N names the hash */
	value = reply_value(1, ENCDNS_HASH_SHA2_384, 32);
	reply_refused(value, TRUE, "SHA2-384 needs 48");
	chunk_free(&value);
}
END_TEST

START_TEST(test_digest_reply_hash_ids)
{
	chunk_t value;

	value = reply_value(1, ENCDNS_HASH_IDENTITY, 32);
	reply_refused(value, TRUE, "Identity");
	chunk_free(&value);
	value = reply_value(1, 0, 32);
	/* reserved, not merely unknown */
	reply_refused(value, TRUE, "Identifier 0 (RFC 7427 7: reserved)");
	chunk_free(&value);
	value = reply_value(1, 6, 32);
	reply_refused(value, TRUE, "unknown Hash Algorithm Identifier 6");
	chunk_free(&value);
	value = reply_value(1, 1024, 32);
	reply_refused(value, TRUE, "unknown Hash Algorithm Identifier 1024");
	chunk_free(&value);
}
END_TEST

START_TEST(test_digest_reply_sha1)
{
	encdns_digest_t *digest;
	encdns_error_t err = {};
	chunk_t value;

	value = reply_value(1, ENCDNS_HASH_SHA1, 20);
	reply_refused(value, FALSE, "SHA1 (1) not allowed");
	ck_assert(encdns_digest_reply_parse(value, TRUE, &digest, &err));
	ck_assert_int_eq(digest->hash, ENCDNS_HASH_SHA1);
	encdns_digest_destroy(digest);
	chunk_free(&value);
}
END_TEST

START_TEST(test_digest_reply_truncated)
{
	chunk_t value = chunk_from_chars(0x01,0x03,'d','o','h',0x00,0x02);

	reply_refused(chunk_empty, FALSE, "Length 0");
	reply_refused(chunk_from_chars(0x01), FALSE, "Length 1");
	reply_refused(chunk_from_chars(0x01,0x00), FALSE, "no room");
	reply_refused(chunk_from_chars(0x01,0x00,0x00), FALSE, "no room");
	/* ADN Length beyond the value */
	reply_refused(chunk_create(value.ptr, 4), FALSE, "ADN Length 3");
	reply_refused(chunk_create(value.ptr, 6), FALSE, "no room");
	/* hash id but no digest */
	reply_refused(value, FALSE, "Certificate Digest of 0 octets");
}
END_TEST

START_TEST(test_digest_reply_adn)
{
	chunk_t value;

	value = chunk_cat("cc", chunk_from_chars(0x01,0x04,'d','o','h','\r',
											 0x00,0x02), digest32());
	reply_refused(value, FALSE, "ENCDNS_DIGEST_INFO: ADN: ");
	reply_refused(value, FALSE, "CR");
	chunk_free(&value);
	value = chunk_cat("cc", chunk_from_chars(0x01,0x04,'d','o','h',0x00,
											 0x00,0x02), digest32());
	reply_refused(value, FALSE, "NUL");
	chunk_free(&value);
}
END_TEST

START_TEST(test_digest_reply_build_refused)
{
	encdns_digest_t *digest;
	encdns_error_t err = {};
	chunk_t value;

	digest = encdns_digest_create(NULL, ENCDNS_HASH_SHA2_512, digest32());
	ck_assert(!encdns_digest_reply_build(digest, &value, &err));
	ck_assert(strstr(err.msg, "needs 64"));
	digest->hash = ENCDNS_HASH_IDENTITY;
	ck_assert(!encdns_digest_reply_build(digest, &value, NULL));
	digest->hash = ENCDNS_HASH_SHA2_256;
	ck_assert(encdns_digest_reply_build(digest, &value, NULL));
	chunk_free(&value);
	digest->adn = strdup("bad_adn.example");
	ck_assert(!encdns_digest_reply_build(digest, &value, NULL));
	encdns_digest_destroy(digest);
}
END_TEST

/*******************************************************************************
 * RFC 8598
 */

START_TEST(test_dns_domain)
{
	encdns_error_t err = {};
	chunk_t value;
	char *domain;

	ck_assert(encdns_dns_domain_parse(ENCDNS_CFG_REPLY, value_of(dns_domain),
									  &domain, &err));
	ck_assert_str_eq(domain, "example.com");
	ck_assert(encdns_dns_domain_build(domain, &value, &err));
	ck_assert_chunk_eq(value, value_of(dns_domain));
	chunk_free(&value);
	free(domain);
	/* trailing dot stripped */
	ck_assert(encdns_dns_domain_parse(ENCDNS_CFG_SET,
						chunk_from_str("corp.example."), &domain, &err));
	ck_assert_str_eq(domain, "corp.example");
	free(domain);
	/* a suggestion in a request */
	ck_assert(encdns_dns_domain_parse(ENCDNS_CFG_REQUEST,
						chunk_from_str("corp.example"), &domain, &err));
	ck_assert_str_eq(domain, "corp.example");
	free(domain);
}
END_TEST

START_TEST(test_dns_domain_empty)
{
	encdns_error_t err = {};
	chunk_t value;
	char *domain = (char*)1;

	ck_assert(encdns_dns_domain_parse(ENCDNS_CFG_REQUEST, chunk_empty,
									  &domain, &err));
	ck_assert(domain == NULL);
	ck_assert(!encdns_dns_domain_parse(ENCDNS_CFG_REPLY, chunk_empty,
									   &domain, &err));
	ck_assert(strstr(err.msg, "INTERNAL_DNS_DOMAIN: empty value in "
					 "CFG_REPLY"));
	ck_assert(!encdns_dns_domain_parse(ENCDNS_CFG_SET, chunk_empty, &domain,
									   NULL));
	ck_assert(encdns_dns_domain_build(NULL, &value, &err));
	ck_assert_int_eq(value.len, 0);
	ck_assert(encdns_dns_domain_build("", &value, &err));
	ck_assert_int_eq(value.len, 0);
}
END_TEST

START_TEST(test_dns_domain_ack)
{
	encdns_error_t err = {};
	char *domain;

	ck_assert(encdns_dns_domain_parse(ENCDNS_CFG_ACK, chunk_empty, &domain,
									  &err));
	ck_assert(!encdns_dns_domain_parse(ENCDNS_CFG_ACK, value_of(dns_domain),
									   &domain, &err));
	ck_assert(strstr(err.msg, "in CFG_ACK"));
	ck_assert(!encdns_dns_domain_parse(9, value_of(dns_domain), &domain,
									   NULL));
}
END_TEST

START_TEST(test_dns_domain_invalid)
{
	chunk_t bad[] = {
		chunk_from_chars('a','.','b',0x00),
		chunk_from_str("a..b"),
		chunk_from_str("."),
		chunk_from_str("_srv.example"),
		chunk_from_str("b\xc3\xbc" "cher.example"),
	};
	encdns_error_t err;
	chunk_t value;
	char *domain, *name;
	int i;

	for (i = 0; i < countof(bad); i++)
	{
		memset(&err, 0, sizeof(err));
		ck_assert(!encdns_dns_domain_parse(ENCDNS_CFG_REPLY, bad[i], &domain,
										   &err));
		ck_assert(domain == NULL);
		ck_assert(strstr(err.msg, "INTERNAL_DNS_DOMAIN: "));
		name = strndup(bad[i].ptr, bad[i].len);
		if (i)
		{	/* a C string ends at the NUL of the first */
			ck_assert(!encdns_dns_domain_build(name, &value, NULL));
		}
		free(name);
	}
}
END_TEST

START_TEST(test_dnssec_ta)
{
	encdns_dnssec_ta_t ta;
	encdns_error_t err = {};
	chunk_t value;

	value = chunk_cat("cc", chunk_from_chars(0x4f,0x66,0x08,0x02),
					  digest32());
	ck_assert(encdns_dnssec_ta_parse(value, &ta, &err));
	ck_assert_int_eq(ta.key_tag, 20326);
	ck_assert_int_eq(ta.algorithm, 8);
	ck_assert_int_eq(ta.digest_type, 2);
	ck_assert_chunk_eq(ta.digest, digest32());
	chunk_free(&value);
}
END_TEST

START_TEST(test_dnssec_ta_short)
{
	encdns_dnssec_ta_t ta;
	encdns_error_t err = {};
	chunk_t value = chunk_from_chars(0x4f,0x66,0x08,0x63,0x01);

	/* an unknown digest type, any length from one octet */
	ck_assert(encdns_dnssec_ta_parse(value, &ta, &err));
	ck_assert_int_eq(ta.digest.len, 1);
	value.len = _i;
	ck_assert(!encdns_dnssec_ta_parse(value, &ta, &err));
	ck_assert(strstr(err.msg, "INTERNAL_DNSSEC_TA: "));
	ck_assert(strstr(err.msg, "5 octets at least"));
}
END_TEST

START_TEST(test_dnssec_ta_digest_length)
{
	struct {
		uint8_t type;
		size_t len;
	} types[] = {
		{ 1, 20 },
		{ 2, 32 },
		{ 4, 48 },
	};
	encdns_dnssec_ta_t ta;
	encdns_error_t err;
	chunk_t value;
	int i;

	for (i = 0; i < countof(types); i++)
	{
		value = chunk_alloc(4 + types[i].len + 1);
		memset(value.ptr, 0x11, value.len);
		value.ptr[3] = types[i].type;
		memset(&err, 0, sizeof(err));
		ck_assert(!encdns_dnssec_ta_parse(value, &ta, &err));
		ck_assert(strstr(err.msg, "DS Digest of"));
		value.len--;
		ck_assert(encdns_dnssec_ta_parse(value, &ta, &err));
		value.len--;
		ck_assert(!encdns_dnssec_ta_parse(value, &ta, &err));
		chunk_free(&value);
	}
	/* GOST (3) and others are not checked */
	value = chunk_cat("cc", chunk_from_chars(0x4f,0x66,0x08,0x03),
					  digest32());
	ck_assert(encdns_dnssec_ta_parse(chunk_create(value.ptr, 20), &ta,
									 &err));
	chunk_free(&value);
}
END_TEST

/*******************************************************************************
 * attribute lists
 */

START_TEST(test_names)
{
	ck_assert_str_eq(enum_to_name(encdns_attr_type_names, 25),
					 "INTERNAL_DNS_DOMAIN");
	ck_assert_str_eq(enum_to_name(encdns_attr_type_names, 26),
					 "INTERNAL_DNSSEC_TA");
	ck_assert_str_eq(enum_to_name(encdns_attr_type_names, 27), "ENCDNS_IP4");
	ck_assert_str_eq(enum_to_name(encdns_attr_type_names, 28), "ENCDNS_IP6");
	ck_assert_str_eq(enum_to_name(encdns_attr_type_names, 29),
					 "ENCDNS_DIGEST_INFO");
	ck_assert(enum_to_name(encdns_attr_type_names, 30) == NULL);
	ck_assert_str_eq(enum_to_name(encdns_cfg_type_names, 1), "CFG_REQUEST");
	ck_assert_str_eq(enum_to_name(encdns_cfg_type_names, 2), "CFG_REPLY");
	ck_assert_str_eq(enum_to_name(encdns_cfg_type_names, 3), "CFG_SET");
	ck_assert_str_eq(enum_to_name(encdns_cfg_type_names, 4), "CFG_ACK");
}
END_TEST

START_TEST(test_attrs_request)
{
	encdns_config_t *config;
	encdns_error_t err = {};
	chunk_t tlvs;

	/* INTERNAL_IP6_ADDRESS() INTERNAL_IP6_DNS() ENCDNS_IP6()
	 * INTERNAL_DNS_DOMAIN() ENCDNS_IP4() ENCDNS_DIGEST_INFO(...)
	 * INTERNAL_DNSSEC_TA() */
	tlvs = chunk_cat("cc", chunk_from_chars(0x00,0x08,0x00,0x00,
						0x00,0x0a,0x00,0x00, 0x00,0x1c,0x00,0x00,
						0x00,0x19,0x00,0x00, 0x00,0x1b,0x00,0x00,
						0x00,0x1a,0x00,0x00), digest_req);
	config = encdns_config_create();
	ck_assert_msg(encdns_attrs_parse(tlvs, ENCDNS_CFG_REQUEST, config, &err),
				  "%s", err.msg);
	ck_assert_int_eq(array_count(config->resolvers), 0);
	ck_assert_int_eq(array_count(config->internal_domains), 0);
	encdns_config_destroy(config);
	chunk_free(&tlvs);
}
END_TEST

START_TEST(test_attrs_reply_roundtrip)
{
	encdns_config_t *config, *parsed;
	encdns_resolver_t *r;
	encdns_error_t err = {};
	chunk_t tlvs, expected;

	config = encdns_config_create();
	r = fig6_resolver();
	array_insert(config->resolvers, ARRAY_TAIL, r);
	array_insert(config->digests, ARRAY_TAIL,
				 encdns_digest_create(NULL, ENCDNS_HASH_SHA2_256, digest32()));
	encdns_config_add_domain(config->internal_domains, "example.com");

	ck_assert(encdns_attrs_build(config, ENCDNS_CFG_REPLY, FALSE, &tlvs,
								 &err));
	expected = chunk_cat("ccc", fig6, chunk_from_chars(0x00,0x1d,0x00,0x24,
						 0x01,0x00,0x00,0x02), digest32());
	expected = chunk_cat("mc", expected, dns_domain);
	ck_assert_chunk_eq(tlvs, expected);
	chunk_free(&expected);

	parsed = encdns_config_create();
	ck_assert(encdns_attrs_parse(tlvs, ENCDNS_CFG_REPLY, parsed, &err));
	ck_assert(encdns_config_equals(config, parsed));
	chunk_free(&tlvs);
	encdns_config_destroy(parsed);
	encdns_config_destroy(config);
}
END_TEST

START_TEST(test_attrs_build_per_family)
{
	encdns_config_t *config, *parsed;
	encdns_resolver_t *r;
	encdns_error_t err = {};
	chunk_t tlvs;

	config = encdns_config_create();
	r = fig6_resolver();
	encdns_resolver_add_addr(r, host_create_from_string("192.0.2.53", 0));
	encdns_resolver_add_addr(r, host_create_from_string("198.51.100.53", 0));
	array_insert(config->resolvers, ARRAY_TAIL, r);
	ck_assert(encdns_attrs_build(config, ENCDNS_CFG_SET, FALSE, &tlvs, &err));
	/* ENCDNS_IP4 with both IPv4 addresses, then ENCDNS_IP6 */
	ck_assert_int_eq(untoh16(tlvs.ptr), ENCDNS_ATTR_IP4);
	ck_assert_int_eq(untoh16(tlvs.ptr + 2), 4 + 8 + 15 + fig6_svc.len);
	ck_assert_int_eq(tlvs.ptr[6], 2);
	ck_assert_chunk_eq(chunk_skip(tlvs, 4 + 4 + 8 + 15 + fig6_svc.len), fig6);
	/* parsed back into one resolver */
	parsed = encdns_config_create();
	ck_assert(encdns_attrs_parse(tlvs, ENCDNS_CFG_SET, parsed, &err));
	ck_assert_int_eq(array_count(parsed->resolvers), 1);
	ck_assert(encdns_config_equals(config, parsed));
	chunk_free(&tlvs);
	encdns_config_destroy(parsed);
	encdns_config_destroy(config);
}
END_TEST

START_TEST(test_attrs_build_r_bit_zero)
{
	encdns_config_t *config;
	encdns_resolver_t *r;
	encdns_error_t err = {};
	chunk_t tlvs, rest;

	config = encdns_config_create();
	r = fig6_resolver();
	encdns_resolver_add_addr(r, host_create_from_string("192.0.2.53", 0));
	array_insert(config->resolvers, ARRAY_TAIL, r);
	encdns_config_add_domain(config->internal_domains, "corp.example");
	ck_assert(encdns_attrs_build(config, ENCDNS_CFG_REPLY, FALSE, &tlvs,
								 &err));
	for (rest = tlvs; rest.len; rest = chunk_skip(rest,
											4 + untoh16(rest.ptr + 2)))
	{
		ck_assert(!(rest.ptr[0] & 0x80));
	}
	chunk_free(&tlvs);
	encdns_config_destroy(config);
}
END_TEST

START_TEST(test_attrs_r_bit_ignored)
{
	encdns_config_t *a, *b;
	encdns_error_t err = {};
	chunk_t tlvs;

	tlvs = chunk_clone(fig6);
	a = encdns_config_create();
	ck_assert(encdns_attrs_parse(tlvs, ENCDNS_CFG_REPLY, a, &err));
	tlvs.ptr[0] |= 0x80;
	b = encdns_config_create();
	ck_assert(encdns_attrs_parse(tlvs, ENCDNS_CFG_REPLY, b, &err));
	ck_assert_int_eq(array_count(b->resolvers), 1);
	ck_assert(encdns_config_equals(a, b));
	chunk_free(&tlvs);
	encdns_config_destroy(a);
	encdns_config_destroy(b);
}
END_TEST

START_TEST(test_attrs_unknown_skipped)
{
	encdns_config_t *config;
	encdns_error_t err = {};
	chunk_t tlvs;

	/* INTERNAL_IP4_ADDRESS, type 30, a private use type, then Figure 6 */
	tlvs = chunk_cat("cc", chunk_from_chars(0x00,0x01,0x00,0x04,192,0,2,1,
						0x00,0x1e,0x00,0x01,0xff, 0x40,0x00,0x00,0x00),
					 fig6);
	config = encdns_config_create();
	ck_assert(encdns_attrs_parse(tlvs, ENCDNS_CFG_REPLY, config, &err));
	ck_assert_int_eq(array_count(config->resolvers), 1);
	chunk_free(&tlvs);
	encdns_config_destroy(config);
}
END_TEST

START_TEST(test_attrs_truncated)
{
	encdns_config_t *config;
	encdns_resolver_t *r;
	encdns_error_t err = {};
	chunk_t tlvs;

	/* a valid attribute, then one cut at every octet */
	tlvs = chunk_cat("cc", dns_domain, fig6);
	tlvs.len = dns_domain.len + _i;
	config = encdns_config_create();
	r = encdns_resolver_create(9);
	array_insert(config->resolvers, ARRAY_TAIL, r);
	ck_assert(!encdns_attrs_parse(tlvs, ENCDNS_CFG_REPLY, config, &err));
	ck_assert(err.msg[0]);
	/* the model is left as it was */
	ck_assert_int_eq(array_count(config->resolvers), 1);
	ck_assert_int_eq(array_count(config->internal_domains), 0);
	encdns_config_destroy(config);
	free(tlvs.ptr);
}
END_TEST

START_TEST(test_attrs_length_mismatch)
{
	encdns_config_t *config;
	encdns_error_t err = {};
	chunk_t tlvs;

	/* Length larger than what follows */
	tlvs = chunk_clone(fig6);
	tlvs.ptr[3]++;
	config = encdns_config_create();
	ck_assert(!encdns_attrs_parse(tlvs, ENCDNS_CFG_REPLY, config, &err));
	ck_assert(strstr(err.msg, "Length 63, only 62 octets left"));
	/* Length smaller: the rest is read as a header of a next attribute */
	tlvs.ptr[3] -= 2;
	memset(&err, 0, sizeof(err));
	ck_assert(!encdns_attrs_parse(tlvs, ENCDNS_CFG_REPLY, config, &err));
	ck_assert(err.msg[0]);
	chunk_free(&tlvs);
	encdns_config_destroy(config);
}
END_TEST

START_TEST(test_attrs_sorted)
{
	encdns_config_t *config;
	encdns_resolver_t *r;
	encdns_error_t err = {};
	chunk_t tlvs, value, one;
	uint16_t prios[] = { 3, 1, 2 };
	int i;

	tlvs = chunk_empty;
	for (i = 0; i < countof(prios); i++)
	{
		value = chunk_clone(value_of(fig6));
		htoun16(value.ptr, prios[i]);
		one = attr(ENCDNS_ATTR_IP6, value);
		tlvs = chunk_cat("mm", tlvs, one);
		chunk_free(&value);
	}
	config = encdns_config_create();
	ck_assert(encdns_attrs_parse(tlvs, ENCDNS_CFG_REPLY, config, &err));
	ck_assert_int_eq(array_count(config->resolvers), 3);
	for (i = 0; i < 3; i++)
	{
		array_get(config->resolvers, i, &r);
		ck_assert_int_eq(r->priority, i + 1);
	}
	chunk_free(&tlvs);
	encdns_config_destroy(config);
}
END_TEST

START_TEST(test_attrs_build_sorted)
{
	encdns_config_t *config;
	encdns_resolver_t *r;
	encdns_error_t err = {};
	chunk_t tlvs;

	config = encdns_config_create();
	r = fig6_resolver();
	r->priority = 7;
	array_insert(config->resolvers, ARRAY_TAIL, r);
	array_insert(config->resolvers, ARRAY_TAIL, fig6_resolver());
	ck_assert(encdns_attrs_build(config, ENCDNS_CFG_REPLY, FALSE, &tlvs,
								 &err));
	/* presented in priority order, the model left alone */
	ck_assert_chunk_eq(chunk_create(tlvs.ptr, fig6.len), fig6);
	ck_assert_int_eq(untoh16(tlvs.ptr + fig6.len + 4), 7);
	array_get(config->resolvers, 0, &r);
	ck_assert_int_eq(r->priority, 7);
	chunk_free(&tlvs);
	encdns_config_destroy(config);
}
END_TEST

START_TEST(test_attrs_repeated_request)
{
	chunk_t ip4_req = chunk_from_chars(0x00,0x1b,0x00,0x08,
							0x00,0x01,0x01,0x00, 0xc0,0x00,0x02,0x01);
	encdns_config_t *config;
	encdns_error_t err = {};
	chunk_t tlvs;

	/* bitwise identical suggestions count once */
	tlvs = chunk_cat("ccc", fig8, fig8, fig8);
	config = encdns_config_create();
	ck_assert(encdns_attrs_parse(tlvs, ENCDNS_CFG_REQUEST, config, &err));
	ck_assert_int_eq(array_count(config->resolvers), 1);
	encdns_config_destroy(config);
	chunk_free(&tlvs);
	/* distinct ones do not */
	tlvs = chunk_cat("ccc", fig8, fig7, fig8);
	config = encdns_config_create();
	ck_assert(encdns_attrs_parse(tlvs, ENCDNS_CFG_REQUEST, config, &err));
	ck_assert_int_eq(array_count(config->resolvers), 2);
	encdns_config_destroy(config);
	chunk_free(&tlvs);
	/* the same for ENCDNS_IP4 (192.0.2.1, no ADN) */
	tlvs = chunk_cat("ccc", ip4_req, ip4_req, ip4_req);
	config = encdns_config_create();
	ck_assert(encdns_attrs_parse(tlvs, ENCDNS_CFG_REQUEST, config, &err));
	ck_assert_int_eq(array_count(config->resolvers), 1);
	encdns_config_destroy(config);
	chunk_free(&tlvs);
	/* in a reply, repeated instances are kept as sent */
	tlvs = chunk_cat("cc", fig6, fig6);
	config = encdns_config_create();
	ck_assert(encdns_attrs_parse(tlvs, ENCDNS_CFG_REPLY, config, &err));
	ck_assert_int_eq(array_count(config->resolvers), 2);
	encdns_config_destroy(config);
	chunk_free(&tlvs);
}
END_TEST

START_TEST(test_attrs_digest_ack)
{
	encdns_config_t *config;
	encdns_error_t err = {};

	config = encdns_config_create();
	ck_assert(encdns_attrs_parse(chunk_from_chars(0x00,0x1d,0x00,0x00,
						0x00,0x1b,0x00,0x00, 0x00,0x19,0x00,0x00),
						ENCDNS_CFG_ACK, config, &err));
	ck_assert(!encdns_attrs_parse(chunk_from_chars(0x00,0x1d,0x00,0x01,0x01),
						ENCDNS_CFG_ACK, config, &err));
	ck_assert(strstr(err.msg, "MUST be zero-length"));
	ck_assert(!encdns_attrs_parse(chunk_from_chars(0x00,0x1a,0x00,0x01,0x01),
						ENCDNS_CFG_ACK, config, NULL));
	ck_assert_int_eq(array_count(config->digests), 0);
	encdns_config_destroy(config);
}
END_TEST

START_TEST(test_attrs_digest_in_lists)
{
	encdns_config_t *config;
	encdns_error_t err = {};
	chunk_t tlvs;

	config = encdns_config_create();
	/* a request list is no reply and vice versa */
	ck_assert(!encdns_attrs_parse(digest_req, ENCDNS_CFG_REPLY, config,
								  &err));
	ck_assert(strstr(err.msg, "Num Hash Algs 3 in a reply"));
	tlvs = chunk_cat("cc", chunk_from_chars(0x00,0x1d,0x00,0x24,
											0x01,0x00,0x00,0x02), digest32());
	ck_assert(!encdns_attrs_parse(tlvs, ENCDNS_CFG_REQUEST, config, NULL));
	ck_assert(encdns_attrs_parse(tlvs, ENCDNS_CFG_SET, config, NULL));
	ck_assert_int_eq(array_count(config->digests), 1);
	chunk_free(&tlvs);
	encdns_config_destroy(config);
}
END_TEST

START_TEST(test_attrs_dnssec_ta)
{
	encdns_config_t *config;
	encdns_error_t err = {};
	chunk_t tlvs;

	config = encdns_config_create();
	/* empty: the initiator accepts trust anchors (RFC 8598 3.1) */
	ck_assert(encdns_attrs_parse(chunk_from_chars(0x00,0x1a,0x00,0x00),
								 ENCDNS_CFG_REQUEST, config, &err));
	ck_assert(!encdns_attrs_parse(chunk_from_chars(0x00,0x1a,0x00,0x00),
								  ENCDNS_CFG_REPLY, config, &err));
	tlvs = chunk_cat("ccc", dns_domain, chunk_from_chars(0x00,0x1a,0x00,0x24,
								0x4f,0x66,0x08,0x02), digest32());
	ck_assert(encdns_attrs_parse(tlvs, ENCDNS_CFG_REPLY, config, NULL));
	/* Digest Type SHA-1 with a 32-octet digest */
	tlvs.ptr[tlvs.len - 33] = 1;
	ck_assert(!encdns_attrs_parse(tlvs, ENCDNS_CFG_REPLY, config, NULL));
	chunk_free(&tlvs);
	/* a valid trust anchor, but acknowledged attributes are empty */
	tlvs = chunk_cat("cc", chunk_from_chars(0x00,0x1a,0x00,0x24,
								0x4f,0x66,0x08,0x02), digest32());
	memset(&err, 0, sizeof(err));
	ck_assert(!encdns_attrs_parse(tlvs, ENCDNS_CFG_ACK, config, &err));
	ck_assert(strstr(err.msg, "INTERNAL_DNSSEC_TA: Length 36 in CFG_ACK"));
	chunk_free(&tlvs);
	encdns_config_destroy(config);
}
END_TEST

START_TEST(test_attrs_cfg_type)
{
	encdns_config_t *config;
	encdns_error_t err = {};
	chunk_t tlvs;

	config = encdns_config_create();
	ck_assert(!encdns_attrs_parse(fig6, 0, config, &err));
	ck_assert(strstr(err.msg, "CFG type 0"));
	/* refused for the list itself, also when no attribute checks it */
	memset(&err, 0, sizeof(err));
	ck_assert(!encdns_attrs_parse(chunk_empty, 5, config, &err));
	ck_assert(strstr(err.msg, "Configuration Payload: CFG type 5"));
	ck_assert(!encdns_attrs_parse(chunk_from_chars(0x00,0x63,0x00,0x00), 0,
								  config, NULL));
	ck_assert(!encdns_attrs_build(config, ENCDNS_CFG_REQUEST, FALSE, &tlvs,
								  NULL));
	ck_assert(!encdns_attrs_build(config, ENCDNS_CFG_ACK, FALSE, &tlvs,
								  NULL));
	ck_assert(encdns_attrs_build(config, ENCDNS_CFG_REPLY, FALSE, &tlvs,
								 NULL));
	ck_assert_int_eq(tlvs.len, 0);
	encdns_config_destroy(config);
}
END_TEST

START_TEST(test_attrs_build_search)
{
	encdns_config_t *config;
	encdns_error_t err = {};
	chunk_t tlvs;

	config = encdns_config_create();
	encdns_config_add_domain(config->search_domains, "corp.example");
	encdns_config_add_domain(config->internal_domains, "corp.example");
	ck_assert(!encdns_attrs_build(config, ENCDNS_CFG_REPLY, FALSE, &tlvs,
								  &err));
	ck_assert(strstr(err.msg, "search domain \"corp.example\""));
	ck_assert(encdns_attrs_build(config, ENCDNS_CFG_REPLY, TRUE, &tlvs,
								 &err));
	ck_assert_int_eq(tlvs.len, 4 + 12);
	chunk_free(&tlvs);
	encdns_config_destroy(config);
}
END_TEST

START_TEST(test_attrs_build_refused)
{
	encdns_config_t *config;
	encdns_resolver_t *r;
	encdns_error_t err = {};
	chunk_t tlvs;

	/* a resolver without any address */
	config = encdns_config_create();
	r = encdns_resolver_create(1);
	encdns_resolver_set_adn(r, "doh.example.com");
	array_insert(config->resolvers, ARRAY_TAIL, r);
	ck_assert(!encdns_attrs_build(config, ENCDNS_CFG_REPLY, FALSE, &tlvs,
								  &err));
	ck_assert(strstr(err.msg, "no address"));
	encdns_config_destroy(config);
	/* the root as an internal domain (MASQUE only) */
	config = encdns_config_create();
	encdns_config_add_domain(config->internal_domains, "");
	ck_assert(!encdns_attrs_build(config, ENCDNS_CFG_REPLY, FALSE, &tlvs,
								  NULL));
	encdns_config_destroy(config);
	/* an invalid digest */
	config = encdns_config_create();
	array_insert(config->digests, ARRAY_TAIL,
				 encdns_digest_create(NULL, ENCDNS_HASH_SHA2_384, digest32()));
	ck_assert(!encdns_attrs_build(config, ENCDNS_CFG_REPLY, FALSE, &tlvs,
								  NULL));
	encdns_config_destroy(config);
}
END_TEST

Suite *attr_suite_create()
{
	Suite *s;
	TCase *tc;

	s = suite_create("attr");

	tc = tcase_create("ENCDNS_IP");
	tcase_add_test(tc, test_ip_fig6);
	tcase_add_test(tc, test_ip_ip4);
	tcase_add_test(tc, test_ip_request_suggestions);
	tcase_add_test(tc, test_ip_empty);
	tcase_add_test(tc, test_ip_ack);
	tcase_add_test(tc, test_ip_cfg_type);
	tcase_add_test(tc, test_ip_priority_zero);
	tcase_add_test(tc, test_ip_num_addresses_zero);
	tcase_add_loop_test(tc, test_ip_truncated, 1, 62);
	tcase_add_test(tc, test_ip_length_short);
	tcase_add_test(tc, test_ip_length_long);
	tcase_add_test(tc, test_ip_adn_missing);
	tcase_add_test(tc, test_ip_adn_invalid);
	tcase_add_test(tc, test_ip_adn_trailing_dot);
	tcase_add_test(tc, test_ip_hints);
	tcase_add_test(tc, test_ip_svcparams_malformed);
	tcase_add_test(tc, test_ip_build_limits);
	suite_add_tcase(s, tc);

	tc = tcase_create("ENCDNS_DIGEST_INFO");
	tcase_add_test(tc, test_digest_request_vector);
	tcase_add_test(tc, test_digest_request_unknown_ids);
	tcase_add_test(tc, test_digest_request_num_mismatch);
	tcase_add_test(tc, test_digest_request_adn_length);
	tcase_add_test(tc, test_digest_request_length);
	tcase_add_test(tc, test_digest_request_build_count);
	tcase_add_test(tc, test_digest_reply_vector);
	tcase_add_test(tc, test_digest_reply_num_hash_algs);
	tcase_add_test(tc, test_digest_reply_length);
	tcase_add_test(tc, test_digest_reply_hash_ids);
	tcase_add_test(tc, test_digest_reply_sha1);
	tcase_add_test(tc, test_digest_reply_truncated);
	tcase_add_test(tc, test_digest_reply_adn);
	tcase_add_test(tc, test_digest_reply_build_refused);
	suite_add_tcase(s, tc);

	tc = tcase_create("RFC 8598");
	tcase_add_test(tc, test_dns_domain);
	tcase_add_test(tc, test_dns_domain_empty);
	tcase_add_test(tc, test_dns_domain_ack);
	tcase_add_test(tc, test_dns_domain_invalid);
	tcase_add_test(tc, test_dnssec_ta);
	tcase_add_loop_test(tc, test_dnssec_ta_short, 0, 5);
	tcase_add_test(tc, test_dnssec_ta_digest_length);
	suite_add_tcase(s, tc);

	tc = tcase_create("attribute lists");
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_attrs_request);
	tcase_add_test(tc, test_attrs_reply_roundtrip);
	tcase_add_test(tc, test_attrs_build_per_family);
	tcase_add_test(tc, test_attrs_build_r_bit_zero);
	tcase_add_test(tc, test_attrs_r_bit_ignored);
	tcase_add_test(tc, test_attrs_unknown_skipped);
	tcase_add_loop_test(tc, test_attrs_truncated, 1, 66);
	tcase_add_test(tc, test_attrs_length_mismatch);
	tcase_add_test(tc, test_attrs_sorted);
	tcase_add_test(tc, test_attrs_build_sorted);
	tcase_add_test(tc, test_attrs_repeated_request);
	tcase_add_test(tc, test_attrs_digest_ack);
	tcase_add_test(tc, test_attrs_digest_in_lists);
	tcase_add_test(tc, test_attrs_dnssec_ta);
	tcase_add_test(tc, test_attrs_cfg_type);
	tcase_add_test(tc, test_attrs_build_search);
	tcase_add_test(tc, test_attrs_build_refused);
	suite_add_tcase(s, tc);

	return s;
}
