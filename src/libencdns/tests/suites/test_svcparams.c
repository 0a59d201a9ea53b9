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

#include <encdns_svcparams.h>

/**
 * Wire form from hex, allocated
 */
static chunk_t hex(char *str)
{
	return chunk_from_hex(chunk_from_str(str), NULL);
}

/**
 * Compare chunks, empty ones are equal whatever their pointers
 */
static bool same(chunk_t a, chunk_t b)
{
	return a.len == b.len && (!a.len || memeq(a.ptr, b.ptr, a.len));
}

/**
 * Parse text, expect success with the given wire form
 */
static void assert_parse(char *text, char *wire)
{
	encdns_error_t err = {};
	chunk_t got, exp;

	exp = hex(wire);
	ck_assert_msg(encdns_svcparams_parse(text, &got, &err), "%.80s: %s", text,
				  err.msg);
	ck_assert_msg(same(got, exp), "%.80s: got %#B, expected %#B",
				  text, &got, &exp);
	chunk_free(&got);
	chunk_free(&exp);
}

/**
 * Parse text, expect a refusal whose reason contains reason
 */
static void assert_parse_fails(char *text, char *reason)
{
	encdns_error_t err = {};
	chunk_t got = chunk_from_str("untouched");

	ck_assert_msg(!encdns_svcparams_parse(text, &got, &err), "%.80s "
				  "accepted", text);
	ck_assert(got.len == 0 && got.ptr == NULL);
	ck_assert_msg(strstr(err.msg, reason), "%.80s: reason \"%s\", "
				  "expected \"%s\"", text, err.msg, reason);
}

/**
 * Check and print wire form, expect a refusal whose reason contains reason
 */
static void assert_wire_fails(char *wire, char *reason)
{
	encdns_error_t err = {};
	chunk_t data;
	char *text = "untouched";

	data = hex(wire);
	ck_assert_msg(!encdns_svcparams_check(data, &err), "%s accepted", wire);
	ck_assert_msg(strstr(err.msg, reason), "%s: reason \"%s\", expected "
				  "\"%s\"", wire, err.msg, reason);
	memset(&err, 0, sizeof(err));
	ck_assert(!encdns_svcparams_print(data, &text, &err));
	ck_assert(text == NULL);
	ck_assert(strstr(err.msg, reason));
	chunk_free(&data);
}

/**
 * Print wire form, expect the canonical text, and parse it back
 */
static void assert_print(char *wire, char *text)
{
	encdns_error_t err = {};
	chunk_t data, back;
	char *got;

	data = hex(wire);
	ck_assert_msg(encdns_svcparams_check(data, &err), "%s: %s", wire,
				  err.msg);
	ck_assert_msg(encdns_svcparams_print(data, &got, &err), "%s: %s", wire,
				  err.msg);
	ck_assert_str_eq(got, text);
	ck_assert_msg(encdns_svcparams_parse(got, &back, &err), "%s: %s", got,
				  err.msg);
	ck_assert(same(back, data));
	free(got);
	chunk_free(&back);
	chunk_free(&data);
}

/*******************************************************************************
 * RFC 9460 Appendix D.2 vectors (SvcParams after the TargetName) and the
 * RFC 9464 / MASQUE examples of spec.md 6.3
 */

