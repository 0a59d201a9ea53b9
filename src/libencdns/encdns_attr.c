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

#include "encdns_attr.h"
#include "encdns_domain.h"
#include "encdns_digest.h"
#include "encdns_svcparams.h"

#include <bio/bio_reader.h>
#include <bio/bio_writer.h>
#include <collections/hashtable.h>

ENUM(encdns_attr_type_names, ENCDNS_ATTR_INTERNAL_DNS_DOMAIN,
	 ENCDNS_ATTR_DIGEST_INFO,
	"INTERNAL_DNS_DOMAIN",
	"INTERNAL_DNSSEC_TA",
	"ENCDNS_IP4",
	"ENCDNS_IP6",
	"ENCDNS_DIGEST_INFO");

ENUM(encdns_cfg_type_names, ENCDNS_CFG_REQUEST, ENCDNS_CFG_ACK,
	"CFG_REQUEST",
	"CFG_REPLY",
	"CFG_SET",
	"CFG_ACK");

/**
 * Size of the fixed part of an ENCDNS_IP* value: Service Priority (2),
 * Num Addresses (1), ADN Length (1)
 */
#define IP_FIXED 4

/**
 * Size of the fixed part of a DIGEST_INFO value: Num Hash Algs (1),
 * ADN Length (1)
 */
#define DIGEST_FIXED 2

/**
 * Size of an attribute header: R|Type (2), Length (2)
 */
#define ATTR_HEADER 4

/**
 * The R bit of the attribute header (RFC 7296 3.15.1)
 */
#define ATTR_R_BIT 0x8000

/**
 * Shortest INTERNAL_DNSSEC_TA value: Key Tag, Algorithm, Digest Type and
 * at least one digest octet
 */
#define TA_MIN 5

/**
 * Name of a CFG type that is safe for unknown values
 */
static char *cfg_name(encdns_cfg_type_t cfg)
{
	switch (cfg)
	{
		case ENCDNS_CFG_REQUEST:
			return "CFG_REQUEST";
		case ENCDNS_CFG_REPLY:
			return "CFG_REPLY";
		case ENCDNS_CFG_SET:
			return "CFG_SET";
		case ENCDNS_CFG_ACK:
			return "CFG_ACK";
		default:
			return "unknown CFG type";
	}
}

/**
 * Check a CFG type is one of RFC 7296 3.15
 */
static bool cfg_valid(encdns_cfg_type_t cfg)
{
	return cfg >= ENCDNS_CFG_REQUEST && cfg <= ENCDNS_CFG_ACK;
}

/**
 * Attribute name and address length of a family, FALSE if unsupported
 */
static bool family_info(int family, char **name, size_t *addr_len)
{
	switch (family)
	{
		case AF_INET:
			*name = "ENCDNS_IP4";
			*addr_len = 4;
			return TRUE;
		case AF_INET6:
			*name = "ENCDNS_IP6";
			*addr_len = 16;
			return TRUE;
		default:
			return FALSE;
	}
}

/**
 * Check the SvcParams of an ENCDNS_IP* attribute: well formed (RFC 9460
 * 2.2) and without address hints (RFC 9464 3.1)
 */
static bool check_ip_svcparams(char *name, chunk_t svcparams,
							   encdns_error_t *err)
{
	uint32_t keys;

	if (!svcparams.len)
	{
		return TRUE;
	}
	/* one pass: the check reports the keys present */
	if (!encdns_svcparams_check_keys(svcparams, &keys, err))
	{
		return encdns_error_prefix(err, "%s: SvcParams", name);
	}
	if (keys & (1u << SVC_KEY_IPV4HINT))
	{
		return encdns_error(err, "%s: SvcParams contain ipv4hint (RFC 9464 "
							"3.1: MUST NOT include ipv4hint)", name);
	}
	if (keys & (1u << SVC_KEY_IPV6HINT))
	{
		return encdns_error(err, "%s: SvcParams contain ipv6hint (RFC 9464 "
							"3.1: MUST NOT include ipv6hint)", name);
	}
	return TRUE;
}

/*
 * Described in header
 */
