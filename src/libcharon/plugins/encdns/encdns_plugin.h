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
 * @defgroup encdns encdns
 * @ingroup cplugins
 *
 * @defgroup encdns_plugin encdns_plugin
 * @{ @ingroup encdns
 */

#ifndef ENCDNS_PLUGIN_H_
#define ENCDNS_PLUGIN_H_

#include <plugins/plugin.h>

typedef struct encdns_plugin_t encdns_plugin_t;

/**
 * RFC 9464 encrypted DNS configuration (and RFC 8598 split DNS) for IKEv2:
 * a gateway serves resolvers from swanctl.conf, a client requests, checks
 * and installs them.
 */
struct encdns_plugin_t {

	/**
	 * Implements plugin interface.
	 */
	plugin_t plugin;
};

#endif /** ENCDNS_PLUGIN_H_ @}*/