static struct {
	char *text;
	char *wire;
	char *canonical;
} valid_tests[] = {
	/* D.2.1 */
	{ "", "", "" },
	/* D.2.2 */
	{ "port=53", "000300020035", "port=53" },
	/* D.2.3 */
	{ "key667=hello", "029b000568656c6c6f", "key667=\"hello\"" },
	/* D.2.4 */
	{ "key667=\"hello\\210qoo\"", "029b000968656c6c6fd2716f6f",
	  "key667=\"hello\\210qoo\"" },
	/* D.2.5 */
	{ "ipv6hint=\"2001:db8::1,2001:db8::53:1\"",
	  "00060020"
	  "20010db8000000000000000000000001"
	  "20010db8000000000000000000530001",
	  "ipv6hint=2001:db8::1,2001:db8::53:1" },
	/* D.2.6 */
	{ "ipv6hint=\"2001:db8:122:344::192.0.2.33\"",
	  "0006001020010db8012203440000000" "0c0000221",
	  "ipv6hint=2001:db8:122:344::c000:221" },
	/* D.2.7 */
	{ "alpn=h2,h3-19 mandatory=ipv4hint,alpn ipv4hint=192.0.2.1",
	  "0000000400010004" "00010009026832056833" "2d3139" "00040004c0000201",
	  "mandatory=alpn,ipv4hint alpn=h2,h3-19 ipv4hint=192.0.2.1" },
	/* D.2.8, both presentations */
	{ "alpn=\"f\\\\\\\\oo\\\\,bar,h2\"",
	  "0001000c08665c6f6f2c626172026832",
	  "alpn=f\\\\\\\\oo\\\\,bar,h2" },
	{ "alpn=f\\\\\\092oo\\092,bar,h2",
	  "0001000c08665c6f6f2c626172026832",
	  "alpn=f\\\\\\\\oo\\\\,bar,h2" },
	/* RFC 9464 App. A.1 (Figure 6) SvcParams */
	{ "alpn=h2 dohpath=/dns-query{?dns}",
	  "000100030268320007001" "02f646e732d71756572797b3f646e737d",
	  "alpn=h2 dohpath=/dns-query{?dns}" },
	/* RFC 9464 App. A.2 (Figure 9) */
	{ "alpn=dot", "0001000403646f74", "alpn=dot" },
	/* MASQUE DNS_ASSIGN full tunnel example */
	{ "dohpath=/dns-query{?dns} alpn=h2,h3",
	  "00010006026832026833" "00070010" "2f646e732d71756572797b3f646e737d",
	  "alpn=h2,h3 dohpath=/dns-query{?dns}" },
	/* every registered key, out of order, whitespace variants */
	{ "  ohttp\tech=AQID key9=\"\" no-default-alpn alpn=doq\n"
	  "ipv4hint=192.0.2.1,198.51.100.2 ipv6hint=::1 port=853 "
	  "mandatory=port,key9 dohpath=\"/q{?dns}\" ",
	  "000000040003" "0009"
	  "0001000403646f71"
	  "00020000"
	  "000300020355"
	  "00040008c0000201c6336402"
	  "00050003010203"
	  "0006001000000000000000000000000000000001"
	  "00070008" "2f717b3f646e737d"
	  "00080000"
	  "00090000",
	  "mandatory=port,key9 alpn=doq no-default-alpn port=853 "
	  "ipv4hint=192.0.2.1,198.51.100.2 ech=AQID ipv6hint=::1 "
	  "dohpath=/q{?dns} ohttp key9=\"\"" },
	/* generic form of known keys, RFC 9460 App. A.1 alternative */
	{ "key1=\\002h2 key3=\\001\\187", "0001000302683200030002" "01bb",
	  "alpn=h2 port=443" },
	/* highest usable key, explicit empty values */
	{ "key65534 no-default-alpn=\"\" alpn=x", "0001000201780002" "0000"
	  "fffe0000", "alpn=x no-default-alpn key65534=\"\"" },
	/* escapes, quotes, spaces and UTF-8 in generic values and dohpath */
	{ "key100=\"a b\\\"c\\\\d\\009\" dohpath=/\xc3\xa9{?dns}",
	  "00070009" "2fc3a97b3f646e737d" "0064000861206222" "635c6409",
	  NULL },
	/* alpn ids with a space and non-printable octets */
	{ "alpn=\"a b,\\001\"", "00010006036120620101", "alpn=\"a b,\\001\"" },
};

START_TEST(test_parse_valid)
{
	assert_parse(valid_tests[_i].text, valid_tests[_i].wire);
}
END_TEST