bool encdns_ip_build(encdns_resolver_t *resolver, int family,
					 encdns_cfg_type_t cfg, chunk_t *value,
					 encdns_error_t *err)
{
	bio_writer_t *writer;
	array_t *addrs;
	host_t *host;
	char *name, *adn = NULL;
	size_t addr_len, len;
	int i, count;

	*value = chunk_empty;
	if (!family_info(family, &name, &addr_len))
	{
		return encdns_error(err, "ENCDNS_IP*: address family %d not IPv4 "
							"or IPv6", family);
	}
	if (!cfg_valid(cfg))
	{
		return encdns_error(err, "%s: CFG type %d (RFC 7296 3.15: 1-4)",
							name, cfg);
	}
	if (cfg == ENCDNS_CFG_ACK)
	{	/* RFC 9464 3.1: Length 0 in CFG_ACK */
		return TRUE;
	}
	if (!resolver)
	{
		if (cfg == ENCDNS_CFG_REQUEST)
		{
			return TRUE;
		}
		return encdns_error(err, "%s: no resolver for a %s (RFC 9464 3.1: "
							"Length 0 only in CFG_REQUEST and CFG_ACK)", name,
							cfg_name(cfg));
	}
	if (!resolver->priority)
	{
		return encdns_error(err, "%s: service priority 0 (RFC 9464 3.1: "
							"MUST NOT be 0)", name);
	}
	addrs = family == AF_INET ? resolver->v4 : resolver->v6;
	count = array_count(addrs);
	if (count > 255)
	{
		return encdns_error(err, "%s: %d addresses, Num Addresses is one "
							"octet (RFC 9464 3.1)", name, count);
	}
	if (!count && cfg != ENCDNS_CFG_REQUEST)
	{
		return encdns_error(err, "%s: Num Addresses 0 in %s (RFC 9464 3.1: "
							"MUST NOT be 0 in CFG_REPLY or CFG_SET)", name,
							cfg_name(cfg));
	}
	if (resolver->adn)
	{
		if (!encdns_domain_parse(chunk_from_str(resolver->adn), FALSE, &adn,
								 err))
		{
			return encdns_error_prefix(err, "%s: ADN", name);
		}
	}
	else if (cfg != ENCDNS_CFG_REQUEST)
	{
		return encdns_error(err, "%s: no ADN in %s (RFC 9464 4: the reply "
							"carries an ADN)", name, cfg_name(cfg));
	}
	if (!check_ip_svcparams(name, resolver->svcparams, err))
	{
		free(adn);
		return FALSE;
	}
	len = IP_FIXED + count * addr_len + (adn ? strlen(adn) : 0) +
		  resolver->svcparams.len;
	if (len > 0xffff)
	{
		free(adn);
		return encdns_error(err, "%s: value of %zu octets, Length is 16 bits "
							"(RFC 7296 3.15.1)", name, len);
	}
	writer = bio_writer_create(len);
	writer->write_uint16(writer, resolver->priority);
	writer->write_uint8(writer, count);
	writer->write_uint8(writer, adn ? strlen(adn) : 0);
	for (i = 0; i < count; i++)
	{
		array_get(addrs, i, &host);
		writer->write_data(writer, host->get_address(host));
	}
	if (adn)
	{
		writer->write_data(writer, chunk_from_str(adn));
	}
	writer->write_data(writer, resolver->svcparams);
	*value = writer->extract_buf(writer);
	writer->destroy(writer);
	free(adn);
	return TRUE;
}

/*
 * Described in header
 */
