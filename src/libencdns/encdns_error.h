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
 * @defgroup encdns_error encdns_error
 * @{ @ingroup libencdns
 */

#ifndef ENCDNS_ERROR_H_
#define ENCDNS_ERROR_H_

#include <library.h>

typedef struct encdns_error_t encdns_error_t;

/**
 * Why an input was refused: names the attribute or structure, the field and
 * the rule, e.g. "ENCDNS_IP4: service priority 0 (RFC 9464 3.1: MUST NOT
 * be 0)". Filled by the first refusal only, so the root cause survives.
 */
struct encdns_error_t {

	/**
	 * NUL-terminated reason, empty if none was set
	 */
	char msg[256];
};

/**
 * Record a refusal reason, unless one is already recorded.
 *
 * @param err		where to record it, may be NULL
 * @param fmt		printf()-style format
 * @return			always FALSE, so decoders can "return encdns_error(...)"
 */
bool encdns_error(encdns_error_t *err, char *fmt, ...);

/**
 * Prefix an already recorded reason with some context, e.g. the attribute.
 *
 * @param err		recorded reason, may be NULL
 * @param fmt		printf()-style format of the prefix (": " is added)
 * @return			always FALSE
 */
bool encdns_error_prefix(encdns_error_t *err, char *fmt, ...);

#endif /** ENCDNS_ERROR_H_ @}*/