START_TEST(test_print_canonical)
{
	if (valid_tests[_i].canonical)
	{
		assert_print(valid_tests[_i].wire, valid_tests[_i].canonical);
	}
}
END_TEST

/*******************************************************************************
 * RFC 9460 Appendix D.3 failure cases
 */

static struct {
	char *text;
	char *reason;
} d3_tests[] = {
	{ "key123=abc key123=def", "key123: key repeated (RFC 9460 2.1" },
	{ "mandatory", "mandatory: missing or empty value" },
	{ "alpn", "alpn: missing or empty value" },
	{ "port", "port: missing or empty value" },
	{ "ipv4hint", "ipv4hint: missing or empty value" },
	{ "ipv6hint", "ipv6hint: missing or empty value" },
	{ "no-default-alpn=abc", "no-default-alpn: has a value" },
	{ "mandatory=key123", "mandatory: lists key123, which is missing" },
	{ "mandatory=mandatory", "mandatory: lists mandatory (RFC 9460 8" },
	{ "mandatory=key123,key123 key123=abc",
	  "mandatory: key123 listed twice" },
};

START_TEST(test_parse_d3)
{
	assert_parse_fails(d3_tests[_i].text, d3_tests[_i].reason);
}
END_TEST

/*******************************************************************************
 * Presentation form rules
 */