bool encdns_ip_parse(int family, encdns_cfg_type_t cfg, chunk_t value,
					 encdns_resolver_t **resolver, encdns_error_t *err)
{
	encdns_resolver_t *this;
	uint16_t priority;
	uint8_t count, adn_len;
	chunk_t addrs, addr, adn_data, svcparams;
	size_t addr_len, need;
	char *name, *adn = NULL;
	int i;

	*resolver = NULL;
	if (!family_info(family, &name, &addr_len))
	{
		return encdns_error(err, "ENCDNS_IP*: address family %d not IPv4 "
							"or IPv6", family);
	}
	if (!cfg_valid(cfg))
	{
		return encdns_error(err, "%s: CFG type %d (RFC 7296 3.15: 1-4)",
							name, cfg);
	}
	if (cfg == ENCDNS_CFG_ACK)
	{
		if (value.len)
		{
			return encdns_error(err, "%s: Length %zu in CFG_ACK (RFC 9464 "
								"3.1: Length 0 in CFG_ACK)", name, value.len);
		}
		return TRUE;
	}
	if (!value.len)
	{
		if (cfg == ENCDNS_CFG_REQUEST)
		{	/* no specific resolver requested */
			return TRUE;
		}
		return encdns_error(err, "%s: Length 0 in %s (RFC 9464 3.1: Length 0 "
							"only in CFG_REQUEST and CFG_ACK)", name,
							cfg_name(cfg));
	}
	if (value.len < IP_FIXED)
	{
		return encdns_error(err, "%s: Length %zu, less than the %d octets of "
							"Service Priority, Num Addresses and ADN Length "
							"(RFC 9464 3.1)", name, value.len, IP_FIXED);
	}
	priority = untoh16(value.ptr);
	count = value.ptr[2];
	adn_len = value.ptr[3];
	if (!priority)
	{
		return encdns_error(err, "%s: service priority 0 (RFC 9464 3.1: "
							"MUST NOT be 0)", name);
	}
	if (!count && cfg != ENCDNS_CFG_REQUEST)
	{
		return encdns_error(err, "%s: Num Addresses 0 in %s (RFC 9464 3.1: "
							"MUST NOT be 0 in CFG_REPLY or CFG_SET)", name,
							cfg_name(cfg));
	}
	need = IP_FIXED + count * addr_len + adn_len;
	if (value.len < need)
	{
		return encdns_error(err, "%s: Length %zu less than 4 + ADN Length %u "
							"+ %u addresses * %zu = %zu, SvcParams length "
							"negative (RFC 9464 3.1)", name, value.len,
							adn_len, count, addr_len, need);
	}
	if (!adn_len && cfg != ENCDNS_CFG_REQUEST)
	{
		return encdns_error(err, "%s: ADN Length 0 in %s (RFC 9464 4: the "
							"reply carries an ADN)", name, cfg_name(cfg));
	}
	addrs = chunk_create(value.ptr + IP_FIXED, count * addr_len);
	adn_data = chunk_create(addrs.ptr + addrs.len, adn_len);
	svcparams = chunk_skip(value, need);
	if (adn_len && !encdns_domain_parse(adn_data, FALSE, &adn, err))
	{
		return encdns_error_prefix(err, "%s: ADN", name);
	}
	if (!check_ip_svcparams(name, svcparams, err))
	{
		free(adn);
		return FALSE;
	}
	this = encdns_resolver_create(priority);
	for (i = 0; i < count; i++)
	{
		addr = chunk_create(addrs.ptr + i * addr_len, addr_len);
		encdns_resolver_add_addr(this, host_create_from_chunk(family, addr,
															  0));
	}
	this->adn = adn;
	this->svcparams = chunk_clone(svcparams);
	*resolver = this;
	return TRUE;
}

/*
 * Described in header
 */
bool encdns_digest_request_build(uint16_t *hashes, int count, chunk_t *value,
								 encdns_error_t *err)
{
	bio_writer_t *writer;
	int i;

	*value = chunk_empty;
	if (count < 1 || count > ENCDNS_MAX_HASHES)
	{
		return encdns_error(err, "ENCDNS_DIGEST_INFO: %d hash algorithms, "
							"Num Hash Algs is 1-%d (RFC 9464 3.2)", count,
							ENCDNS_MAX_HASHES);
	}
	writer = bio_writer_create(DIGEST_FIXED + 2 * count);
	writer->write_uint8(writer, count);
	writer->write_uint8(writer, 0);
	for (i = 0; i < count; i++)
	{
		writer->write_uint16(writer, hashes[i]);
	}
	*value = writer->extract_buf(writer);
	writer->destroy(writer);
	return TRUE;
}

/*
 * Described in header
 */
