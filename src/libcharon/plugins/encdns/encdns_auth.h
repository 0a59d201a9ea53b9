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
 * @defgroup encdns_auth encdns_auth
 * @{ @ingroup encdns
 */

#ifndef ENCDNS_AUTH_H_
#define ENCDNS_AUTH_H_

#include <sa/ike_sa.h>

/**
 * Whether the gateway of an IKE_SA authenticated itself, so that its DNS
 * configuration may be used (RFC 9464 6: not from a gateway that used NULL
 * authentication, RFC 7619).
 *
 * strongSwan cannot complete NULL authentication, so this requires at least
 * one completed remote authentication round, each of class PUBKEY, PSK or
 * EAP; anything else (no round at all, AUTH_CLASS_ANY, XAuth only) fails.
 *
 * @param ike_sa	IKE_SA whose remote rounds are checked
 * @return			TRUE if authenticated
 */
bool encdns_auth_gateway_authenticated(ike_sa_t *ike_sa);

#endif /** ENCDNS_AUTH_H_ @}*/
