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

#include "encdns_conf.h"

#include <encdns_digest.h>
#include <encdns_svcparams.h>
#include <utils/debug.h>
#include <threading/mutex.h>

#include <errno.h>
#include <unistd.h>

typedef struct private_encdns_conf_t private_encdns_conf_t;

/**
 * A resolver with its attributes encoded at load time
 */
typedef struct {

	/** the resolver as configured */
	encdns_settings_resolver_t *settings;

	/** ENCDNS_IP4 value, chunk_empty without IPv4 addresses */
	chunk_t ip4;

	/** ENCDNS_IP6 value, chunk_empty without IPv6 addresses */
	chunk_t ip6;

	/** DIGEST_INFO values per hash index, without [0] and with [1] ADN */
	chunk_t digest_info[ENCDNS_SETTINGS_HASHES][2];

	/** INTERNAL_DNS_DOMAIN values, chunk_t* */
	array_t *domains;

} entry_t;

/**
 * Private data
 */
struct private_encdns_conf_t {

	/**
	 * Public interface
	 */
	encdns_conf_t public;

	/**
	 * entry_t*, in priority order
	 */
	array_t *entries;

	/**
	 * Client settings, encdns_settings_client_t*
	 */
	linked_list_t *clients;

	/**
	 * Hash preference for replies
	 */
	uint16_t preference[ENCDNS_SETTINGS_HASHES];

	/**
	 * Entries in preference
	 */
	int preference_count;

	/**
	 * Reference count
	 */
	refcount_t ref;
};

/**
 * Whether a list of strings contains a string
 */
static bool list_has(linked_list_t *list, char *str)
{
	enumerator_t *enumerator;
	char *current;
	bool found = FALSE;

	if (!list || !str)
	{
		return FALSE;
	}
	enumerator = list->create_enumerator(list);
	while (enumerator->enumerate(enumerator, &current))
	{
		if (streq(current, str))
		{
			found = TRUE;
			break;
		}
	}
	enumerator->destroy(enumerator);
	return found;
}

/**
 * Whether a resolver is served on a connection with these pools
 */
static bool entry_matches(entry_t *entry, char *conn, linked_list_t *pools)
{
	encdns_settings_resolver_t *settings = entry->settings;
	enumerator_t *enumerator;
	char *pool;
	bool found = FALSE;

	if (!settings->connections->get_count(settings->connections) &&
		!settings->pools->get_count(settings->pools))
	{
		return TRUE;
	}
	if (list_has(settings->connections, conn))
	{
		return TRUE;
	}
	if (pools)
	{
		enumerator = pools->create_enumerator(pools);
		while (!found && enumerator->enumerate(enumerator, &pool))
		{
			found = list_has(settings->pools, pool);
		}
		enumerator->destroy(enumerator);
	}
	return found;
}

/**
 * Add an attribute to the selection unless an identical one is there
 */
static void add_selected(array_t *selected, encdns_attr_type_t type,
						 chunk_t value, encdns_settings_resolver_t *resolver)
{
	encdns_selected_t *current;
	int i;

	for (i = 0; i < array_count(selected); i++)
	{
		array_get(selected, i, &current);
		if (current->type == type && chunk_equals(current->value, value))
		{
			return;
		}
	}
	INIT(current,
		.type = type,
		.value = value,
		.resolver = resolver,
	);
	array_insert(selected, ARRAY_TAIL, current);
}

/**
 * Strongest hash in both our preference and the request, as index into
 * the digests computed at load, -1 if none
 */
static int choose_hash(private_encdns_conf_t *this, encdns_request_t *request)
{
	int i, j;

	for (i = 0; i < this->preference_count; i++)
	{
		for (j = 0; j < request->hash_count; j++)
		{
			if (request->hashes[j] == this->preference[i])
			{
				return encdns_settings_hash_index(this->preference[i]);
			}
		}
	}
	return -1;
}