bool encdns_digest_request_parse(chunk_t value, uint16_t *hashes, int *count,
								 encdns_error_t *err)
{
	size_t n, i;

	*count = 0;
	if (value.len < DIGEST_FIXED)
	{
		return encdns_error(err, "ENCDNS_DIGEST_INFO: Length %zu in "
							"CFG_REQUEST, less than the 2 octets of Num Hash "
							"Algs and ADN Length (RFC 9464 3.2)", value.len);
	}
	if (value.ptr[1])
	{
		return encdns_error(err, "ENCDNS_DIGEST_INFO: ADN Length %u in "
							"CFG_REQUEST (RFC 9464 3.2: MUST be 0)",
							value.ptr[1]);
	}
	if ((value.len - DIGEST_FIXED) % 2)
	{
		return encdns_error(err, "ENCDNS_DIGEST_INFO: Length %zu in "
							"CFG_REQUEST not 2 + 2 * n (RFC 9464 3.2: 16-bit "
							"identifiers, no padding)", value.len);
	}
	n = (value.len - DIGEST_FIXED) / 2;
	if (!n)
	{
		return encdns_error(err, "ENCDNS_DIGEST_INFO: no hash algorithm "
							"identifier in CFG_REQUEST (RFC 9464 3.2: Length "
							"= 2 + 2 * n, n >= 1)");
	}
	if (value.ptr[0] != n)
	{
		return encdns_error(err, "ENCDNS_DIGEST_INFO: Num Hash Algs %u but "
							"Length %zu gives %zu (RFC 9464 3.2: MUST be "
							"(Length - 2) / 2)", value.ptr[0], value.len, n);
	}
	for (i = 0; i < n; i++)
	{
		hashes[i] = untoh16(value.ptr + DIGEST_FIXED + 2 * i);
	}
	*count = n;
	return TRUE;
}

/**
 * Check a hash identifier and digest length of a DIGEST_INFO reply
 */
static bool check_digest(uint16_t hash, size_t len, bool allow_sha1,
						 encdns_error_t *err)
{
	size_t expected;

	switch (hash)
	{
		case 0:
			return encdns_error(err, "ENCDNS_DIGEST_INFO: Hash Algorithm "
								"Identifier 0 (RFC 7427 7: reserved)");
		case ENCDNS_HASH_IDENTITY:
			return encdns_error(err, "ENCDNS_DIGEST_INFO: Hash Algorithm "
								"Identity (5) (RFC 8420: no hashing, not a "
								"certificate digest, RFC 9464 5)");
		case ENCDNS_HASH_SHA1:
			if (!allow_sha1)
			{
				return encdns_error(err, "ENCDNS_DIGEST_INFO: Hash Algorithm "
									"SHA1 (1) not allowed by local policy "
									"(RFC 9464 5: SHA2-256 is mandatory)");
			}
			break;
		default:
			break;
	}
	expected = encdns_hash_length(hash);
	if (!expected)
	{
		return encdns_error(err, "ENCDNS_DIGEST_INFO: unknown Hash Algorithm "
							"Identifier %u (RFC 7427 registry: 1-4 usable)",
							hash);
	}
	if (len != expected)
	{
		return encdns_error(err, "ENCDNS_DIGEST_INFO: Certificate Digest of "
							"%zu octets, %N needs %zu (RFC 9464 3.2: digest "
							"of Length - 4 - ADN Length octets)", len,
							encdns_hash_names, hash, expected);
	}
	return TRUE;
}

/*
 * Described in header
 */
bool encdns_digest_reply_build(encdns_digest_t *digest, chunk_t *value,
							   encdns_error_t *err)
{
	bio_writer_t *writer;
	char *adn = NULL;

	*value = chunk_empty;
	if (!check_digest(digest->hash, digest->digest.len, TRUE, err))
	{
		return FALSE;
	}
	if (digest->adn && *digest->adn &&
		!encdns_domain_parse(chunk_from_str(digest->adn), FALSE, &adn, err))
	{
		return encdns_error_prefix(err, "ENCDNS_DIGEST_INFO: ADN");
	}
	writer = bio_writer_create(DIGEST_FIXED + (adn ? strlen(adn) : 0) + 2 +
							   digest->digest.len);
	writer->write_uint8(writer, 1);
	writer->write_uint8(writer, adn ? strlen(adn) : 0);
	if (adn)
	{
		writer->write_data(writer, chunk_from_str(adn));
	}
	writer->write_uint16(writer, digest->hash);
	writer->write_data(writer, digest->digest);
	*value = writer->extract_buf(writer);
	writer->destroy(writer);
	free(adn);
	return TRUE;
}

/*
 * Described in header
 */
