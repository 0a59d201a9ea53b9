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

#include "encdns_model.h"

encdns_resolver_t *encdns_resolver_create(uint16_t priority)
{
	encdns_resolver_t *this;

	INIT(this,
		.priority = priority,
		.v4 = array_create(0, 0),
		.v6 = array_create(0, 0),
	);
	return this;
}

void encdns_resolver_add_addr(encdns_resolver_t *this, host_t *addr)
{
	array_insert(addr->get_family(addr) == AF_INET ? this->v4 : this->v6,
				 ARRAY_TAIL, addr);
}

void encdns_resolver_set_adn(encdns_resolver_t *this, char *adn)
{
	free(this->adn);
	this->adn = (adn && *adn) ? strdup(adn) : NULL;
}

/**
 * Copy a list of host_t*
 */
static void clone_hosts(array_t *from, array_t *to)
{
	host_t *host;
	int i;

	for (i = 0; i < array_count(from); i++)
	{
		array_get(from, i, &host);
		array_insert(to, ARRAY_TAIL, host->clone(host));
	}
}

encdns_resolver_t *encdns_resolver_clone(encdns_resolver_t *this)
{
	encdns_resolver_t *clone;

	clone = encdns_resolver_create(this->priority);
	clone_hosts(this->v4, clone->v4);
	clone_hosts(this->v6, clone->v6);
	encdns_resolver_set_adn(clone, this->adn);
	clone->svcparams = chunk_clone(this->svcparams);
	return clone;
}

/**
 * Compare two lists of host_t* in order
 */
static bool hosts_equal(array_t *a, array_t *b)
{
	host_t *ha, *hb;
	int i;

	if (array_count(a) != array_count(b))
	{
		return FALSE;
	}
	for (i = 0; i < array_count(a); i++)
	{
		array_get(a, i, &ha);
		array_get(b, i, &hb);
		if (!ha->ip_equals(ha, hb))
		{
			return FALSE;
		}
	}
	return TRUE;
}

/**
 * chunk_equals() is FALSE for two empty chunks, we want TRUE
 */
static bool octets_equal(chunk_t a, chunk_t b)
{
	return a.len == b.len && (!a.len || memeq(a.ptr, b.ptr, a.len));
}

bool encdns_resolver_equals(encdns_resolver_t *a, encdns_resolver_t *b)
{
	return a->priority == b->priority &&
		   hosts_equal(a->v4, b->v4) && hosts_equal(a->v6, b->v6) &&
		   streq(a->adn ?: "", b->adn ?: "") &&
		   octets_equal(a->svcparams, b->svcparams);
}

CALLBACK(destroy_host, void,
	host_t *host, int idx, void *user)
{
	host->destroy(host);
}

void encdns_resolver_destroy(encdns_resolver_t *this)
{
	if (this)
	{
		array_destroy_function(this->v4, destroy_host, NULL);
		array_destroy_function(this->v6, destroy_host, NULL);
		free(this->adn);
		chunk_free(&this->svcparams);
		free(this);
	}
}

encdns_digest_t *encdns_digest_create(char *adn, uint16_t hash,
									  chunk_t digest)
{
	encdns_digest_t *this;

	INIT(this,
		.adn = (adn && *adn) ? strdup(adn) : NULL,
		.hash = hash,
		.digest = chunk_clone(digest),
	);
	return this;
}

void encdns_digest_destroy(encdns_digest_t *this)
{
	if (this)
	{
		free(this->adn);
		chunk_free(&this->digest);
		free(this);
	}
}

encdns_config_t *encdns_config_create()
{
	encdns_config_t *this;

	INIT(this,
		.resolvers = array_create(0, 0),
		.digests = array_create(0, 0),
		.internal_domains = array_create(0, 0),
		.search_domains = array_create(0, 0),
	);
	return this;
}

void encdns_config_add_domain(array_t *list, char *domain)
{
	array_insert(list, ARRAY_TAIL, strdup(domain));
}

