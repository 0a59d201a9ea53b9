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
 * @defgroup encdns_print encdns_print
 * @{ @ingroup libencdns
 */

#ifndef ENCDNS_PRINT_H_
#define ENCDNS_PRINT_H_

#include "encdns_model.h"
#include "encdns_error.h"

/**
 * Render a configuration in the readable form of the seed slides
 * (draft-ietf-masque-connect-ip-dns, IETF 121), followed by the SPKI
 * digests RFC 9464 adds. The output is deterministic: two spaces per level,
 * model order, one SvcParam per line in canonical presentation form, a list
 * of domains inline when it has at most one entry and one entry per line
 * otherwise, a "Digests" block only if there are digests:
 *
 * @verbatim
   DNS Configuration = {
     Nameservers = [{
       Service Priority = 1,
       IPv4 Address = [192.0.2.33],
       IPv6 Address = [],
       Authentication Domain Name = "dns.corp.example",
       Service Parameters = {
         alpn=dot
       },
     }],
     Internal Domains = ["internal.corp.example"],
     Search Domains = [],
   }
   Digests = [
     SHA2-256 (dns.corp.example) = 0123...,
   ]
   @endverbatim
 *
 * Several nameservers are joined as "}, {"; a missing ADN prints as "",
 * a digest without ADN (ADN Length 0) as "SHA2-256 = ...". Domains are
 * quoted, '"', '\\' and non-printable octets escaped as \\DDD.
 *
 * @param config	configuration to print
 * @param text		allocated NUL-terminated text, ending with a newline
 * @param err		reason on failure (SvcParams of a resolver not well
 *					formed)
 * @return			TRUE on success
 */
bool encdns_print_config(encdns_config_t *config, char **text,
						 encdns_error_t *err);

/**
 * Same as encdns_print_config(), into a caller buffer.
 *
 * @param config	configuration to print
 * @param buf		buffer receiving the NUL-terminated text
 * @param len		size of buf
 * @param err		reason on failure, including a buffer too small
 * @return			TRUE if the whole text fit into buf
 */
bool encdns_print_config_buf(encdns_config_t *config, char *buf, size_t len,
							 encdns_error_t *err);

/**
 * Name of an IKEv2 hash algorithm as printed, e.g. "SHA2-256", or
 * "HASH(1234)" in buf for identifiers without a name.
 *
 * @param hash		IKEv2 hash algorithm identifier
 * @param buf		buffer for unknown identifiers
 * @param len		size of buf
 * @return			name, static or buf
 */
char *encdns_print_hash_name(uint16_t hash, char *buf, size_t len);

#endif /** ENCDNS_PRINT_H_ @}*/
