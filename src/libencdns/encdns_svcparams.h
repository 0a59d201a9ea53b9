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
 * @defgroup encdns_svcparams encdns_svcparams
 * @{ @ingroup libencdns
 */

#ifndef ENCDNS_SVCPARAMS_H_
#define ENCDNS_SVCPARAMS_H_

#include "encdns_error.h"

/**
 * SvcParamKeys (RFC 9460 14.3.2, RFC 9461, RFC 9540)
 */
enum encdns_svc_key_t {
	SVC_KEY_MANDATORY = 0,
	SVC_KEY_ALPN = 1,
	SVC_KEY_NO_DEFAULT_ALPN = 2,
	SVC_KEY_PORT = 3,
	SVC_KEY_IPV4HINT = 4,
	SVC_KEY_ECH = 5,
	SVC_KEY_IPV6HINT = 6,
	SVC_KEY_DOHPATH = 7,
	SVC_KEY_OHTTP = 8,
	SVC_KEY_INVALID = 65535,
};
typedef enum encdns_svc_key_t encdns_svc_key_t;

/*
 * Policy choices of this SvcParams layer (see docs/conformance-svcparams.md):
 *
 * - port is automatically mandatory for the "dns" mapping (RFC 9461 4.2).
 *   It is accepted if listed in mandatory, but never added to it; a client
 *   that honours port satisfies it either way.
 * - ipv4hint/ipv6hint are accepted here; RFC 9464 forbids them, which the
 *   attribute codec enforces.
 * - dohpath must be valid UTF-8, start with "/" (its expansion is a :path,
 *   RFC 9113 8.3.1), be an RFC 6570 template and have a "dns" variable.
 * - ech must be non-empty; its ECHConfigList is not parsed.
 * - key65535 (reserved, RFC 9460 14.3.2) is refused in both forms.
 * - keyNNNNN for a known key (e.g. key1=\002h2) is taken as the raw wire
 *   value and must have that key's wire format; escapes are allowed there.
 * - Presentation form: keys are separated by spaces, tabs or newlines; raw
 *   control characters (also tab inside quotes) must be written as \DDD.
 */

/**
 * Parse SvcParams in presentation form (RFC 9460 2.1 and App. A,
 * e.g. "alpn=dot,h2 port=853 dohpath=/dns-query{?dns}") into wire form
 * (RFC 9460 2.2) with keys sorted.
 *
 * @param text		presentation form, "" for no SvcParams
 * @param wire		allocated wire form (chunk_empty for "")
 * @param err		reason on failure
 * @return			TRUE if valid
 */
bool encdns_svcparams_parse(char *text, chunk_t *wire, encdns_error_t *err);

/**
 * Check SvcParams in wire form: every length fits, keys strictly increase,
 * every known key's value has its format, mandatory is self-consistent.
 *
 * @param wire		wire form
 * @param err		reason on failure
 * @return			TRUE if well formed
 */
bool encdns_svcparams_check(chunk_t wire, encdns_error_t *err);

/**
 * Same as encdns_svcparams_check(), also telling which keys below 32 are
 * present, so protocol rules about keys need no further pass.
 *
 * @param wire		wire form
 * @param keys		receives bit (1 << key) for every key < 32 present
 * @param err		reason on failure
 * @return			TRUE if well formed
 */
bool encdns_svcparams_check_keys(chunk_t wire, uint32_t *keys,
								 encdns_error_t *err);

/**
 * Print SvcParams in canonical presentation form, keys in numeric order.
 *
 * @param wire		wire form, checked with encdns_svcparams_check()
 * @param text		allocated presentation form, "" if wire is empty
 * @param err		reason on failure
 * @return			TRUE if well formed
 */
bool encdns_svcparams_print(chunk_t wire, char **text, encdns_error_t *err);

/**
 * Find the value of a key in (checked) wire form.
 *
 * @param wire		wire form
 * @param key		SvcParamKey
 * @param value		value, pointing into wire
 * @return			TRUE if the key is present
 */
bool encdns_svcparams_find(chunk_t wire, uint16_t key, chunk_t *value);

/**
 * Check whether the alpn of (checked) wire form contains an ALPN id.
 *
 * @param wire		wire form
 * @param alpn		ALPN id, e.g. "dot" or "h2"
 * @return			TRUE if listed
 */
bool encdns_svcparams_has_alpn(chunk_t wire, char *alpn);

#endif /** ENCDNS_SVCPARAMS_H_ @}*/
