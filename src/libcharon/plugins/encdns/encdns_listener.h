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
 * @defgroup encdns_listener encdns_listener
 * @{ @ingroup encdns
 */

#ifndef ENCDNS_LISTENER_H_
#define ENCDNS_LISTENER_H_

#include "encdns_request.h"

#include <bus/listeners/listener.h>

typedef struct encdns_listener_t encdns_listener_t;

/**
 * Records, per IKE_SA, what a client asked for in its CFG_REQUEST.
 *
 * strongSwan's attribute providers never see the request, but the bus
 * message hook sees the parsed IKE_AUTH request before the tasks do.
 * Records are forgotten when the IKE_SA goes.
 */
struct encdns_listener_t {

	/**
	 * Implements listener_t interface.
	 */
	listener_t listener;

	/**
	 * Get a copy of what an IKE_SA requested.
	 *
	 * @param ike_sa	IKE_SA
	 * @param request	receives a copy (its seen list is not copied)
	 * @return			FALSE if the IKE_SA asked for nothing we serve
	 */
	bool (*get_request)(encdns_listener_t *this, ike_sa_t *ike_sa,
						encdns_request_t *request);

	/**
	 * Destroy a encdns_listener_t.
	 */
	void (*destroy)(encdns_listener_t *this);
};

/**
 * Create a encdns_listener instance.
 */
encdns_listener_t *encdns_listener_create();

#endif /** ENCDNS_LISTENER_H_ @}*/
