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

#include "encdns_auth.h"

bool encdns_auth_gateway_authenticated(ike_sa_t *ike_sa)
{
	enumerator_t *enumerator;
	auth_cfg_t *auth;
	bool authenticated = FALSE;

	enumerator = ike_sa->create_auth_cfg_enumerator(ike_sa, FALSE);
	while (enumerator->enumerate(enumerator, &auth))
	{
		switch ((uintptr_t)auth->get(auth, AUTH_RULE_AUTH_CLASS))
		{
			case AUTH_CLASS_PUBKEY:
			case AUTH_CLASS_PSK:
			case AUTH_CLASS_EAP:
				authenticated = TRUE;
				continue;
			default:
				authenticated = FALSE;
				break;
		}
		break;
	}
	enumerator->destroy(enumerator);
	return authenticated;
}
