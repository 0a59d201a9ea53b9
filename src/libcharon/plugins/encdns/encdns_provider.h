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
 * @defgroup encdns_provider encdns_provider
 * @{ @ingroup encdns
 */

#ifndef ENCDNS_PROVIDER_H_
#define ENCDNS_PROVIDER_H_

#include "encdns_conf.h"
#include "encdns_listener.h"

#include <attributes/attribute_provider.h>

typedef struct encdns_provider_t encdns_provider_t;

/**
 * Gateway side: answers a client's request for encrypted DNS resolvers
 * with what swanctl.conf configures for its connection or pool.
 */
struct encdns_provider_t {

	/**
	 * Implements attribute_provider_t interface.
	 */
	attribute_provider_t provider;

	/**
	 * Destroy a encdns_provider_t.
	 */
	void (*destroy)(encdns_provider_t *this);
};

/**
 * Create a encdns_provider instance.
 *
 * @param listener		records what each IKE_SA requested
 * @param current		configuration in force, shared, not owned
 */
encdns_provider_t *encdns_provider_create(encdns_listener_t *listener,
										  encdns_conf_current_t *current);

#endif /** ENCDNS_PROVIDER_H_ @}*/
