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
 * @defgroup encdns_request encdns_request
 * @{ @ingroup encdns
 */

#ifndef ENCDNS_REQUEST_H_
#define ENCDNS_REQUEST_H_

#include <encdns_attr.h>

typedef struct encdns_request_t encdns_request_t;

/**
 * Most ENCDNS/RFC 8598 attributes one CFG_REQUEST may carry before the
 * whole request is discarded (RFC 9464 4: a responder MAY discard a request
 * with too many repeated attributes)
 */
#define ENCDNS_REQUEST_MAX_ATTRIBUTES 64

/**
 * What a client asked for in its CFG_REQUEST, as far as this plugin serves
 * it. strongSwan's providers never see the request, so the listener records
 * it per IKE_SA.
 */
struct encdns_request_t {

	/** ENCDNS_IP4 requested */
	bool ip4;

	/** ENCDNS_IP6 requested */
	bool ip6;

	/** INTERNAL_DNS_DOMAIN requested */
	bool domains;

	/** hash algorithms of ENCDNS_DIGEST_INFO, as sent; 0: not requested */
	int hash_count;

	/** the identifiers */
	uint16_t hashes[ENCDNS_MAX_HASHES];

	/** number of attributes seen, duplicates included */
	int attributes;

	/** bitwise-identical repeats that were ignored */
	int duplicates;

	/** whole request discarded (too many attributes) */
	bool discarded;

	/** values already processed, chunk_t*, for duplicate detection */
	array_t *seen;
};

/**
 * Create an empty request record.
 */
encdns_request_t *encdns_request_create();

/**
 * Process one attribute of a CFG_REQUEST. Bitwise-identical repeats are
 * processed once (RFC 9464 4: SHOULD be ignored). Types this plugin does
 * not serve are ignored.
 *
 * @param this		record
 * @param type		attribute type
 * @param value		attribute value
 * @param err		reason if the attribute was refused (malformed); it is
 *					then ignored and the rest still counts
 * @return			FALSE if the attribute was refused
 */
bool encdns_request_add(encdns_request_t *this, uint16_t type, chunk_t value,
						encdns_error_t *err);

/**
 * Whether anything this plugin serves was requested.
 */
bool encdns_request_any(encdns_request_t *this);

/**
 * Summarize what was requested for a log line, e.g.
 * "ENCDNS_IP4, ENCDNS_DIGEST_INFO(SHA2-256, SHA2-384), INTERNAL_DNS_DOMAIN".
 *
 * @param this		record
 * @param buf		buffer
 * @param len		size of buf
 * @return			buf
 */
char *encdns_request_summary(encdns_request_t *this, char *buf, size_t len);

/**
 * Destroy a record, NULL is fine.
 */
void encdns_request_destroy(encdns_request_t *this);

#endif /** ENCDNS_REQUEST_H_ @}*/
