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

#include "encdns_request.h"

#include <encdns_digest.h>

#include <stdio.h>

encdns_request_t *encdns_request_create()
{
	encdns_request_t *this;

	INIT(this,
		.seen = array_create(0, 0),
	);
	return this;
}

/**
 * Whether (type, value) was processed already; remembers it otherwise
 */
static bool seen_before(encdns_request_t *this, uint16_t type, chunk_t value)
{
	chunk_t *seen, key;
	int i;

	key = chunk_cat("cc", chunk_from_thing(type), value);
	for (i = 0; i < array_count(this->seen); i++)
	{
		array_get(this->seen, i, &seen);
		if (chunk_equals(*seen, key))
		{
			chunk_free(&key);
			return TRUE;
		}
	}
	INIT(seen);
	*seen = key;
	array_insert(this->seen, ARRAY_TAIL, seen);
	return FALSE;
}

bool encdns_request_add(encdns_request_t *this, uint16_t type, chunk_t value,
						encdns_error_t *err)
{
	encdns_resolver_t *suggestion;
	uint16_t hashes[ENCDNS_MAX_HASHES];
	char *domain;
	int count;

	switch (type)
	{
		case ENCDNS_ATTR_IP4:
		case ENCDNS_ATTR_IP6:
		case ENCDNS_ATTR_DIGEST_INFO:
		case ENCDNS_ATTR_INTERNAL_DNS_DOMAIN:
			break;
		default:
			return TRUE;
	}
	if (this->discarded)
	{
		return TRUE;
	}
	if (++this->attributes > ENCDNS_REQUEST_MAX_ATTRIBUTES)
	{
		this->discarded = TRUE;
		this->ip4 = this->ip6 = this->domains = FALSE;
		this->hash_count = 0;
		return encdns_error(err, "more than %d ENCDNS/split DNS attributes, "
							"request discarded (RFC 9464 4: MAY discard)",
							ENCDNS_REQUEST_MAX_ATTRIBUTES);
	}
	if (seen_before(this, type, value))
	{
		this->duplicates++;
		return TRUE;
	}
	switch (type)
	{
		case ENCDNS_ATTR_IP4:
		case ENCDNS_ATTR_IP6:
			/* suggestions are validated, then ignored (RFC 9464 4: the
			 * responder MAY ignore them) */
			if (!encdns_ip_parse(type == ENCDNS_ATTR_IP4 ? AF_INET : AF_INET6,
								 ENCDNS_CFG_REQUEST, value, &suggestion, err))
			{
				return FALSE;
			}
			encdns_resolver_destroy(suggestion);
			if (type == ENCDNS_ATTR_IP4)
			{
				this->ip4 = TRUE;
			}
			else
			{
				this->ip6 = TRUE;
			}
			return TRUE;
		case ENCDNS_ATTR_DIGEST_INFO:
			if (!encdns_digest_request_parse(value, hashes, &count, err))
			{
				return FALSE;
			}
			/* a second, different list adds to the first */
			for (int i = 0; i < count &&
				 this->hash_count < ENCDNS_MAX_HASHES; i++)
			{
				this->hashes[this->hash_count++] = hashes[i];
			}
			return TRUE;
		case ENCDNS_ATTR_INTERNAL_DNS_DOMAIN:
			if (!encdns_dns_domain_parse(ENCDNS_CFG_REQUEST, value, &domain,
										 err))
			{
				return FALSE;
			}
			free(domain);
			this->domains = TRUE;
			return TRUE;
		default:
			return TRUE;
	}
}

bool encdns_request_any(encdns_request_t *this)
{
	return this->ip4 || this->ip6 || this->hash_count || this->domains;
}

char *encdns_request_summary(encdns_request_t *this, char *buf, size_t len)
{
	size_t used = 0;
	int i;

#define ADD(...) used += snprintf(buf + used, used < len ? len - used : 0, \
								  __VA_ARGS__)
	buf[0] = '\0';
	if (this->ip4)
	{
		ADD("ENCDNS_IP4");
	}
	if (this->ip6)
	{
		ADD("%sENCDNS_IP6", used ? ", " : "");
	}
	if (this->hash_count)
	{
		ADD("%sENCDNS_DIGEST_INFO(", used ? ", " : "");
		for (i = 0; i < this->hash_count; i++)
		{
			ADD("%s%N", i ? ", " : "", encdns_hash_names, this->hashes[i]);
		}
		ADD(")");
	}
	if (this->domains)
	{
		ADD("%sINTERNAL_DNS_DOMAIN", used ? ", " : "");
	}
	if (!used)
	{
		ADD("nothing");
	}
#undef ADD
	return buf;
}

CALLBACK(destroy_seen, void,
	chunk_t *seen, int idx, void *user)
{
	chunk_free(seen);
	free(seen);
}

void encdns_request_destroy(encdns_request_t *this)
{
	if (this)
	{
		array_destroy_function(this->seen, destroy_seen, NULL);
		free(this);
	}
}
