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
 * @defgroup libencdns libencdns
 *
 * @defgroup encdns_model encdns_model
 * @{ @ingroup libencdns
 */

#ifndef ENCDNS_MODEL_H_
#define ENCDNS_MODEL_H_

#include <library.h>
#include <collections/array.h>
#include <networking/host.h>

typedef struct encdns_resolver_t encdns_resolver_t;
typedef struct encdns_digest_t encdns_digest_t;
typedef struct encdns_config_t encdns_config_t;

/**
 * One encrypted DNS resolver, as RFC 9464 ENCDNS_IP* and a MASQUE
 * "Nameserver" describe it.
 *
 * An IKEv2 attribute carries the addresses of one family only; a capsule
 * carries both, so the model keeps two lists.
 */
struct encdns_resolver_t {

	/** SvcPriority, smaller is preferred, never 0 on the wire */
	uint16_t priority;

	/** IPv4 addresses, host_t* */
	array_t *v4;

	/** IPv6 addresses, host_t* */
	array_t *v6;

	/** authentication domain name, A-label presentation form without
	 *  trailing dot, NULL if none */
	char *adn;

	/** SvcParams in RFC 9460 wire form, chunk_empty if none */
	chunk_t svcparams;
};

/**
 * SPKI digest of a resolver's certificate (ENCDNS_DIGEST_INFO reply).
 */
struct encdns_digest_t {

	/** ADN the digest applies to, NULL for "the ADN of the ENCDNS_IP*
	 *  attributes" (ADN Length 0) */
	char *adn;

	/** IKEv2 hash algorithm identifier (RFC 7427 registry) */
	uint16_t hash;

	/** digest of the DER SubjectPublicKeyInfo */
	chunk_t digest;
};

/**
 * One DNS configuration: what the seed slides draw as
 * DNS Configuration = { Nameservers, Internal Domains, Search Domains }
 * plus the SPKI digests RFC 9464 adds.
 */
struct encdns_config_t {

	/** encdns_resolver_t*, in service priority order once sorted */
	array_t *resolvers;

	/** encdns_digest_t* */
	array_t *digests;

	/** char*, split DNS domains (RFC 8598 INTERNAL_DNS_DOMAIN);
	 *  "" is the root, i.e. every name */
	array_t *internal_domains;

	/** char*, DNS search domains (MASQUE only, IKEv2 cannot carry them) */
	array_t *search_domains;
};

/**
 * Create an empty resolver.
 *
 * @param priority	service priority
 * @return			resolver, to be freed with encdns_resolver_destroy()
 */
encdns_resolver_t *encdns_resolver_create(uint16_t priority);

/**
 * Add an address to a resolver, into the list of its family.
 *
 * @param this		resolver
 * @param addr		address, owned by the resolver afterwards
 */
void encdns_resolver_add_addr(encdns_resolver_t *this, host_t *addr);

/**
 * Set the ADN of a resolver (copied), NULL or "" for none.
 */
void encdns_resolver_set_adn(encdns_resolver_t *this, char *adn);

/**
 * Deep copy of a resolver.
 */
encdns_resolver_t *encdns_resolver_clone(encdns_resolver_t *this);

/**
 * Compare two resolvers field by field, addresses in order.
 */
bool encdns_resolver_equals(encdns_resolver_t *a, encdns_resolver_t *b);

/**
 * Free a resolver and everything it holds, NULL is fine.
 */
void encdns_resolver_destroy(encdns_resolver_t *this);

/**
 * Create a digest entry (adn and digest are copied).
 */
encdns_digest_t *encdns_digest_create(char *adn, uint16_t hash,
									  chunk_t digest);

/**
 * Free a digest entry, NULL is fine.
 */
void encdns_digest_destroy(encdns_digest_t *this);

/**
 * Create an empty configuration.
 */
encdns_config_t *encdns_config_create();

/**
 * Add a domain (copied) to a list of the configuration.
 *
 * @param list		this->internal_domains or this->search_domains
 * @param domain	domain in presentation form
 */
void encdns_config_add_domain(array_t *list, char *domain);

/**
 * Sort the resolvers by service priority; resolvers of equal priority keep
 * their order (RFC 9464 4: presented to the DNS client in that order).
 */
void encdns_config_sort(encdns_config_t *this);

/**
 * Compare two configurations field by field.
 */
bool encdns_config_equals(encdns_config_t *a, encdns_config_t *b);

/**
 * Deep copy of a configuration.
 */
encdns_config_t *encdns_config_clone(encdns_config_t *this);

/**
 * Free a configuration and everything it holds, NULL is fine.
 */
void encdns_config_destroy(encdns_config_t *this);

#endif /** ENCDNS_MODEL_H_ @}*/