bool encdns_digest_reply_parse(chunk_t value, bool allow_sha1,
							   encdns_digest_t **digest, encdns_error_t *err)
{
	encdns_digest_t *this;
	uint8_t adn_len;
	uint16_t hash;
	chunk_t adn_data, data;
	char *adn = NULL;

	*digest = NULL;
	if (value.len < DIGEST_FIXED)
	{
		return encdns_error(err, "ENCDNS_DIGEST_INFO: Length %zu, less than "
							"the 2 octets of Num Hash Algs and ADN Length "
							"(RFC 9464 3.2)", value.len);
	}
	if (value.ptr[0] != 1)
	{
		return encdns_error(err, "ENCDNS_DIGEST_INFO: Num Hash Algs %u in a "
							"reply (RFC 9464 3.2: MUST be 1)", value.ptr[0]);
	}
	adn_len = value.ptr[1];
	if (value.len < DIGEST_FIXED + adn_len + 2)
	{
		return encdns_error(err, "ENCDNS_DIGEST_INFO: Length %zu less than 4 "
							"+ ADN Length %u, no room for the Hash Algorithm "
							"Identifier (RFC 9464 3.2)", value.len, adn_len);
	}
	adn_data = chunk_create(value.ptr + DIGEST_FIXED, adn_len);
	hash = untoh16(adn_data.ptr + adn_len);
	data = chunk_skip(value, DIGEST_FIXED + adn_len + 2);
	if (!check_digest(hash, data.len, allow_sha1, err))
	{
		return FALSE;
	}
	if (adn_len && !encdns_domain_parse(adn_data, FALSE, &adn, err))
	{
		return encdns_error_prefix(err, "ENCDNS_DIGEST_INFO: ADN");
	}
	this = encdns_digest_create(NULL, hash, data);
	this->adn = adn;
	*digest = this;
	return TRUE;
}

/*
 * Described in header
 */
bool encdns_dns_domain_build(char *domain, chunk_t *value,
							 encdns_error_t *err)
{
	char *name;

	*value = chunk_empty;
	if (!domain || !*domain)
	{
		return TRUE;
	}
	if (!encdns_domain_parse(chunk_from_str(domain), FALSE, &name, err))
	{
		return encdns_error_prefix(err, "INTERNAL_DNS_DOMAIN");
	}
	*value = chunk_from_str(name);
	return TRUE;
}

/*
 * Described in header
 */
bool encdns_dns_domain_parse(encdns_cfg_type_t cfg, chunk_t value,
							 char **domain, encdns_error_t *err)
{
	*domain = NULL;
	if (!cfg_valid(cfg))
	{
		return encdns_error(err, "INTERNAL_DNS_DOMAIN: CFG type %d (RFC 7296 "
							"3.15: 1-4)", cfg);
	}
	if (!value.len)
	{
		if (cfg == ENCDNS_CFG_REQUEST || cfg == ENCDNS_CFG_ACK)
		{	/* a request without preference, or an acknowledgement */
			return TRUE;
		}
		return encdns_error(err, "INTERNAL_DNS_DOMAIN: empty value in %s "
							"(RFC 8598 4.1: a reply names a domain)",
							cfg_name(cfg));
	}
	if (cfg == ENCDNS_CFG_ACK)
	{
		return encdns_error(err, "INTERNAL_DNS_DOMAIN: Length %zu in CFG_ACK "
							"(RFC 7296 3.15.1: acknowledged attributes have "
							"zero length)", value.len);
	}
	if (!encdns_domain_parse(value, FALSE, domain, err))
	{
		return encdns_error_prefix(err, "INTERNAL_DNS_DOMAIN");
	}
	return TRUE;
}

/*
 * Described in header
 */
