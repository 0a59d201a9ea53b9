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

#include "encdns_provider.h"

#include <daemon.h>
#include <encdns_digest.h>
#include <encdns_svcparams.h>

typedef struct private_encdns_provider_t private_encdns_provider_t;

/**
 * Private data
 */
struct private_encdns_provider_t {

	/**
	 * Public interface
	 */
	encdns_provider_t public;

	/**
	 * What each IKE_SA requested
	 */
	encdns_listener_t *listener;

	/**
	 * Configuration in force
	 */
	encdns_conf_current_t *current;
};

/**
 * Enumerator over the selected attributes, holds a reference to the
 * configuration the values point into
 */
typedef struct {
	enumerator_t public;
	encdns_conf_t *conf;
	array_t *selected;
	int pos;
} attribute_enumerator_t;

METHOD(enumerator_t, enumerate_attributes, bool,
	attribute_enumerator_t *this, va_list args)
{
	configuration_attribute_type_t *type;
	encdns_selected_t *selected;
	chunk_t *value;

	VA_ARGS_VGET(args, type, value);
	if (this->pos >= array_count(this->selected))
	{
		return FALSE;
	}
	array_get(this->selected, this->pos++, &selected);
	*type = selected->type;
	*value = selected->value;
	return TRUE;
}

CALLBACK(free_selected, void,
	encdns_selected_t *selected, int idx, void *user)
{
	free(selected);
}

METHOD(enumerator_t, destroy_attributes, void,
	attribute_enumerator_t *this)
{
	array_destroy_function(this->selected, free_selected, NULL);
	this->conf->destroy(this->conf);
	free(this);
}

/**
 * Log what is sent: a summary at level 1, each attribute at level 2
 */
static void log_selected(ike_sa_t *ike_sa, array_t *selected, uint16_t hash)
{
	encdns_selected_t *entry;
	encdns_resolver_t *resolver;
	int i, counts[5] = {};
	char *params = NULL;
	encdns_error_t err;

	for (i = 0; i < array_count(selected); i++)
	{
		array_get(selected, i, &entry);
		counts[entry->type - ENCDNS_ATTR_INTERNAL_DNS_DOMAIN]++;
	}
	DBG1(DBG_IKE, "encdns: sending %d ENCDNS_IP4, %d ENCDNS_IP6, "
		 "%d ENCDNS_DIGEST_INFO%s%N%s, %d INTERNAL_DNS_DOMAIN",
		 counts[ENCDNS_ATTR_IP4 - ENCDNS_ATTR_INTERNAL_DNS_DOMAIN],
		 counts[ENCDNS_ATTR_IP6 - ENCDNS_ATTR_INTERNAL_DNS_DOMAIN],
		 counts[ENCDNS_ATTR_DIGEST_INFO - ENCDNS_ATTR_INTERNAL_DNS_DOMAIN],
		 hash ? " (" : "", encdns_hash_names, hash, hash ? ")" : "",
		 counts[0]);
	for (i = 0; i < array_count(selected); i++)
	{
		array_get(selected, i, &entry);
		resolver = entry->resolver->resolver;
		memset(&err, 0, sizeof(err));
		switch (entry->type)
		{
			case ENCDNS_ATTR_IP4:
			case ENCDNS_ATTR_IP6:
				if (!encdns_svcparams_print(resolver->svcparams, &params,
											&err))
				{
					params = NULL;
				}
				DBG2(DBG_IKE, "encdns:   %N resolver '%s': priority %u, "
					 "ADN %s, %u address%s, SvcParams \"%s\"",
					 encdns_attr_type_names, entry->type,
					 entry->resolver->name, resolver->priority, resolver->adn,
					 array_count(entry->type == ENCDNS_ATTR_IP4 ?
								 resolver->v4 : resolver->v6),
					 array_count(entry->type == ENCDNS_ATTR_IP4 ?
								 resolver->v4 : resolver->v6) == 1 ? "" : "es",
					 params ?: "");
				free(params);
				params = NULL;
				break;
			case ENCDNS_ATTR_DIGEST_INFO:
				DBG2(DBG_IKE, "encdns:   ENCDNS_DIGEST_INFO resolver '%s': "
					 "%N of the SPKI of %s", entry->resolver->name,
					 encdns_hash_names, hash, resolver->adn);
				break;
			default:
				DBG2(DBG_IKE, "encdns:   INTERNAL_DNS_DOMAIN %.*s",
					 (int)entry->value.len, entry->value.ptr);
				break;
		}
	}
}

METHOD(attribute_provider_t, create_attribute_enumerator, enumerator_t*,
	private_encdns_provider_t *this, linked_list_t *pools, ike_sa_t *ike_sa,
	linked_list_t *vips)
{
	attribute_enumerator_t *enumerator;
	encdns_request_t request;
	uint16_t hash;

	/* IKEv1 Mode Config calls providers too; RFC 9464 is IKEv2 only, and a
	 * client that asked for nothing gets nothing */
	if (ike_sa->get_version(ike_sa) != IKEV2 ||
		!this->listener->get_request(this->listener, ike_sa, &request))
	{
		return enumerator_create_empty();
	}
	INIT(enumerator,
		.public = {
			.enumerate = enumerator_enumerate_default,
			.venumerate = _enumerate_attributes,
			.destroy = _destroy_attributes,
		},
		.selected = array_create(0, 0),
	);
	enumerator->conf = this->current->get(this->current);

	hash = enumerator->conf->select(enumerator->conf, ike_sa->get_name(ike_sa),
									pools, &request, enumerator->selected);
	if (!array_count(enumerator->selected))
	{
		DBG1(DBG_IKE, "encdns: no resolver configured for '%s' matches the "
			 "request, sending none", ike_sa->get_name(ike_sa));
	}
	else
	{
		log_selected(ike_sa, enumerator->selected, hash);
	}
	if (request.hash_count && !hash && array_count(enumerator->selected))
	{
		DBG1(DBG_IKE, "encdns: no hash algorithm in common with the peer, "
			 "sending no ENCDNS_DIGEST_INFO");
	}
	return &enumerator->public;
}

METHOD(encdns_provider_t, destroy, void,
	private_encdns_provider_t *this)
{
	free(this);
}

/*
 * Described in header
 */
encdns_provider_t *encdns_provider_create(encdns_listener_t *listener,
										  encdns_conf_current_t *current)
{
	private_encdns_provider_t *this;

	INIT(this,
		.public = {
			.provider = {
				.acquire_address = (void*)return_null,
				.release_address = (void*)return_false,
				.create_attribute_enumerator = _create_attribute_enumerator,
			},
			.destroy = _destroy,
		},
		.listener = listener,
		.current = current,
	);
	return &this->public;
}
