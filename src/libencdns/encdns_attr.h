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
 * @defgroup encdns_attr encdns_attr
 * @{ @ingroup libencdns
 */

#ifndef ENCDNS_ATTR_H_
#define ENCDNS_ATTR_H_

#include "encdns_model.h"
#include "encdns_error.h"

/**
 * IKEv2 Configuration Payload attribute types of RFC 8598 and RFC 9464;
 * strongSwan's configuration_attribute_type_t stops at 26.
 */
enum encdns_attr_type_t {
	ENCDNS_ATTR_INTERNAL_DNS_DOMAIN = 25,
	ENCDNS_ATTR_INTERNAL_DNSSEC_TA = 26,
	ENCDNS_ATTR_IP4 = 27,
	ENCDNS_ATTR_IP6 = 28,
	ENCDNS_ATTR_DIGEST_INFO = 29,
};
typedef enum encdns_attr_type_t encdns_attr_type_t;

/**
 * Names of the types above (25..29), for %N
 */
extern enum_name_t *encdns_attr_type_names;

/**
 * CFG Type of the Configuration Payload carrying the attribute (RFC 7296)
 */
enum encdns_cfg_type_t {
	ENCDNS_CFG_REQUEST = 1,
	ENCDNS_CFG_REPLY = 2,
	ENCDNS_CFG_SET = 3,
	ENCDNS_CFG_ACK = 4,
};
typedef enum encdns_cfg_type_t encdns_cfg_type_t;

/**
 * Names of the CFG types, for %N
 */
extern enum_name_t *encdns_cfg_type_names;

/**
 * Most hash algorithm identifiers one DIGEST_INFO request can carry
 */
#define ENCDNS_MAX_HASHES 255

/**
 * Build the value (no attribute header) of an ENCDNS_IP4 or ENCDNS_IP6
 * attribute from the addresses of one family of a resolver.
 *
 * In a CFG_REQUEST a NULL resolver gives the empty value; an ACK is always
 * empty. REPLY and SET need at least one address, priority != 0, an ADN
 * and SvcParams without ipv4hint/ipv6hint.
 *
 * @param resolver	resolver, NULL for an empty request/ACK
 * @param family	AF_INET (ENCDNS_IP4) or AF_INET6 (ENCDNS_IP6)
 * @param cfg		CFG type the attribute goes into
 * @param value		allocated value
 * @param err		reason on failure
 * @return			TRUE on success
 */
bool encdns_ip_build(encdns_resolver_t *resolver, int family,
					 encdns_cfg_type_t cfg, chunk_t *value,
					 encdns_error_t *err);

/**
 * Parse and validate the value of an ENCDNS_IP4/ENCDNS_IP6 attribute
 * (RFC 9464 3.1), every MUST enforced. The R bit is the caller's (it is
 * in the header) and ignored.
 *
 * @param family	AF_INET (ENCDNS_IP4) or AF_INET6 (ENCDNS_IP6)
 * @param cfg		CFG type the attribute came in
 * @param value		attribute value
 * @param resolver	parsed resolver, NULL for an empty request/ACK
 * @param err		reason on failure, prefixed with the attribute name
 * @return			TRUE if valid
 */
bool encdns_ip_parse(int family, encdns_cfg_type_t cfg, chunk_t value,
					 encdns_resolver_t **resolver, encdns_error_t *err);

/**
 * Build an ENCDNS_DIGEST_INFO request value: Num Hash Algs, ADN Length 0,
 * the list of hash algorithm identifiers.
 *
 * @param hashes	IKEv2 hash algorithm identifiers
 * @param count		number of identifiers, 1..ENCDNS_MAX_HASHES
 * @param value		allocated value
 * @param err		reason on failure
 * @return			TRUE on success
 */
bool encdns_digest_request_build(uint16_t *hashes, int count, chunk_t *value,
								 encdns_error_t *err);

/**
 * Parse an ENCDNS_DIGEST_INFO request value (RFC 9464 3.2, Figure 3).
 * Identifiers are returned as sent (unknown ones included, the caller picks
 * what it supports).
 *
 * @param value		attribute value
 * @param hashes	array of at least ENCDNS_MAX_HASHES entries
 * @param count		number of identifiers stored
 * @param err		reason on failure
 * @return			TRUE if valid
 */
bool encdns_digest_request_parse(chunk_t value, uint16_t *hashes, int *count,
								 encdns_error_t *err);

/**
 * Build an ENCDNS_DIGEST_INFO reply value (Figure 4): Num Hash Algs 1,
 * optional ADN, hash identifier, digest.
 *
 * @param digest	digest, its ADN is included if not NULL
 * @param value		allocated value
 * @param err		reason on failure (digest length does not match hash)
 * @return			TRUE on success
 */
bool encdns_digest_reply_build(encdns_digest_t *digest, chunk_t *value,
							   encdns_error_t *err);

/**
 * Parse an ENCDNS_DIGEST_INFO reply/set value; the digest length must be
 * the output length of the hash, Identity and unknown hashes are refused,
 * SHA1 only if allowed.
 *
 * @param value		attribute value
 * @param allow_sha1	accept SHA1 digests
 * @param digest	parsed digest
 * @param err		reason on failure
 * @return			TRUE if valid
 */
bool encdns_digest_reply_parse(chunk_t value, bool allow_sha1,
							   encdns_digest_t **digest, encdns_error_t *err);

/**
 * Build an INTERNAL_DNS_DOMAIN value (RFC 8598 4.1).
 *
 * @param domain	domain, NULL or "" for an empty (request) value
 * @param value		allocated value
 * @param err		reason on failure
 * @return			TRUE on success
 */
bool encdns_dns_domain_build(char *domain, chunk_t *value,
							 encdns_error_t *err);

/**
 * Parse an INTERNAL_DNS_DOMAIN value.
 *
 * @param cfg		CFG type (empty values are valid in requests only)
 * @param value		attribute value
 * @param domain	normalized domain, NULL for an empty value
 * @param err		reason on failure
 * @return			TRUE if valid
 */
bool encdns_dns_domain_parse(encdns_cfg_type_t cfg, chunk_t value,
							 char **domain, encdns_error_t *err);

/**
 * INTERNAL_DNSSEC_TA value (RFC 8598 4.2), DS RDATA layout.
 */
typedef struct {
	uint16_t key_tag;
	uint8_t algorithm;
	uint8_t digest_type;
	chunk_t digest;		/* points into the parsed value */
} encdns_dnssec_ta_t;

/**
 * Parse an INTERNAL_DNSSEC_TA value.
 *
 * @param value		attribute value (non-empty)
 * @param ta		parsed trust anchor, digest points into value
 * @param err		reason on failure
 * @return			TRUE if valid
 */
bool encdns_dnssec_ta_parse(chunk_t value, encdns_dnssec_ta_t *ta,
							encdns_error_t *err);

/**
 * Parse a sequence of IKEv2 configuration attributes (R|Type, Length,
 * Value, as in a Configuration Payload after the CFG header) into a model.
 * Types 25, 27, 28, 29 fill the model (26 is validated), other types are
 * skipped (RFC 7296 3.15.1). Resolvers are sorted by priority.
 *
 * @param tlvs		attributes
 * @param cfg		CFG type they came in
 * @param config	model to add to
 * @param err		reason on failure
 * @return			TRUE if all attributes are valid
 */
bool encdns_attrs_parse(chunk_t tlvs, encdns_cfg_type_t cfg,
						encdns_config_t *config, encdns_error_t *err);

/**
 * Build the IKEv2 configuration attributes (with headers) of a model for a
 * CFG_REPLY/SET: one ENCDNS_IP4/6 per resolver and family with addresses of
 * it, its DIGEST_INFOs and INTERNAL_DNS_DOMAINs. Search domains cannot be
 * carried: they are reported in err and make this fail unless ignored.
 *
 * @param config	model
 * @param cfg		CFG_REPLY or CFG_SET
 * @param ignore_search	TRUE to drop search domains silently
 * @param tlvs		allocated attributes
 * @param err		reason on failure
 * @return			TRUE on success
 */
bool encdns_attrs_build(encdns_config_t *config, encdns_cfg_type_t cfg,
						bool ignore_search, chunk_t *tlvs,
						encdns_error_t *err);

#endif /** ENCDNS_ATTR_H_ @}*/
