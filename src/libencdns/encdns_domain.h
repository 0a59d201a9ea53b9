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
 * @defgroup encdns_domain encdns_domain
 * @{ @ingroup libencdns
 */

#ifndef ENCDNS_DOMAIN_H_
#define ENCDNS_DOMAIN_H_

#include "encdns_error.h"

/**
 * Longest domain name in presentation form without trailing dot
 * (255 octets in wire form).
 */
#define ENCDNS_DOMAIN_MAX 253

/**
 * Check a domain name in DNS presentation form using IDNA A-labels, as
 * RFC 9464 wants for the ADN and RFC 8598 for INTERNAL_DNS_DOMAIN: LDH
 * labels of 1-63 octets (no leading or trailing hyphen), at most 253 octets,
 * no NUL, CR, LF or any other octet outside letters, digits, '-' and '.'.
 *
 * Trailing dot policy: one trailing dot is accepted and removed on input
 * ("example.com." equals "example.com"), it is never produced on output.
 * Comparison is up to the caller; case is preserved.
 *
 * @param name			name as received or configured (not NUL terminated)
 * @param allow_root	accept "" and "." as the root (MASQUE internal
 *						domains), otherwise refuse them
 * @param out			NUL terminated normalized copy (allocated), or NULL
 *						to only check
 * @param err			reason on failure, names the rule broken; the caller
 *						prefixes the field
 * @return				TRUE if valid
 */
bool encdns_domain_parse(chunk_t name, bool allow_root, char **out,
						 encdns_error_t *err);

#endif /** ENCDNS_DOMAIN_H_ @}*/
