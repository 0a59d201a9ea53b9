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

#include <encdns_varint.h>

/**
 * RFC 9000 Appendix A.1 examples (values re-computed in spec.md 5.5)
 */
static struct {
	chunk_t wire;
	uint64_t value;
} rfc_vectors[] = {
	{ chunk_from_chars(0xc2,0x19,0x7c,0x5e,0xff,0x14,0xe8,0x8c),
	  151288809941952652ULL },
	{ chunk_from_chars(0x9d,0x7f,0x3e,0x7d), 494878333 },
	{ chunk_from_chars(0x7b,0xbd), 15293 },
	{ chunk_from_chars(0x25), 37 },
	/* non-minimal, decoders must accept it */
	{ chunk_from_chars(0x40,0x25), 37 },
};

START_TEST(test_decode_rfc)
{
	chunk_t data = rfc_vectors[_i].wire;
	uint64_t value;

	ck_assert(encdns_varint_decode(&data, &value));
	ck_assert(value == rfc_vectors[_i].value);
	ck_assert_int_eq(data.len, 0);
}
END_TEST

START_TEST(test_read_rfc)
{
	bio_reader_t *reader;
	uint64_t value;

	reader = bio_reader_create(rfc_vectors[_i].wire);
	ck_assert(encdns_varint_read(reader, &value));
	ck_assert(value == rfc_vectors[_i].value);
	ck_assert_int_eq(reader->remaining(reader), 0);
	reader->destroy(reader);
}
END_TEST

START_TEST(test_encode_rfc)
{
	bio_writer_t *writer;

	/* the last vector is non-minimal, the encoder writes the minimal form */
	if (_i == countof(rfc_vectors) - 1)
	{
		return;
	}
	writer = bio_writer_create(0);
	ck_assert(encdns_varint_write(writer, rfc_vectors[_i].value));
	ck_assert_chunk_eq(writer->get_buf(writer), rfc_vectors[_i].wire);
	writer->destroy(writer);
}
END_TEST

/**
 * Boundaries of the 1/2/4/8 octet forms
 */
static struct {
	uint64_t value;
	size_t len;
	chunk_t wire;
} bounds[] = {
	{ 0, 1, chunk_from_chars(0x00) },
	{ 63, 1, chunk_from_chars(0x3f) },
	{ 64, 2, chunk_from_chars(0x40,0x40) },
	{ 16383, 2, chunk_from_chars(0x7f,0xff) },
	{ 16384, 4, chunk_from_chars(0x80,0x00,0x40,0x00) },
	{ 1073741823, 4, chunk_from_chars(0xbf,0xff,0xff,0xff) },
	{ 1073741824, 8, chunk_from_chars(0xc0,0x00,0x00,0x00,0x40,0x00,0x00,
									  0x00) },
	{ 0x3fffffffffffffffULL, 8, chunk_from_chars(0xff,0xff,0xff,0xff,0xff,
												 0xff,0xff,0xff) },
};

START_TEST(test_bounds)
{
	bio_writer_t *writer;
	chunk_t data;
	uint64_t value;

	ck_assert_int_eq(encdns_varint_len(bounds[_i].value), bounds[_i].len);
	writer = bio_writer_create(0);
	ck_assert(encdns_varint_write(writer, bounds[_i].value));
	ck_assert_chunk_eq(writer->get_buf(writer), bounds[_i].wire);
	data = writer->get_buf(writer);
	ck_assert(encdns_varint_decode(&data, &value));
	ck_assert(value == bounds[_i].value);
	ck_assert_int_eq(data.len, 0);
	writer->destroy(writer);
}
END_TEST

START_TEST(test_too_large)
{
	bio_writer_t *writer;

	ck_assert_int_eq(encdns_varint_len(0x4000000000000000ULL), 0);
	ck_assert_int_eq(encdns_varint_len(UINT64_MAX), 0);
	writer = bio_writer_create(0);
	ck_assert(!encdns_varint_write(writer, 0x4000000000000000ULL));
	ck_assert(!encdns_varint_write(writer, UINT64_MAX));
	ck_assert_int_eq(writer->get_buf(writer).len, 0);
	writer->destroy(writer);
}
END_TEST

START_TEST(test_truncated)
{
	chunk_t full = chunk_from_chars(0xc2,0x19,0x7c,0x5e,0xff,0x14,0xe8,0x8c);
	chunk_t data;
	bio_reader_t *reader;
	uint64_t value = 42;
	size_t len;

	for (len = 0; len < full.len; len++)
	{
		data = chunk_create(full.ptr, len);
		ck_assert(!encdns_varint_decode(&data, &value));
		/* untouched on failure */
		ck_assert_int_eq(data.len, len);
		reader = bio_reader_create(chunk_create(full.ptr, len));
		ck_assert(!encdns_varint_read(reader, &value));
		ck_assert_int_eq(reader->remaining(reader), len);
		reader->destroy(reader);
	}
	data = chunk_from_chars(0x40);
	ck_assert(!encdns_varint_decode(&data, &value));
	data = chunk_from_chars(0x80,0x00,0x00);
	ck_assert(!encdns_varint_decode(&data, &value));
	ck_assert(value == 42);
}
END_TEST

START_TEST(test_sequence)
{
	chunk_t data = chunk_from_chars(0x25, 0x7b,0xbd, 0x40,0x25, 0x01);
	uint64_t value;

	ck_assert(encdns_varint_decode(&data, &value));
	ck_assert(value == 37);
	ck_assert(encdns_varint_decode(&data, &value));
	ck_assert(value == 15293);
	ck_assert(encdns_varint_decode(&data, &value));
	ck_assert(value == 37);
	ck_assert(encdns_varint_decode(&data, &value));
	ck_assert(value == 1);
	ck_assert(!encdns_varint_decode(&data, &value));
}
END_TEST

Suite *varint_suite_create()
{
	Suite *s;
	TCase *tc;

	s = suite_create("varint");

	tc = tcase_create("RFC 9000 A.1");
	tcase_add_loop_test(tc, test_decode_rfc, 0, countof(rfc_vectors));
	tcase_add_loop_test(tc, test_read_rfc, 0, countof(rfc_vectors));
	tcase_add_loop_test(tc, test_encode_rfc, 0, countof(rfc_vectors));
	suite_add_tcase(s, tc);

	tc = tcase_create("boundaries");
	tcase_add_loop_test(tc, test_bounds, 0, countof(bounds));
	tcase_add_test(tc, test_too_large);
	suite_add_tcase(s, tc);

	tc = tcase_create("truncation");
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_sequence);
	suite_add_tcase(s, tc);

	return s;
}