bool encdns_dnssec_ta_parse(chunk_t value, encdns_dnssec_ta_t *ta,
							encdns_error_t *err)
{
	size_t expected;

	if (value.len < TA_MIN)
	{
		return encdns_error(err, "INTERNAL_DNSSEC_TA: Length %zu, less than "
							"Key Tag, Algorithm, Digest Type and a digest "
							"(RFC 8598 4.2: %d octets at least)", value.len,
							TA_MIN);
	}
	ta->key_tag = untoh16(value.ptr);
	ta->algorithm = value.ptr[2];
	ta->digest_type = value.ptr[3];
	ta->digest = chunk_skip(value, 4);
	switch (ta->digest_type)
	{
		case 1:		/* SHA-1, RFC 4034 */
			expected = 20;
			break;
		case 2:		/* SHA-256, RFC 4509 */
			expected = 32;
			break;
		case 4:		/* SHA-384, RFC 6605 */
			expected = 48;
			break;
		default:	/* other types are opaque to us */
			expected = ta->digest.len;
			break;
	}
	if (ta->digest.len != expected)
	{
		return encdns_error(err, "INTERNAL_DNSSEC_TA: DS Digest of %zu octets "
							"for Digest Type %u, expected %zu (RFC 8598 4.2, "
							"RFC 4034 5.1)", ta->digest.len, ta->digest_type,
							expected);
	}
	return TRUE;
}

/**
 * A resolver parsed from ENCDNS_IP6 joins one from ENCDNS_IP4 (and vice
 * versa) if everything but the addresses is the same, as
 * encdns_attrs_build() splits one resolver into one attribute per family.
 */
static void add_resolver(array_t *list, encdns_resolver_t *resolver,
						 int family)
{
	encdns_resolver_t *current;
	array_t *from, *to;
	host_t *host;
	int i;

	from = family == AF_INET ? resolver->v4 : resolver->v6;
	for (i = 0; i < array_count(list); i++)
	{
		array_get(list, i, &current);
		to = family == AF_INET ? current->v4 : current->v6;
		if (array_count(to) || !array_count(from) ||
			current->priority != resolver->priority ||
			!streq(current->adn ?: "", resolver->adn ?: "") ||
			current->svcparams.len != resolver->svcparams.len ||
			(resolver->svcparams.len &&
			 !memeq(current->svcparams.ptr, resolver->svcparams.ptr,
					resolver->svcparams.len)))
		{
			continue;
		}
		while (array_remove(from, ARRAY_HEAD, &host))
		{
			array_insert(to, ARRAY_TAIL, host);
		}
		encdns_resolver_destroy(resolver);
		return;
	}
	array_insert(list, ARRAY_TAIL, resolver);
}

/**
 * Whole attribute (header included) starting at a pointer into a checked
 * attribute list
 */
static inline chunk_t attr_at(const void *key)
{
	const u_char *ptr = key;

	return chunk_create((u_char*)ptr, ATTR_HEADER + untoh16((u_char*)ptr + 2));
}

/**
 * Hash of an attribute, hashtable_hash_t
 */
static u_int attr_hash(const void *key)
{
	return chunk_hash(attr_at(key));
}

/**
 * Compare two attributes bitwise, hashtable_equals_t
 */
static bool attr_equals(const void *key, const void *other)
{
	return chunk_equals(attr_at(key), attr_at(other));
}

/**
 * Move the parsed contents of one configuration into another
 */
static void move_config(encdns_config_t *from, encdns_config_t *to)
{
	void *item;

	while (array_remove(from->resolvers, ARRAY_HEAD, &item))
	{
		array_insert(to->resolvers, ARRAY_TAIL, item);
	}
	while (array_remove(from->digests, ARRAY_HEAD, &item))
	{
		array_insert(to->digests, ARRAY_TAIL, item);
	}
	while (array_remove(from->internal_domains, ARRAY_HEAD, &item))
	{
		array_insert(to->internal_domains, ARRAY_TAIL, item);
	}
	encdns_config_destroy(from);
}

/**
 * Parse one attribute into a configuration
 */
