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
 * @defgroup encdns_conf encdns_conf
 * @{ @ingroup encdns
 */

#ifndef ENCDNS_CONF_H_
#define ENCDNS_CONF_H_

#include "encdns_request.h"

#include <encdns_settings.h>

typedef struct encdns_conf_t encdns_conf_t;
typedef struct encdns_conf_current_t encdns_conf_current_t;
typedef struct encdns_selected_t encdns_selected_t;

/**
 * One attribute chosen for a reply; the value points into the encdns_conf_t
 * it came from and is valid while a reference to it is held.
 */
struct encdns_selected_t {

	/** attribute type */
	encdns_attr_type_t type;

	/** encoded value */
	chunk_t value;

	/** the resolver it belongs to (for logs) */
	encdns_settings_resolver_t *resolver;
};

/**
 * The encdns section of swanctl.conf as loaded: resolvers with their
 * attributes encoded once, client connections. Immutable and shared by
 * reference, so a reload swaps it atomically and IKE_SAs being set up keep
 * the instance they started with.
 */
struct encdns_conf_t {

	/**
	 * Choose what to send to an IKE_SA that asked for request.
	 *
	 * Only requested families, resolvers bound to the connection or one of
	 * the pools (or bound to nothing), in priority order; DIGEST_INFO with
	 * the strongest hash both sides support, with the ADN when more than one
	 * ADN is sent; INTERNAL_DNS_DOMAIN if requested and ENCDNS_IP* is sent.
	 *
	 * @param conn		connection (peer_cfg) name
	 * @param pools		pool names of the connection (char*), may be NULL
	 * @param request	what was asked for
	 * @param selected	array to add encdns_selected_t* to (caller frees
	 *					the entries, not their values)
	 * @return			hash chosen for DIGEST_INFO, 0 if none
	 */
	uint16_t (*select)(encdns_conf_t *this, char *conn, linked_list_t *pools,
					   encdns_request_t *request, array_t *selected);

	/**
	 * Find the client settings of a connection.
	 *
	 * @param conn		connection name
	 * @return			client settings, NULL if not enabled
	 */
	encdns_settings_client_t* (*get_client)(encdns_conf_t *this, char *conn);

	/**
	 * Number of resolvers loaded.
	 */
	int (*get_resolver_count)(encdns_conf_t *this);

	/**
	 * Get a new reference.
	 */
	encdns_conf_t* (*get_ref)(encdns_conf_t *this);

	/**
	 * Release a reference, destroys on the last.
	 */
	void (*destroy)(encdns_conf_t *this);
};

/**
 * Load the encdns section of a swanctl.conf. Every refused resolver or
 * client is logged once with the file, its name and the reason, and
 * skipped; the rest is served.
 *
 * @param file			swanctl.conf path
 * @param preference	hash algorithms in order of preference for replies
 * @param count			number of entries in preference
 * @return				loaded configuration (empty if the file is missing)
 */
encdns_conf_t *encdns_conf_load(char *file, uint16_t *preference, int count);

/**
 * The configuration in force, shared by the provider and the handler and
 * replaced as a whole on reload.
 */
struct encdns_conf_current_t {

	/**
	 * Get a reference to the configuration in force.
	 *
	 * @return			reference, release with destroy()
	 */
	encdns_conf_t* (*get)(encdns_conf_current_t *this);

	/**
	 * Replace the configuration; holders of the old one keep it until they
	 * release it.
	 *
	 * @param conf		new configuration, a reference is taken
	 */
	void (*set)(encdns_conf_current_t *this, encdns_conf_t *conf);

	/**
	 * Destroy the holder, releasing its reference.
	 */
	void (*destroy)(encdns_conf_current_t *this);
};

/**
 * Create a holder for the configuration in force.
 *
 * @param conf			initial configuration, a reference is taken
 */
encdns_conf_current_t *encdns_conf_current_create(encdns_conf_t *conf);

#endif /** ENCDNS_CONF_H_ @}*/
