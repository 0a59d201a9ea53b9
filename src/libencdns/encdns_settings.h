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
 * @defgroup encdns_settings encdns_settings
 * @{ @ingroup libencdns
 */

#ifndef ENCDNS_SETTINGS_H_
#define ENCDNS_SETTINGS_H_

#include "encdns_model.h"
#include "encdns_error.h"

#include <collections/linked_list.h>

typedef struct encdns_settings_resolver_t encdns_settings_resolver_t;

/**
 * Hash algorithms digests are computed for at load time, strongest first
 */
#define ENCDNS_SETTINGS_HASHES 3

/**
 * One resolver of the encdns.resolvers section of swanctl.conf, validated
 * and ready to be sent.
 */
struct encdns_settings_resolver_t {

	/** name of the subsection */
	char *name;

	/** priority, addresses, ADN, SvcParams (wire) */
	encdns_resolver_t *resolver;

	/** DER SubjectPublicKeyInfo from cert/pubkey, chunk_empty if none */
	chunk_t spki;

	/** SPKI digests for SHA2-512, SHA2-384, SHA2-256 (index 0..2), each
	 *  chunk_empty without spki */
	chunk_t digests[ENCDNS_SETTINGS_HASHES];

	/** connection names this resolver is served on, char* */
	linked_list_t *connections;

	/** pool names this resolver is served on, char* */
	linked_list_t *pools;

	/** INTERNAL_DNS_DOMAINs (split DNS), char* */
	linked_list_t *domains;

	/** search domains (MASQUE only), char* */
	linked_list_t *search;
};

/**
 * Called once per refused resolver or setting, with the reason.
 *
 * @param data		user data
 * @param file		swanctl.conf path
 * @param resolver	name of the resolver, NULL for the section itself
 * @param reason	why it was refused
 */
typedef void (*encdns_settings_error_t)(void *data, char *file,
										char *resolver, char *reason);

/**
 * Read the top-level encdns section of a swanctl.conf (following its
 * include statements). Invalid resolvers are reported through cb and
 * skipped; the others are returned.
 *
 * @param file		swanctl.conf path
 * @param cb		error callback, may be NULL
 * @param data		user data for cb
 * @return			list of encdns_settings_resolver_t*, NULL if the file
 *					cannot be read or parsed (reported through cb)
 */
linked_list_t *encdns_settings_load(char *file, encdns_settings_error_t cb,
									void *data);

typedef struct encdns_settings_client_t encdns_settings_client_t;

/**
 * Most hash algorithms a client offers
 */
#define ENCDNS_SETTINGS_MAX_HASHES 8

/**
 * One client connection of the encdns.clients section: request encrypted
 * DNS on the connection of that name.
 */
struct encdns_settings_client_t {

	/** connection name */
	char *name;

	/** request ENCDNS_IP4 */
	bool ip4;

	/** request ENCDNS_IP6 */
	bool ip6;

	/** hash algorithms offered in ENCDNS_DIGEST_INFO, in order */
	uint16_t hashes[ENCDNS_SETTINGS_MAX_HASHES];

	/** number of hashes, 0 to not request a digest */
	int hash_count;

	/** request INTERNAL_DNS_DOMAIN */
	bool domains;
};

/**
 * Read the encdns.clients section of a swanctl.conf. Invalid entries are
 * reported through cb and skipped.
 *
 * @param file		swanctl.conf path
 * @param cb		error callback, may be NULL
 * @param data		user data for cb
 * @return			list of encdns_settings_client_t*, NULL if the file
 *					cannot be read or parsed (reported through cb)
 */
linked_list_t *encdns_settings_load_clients(char *file,
								encdns_settings_error_t cb, void *data);

/**
 * Parse a hash algorithm name (sha256, sha384, sha512, sha1) into its IKEv2
 * identifier.
 *
 * @param name		name
 * @return			identifier, 0 if unknown
 */
uint16_t encdns_settings_parse_hash(char *name);

/**
 * Look up the index of a hash in the digests array.
 *
 * @param hash		IKEv2 hash algorithm identifier
 * @return			index into digests, -1 if not computed at load
 */
int encdns_settings_hash_index(uint16_t hash);

/**
 * Destroy a resolver entry.
 */
void encdns_settings_resolver_destroy(encdns_settings_resolver_t *this);

/**
 * Destroy a list returned by encdns_settings_load().
 */
void encdns_settings_destroy(linked_list_t *list);

/**
 * Destroy a list returned by encdns_settings_load_clients().
 */
void encdns_settings_destroy_clients(linked_list_t *list);

#endif /** ENCDNS_SETTINGS_H_ @}*/