static bool parse_attr(uint16_t type, chunk_t value, encdns_cfg_type_t cfg,
					   encdns_config_t *config, encdns_error_t *err)
{
	encdns_resolver_t *resolver;
	encdns_digest_t *digest;
	encdns_dnssec_ta_t ta;
	uint16_t hashes[ENCDNS_MAX_HASHES];
	char *domain;
	int count, family = AF_INET6;

	switch (type)
	{
		case ENCDNS_ATTR_INTERNAL_DNS_DOMAIN:
			if (!encdns_dns_domain_parse(cfg, value, &domain, err))
			{
				return FALSE;
			}
			if (domain)
			{
				array_insert(config->internal_domains, ARRAY_TAIL, domain);
			}
			return TRUE;
		case ENCDNS_ATTR_INTERNAL_DNSSEC_TA:
			if (!value.len && (cfg == ENCDNS_CFG_REQUEST ||
							   cfg == ENCDNS_CFG_ACK))
			{	/* RFC 8598 3.1: the initiator accepts trust anchors */
				return TRUE;
			}
			if (value.len && cfg == ENCDNS_CFG_ACK)
			{
				return encdns_error(err, "INTERNAL_DNSSEC_TA: Length %zu in "
									"CFG_ACK (RFC 7296 3.15.1: acknowledged "
									"attributes have zero length)",
									value.len);
			}
			return encdns_dnssec_ta_parse(value, &ta, err);
		case ENCDNS_ATTR_IP4:
			family = AF_INET;
			/* fall-through */
		case ENCDNS_ATTR_IP6:
			if (!encdns_ip_parse(family, cfg, value, &resolver, err))
			{
				return FALSE;
			}
			if (resolver)
			{
				add_resolver(config->resolvers, resolver, family);
			}
			return TRUE;
		case ENCDNS_ATTR_DIGEST_INFO:
			switch (cfg)
			{
				case ENCDNS_CFG_REQUEST:
					/* the hash list is the caller's to record */
					return encdns_digest_request_parse(value, hashes, &count,
													   err);
				case ENCDNS_CFG_ACK:
					if (value.len)
					{
						return encdns_error(err, "ENCDNS_DIGEST_INFO: Length "
											"%zu in CFG_ACK (RFC 9464 3.2: "
											"MUST be zero-length)", value.len);
					}
					return TRUE;
				default:
					if (!encdns_digest_reply_parse(value, FALSE, &digest, err))
					{
						return FALSE;
					}
					array_insert(config->digests, ARRAY_TAIL, digest);
					return TRUE;
			}
		default:
			/* RFC 7296 3.15.1: unrecognized attributes are ignored */
			return TRUE;
	}
}

/*
 * Described in header
 */
bool encdns_attrs_parse(chunk_t tlvs, encdns_cfg_type_t cfg,
						encdns_config_t *config, encdns_error_t *err)
{
	encdns_config_t *parsed;
	hashtable_t *seen = NULL;
	bio_reader_t *reader;
	uint16_t type, len;
	chunk_t attr, value;
	int index = 0;
	bool ok = TRUE;

	if (!cfg_valid(cfg))
	{
		return encdns_error(err, "Configuration Payload: CFG type %d "
							"(RFC 7296 3.15: 1-4)", cfg);
	}
	/* parse into a copy so a refused list leaves the model untouched */
	parsed = encdns_config_create();
	if (cfg == ENCDNS_CFG_REQUEST)
	{
		seen = hashtable_create(attr_hash, attr_equals, 8);
	}
	reader = bio_reader_create(tlvs);
	while (ok && reader->remaining(reader))
	{
		index++;
		attr = reader->peek(reader);
		if (!reader->read_uint16(reader, &type) ||
			!reader->read_uint16(reader, &len))
		{
			ok = encdns_error(err, "configuration attribute %d: %zu octets "
							  "left, less than its 4-octet header (RFC 7296 "
							  "3.15.1)", index, attr.len);
			break;
		}
		if (!reader->read_data(reader, len, &value))
		{
			ok = encdns_error(err, "configuration attribute %d (type %u): "
							  "Length %u, only %zu octets left (RFC 7296 "
							  "3.15.1)", index, type & ~ATTR_R_BIT, len,
							  attr.len - ATTR_HEADER);
			break;
		}
		/* RFC 7296 3.15.1: the R bit is ignored on receipt */
		type &= ~ATTR_R_BIT;
		if (seen && (type == ENCDNS_ATTR_IP4 || type == ENCDNS_ATTR_IP6))
		{	/* RFC 9464 4: only the first of bitwise identical ones counts,
			 * keys point into tlvs, whose headers give their lengths. A
			 * DIGEST_INFO request yields no output here, so a repeat of it
			 * cannot change the result and needs no entry. */
			if (seen->get(seen, attr.ptr))
			{
				continue;
			}
			seen->put(seen, attr.ptr, attr.ptr);
		}
		ok = parse_attr(type, value, cfg, parsed, err);
	}
	reader->destroy(reader);
	DESTROY_IF(seen);
	if (!ok)
	{
		encdns_config_destroy(parsed);
		return FALSE;
	}
	move_config(parsed, config);
	encdns_config_sort(config);
	return TRUE;
}

