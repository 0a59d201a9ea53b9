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

#include "encdns_digest.h"

#include <errno.h>

#include <credentials/certificates/certificate.h>
#include <credentials/keys/public_key.h>
#include <crypto/hashers/hasher.h>

ENUM(encdns_hash_names, ENCDNS_HASH_SHA1, ENCDNS_HASH_IDENTITY,
	"SHA1",
	"SHA2-256",
	"SHA2-384",
	"SHA2-512",
	"Identity");

/*
 * Described in header
 */
size_t encdns_hash_length(uint16_t hash)
{
	switch (hash)
	{
		case ENCDNS_HASH_SHA1:
			return 20;
		case ENCDNS_HASH_SHA2_256:
			return 32;
		case ENCDNS_HASH_SHA2_384:
			return 48;
		case ENCDNS_HASH_SHA2_512:
			return 64;
		default:
			/* Identity does not hash, 0 is reserved, others unknown */
			return 0;
	}
}

/**
 * Get the DER SPKI of a public key
 */
static bool encode_spki(public_key_t *key, chunk_t *spki, char *what,
						encdns_error_t *err)
{
	if (!key)
	{
		return encdns_error(err, "%s: no public key in it", what);
	}
	if (!key->get_encoding(key, PUBKEY_SPKI_ASN1_DER, spki))
	{
		encdns_error(err, "%s: %N public key has no DER SubjectPublicKeyInfo "
					 "encoding", what, key_type_names, key->get_type(key));
		key->destroy(key);
		return FALSE;
	}
	key->destroy(key);
	return TRUE;
}

/**
 * Extract the SPKI, naming the source in errors
 */
static bool spki_from_blob(chunk_t blob, char *what, chunk_t *spki,
						   encdns_error_t *err)
{
	certificate_t *cert;
	public_key_t *key;

	*spki = chunk_empty;
	if (!blob.len)
	{
		return encdns_error(err, "%s: empty", what);
	}
	/* BUILD_BLOB lets the pem plugin take PEM and pass DER on */
	cert = lib->creds->create(lib->creds, CRED_CERTIFICATE, CERT_X509,
							  BUILD_BLOB, blob, BUILD_END);
	if (cert)
	{
		key = cert->get_public_key(cert);
		cert->destroy(cert);
		return encode_spki(key, spki, what, err);
	}
	key = lib->creds->create(lib->creds, CRED_PUBLIC_KEY, KEY_ANY,
							 BUILD_BLOB, blob, BUILD_END);
	if (key)
	{
		return encode_spki(key, spki, what, err);
	}
	return encdns_error(err, "%s: neither an X.509 certificate nor a public "
						"key (PEM or DER; are the pem, x509, pkcs1, pubkey "
						"plugins loaded?)", what);
}

/*
 * Described in header
 */
bool encdns_spki_from_blob(chunk_t blob, chunk_t *spki, encdns_error_t *err)
{
	return spki_from_blob(blob, "certificate/key", spki, err);
}

/*
 * Described in header
 */
bool encdns_spki_from_file(char *path, chunk_t *spki, encdns_error_t *err)
{
	chunk_t *blob;
	bool ok;

	*spki = chunk_empty;
	blob = chunk_map(path, FALSE);
	if (!blob)
	{
		return encdns_error(err, "%s: %s", path, strerror(errno));
	}
	ok = spki_from_blob(*blob, path, spki, err);
	chunk_unmap(blob);
	return ok;
}

/*
 * Described in header
 */
bool encdns_spki_digest(chunk_t spki, uint16_t hash, chunk_t *digest,
						encdns_error_t *err)
{
	hasher_t *hasher;

	*digest = chunk_empty;
	if (!encdns_hash_length(hash))
	{
		return encdns_error(err, "SPKI digest: hash algorithm %u is not "
							"SHA1 or SHA2-256/384/512 (RFC 7427 registry, "
							"RFC 9464 5)", hash);
	}
	/* IKEv2 ids 1-4 are strongSwan's hash_algorithm_t values */
	hasher = lib->crypto->create_hasher(lib->crypto, (hash_algorithm_t)hash);
	if (!hasher)
	{
		return encdns_error(err, "SPKI digest: no %N hasher available "
							"(sha1/sha2/openssl plugin not loaded?)",
							encdns_hash_names, hash);
	}
	if (!hasher->allocate_hash(hasher, spki, digest))
	{
		hasher->destroy(hasher);
		return encdns_error(err, "SPKI digest: %N hashing failed",
							encdns_hash_names, hash);
	}
	hasher->destroy(hasher);
	return TRUE;
}