METHOD(encdns_conf_t, select_, uint16_t,
	private_encdns_conf_t *this, char *conn, linked_list_t *pools,
	encdns_request_t *request, array_t *selected)
{
	static const uint16_t hash_of_index[] = {
		ENCDNS_HASH_SHA2_512, ENCDNS_HASH_SHA2_384, ENCDNS_HASH_SHA2_256,
	};
	entry_t *entry, *sent[array_count(this->entries) ?: 1];
	chunk_t *domain;
	char *first_adn = NULL;
	bool several_adns = FALSE;
	int i, j, hash, count = 0;

	if (request->discarded)
	{
		return 0;
	}
	for (i = 0; i < array_count(this->entries); i++)
	{
		array_get(this->entries, i, &entry);
		if (!entry_matches(entry, conn, pools))
		{
			continue;
		}
		if ((request->ip4 && entry->ip4.len) ||
			(request->ip6 && entry->ip6.len))
		{
			sent[count++] = entry;
			if (!first_adn)
			{
				first_adn = entry->settings->resolver->adn;
			}
			else if (!strcaseeq(first_adn, entry->settings->resolver->adn))
			{
				several_adns = TRUE;
			}
		}
	}
	/* all IPv4 first, then IPv6, each in priority order */
	for (i = 0; request->ip4 && i < count; i++)
	{
		if (sent[i]->ip4.len)
		{
			add_selected(selected, ENCDNS_ATTR_IP4, sent[i]->ip4,
						 sent[i]->settings);
		}
	}
	for (i = 0; request->ip6 && i < count; i++)
	{
		if (sent[i]->ip6.len)
		{
			add_selected(selected, ENCDNS_ATTR_IP6, sent[i]->ip6,
						 sent[i]->settings);
		}
	}
	hash = count ? choose_hash(this, request) : -1;
	for (i = 0; hash >= 0 && i < count; i++)
	{
		if (sent[i]->digest_info[hash][several_adns].len)
		{
			add_selected(selected, ENCDNS_ATTR_DIGEST_INFO,
						 sent[i]->digest_info[hash][several_adns],
						 sent[i]->settings);
		}
	}
	for (i = 0; request->domains && i < count; i++)
	{
		for (j = 0; j < array_count(sent[i]->domains); j++)
		{
			array_get(sent[i]->domains, j, &domain);
			add_selected(selected, ENCDNS_ATTR_INTERNAL_DNS_DOMAIN, *domain,
						 sent[i]->settings);
		}
	}
	return hash >= 0 ? hash_of_index[hash] : 0;
}

METHOD(encdns_conf_t, get_client, encdns_settings_client_t*,
	private_encdns_conf_t *this, char *conn)
{
	encdns_settings_client_t *client, *found = NULL;
	enumerator_t *enumerator;

	enumerator = this->clients->create_enumerator(this->clients);
	while (enumerator->enumerate(enumerator, &client))
	{
		if (streq(client->name, conn))
		{
			found = client;
			break;
		}
	}
	enumerator->destroy(enumerator);
	return found;
}

METHOD(encdns_conf_t, get_resolver_count, int,
	private_encdns_conf_t *this)
{
	return array_count(this->entries);
}

METHOD(encdns_conf_t, get_ref, encdns_conf_t*,
	private_encdns_conf_t *this)
{
	ref_get(&this->ref);
	return &this->public;
}

CALLBACK(destroy_domain, void,
	chunk_t *domain, int idx, void *user)
{
	chunk_free(domain);
	free(domain);
}

/**
 * Destroy an entry
 */
static void entry_destroy(entry_t *entry)
{
	int i;

	encdns_settings_resolver_destroy(entry->settings);
	chunk_free(&entry->ip4);
	chunk_free(&entry->ip6);
	for (i = 0; i < ENCDNS_SETTINGS_HASHES; i++)
	{
		chunk_free(&entry->digest_info[i][0]);
		chunk_free(&entry->digest_info[i][1]);
	}
	array_destroy_function(entry->domains, destroy_domain, NULL);
	free(entry);
}

CALLBACK(destroy_entry, void,
	entry_t *entry, int idx, void *user)
{
	entry_destroy(entry);
}

METHOD(encdns_conf_t, destroy, void,
	private_encdns_conf_t *this)
{
	if (ref_put(&this->ref))
	{
		array_destroy_function(this->entries, destroy_entry, NULL);
		encdns_settings_destroy_clients(this->clients);
		free(this);
	}
}

/**
 * Encode the attributes of a resolver, once
 */
static entry_t *entry_create(encdns_settings_resolver_t *settings,
							 encdns_error_t *err)
{
	static const uint16_t hash_of_index[] = {
		ENCDNS_HASH_SHA2_512, ENCDNS_HASH_SHA2_384, ENCDNS_HASH_SHA2_256,
	};
	encdns_resolver_t *resolver = settings->resolver;
	encdns_digest_t digest = {};
	enumerator_t *enumerator;
	chunk_t *value;
	entry_t *entry;
	char *domain;
	bool ok = TRUE;
	int i;

	INIT(entry,
		.settings = settings,
		.domains = array_create(0, 0),
	);
	if (array_count(resolver->v4))
	{
		ok = encdns_ip_build(resolver, AF_INET, ENCDNS_CFG_REPLY, &entry->ip4,
							 err);
	}
	if (ok && array_count(resolver->v6))
	{
		ok = encdns_ip_build(resolver, AF_INET6, ENCDNS_CFG_REPLY,
							 &entry->ip6, err);
	}
	for (i = 0; ok && settings->spki.len && i < ENCDNS_SETTINGS_HASHES; i++)
	{
		digest.hash = hash_of_index[i];
		digest.digest = settings->digests[i];
		digest.adn = NULL;
		ok = encdns_digest_reply_build(&digest, &entry->digest_info[i][0],
									   err);
		digest.adn = resolver->adn;
		ok = ok && encdns_digest_reply_build(&digest,
										&entry->digest_info[i][1], err);
	}
	enumerator = settings->domains->create_enumerator(settings->domains);
	while (ok && enumerator->enumerate(enumerator, &domain))
	{
		INIT(value);
		array_insert(entry->domains, ARRAY_TAIL, value);
		ok = encdns_dns_domain_build(domain, value, err);
	}
	enumerator->destroy(enumerator);
	if (!ok)
	{
		entry->settings = NULL;
		entry_destroy(entry);
		return NULL;
	}
	return entry;
}

