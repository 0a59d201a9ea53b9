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
 * @defgroup encdns_verify encdns_verify
 * @{ @ingroup libencdns
 */

#ifndef ENCDNS_VERIFY_H_
#define ENCDNS_VERIFY_H_

#include "encdns_error.h"

#include <networking/host.h>

typedef struct encdns_verify_params_t encdns_verify_params_t;
typedef struct encdns_verify_result_t encdns_verify_result_t;

/**
 * Default timeout of encdns_verify(), in milliseconds
 */
#define ENCDNS_VERIFY_TIMEOUT 5000

/**
 * What to verify of one resolver address. Only plain data, so callers can
 * fill it on the stack from any thread.
 */
struct encdns_verify_params_t {

	/** resolver address; a port of 0 means the default port of the ALPN
	 *  (853 for "dot", 443 for "h2", RFC 7858 6 / RFC 8484 8.1) */
	host_t *addr;

	/** authentication domain name: sent as SNI, checked as DNS-ID without
	 *  digest (RFC 8310 8.1) */
	char *adn;

	/** ALPN to offer and require, "dot" (DoT) or "h2" (DoH), NULL for "dot" */
	char *alpn;

	/** IKEv2 hash algorithm of digest (1..4), ignored without digest */
	uint16_t hash;

	/** expected SPKI digest (RFC 9464 5), chunk_empty for PKIX instead */
	chunk_t digest;

	/** PEM file of trusted CAs for PKIX, NULL for OpenSSL's default store */
	char *cacert;

	/** timeout for the whole exchange in ms, 0 for ENCDNS_VERIFY_TIMEOUT */
	u_int timeout;

	/** name to query over DoT after verifying, NULL to send no query (DoH
	 *  is only verified up to the handshake and "h2" negotiation) */
	char *query;

	/** QTYPE of the query, 0 for A */
	uint16_t qtype;
};

/**
 * What encdns_verify() found.
 */
struct encdns_verify_result_t {

	/** TRUE if the certificate was accepted by its SPKI digest (RFC 9464 4,
	 *  no PKIX), FALSE if by PKIX and name */
	bool pinned;

	/** TRUE if the ADN matches the certificate as DNS-ID; with a digest
	 *  this is informational only */
	bool name_match;

	/** port actually used */
	uint16_t port;

	/** TLS version negotiated, e.g. "TLSv1.3" */
	char version[16];

	/** ALPN protocol negotiated */
	char alpn[32];

	/** RCODE of the answer to the query, -1 if no query was sent */
	int rcode;
};

/**
 * Verify an encrypted DNS resolver the way an RFC 9464 client does: TCP
 * connect with a timeout, TLS 1.2 or later with SNI = ADN and the ALPN,
 * then check the end-entity certificate:
 *  - with a digest: hash the DER SubjectPublicKeyInfo with the given
 *    hash and compare in constant time; a match is accepted without PKIX
 *    (an ADN mismatch is logged), a mismatch is a non-recoverable failure
 *    (RFC 9464 4);
 *  - without: PKIX against cacert (or the default store) plus the ADN as
 *    DNS-ID (RFC 8310 8.1).
 * The negotiated ALPN must be the one offered. For DoT, one query may be
 * sent afterwards and its RCODE is reported (an error RCODE is not a
 * failure of the verification).
 *
 * No global state; safe to call from several threads at once.
 *
 * @param params	what to verify
 * @param result	what was found, may be NULL
 * @param err		reason on failure: connection refused, timeout,
 *					handshake failed, ALPN not negotiated, digest mismatch
 *					(both digests in hex), name mismatch, untrusted CA, ...
 * @return			TRUE if the resolver verified
 */
bool encdns_verify(encdns_verify_params_t *params,
				   encdns_verify_result_t *result, encdns_error_t *err);

/**
 * Hash a DER SubjectPublicKeyInfo with OpenSSL, as encdns_verify() does
 * (independent of the loaded strongSwan plugins).
 *
 * @param spki		DER SubjectPublicKeyInfo
 * @param hash		IKEv2 hash algorithm identifier (1..4)
 * @param digest	buffer of at least 64 octets
 * @return			digest length, 0 for an unsupported hash
 */
size_t encdns_verify_spki_digest(chunk_t spki, uint16_t hash,
								 u_char *digest);

#endif /** ENCDNS_VERIFY_H_ @}*/