/**
 * Append an attribute with header to a writer, consuming the value
 */
static void write_attr(bio_writer_t *writer, uint16_t type, chunk_t value)
{
	/* R is 0 on send (RFC 7296 3.15.1) */
	writer->write_uint16(writer, type & ~ATTR_R_BIT);
	writer->write_data16(writer, value);
	chunk_free(&value);
}

/*
 * Described in header
 */
bool encdns_attrs_build(encdns_config_t *config, encdns_cfg_type_t cfg,
						bool ignore_search, chunk_t *tlvs,
						encdns_error_t *err)
{
	encdns_resolver_t **sorted, *resolver;
	encdns_digest_t *digest;
	bio_writer_t *writer;
	chunk_t value;
	char *domain;
	int i, j, count;
	bool ok = TRUE;

	*tlvs = chunk_empty;
	if (cfg != ENCDNS_CFG_REPLY && cfg != ENCDNS_CFG_SET)
	{
		return encdns_error(err, "Configuration Payload: attributes of a "
							"model go into CFG_REPLY or CFG_SET, not %s",
							cfg_name(cfg));
	}
	if (array_count(config->search_domains) && !ignore_search)
	{
		array_get(config->search_domains, 0, &domain);
		return encdns_error(err, "search domain \"%s\": IKEv2 has no "
							"attribute for search domains (RFC 8598 covers "
							"split DNS only)", domain);
	}
	/* present resolvers in service priority order (RFC 9464 4), stably,
	 * without reordering the caller's model */
	count = array_count(config->resolvers);
	sorted = calloc(count ?: 1, sizeof(*sorted));
	for (i = 0; i < count; i++)
	{
		array_get(config->resolvers, i, &resolver);
		for (j = i; j > 0 && sorted[j - 1]->priority > resolver->priority;
			 j--)
		{
			sorted[j] = sorted[j - 1];
		}
		sorted[j] = resolver;
	}
	writer = bio_writer_create(256);
	for (i = 0; ok && i < count; i++)
	{
		resolver = sorted[i];
		if (!array_count(resolver->v4) && !array_count(resolver->v6))
		{
			ok = encdns_error(err, "resolver %s: no address (RFC 9464 3.1: "
							  "Num Addresses MUST NOT be 0 in %s)",
							  resolver->adn ?: "without ADN", cfg_name(cfg));
			break;
		}
		if (array_count(resolver->v4))
		{
			ok = encdns_ip_build(resolver, AF_INET, cfg, &value, err);
			if (ok)
			{
				write_attr(writer, ENCDNS_ATTR_IP4, value);
			}
		}
		if (ok && array_count(resolver->v6))
		{
			ok = encdns_ip_build(resolver, AF_INET6, cfg, &value, err);
			if (ok)
			{
				write_attr(writer, ENCDNS_ATTR_IP6, value);
			}
		}
	}
	for (i = 0; ok && i < array_count(config->digests); i++)
	{
		array_get(config->digests, i, &digest);
		ok = encdns_digest_reply_build(digest, &value, err);
		if (ok)
		{
			write_attr(writer, ENCDNS_ATTR_DIGEST_INFO, value);
		}
	}
	for (i = 0; ok && i < array_count(config->internal_domains); i++)
	{
		array_get(config->internal_domains, i, &domain);
		if (!*domain)
		{	/* the empty value means "no preference" in a request only */
			ok = encdns_error(err, "INTERNAL_DNS_DOMAIN: the root cannot be "
							  "sent in %s (RFC 8598 4.1: empty values are "
							  "for requests)", cfg_name(cfg));
			break;
		}
		ok = encdns_dns_domain_build(domain, &value, err);
		if (ok)
		{
			write_attr(writer, ENCDNS_ATTR_INTERNAL_DNS_DOMAIN, value);
		}
	}
	free(sorted);
	if (!ok)
	{
		writer->destroy(writer);
		return FALSE;
	}
	*tlvs = writer->extract_buf(writer);
	writer->destroy(writer);
	if (!tlvs->len)
	{
		chunk_free(tlvs);
	}
	return TRUE;
}
