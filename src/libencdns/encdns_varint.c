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

#include "encdns_varint.h"

/*
 * Described in header
 */
size_t encdns_varint_len(uint64_t value)
{
	if (value <= 63)
	{
		return 1;
	}
	if (value <= 16383)
	{
		return 2;
	}
	if (value <= 1073741823)
	{
		return 4;
	}
	if (value <= ENCDNS_VARINT_MAX)
	{
		return 8;
	}
	return 0;
}

/*
 * Described in header
 */
bool encdns_varint_decode(chunk_t *data, uint64_t *value)
{
	uint64_t v;
	size_t len, i;

	if (!data->len)
	{
		return FALSE;
	}
	len = (size_t)1 << (data->ptr[0] >> 6);
	if (data->len < len)
	{
		return FALSE;
	}
	v = data->ptr[0] & 0x3f;
	for (i = 1; i < len; i++)
	{
		v = (v << 8) | data->ptr[i];
	}
	*value = v;
	*data = chunk_skip(*data, len);
	return TRUE;
}

/*
 * Described in header
 */
bool encdns_varint_read(bio_reader_t *reader, uint64_t *value)
{
	chunk_t data, rest;

	/* decode from the unread part, then consume what the varint used */
	data = rest = reader->peek(reader);
	if (!encdns_varint_decode(&rest, value))
	{
		return FALSE;
	}
	return reader->read_data(reader, data.len - rest.len, &data);
}

/*
 * Described in header
 */
bool encdns_varint_write(bio_writer_t *writer, uint64_t value)
{
	switch (encdns_varint_len(value))
	{
		case 1:
			writer->write_uint8(writer, value);
			return TRUE;
		case 2:
			writer->write_uint16(writer, 0x4000 | value);
			return TRUE;
		case 4:
			writer->write_uint32(writer, 0x80000000 | value);
			return TRUE;
		case 8:
			writer->write_uint64(writer, 0xc000000000000000ULL | value);
			return TRUE;
		default:
			return FALSE;
	}
}
