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
 * @defgroup encdns_handler encdns_handler
 * @{ @ingroup encdns
 */

#ifndef ENCDNS_HANDLER_H_
#define ENCDNS_HANDLER_H_

#include "encdns_conf.h"

#include <attributes/attribute_handler.h>

typedef struct encdns_handler_t encdns_handler_t;

/**
 * Client side: requests encrypted DNS resolvers on connections enabled in
 * swanctl.conf (encdns.clients.<conn>), validates every reply attribute and
 * logs what it received.
 */
struct encdns_handler_t {

	/**
	 * Implements attribute_handler_t interface.
	 */
	attribute_handler_t handler;

	/**
	 * Destroy a encdns_handler_t.
	 */
	void (*destroy)(encdns_handler_t *this);
};

/**
 * Create a encdns_handler instance.
 *
 * @param current		configuration in force, shared, not owned
 */
encdns_handler_t *encdns_handler_create(encdns_conf_current_t *current);

#endif /** ENCDNS_HANDLER_H_ @}*/
