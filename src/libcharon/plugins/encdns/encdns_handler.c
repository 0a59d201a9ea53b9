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

#include "encdns_handler.h"
#include "encdns_auth.h"

#include <daemon.h>
#include <encdns_digest.h>
#include <encdns_svcparams.h>

typedef struct private_encdns_handler_t private_encdns_handler_t;

/**
 * Private data
 */
struct private_encdns_handler_t {

	/**
	 * Public interface
	 */
	encdns_handler_t public;

	/**
	 * Configuration in force
	 */
	encdns_conf_current_t *current;
};

/**
 * Log a received ENCDNS_IP4/6
 */
static void log_resolver(configuration_attribute_type_t type,
						 encdns_resolver_t *resolver)
{
	char addrs[512] = "", *params = NULL;
	array_t *list;
	encdns_error_t err = {};
	host_t *host;
	size_t used = 0;
	int i;

	list = (uint16_t)type == ENCDNS_ATTR_IP4 ? resolver->v4 : resolver->v6;
	for (i = 0; i < array_count(list); i++)
	{
		array_get(list, i, &host);
		used += snprintf(addrs + used, used < sizeof(addrs) ?
						 sizeof(addrs) - used : 0, "%s%H", i ? " " : "", host);
	}
	if (!encdns_svcparams_print(resolver->svcparams, &params, &err))
	{
		params = NULL;
	}
	DBG1(DBG_IKE, "encdns: received %N: priority %u, %s, ADN %s, "
		 "SvcParams \"%s\"", encdns_attr_type_names, type,
		 resolver->priority, addrs, resolver->adn, params ?: "");
	free(params);
}

/**
 * Log an attribute as it came, header included, in the hex form that
 * "encdns --decode --ike" reads back
 */
static void log_raw(uint16_t type, chunk_t data)
{
	uint16_t header[2];
	chunk_t raw;

	if (data.len > 0xffff)
	{
		return;
	}
	header[0] = htons(type);
	header[1] = htons(data.len);
	raw = chunk_cat("cc", chunk_from_thing(header), data);
	DBG2(DBG_IKE, "encdns: %N attribute as received: %+B",
		 encdns_attr_type_names, type, &raw);
	chunk_free(&raw);
}

METHOD(attribute_handler_t, handle, bool,
	private_encdns_handler_t *this, ike_sa_t *ike_sa,
	configuration_attribute_type_t type, chunk_t data)
{
	encdns_settings_client_t *client;
	encdns_resolver_t *resolver;
	encdns_digest_t *digest;
	encdns_conf_t *conf;
	encdns_error_t err = {};
	uint16_t attr = type;
	char *domain;
	bool offered = FALSE;
	int i;

	/* our types are outside charon's enum, compare as plain numbers */
	switch (attr)
	{
		case ENCDNS_ATTR_IP4:
		case ENCDNS_ATTR_IP6:
		case ENCDNS_ATTR_DIGEST_INFO:
		case ENCDNS_ATTR_INTERNAL_DNS_DOMAIN:
			break;
		default:
			return FALSE;
	}
	log_raw(attr, data);
	conf = this->current->get(this->current);
	client = conf->get_client(conf, ike_sa->get_name(ike_sa));
	if (!client)
	{
		DBG1(DBG_IKE, "encdns: ignoring unsolicited %N, encrypted DNS is not "
			 "enabled for '%s'", encdns_attr_type_names, type,
			 ike_sa->get_name(ike_sa));
		conf->destroy(conf);
		return FALSE;
	}
	if (!encdns_auth_gateway_authenticated(ike_sa))
	{
		DBG1(DBG_IKE, "encdns: ignoring %N from a gateway that did not "
			 "authenticate (RFC 9464 6: MUST NOT use it)",
			 encdns_attr_type_names, type);
		conf->destroy(conf);
		return FALSE;
	}
	switch (attr)
	{
		case ENCDNS_ATTR_IP4:
		case ENCDNS_ATTR_IP6:
			if (!encdns_ip_parse(attr == ENCDNS_ATTR_IP4 ? AF_INET : AF_INET6,
								 ENCDNS_CFG_REPLY, data, &resolver, &err))
			{
				break;
			}
			log_resolver(type, resolver);
			encdns_resolver_destroy(resolver);
			conf->destroy(conf);
			return TRUE;
		case ENCDNS_ATTR_DIGEST_INFO:
			if (!encdns_digest_reply_parse(data, FALSE, &digest, &err))
			{
				break;
			}
			for (i = 0; i < client->hash_count; i++)
			{
				offered = offered || client->hashes[i] == digest->hash;
			}
			if (!offered)
			{
				encdns_error(&err, "ENCDNS_DIGEST_INFO: hash algorithm %N was "
							 "not offered", encdns_hash_names, digest->hash);
				encdns_digest_destroy(digest);
				break;
			}
			DBG1(DBG_IKE, "encdns: received ENCDNS_DIGEST_INFO: %N of the "
				 "SPKI of %s: %+B", encdns_hash_names, digest->hash,
				 digest->adn ?: "the ENCDNS_IP* ADN", &digest->digest);
			encdns_digest_destroy(digest);
			conf->destroy(conf);
			return TRUE;
		case ENCDNS_ATTR_INTERNAL_DNS_DOMAIN:
			if (!encdns_dns_domain_parse(ENCDNS_CFG_REPLY, data, &domain,
										 &err))
			{
				break;
			}
			DBG1(DBG_IKE, "encdns: received INTERNAL_DNS_DOMAIN %s", domain);
			free(domain);
			conf->destroy(conf);
			return TRUE;
		default:
			break;
	}
	DBG1(DBG_IKE, "encdns: dropping invalid %N: %s", encdns_attr_type_names,
		 type, err.msg);
	conf->destroy(conf);
	return FALSE;
}