static struct {
	char *text;
	char *reason;
} text_fail_tests[] = {
	/* values that must be non-empty, given as empty */
	{ "mandatory=\"\" alpn=h2", "mandatory: missing or empty value" },
	{ "alpn=", "alpn: missing or empty value" },
	{ "port=\"\"", "port: missing or empty value" },
	{ "dohpath alpn=h2", "dohpath: missing or empty value" },
	{ "dohpath=\"\"", "dohpath: missing or empty value" },
	/* values that must be empty */
	{ "ohttp=x", "ohttp: has a value (RFC 9540" },
	{ "alpn=h2 no-default-alpn=\"x\"", "no-default-alpn: has a value" },
	/* no escapes in port, hints and mandatory */
	{ "port=\\053\\051", "port: escape sequence" },
	{ "port=8\\053", "port: escape sequence" },
	{ "ipv4hint=192.0.2.\\049", "ipv4hint: escape sequence" },
	{ "ipv6hint=\\:\\:1", "ipv6hint: escape sequence" },
	{ "alpn=h2 mandatory=alp\\110", "mandatory: escape sequence" },
	/* empty list items */
	{ "alpn=h2,,h3", "alpn: empty ALPN id" },
	{ "alpn=h2,", "alpn: empty ALPN id" },
	{ "alpn=,h2", "alpn: empty ALPN id" },
	{ "ipv4hint=192.0.2.1,", "ipv4hint: empty list item" },
	{ "ipv6hint=,::1", "ipv6hint: empty list item" },
	{ "alpn=h2 mandatory=alpn,", "mandatory: empty list item" },
	/* alpn list escapes */
	{ "alpn=a\\\\b", "alpn: backslash not followed by , or \\" },
	{ "alpn=\"ab\\\\\"", "alpn: backslash not followed by , or \\" },
	/* char-string syntax */
	{ "key1=\\25", "invalid escape, \\DDD" },
	{ "key1=\\256", "invalid escape, \\DDD" },
	{ "key667=\"abc", "key667: unterminated quoted value" },
	{ "key667=\"abc\"def", "key667: no space after quoted value" },
	{ "key667=a\"b", "key667: unescaped quote" },
	{ "key667=abc\\", "key667: value ends in a backslash" },
	{ "key667=\"a\tb\"", "key667: raw control character 0x09" },
	/* key names */
	{ "key65535=x", "key65535 is not a usable key (RFC 9460 14.3.2" },
	{ "key65536=x", "key65536 is not a usable key" },
	{ "key0667=x", "unknown key \"key0667\"" },
	{ "key=x", "unknown key \"key\"" },
	{ "key12a=x", "unknown key \"key12a\"" },
	{ "foo=bar", "unknown key \"foo\"" },
	{ "ALPN=h2", "invalid character 0x41 in key name" },
	{ "=h2", "key name of 0 characters" },
	{ "alpn=h2 mandatory=foo", "mandatory: unknown key \"foo\"" },
	{ "alpn=h2 mandatory=key65535", "mandatory: key65535 is not a usable" },
	/* repeated keys, also via the generic name */
	{ "alpn=h2 key1=\\002h3", "alpn: key repeated" },
	{ "port=53 port=53", "port: key repeated" },
	/* value formats */
	{ "port=65536", "port: \"65536\" is not a decimal 0-65535" },
	{ "port=123456", "port: \"123456\" is not a decimal" },
	{ "port=-1", "port: \"-1\" is not a decimal" },
	{ "port=0x35", "port: \"0x35\" is not a decimal" },
	{ "ipv4hint=192.0.2", "ipv4hint: invalid address \"192.0.2\"" },
	{ "ipv4hint=2001:db8::1", "ipv4hint: invalid address" },
	{ "ipv6hint=192.0.2.1", "ipv6hint: invalid address" },
	{ "ipv6hint=2001:db8::1::2", "ipv6hint: invalid address" },
	{ "ech=", "ech: empty value" },
	{ "ech=AQI", "ech: base64 length 3" },
	{ "ech=AQ!D", "ech: invalid base64" },
	{ "ech=A===", "ech: invalid base64" },
	{ "ech=AQ=D", "ech: invalid base64" },
	{ "ech=AQ==AQID", "ech: invalid base64" },
	{ "ech=AR==", "ech: non-canonical base64" },
	{ "ech=AQJ=", "ech: non-canonical base64" },
	/* cross-key rules */
	{ "no-default-alpn", "no-default-alpn without alpn (RFC 9460 7.1.1" },
	{ "mandatory=alpn,port port=853", "mandatory: lists alpn, which is" },
	/* dohpath (RFC 9461 5.1) */
	{ "dohpath=/dns-query", "dohpath: no dns variable" },
	{ "dohpath=/q{?name}", "dohpath: no dns variable" },
	{ "dohpath=/q{?dnsx}", "dohpath: no dns variable" },
	{ "dohpath=/q{?d.ns}", "dohpath: no dns variable" },
	{ "dohpath=dns-query{?dns}", "dohpath: does not start with /" },
	{ "dohpath=/q{?dns", "dohpath: unterminated URI Template expression" },
	{ "dohpath=/q{?{dns}}", "dohpath: unterminated URI Template" },
	{ "dohpath=/q}{?dns}", "dohpath: character 0x7d not allowed" },
	{ "dohpath=\"/q {?dns}\"", "dohpath: character 0x20 not allowed" },
	{ "dohpath=/q<{?dns}", "dohpath: character 0x3c not allowed" },
	{ "dohpath=/q%zz{?dns}", "dohpath: invalid percent-encoding" },
	{ "dohpath=/q%2{?dns}", "dohpath: invalid percent-encoding" },
	{ "dohpath=/q\\255{?dns}", "dohpath: invalid UTF-8 at offset 2" },
	{ "dohpath=/q\\192\\128{?dns}", "dohpath: invalid UTF-8" },
	{ "dohpath=/q\\237\\160\\128{?dns}", "dohpath: invalid UTF-8" },
	{ "dohpath=/q\\244\\144\\128\\128{?dns}", "dohpath: invalid UTF-8" },
	{ "dohpath=/q{}", "dohpath: invalid variable name" },
	{ "dohpath=/q{?}", "dohpath: invalid variable name" },
	{ "dohpath=/q{?dns,}", "dohpath: invalid variable name" },
	{ "dohpath=/q{?dns.}", "dohpath: invalid character 0x2e" },
	{ "dohpath=/q{?dns.,x}", "dohpath: invalid variable name" },
	{ "dohpath=/q{?d..ns}", "dohpath: invalid variable name" },
	{ "dohpath=/q{?.dns}", "dohpath: invalid variable name" },
	{ "dohpath=/q{?dns:0}", "dohpath: invalid prefix modifier" },
	{ "dohpath=/q{?dns:}", "dohpath: invalid prefix modifier" },
	{ "dohpath=/q{?dns:10000}", "dohpath: invalid prefix modifier" },
	{ "dohpath=/q{?dns-x}", "dohpath: invalid character 0x2d" },
	{ "dohpath=/q{?dns**}", "dohpath: invalid character 0x2a" },
};