void encdns_config_sort(encdns_config_t *this)
{
	encdns_resolver_t **list, *current;
	int i, j, count;

	/* insertion sort: stable, equal priorities keep their order, and the
	 * lists are short */
	count = array_count(this->resolvers);
	if (count < 2)
	{
		return;
	}
	list = calloc(count, sizeof(*list));
	for (i = 0; i < count; i++)
	{
		array_get(this->resolvers, i, &current);
		for (j = i; j > 0 && list[j - 1]->priority > current->priority; j--)
		{
			list[j] = list[j - 1];
		}
		list[j] = current;
	}
	for (i = 0; i < count; i++)
	{
		array_remove(this->resolvers, ARRAY_HEAD, NULL);
		array_insert(this->resolvers, ARRAY_TAIL, list[i]);
	}
	free(list);
}

/**
 * Compare two lists of char*
 */
static bool strings_equal(array_t *a, array_t *b)
{
	char *sa, *sb;
	int i;

	if (array_count(a) != array_count(b))
	{
		return FALSE;
	}
	for (i = 0; i < array_count(a); i++)
	{
		array_get(a, i, &sa);
		array_get(b, i, &sb);
		if (!streq(sa, sb))
		{
			return FALSE;
		}
	}
	return TRUE;
}

bool encdns_config_equals(encdns_config_t *a, encdns_config_t *b)
{
	encdns_resolver_t *ra, *rb;
	encdns_digest_t *da, *db;
	int i;

	if (array_count(a->resolvers) != array_count(b->resolvers) ||
		array_count(a->digests) != array_count(b->digests) ||
		!strings_equal(a->internal_domains, b->internal_domains) ||
		!strings_equal(a->search_domains, b->search_domains))
	{
		return FALSE;
	}
	for (i = 0; i < array_count(a->resolvers); i++)
	{
		array_get(a->resolvers, i, &ra);
		array_get(b->resolvers, i, &rb);
		if (!encdns_resolver_equals(ra, rb))
		{
			return FALSE;
		}
	}
	for (i = 0; i < array_count(a->digests); i++)
	{
		array_get(a->digests, i, &da);
		array_get(b->digests, i, &db);
		if (da->hash != db->hash || !streq(da->adn ?: "", db->adn ?: "") ||
			!octets_equal(da->digest, db->digest))
		{
			return FALSE;
		}
	}
	return TRUE;
}

/**
 * Copy a list of char*
 */
static void clone_strings(array_t *from, array_t *to)
{
	char *str;
	int i;

	for (i = 0; i < array_count(from); i++)
	{
		array_get(from, i, &str);
		array_insert(to, ARRAY_TAIL, strdup(str));
	}
}

encdns_config_t *encdns_config_clone(encdns_config_t *this)
{
	encdns_config_t *clone;
	encdns_resolver_t *resolver;
	encdns_digest_t *digest;
	int i;

	clone = encdns_config_create();
	for (i = 0; i < array_count(this->resolvers); i++)
	{
		array_get(this->resolvers, i, &resolver);
		array_insert(clone->resolvers, ARRAY_TAIL,
					 encdns_resolver_clone(resolver));
	}
	for (i = 0; i < array_count(this->digests); i++)
	{
		array_get(this->digests, i, &digest);
		array_insert(clone->digests, ARRAY_TAIL,
					 encdns_digest_create(digest->adn, digest->hash,
										  digest->digest));
	}
	clone_strings(this->internal_domains, clone->internal_domains);
	clone_strings(this->search_domains, clone->search_domains);
	return clone;
}

CALLBACK(destroy_resolver, void,
	encdns_resolver_t *resolver, int idx, void *user)
{
	encdns_resolver_destroy(resolver);
}

CALLBACK(destroy_digest, void,
	encdns_digest_t *digest, int idx, void *user)
{
	encdns_digest_destroy(digest);
}

CALLBACK(destroy_string, void,
	char *str, int idx, void *user)
{
	free(str);
}

void encdns_config_destroy(encdns_config_t *this)
{
	if (this)
	{
		array_destroy_function(this->resolvers, destroy_resolver, NULL);
		array_destroy_function(this->digests, destroy_digest, NULL);
		array_destroy_function(this->internal_domains, destroy_string, NULL);
		array_destroy_function(this->search_domains, destroy_string, NULL);
		free(this);
	}
}