METHOD(attribute_handler_t, release, void,
	private_encdns_handler_t *this, ike_sa_t *ike_sa,
	configuration_attribute_type_t type, chunk_t data)
{
	/* nothing is installed on the host yet */
}

/**
 * Attributes to request, encoded per IKE_SA (cheap, and the hash list is
 * per connection)
 */
typedef struct {
	enumerator_t public;
	array_t *types;
	array_t *values;
	int pos;
} request_enumerator_t;

METHOD(enumerator_t, enumerate_request, bool,
	request_enumerator_t *this, va_list args)
{
	configuration_attribute_type_t *type;
	chunk_t *value, *current;
	uintptr_t current_type;

	VA_ARGS_VGET(args, type, value);
	if (this->pos >= array_count(this->types))
	{
		return FALSE;
	}
	array_get(this->types, this->pos, &current_type);
	array_get(this->values, this->pos++, &current);
	*type = current_type;
	*value = *current;
	return TRUE;
}

CALLBACK(free_value, void,
	chunk_t *value, int idx, void *user)
{
	chunk_free(value);
	free(value);
}

METHOD(enumerator_t, destroy_request, void,
	request_enumerator_t *this)
{
	array_destroy(this->types);
	array_destroy_function(this->values, free_value, NULL);
	free(this);
}

/**
 * Add an attribute to request
 */
static void add_request(request_enumerator_t *this,
						configuration_attribute_type_t type, chunk_t value)
{
	chunk_t *copy;

	INIT(copy);
	*copy = value;
	array_insert(this->types, ARRAY_TAIL, (void*)(uintptr_t)type);
	array_insert(this->values, ARRAY_TAIL, copy);
}

METHOD(attribute_handler_t, create_attribute_enumerator, enumerator_t*,
	private_encdns_handler_t *this, ike_sa_t *ike_sa, linked_list_t *vips)
{
	encdns_settings_client_t *client;
	request_enumerator_t *enumerator;
	encdns_conf_t *conf;
	encdns_error_t err = {};
	chunk_t value;

	if (ike_sa->get_version(ike_sa) != IKEV2)
	{
		return enumerator_create_empty();
	}
	conf = this->current->get(this->current);
	client = conf->get_client(conf, ike_sa->get_name(ike_sa));
	if (!client)
	{
		conf->destroy(conf);
		return enumerator_create_empty();
	}
	INIT(enumerator,
		.public = {
			.enumerate = enumerator_enumerate_default,
			.venumerate = _enumerate_request,
			.destroy = _destroy_request,
		},
		.types = array_create(0, 0),
		.values = array_create(0, 0),
	);
	if (client->ip4)
	{
		add_request(enumerator, ENCDNS_ATTR_IP4, chunk_empty);
	}
	if (client->ip6)
	{
		add_request(enumerator, ENCDNS_ATTR_IP6, chunk_empty);
	}
	if (client->hash_count)
	{
		if (encdns_digest_request_build(client->hashes, client->hash_count,
										&value, &err))
		{
			add_request(enumerator, ENCDNS_ATTR_DIGEST_INFO, value);
		}
		else
		{
			DBG1(DBG_IKE, "encdns: not requesting ENCDNS_DIGEST_INFO: %s",
				 err.msg);
		}
	}
	if (client->domains)
	{
		add_request(enumerator, ENCDNS_ATTR_INTERNAL_DNS_DOMAIN, chunk_empty);
	}
	DBG1(DBG_IKE, "encdns: requesting encrypted DNS resolvers for '%s'",
		 ike_sa->get_name(ike_sa));
	conf->destroy(conf);
	return &enumerator->public;
}

METHOD(encdns_handler_t, destroy, void,
	private_encdns_handler_t *this)
{
	free(this);
}

/*
 * Described in header
 */
encdns_handler_t *encdns_handler_create(encdns_conf_current_t *current)
{
	private_encdns_handler_t *this;

	INIT(this,
		.public = {
			.handler = {
				.handle = _handle,
				.release = _release,
				.create_attribute_enumerator = _create_attribute_enumerator,
			},
			.destroy = _destroy,
		},
		.current = current,
	);
	return &this->public;
}
