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
 * @defgroup encdns_digest encdns_digest
 * @{ @ingroup libencdns
 */

#ifndef ENCDNS_DIGEST_H_
#define ENCDNS_DIGEST_H_

#include "encdns_error.h"

/**
 * IKEv2 Hash Algorithm identifiers (RFC 7427 registry), the same values as
 * strongSwan's hash_algorithm_t for 1..5.
 */
enum encdns_hash_t {
	ENCDNS_HASH_SHA1 = 1,
	ENCDNS_HASH_SHA2_256 = 2,
	ENCDNS_HASH_SHA2_384 = 3,
	ENCDNS_HASH_SHA2_512 = 4,
	ENCDNS_HASH_IDENTITY = 5,
};
typedef enum encdns_hash_t encdns_hash_t;

/**
 * Registry names, "SHA2-256" etc., for %N
 */
extern enum_name_t *encdns_hash_names;

/**
 * Output length of an IKEv2 hash algorithm usable for SPKI digests.
 *
 * @param hash		IKEv2 hash algorithm identifier
 * @return			digest length in octets, 0 for Identity, reserved and
 *					unknown identifiers
 */
size_t encdns_hash_length(uint16_t hash);

/**
 * Extract the DER SubjectPublicKeyInfo from a certificate or public key
 * (X.509 certificate or SPKI public key, PEM or DER).
 *
 * @param blob		file contents
 * @param spki		allocated DER SubjectPublicKeyInfo
 * @param err		reason on failure
 * @return			TRUE on success
 */
bool encdns_spki_from_blob(chunk_t blob, chunk_t *spki, encdns_error_t *err);

/**
 * Same as encdns_spki_from_blob(), reading a file.
 */
bool encdns_spki_from_file(char *path, chunk_t *spki, encdns_error_t *err);

/**
 * Hash a DER SubjectPublicKeyInfo (RFC 9464 5).
 *
 * @param spki		DER SubjectPublicKeyInfo
 * @param hash		IKEv2 hash algorithm identifier
 * @param digest	allocated digest
 * @param err		reason on failure (unsupported hash)
 * @return			TRUE on success
 */
bool encdns_spki_digest(chunk_t spki, uint16_t hash, chunk_t *digest,
						encdns_error_t *err);

#endif /** ENCDNS_DIGEST_H_ @}*/