CALLBACK(log_error, void,
	char *what, char *file, char *name, char *reason)
{
	if (name)
	{
		DBG1(DBG_CFG, "encdns: %s: %s '%s' skipped: %s", file, what, name,
			 reason);
	}
	else
	{
		DBG1(DBG_CFG, "encdns: %s: %s", file, reason);
	}
}

encdns_conf_t *encdns_conf_load(char *file, uint16_t *preference, int count)
{
	private_encdns_conf_t *this;
	encdns_settings_resolver_t *settings;
	linked_list_t *resolvers;
	entry_t *entry, *current;
	encdns_error_t err;
	chunk_t alpn;
	int i, pos;

	INIT(this,
		.public = {
			.select = _select_,
			.get_client = _get_client,
			.get_resolver_count = _get_resolver_count,
			.get_ref = _get_ref,
			.destroy = _destroy,
		},
		.entries = array_create(0, 0),
		.ref = 1,
	);
	for (i = 0; i < count && i < ENCDNS_SETTINGS_HASHES; i++)
	{
		this->preference[this->preference_count++] = preference[i];
	}

	if (access(file, R_OK) != 0)
	{
		DBG1(DBG_CFG, "encdns: %s: %s, no resolvers served, no client "
			 "connections enabled", file, strerror(errno));
		this->clients = linked_list_create();
		return &this->public;
	}
	resolvers = encdns_settings_load(file, log_error, "resolver");
	while (resolvers &&
		   resolvers->remove_first(resolvers, (void**)&settings) == SUCCESS)
	{
		memset(&err, 0, sizeof(err));
		entry = entry_create(settings, &err);
		if (!entry)
		{
			log_error("resolver", file, settings->name, err.msg);
			encdns_settings_resolver_destroy(settings);
			continue;
		}
		if (!encdns_svcparams_find(settings->resolver->svcparams,
								   SVC_KEY_ALPN, &alpn))
		{
			DBG1(DBG_CFG, "encdns: %s: resolver '%s' has no alpn in its "
				 "svcparams (RFC 9464 4: SHOULD include alpn), clients may "
				 "not know which protocol to use", file, settings->name);
		}
		/* stable insertion by priority, so replies go out in order */
		for (pos = array_count(this->entries); pos > 0; pos--)
		{
			array_get(this->entries, pos - 1, &current);
			if (current->settings->resolver->priority <=
				settings->resolver->priority)
			{
				break;
			}
		}
		array_insert(this->entries, pos, entry);
	}
	DESTROY_IF(resolvers);

	this->clients = encdns_settings_load_clients(file, log_error, "client");
	if (!this->clients)
	{
		this->clients = linked_list_create();
	}
	DBG1(DBG_CFG, "encdns: loaded %d resolver%s and %d client connection%s "
		 "from %s", array_count(this->entries),
		 array_count(this->entries) == 1 ? "" : "s",
		 this->clients->get_count(this->clients),
		 this->clients->get_count(this->clients) == 1 ? "" : "s", file);
	return &this->public;
}

typedef struct private_encdns_conf_current_t private_encdns_conf_current_t;

/**
 * Private data of the holder
 */
struct private_encdns_conf_current_t {

	/**
	 * Public interface
	 */
	encdns_conf_current_t public;

	/**
	 * Configuration in force
	 */
	encdns_conf_t *conf;

	/**
	 * Protects the pointer, not the immutable configuration
	 */
	mutex_t *mutex;
};

METHOD(encdns_conf_current_t, current_get, encdns_conf_t*,
	private_encdns_conf_current_t *this)
{
	encdns_conf_t *conf;

	this->mutex->lock(this->mutex);
	conf = this->conf->get_ref(this->conf);
	this->mutex->unlock(this->mutex);
	return conf;
}

METHOD(encdns_conf_current_t, current_set, void,
	private_encdns_conf_current_t *this, encdns_conf_t *conf)
{
	encdns_conf_t *old;

	this->mutex->lock(this->mutex);
	old = this->conf;
	this->conf = conf->get_ref(conf);
	this->mutex->unlock(this->mutex);
	old->destroy(old);
}

METHOD(encdns_conf_current_t, current_destroy, void,
	private_encdns_conf_current_t *this)
{
	this->conf->destroy(this->conf);
	this->mutex->destroy(this->mutex);
	free(this);
}

encdns_conf_current_t *encdns_conf_current_create(encdns_conf_t *conf)
{
	private_encdns_conf_current_t *this;

	INIT(this,
		.public = {
			.get = _current_get,
			.set = _current_set,
			.destroy = _current_destroy,
		},
		.conf = conf->get_ref(conf),
		.mutex = mutex_create(MUTEX_TYPE_DEFAULT),
	);
	return &this->public;
}
