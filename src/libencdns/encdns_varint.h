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

/**
 * @defgroup encdns_varint encdns_varint
 * @{ @ingroup libencdns
 *
 * QUIC variable-length integers (RFC 9000 16), as used by RFC 9297 capsules
 * and the CONNECT-IP DNS capsules: the two top bits of the first octet give
 * the length (1, 2, 4 or 8 octets), the rest is the value, big endian.
 */

#ifndef ENCDNS_VARINT_H_
#define ENCDNS_VARINT_H_

#include <library.h>
#include <bio/bio_reader.h>
#include <bio/bio_writer.h>

/**
 * Largest value a varint can carry, 2^62-1.
 */
#define ENCDNS_VARINT_MAX 0x3fffffffffffffffULL

/**
 * Length of the minimal encoding of a value.
 *
 * @param value		value
 * @return			1, 2, 4 or 8, 0 if value > ENCDNS_VARINT_MAX
 */
size_t encdns_varint_len(uint64_t value);

/**
 * Decode a varint from the start of a chunk and advance the chunk past it.
 * Non-minimal encodings are accepted (RFC 9000 16 does not forbid them).
 *
 * @param data		input, advanced on success, untouched on failure
 * @param value		decoded value
 * @return			FALSE if data ends inside the varint
 */
bool encdns_varint_decode(chunk_t *data, uint64_t *value);

/**
 * Read a varint from a reader (non-minimal encodings accepted).
 *
 * @param reader	input, advanced on success
 * @param value		decoded value
 * @return			FALSE if the input ends inside the varint
 */
bool encdns_varint_read(bio_reader_t *reader, uint64_t *value);

/**
 * Write the minimal encoding of a value.
 *
 * @param writer	output
 * @param value		value, at most ENCDNS_VARINT_MAX
 * @return			FALSE (nothing written) if value is too large
 */
bool encdns_varint_write(bio_writer_t *writer, uint64_t value);

#endif /** ENCDNS_VARINT_H_ @}*/
