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
 * @defgroup encdns_names encdns_names
 * @{ @ingroup encdns
 */

#ifndef ENCDNS_NAMES_H_
#define ENCDNS_NAMES_H_

#include <library.h>

/**
 * Teach charon the names of configuration attributes 27-29 (RFC 9464), so
 * that its own log lines print "ENCDNS_IP4" instead of "(27)".
 *
 * strongSwan's name lists stop at INTERNAL_DNSSEC_TA (26); this appends a
 * range to the end of configuration_attribute_type_names and its short
 * variant. Called once at plugin load, before any IKE traffic.
 */
void encdns_names_register();

/**
 * Remove the names again, at plugin unload.
 */
void encdns_names_unregister();

#endif /** ENCDNS_NAMES_H_ @}*/