START_TEST(test_parse_invalid)
{
	assert_parse_fails(text_fail_tests[_i].text, text_fail_tests[_i].reason);
}
END_TEST

START_TEST(test_parse_alpn_too_long)
{
	char text[300], wire[600];
	int i;

	snprintf(text, sizeof(text), "alpn=h2,%0255d", 0);
	strcpy(wire, "00010103026832ff");
	for (i = 0; i < 255; i++)
	{
		strcat(wire, "30");
	}
	assert_parse(text, wire);
	snprintf(text, sizeof(text), "alpn=h2,%0256d", 0);
	assert_parse_fails(text, "alpn: ALPN id longer than 255 octets");
}
END_TEST

START_TEST(test_parse_value_too_long)
{
	chunk_t wire;
	char *text;

	text = malloc(70000);
	strcpy(text, "key9=");
	memset(text + 5, 'a', 65536);
	text[5 + 65536] = '\0';
	assert_parse_fails(text, "key9: value of 65536 octets exceeds 65535");
	text[5 + 65535] = '\0';
	ck_assert(encdns_svcparams_parse(text, &wire, NULL));
	ck_assert_int_eq(wire.len, 4 + 65535);
	ck_assert(encdns_svcparams_check(wire, NULL));
	chunk_free(&wire);
	free(text);
}
END_TEST

/*******************************************************************************
 * dohpath URI Templates that are accepted (RFC 6570, RFC 9461 5.1)
 */

static char *dohpath_valid[] = {
	"/dns-query{?dns}",
	"/q{?x,dns}",
	"/q{?dns,x.y_z}",
	"/q{;dns*}",
	"/q{?dns:4}",
	"/q{?dns:9999}",
	"/q{/dns}",
	"/q{+dns}",
	"/q{#dns}",
	"/q{.dns}",
	"/q{&dns}",
	"/q{dns}",
	"/%7Eq{?%41,dns}",
	"/p%20q{?dns}",
	"/\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80{?dns}",
	"/",
};

START_TEST(test_dohpath_valid)
{
	encdns_error_t err = {};
	chunk_t wire, value;
	char text[128];

	snprintf(text, sizeof(text), "dohpath=\"%s\"", dohpath_valid[_i]);
	if (streq(dohpath_valid[_i], "/"))
	{
		/* the one without a dns variable, as a control */
		ck_assert(!encdns_svcparams_parse(text, &wire, &err));
		return;
	}
	ck_assert_msg(encdns_svcparams_parse(text, &wire, &err), "%s: %s", text,
				  err.msg);
	ck_assert(encdns_svcparams_find(wire, SVC_KEY_DOHPATH, &value));
	ck_assert_chunk_eq(value, chunk_from_str(dohpath_valid[_i]));
	chunk_free(&wire);
}
END_TEST

/*******************************************************************************
 * Wire form rules (RFC 9460 2.2, 7, 8; RFC 9461 5.1; RFC 9540)
 */

static struct {
	char *wire;
	char *reason;
} wire_fail_tests[] = {
	/* framing */
	{ "00", "truncated SvcParamKey, 1 octet(s) left" },
	{ "00030002003500", "truncated SvcParamKey, 1 octet(s) left" },
	{ "000100", "alpn: truncated SvcParamValue length" },
	{ "0001", "alpn: truncated SvcParamValue length" },
	{ "000300030035", "port: value length 3 exceeds the 2 remaining" },
	{ "0003ffff", "port: value length 65535 exceeds the 0 remaining" },
	/* order */
	{ "00070010" "2f646e732d71756572797b3f646e737d" "000300020035",
	  "keys not strictly increasing: port after dohpath (RFC 9460 2.2)" },
	{ "000300020035000300020035",
	  "keys not strictly increasing: port after port" },
	{ "029b0000029a0000", "not strictly increasing: key666 after key667" },
	/* mandatory */
	{ "00000000", "mandatory: length 0 is not a non-zero multiple of 2" },
	{ "0000000300010" "1" "0001000302683" "2",
	  "mandatory: length 3 is not a non-zero multiple of 2" },
	{ "0000000400000001" "00010003026832",
	  "mandatory: lists mandatory (RFC 9460 8: MUST NOT appear" },
	{ "0000000400030001" "00010003026832000300020035",
	  "mandatory: keys not strictly increasing" },
	{ "0000000400010001" "00010003026832",
	  "mandatory: keys not strictly increasing" },
	{ "0000000400010003" "00010003026832",
	  "mandatory: lists port, which is missing" },
	{ "0000000400010003" "00010003026832" "00040004c0000201",
	  "mandatory: lists port, which is missing" },
	{ "00000002029b" "00010003026832",
	  "mandatory: lists key667, which is missing" },
	/* alpn */
	{ "00010000", "alpn: empty value" },
	{ "0001000100", "alpn: empty ALPN id" },
	{ "00010004026832" "00", "alpn: empty ALPN id" },
	{ "0001000303683" "2", "alpn: ALPN id length 3 overruns the value" },
	{ "00010004026832" "01", "alpn: ALPN id length 1 overruns the value" },
	/* no-default-alpn */
	{ "0002000100", "no-default-alpn: value of 1 octets (RFC 9460 7.1.1" },
	{ "00020000", "no-default-alpn without alpn" },
	{ "00010003026832" "0002000100", "no-default-alpn: value of 1 octets" },
	/* port */
	{ "0003000100", "port: value of 1 octets (RFC 9460 7.2: exactly 2)" },
	{ "00030003003500", "port: value of 3 octets" },
	{ "00030000", "port: value of 0 octets" },
	/* hints */
	{ "00040000", "ipv4hint: length 0 is not a non-zero multiple of 4" },
	{ "00040003c00002", "ipv4hint: length 3" },
	{ "00040005c000020101", "ipv4hint: length 5" },
	{ "00060000", "ipv6hint: length 0 is not a non-zero multiple of 16" },
	{ "0006000f20010db800000000000000000000" "00", "ipv6hint: length 15" },
	{ "0006001120010db8000000000000000000000001" "00",
	  "ipv6hint: length 17" },
	/* ech */
	{ "00050000", "ech: empty value" },
	/* dohpath */
	{ "00070000", "dohpath: empty value" },
	{ "0007000a2f646e732d7175657279", "dohpath: no dns variable" },
	{ "000700072f717b3f646e73", "dohpath: unterminated" },
	{ "00070007717b3f646e737d", "dohpath: does not start with /" },
	{ "000700092fc0807b3f646e737d", "dohpath: invalid UTF-8 at offset 1" },
	{ "000700082fc37b3f646e737d", "dohpath: invalid UTF-8 at offset 1" },
	{ "000700102f717b3f646e737d", "dohpath: value length 16 exceeds the 8" },
	{ "000700082f007b3f646e737d", "dohpath: character 0x00 not allowed" },
	{ "000700082f717b00646e737d", "dohpath: invalid variable name" },
	{ "000700092f717b3f64006e737d", "dohpath: invalid character 0x00" },
	/* ohttp */
	{ "0008000100", "ohttp: value of 1 octets (RFC 9540" },
	/* reserved key */
	{ "ffff0000", "key65535 is the reserved invalid key" },
	{ "00010003026832ffff0001ff", "key65535 is the reserved invalid key" },
};

START_TEST(test_wire_invalid)
{
	assert_wire_fails(wire_fail_tests[_i].wire, wire_fail_tests[_i].reason);
}
END_TEST

/*******************************************************************************
 * Canonical printing of wire forms not covered by the vectors above
 */

static struct {
	char *wire;
	char *text;
} print_tests[] = {
	/* "," and "\" in alpn ids, quoting only when there is a space */
	{ "00010004032c5c20", "alpn=\"\\\\,\\\\\\\\ \"" },
	{ "000100020122", "alpn=\\\"" },
	/* non-printable octets as \DDD, also in generic values */
	{ "000100040100017f", "alpn=\\000,\\127" },
	{ "fffe000400ff2022", "key65534=\"\\000\\255 \\\"\"" },
	/* dohpath with a non-ASCII character */
	{ "000700092fc3a97b3f646e737d", "dohpath=/\\195\\169{?dns}" },
	/* unknown keys listed in mandatory, mandatory port */
	{ "000000060003029bfffe" "000300020035" "029b0000" "fffe0000",
	  "mandatory=port,key667,key65534 port=53 key667=\"\" key65534=\"\"" },
	/* IPv4-mapped IPv6 and longest forms */
	{ "0006001000000000000000000000ffffc0000201",
	  "ipv6hint=::ffff:192.0.2.1" },
	{ "000300020000", "port=0" },
	{ "00030002ffff", "port=65535" },
	{ "00040008ffffffff00000000", "ipv4hint=255.255.255.255,0.0.0.0" },
	/* ech base64 with both paddings */
	{ "0005000101", "ech=AQ==" },
	{ "000500020102", "ech=AQI=" },
};

START_TEST(test_print)
{
	assert_print(print_tests[_i].wire, print_tests[_i].text);
}
END_TEST

START_TEST(test_print_empty)
{
	char *text;

	ck_assert(encdns_svcparams_print(chunk_empty, &text, NULL));
	ck_assert_str_eq(text, "");
	free(text);
}
END_TEST

/*******************************************************************************
 * RFC 9461 4.2 port is automatically mandatory: listing it is accepted, it
 * is never added
 */

START_TEST(test_mandatory_port)
{
	assert_parse("alpn=dot port=853", "0001000403646f74000300020355");
	assert_parse("mandatory=port alpn=dot port=853",
				 "000000020003" "0001000403646f74000300020355");
}
END_TEST

/*******************************************************************************
 * find / has_alpn
 */

START_TEST(test_find)
{
	chunk_t wire, value;

	wire = hex("0001000602683202683300030002035500070008"
			   "2f717b3f646e737d");
	ck_assert(encdns_svcparams_find(wire, SVC_KEY_PORT, &value));
	ck_assert_chunk_eq(value, chunk_from_chars(0x03, 0x55));
	ck_assert(encdns_svcparams_find(wire, SVC_KEY_DOHPATH, &value));
	ck_assert_chunk_eq(value, chunk_from_str("/q{?dns}"));
	ck_assert(!encdns_svcparams_find(wire, SVC_KEY_MANDATORY, &value));
	ck_assert(!encdns_svcparams_find(wire, SVC_KEY_OHTTP, &value));
	ck_assert(!encdns_svcparams_find(chunk_empty, SVC_KEY_ALPN, &value));
	/* never reads beyond truncated input */
	ck_assert(!encdns_svcparams_find(chunk_create(wire.ptr, 13),
									 SVC_KEY_PORT, &value));
	ck_assert(!encdns_svcparams_find(chunk_create(wire.ptr, 3),
									 SVC_KEY_ALPN, &value));
	chunk_free(&wire);
}
END_TEST

START_TEST(test_has_alpn)
{
	chunk_t wire;

	wire = hex("0001000a02683202683303646f74");
	ck_assert(encdns_svcparams_has_alpn(wire, "h2"));
	ck_assert(encdns_svcparams_has_alpn(wire, "h3"));
	ck_assert(encdns_svcparams_has_alpn(wire, "dot"));
	ck_assert(!encdns_svcparams_has_alpn(wire, "doq"));
	ck_assert(!encdns_svcparams_has_alpn(wire, "h"));
	ck_assert(!encdns_svcparams_has_alpn(wire, "dotx"));
	ck_assert(!encdns_svcparams_has_alpn(wire, ""));
	ck_assert(!encdns_svcparams_has_alpn(chunk_empty, "h2"));
	/* a truncated value or id list stops the search */
	wire.len--;
	ck_assert(!encdns_svcparams_has_alpn(wire, "h2"));
	chunk_free(&wire);
	wire = hex("0001000902683202683303646f");
	ck_assert(encdns_svcparams_has_alpn(wire, "h3"));
	ck_assert(!encdns_svcparams_has_alpn(wire, "do"));
	ck_assert(!encdns_svcparams_has_alpn(wire, "dot"));
	chunk_free(&wire);
	wire = hex("00030002035500020000");
	ck_assert(!encdns_svcparams_has_alpn(wire, "h2"));
	chunk_free(&wire);
}
END_TEST

START_TEST(test_error_optional)
{
	chunk_t wire;

	ck_assert(!encdns_svcparams_parse("alpn", &wire, NULL));
	ck_assert(!encdns_svcparams_check(chunk_from_chars(0x00), NULL));
}
END_TEST

START_TEST(test_check_keys)
{
	chunk_t wire;
	uint32_t keys = 0xffffffff;

	ck_assert(encdns_svcparams_check_keys(chunk_empty, &keys, NULL));
	ck_assert_int_eq(keys, 0);
	ck_assert(encdns_svcparams_parse("port=853 alpn=dot key100=x", &wire,
									 NULL));
	ck_assert(encdns_svcparams_check_keys(wire, &keys, NULL));
	/* key100 is beyond the bitmap, only alpn (1) and port (3) are set */
	ck_assert_int_eq(keys, (1 << SVC_KEY_ALPN) | (1 << SVC_KEY_PORT));
	chunk_free(&wire);
	/* malformed: refused as by encdns_svcparams_check() */
	ck_assert(!encdns_svcparams_check_keys(chunk_from_chars(0x00, 0x01),
										   &keys, NULL));
}
END_TEST

Suite *svcparams_suite_create()
{
	Suite *s;
	TCase *tc;

	s = suite_create("svcparams");

	tc = tcase_create("RFC 9460 App. D vectors");
	tcase_add_loop_test(tc, test_parse_valid, 0, countof(valid_tests));
	tcase_add_loop_test(tc, test_print_canonical, 0, countof(valid_tests));
	tcase_add_loop_test(tc, test_parse_d3, 0, countof(d3_tests));
	suite_add_tcase(s, tc);

	tc = tcase_create("presentation rules");
	tcase_add_loop_test(tc, test_parse_invalid, 0,
						countof(text_fail_tests));
	tcase_add_test(tc, test_parse_alpn_too_long);
	tcase_add_test(tc, test_parse_value_too_long);
	tcase_add_loop_test(tc, test_dohpath_valid, 0, countof(dohpath_valid));
	tcase_add_test(tc, test_mandatory_port);
	suite_add_tcase(s, tc);

	tc = tcase_create("wire rules");
	tcase_add_loop_test(tc, test_wire_invalid, 0, countof(wire_fail_tests));
	suite_add_tcase(s, tc);

	tc = tcase_create("print");
	tcase_add_loop_test(tc, test_print, 0, countof(print_tests));
	tcase_add_test(tc, test_print_empty);
	suite_add_tcase(s, tc);

	tc = tcase_create("find");
	tcase_add_test(tc, test_check_keys);
	tcase_add_test(tc, test_find);
	tcase_add_test(tc, test_has_alpn);
	tcase_add_test(tc, test_error_optional);
	suite_add_tcase(s, tc);

	return s;
}
