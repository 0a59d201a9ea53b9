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

#include "encdns_settings.h"
#include "encdns_attr.h"
#include "encdns_digest.h"
#include "encdns_domain.h"
#include "encdns_svcparams.h"

#include <settings/settings.h>
#include <utils/debug.h>

#include <libgen.h>
#include <limits.h>
#include <errno.h>
#include <unistd.h>

/**
 * Hashes digests are computed for, strongest first, index of digests[]
 */
static const uint16_t hashes[ENCDNS_SETTINGS_HASHES] = {
	ENCDNS_HASH_SHA2_512,
	ENCDNS_HASH_SHA2_384,
	ENCDNS_HASH_SHA2_256,
};

/**
 * Keys a resolver section may have
 */
static char *known_keys[] = {
	"connections", "pools", "addrs", "adn", "priority", "svcparams",
	"cert", "pubkey", "domains", "search",
};

int encdns_settings_hash_index(uint16_t hash)
{
	int i;

	for (i = 0; i < countof(hashes); i++)
	{
		if (hashes[i] == hash)
		{
			return i;
		}
	}
	return -1;
}

void encdns_settings_resolver_destroy(encdns_settings_resolver_t *this)
{
	int i;

	if (this)
	{
		free(this->name);
		encdns_resolver_destroy(this->resolver);
		chunk_free(&this->spki);
		for (i = 0; i < countof(this->digests); i++)
		{
			chunk_free(&this->digests[i]);
		}
		DESTROY_FUNCTION_IF(this->connections, free);
		DESTROY_FUNCTION_IF(this->pools, free);
		DESTROY_FUNCTION_IF(this->domains, free);
		DESTROY_FUNCTION_IF(this->search, free);
		free(this);
	}
}

void encdns_settings_destroy(linked_list_t *list)
{
	if (list)
	{
		list->destroy_function(list,
							(void*)encdns_settings_resolver_destroy);
	}
}

/**
 * Split a comma separated list into a list of strings
 */
static linked_list_t *split_list(char *value)
{
	enumerator_t *enumerator;
	linked_list_t *list;
	char *token;

	list = linked_list_create();
	if (value)
	{
		enumerator = enumerator_create_token(value, ",", " ");
		while (enumerator->enumerate(enumerator, &token))
		{
			list->insert_last(list, strdup(token));
		}
		enumerator->destroy(enumerator);
	}
	return list;
}

/**
 * Parse a list of domains, normalizing each
 */
static bool parse_domains(char *value, char *key, linked_list_t **out,
						  encdns_error_t *err)
{
	linked_list_t *list;
	enumerator_t *enumerator;
	char *domain, *normalized;
	bool ok = TRUE;

	*out = linked_list_create();
	list = split_list(value);
	enumerator = list->create_enumerator(list);
	while (ok && enumerator->enumerate(enumerator, &domain))
	{
		if (encdns_domain_parse(chunk_from_str(domain), FALSE, &normalized,
								err))
		{
			(*out)->insert_last(*out, normalized);
		}
		else
		{
			ok = encdns_error_prefix(err, "%s: '%s'", key, domain);
		}
	}
	enumerator->destroy(enumerator);
	list->destroy_function(list, free);
	return ok;
}

/**
 * Resolve a relative credential path against <swanctl dir>/<subdir>, as
 * swanctl does for certs and pubkeys
 */
static char *credential_path(char *file, char *subdir, char *name)
{
	char dir[PATH_MAX], path[PATH_MAX];

	if (name[0] == '/')
	{
		return strdup(name);
	}
	snprintf(dir, sizeof(dir), "%s", file);
	if (snprintf(path, sizeof(path), "%s/%s/%s", dirname(dir), subdir,
				 name) >= sizeof(path))
	{
		return NULL;
	}
	return strdup(path);
}

/**
 * Load the SPKI of a resolver and compute its digests
 */
static bool load_spki(encdns_settings_resolver_t *entry, char *file,
					  char *key, char *value, encdns_error_t *err)
{
	char *path;
	int i;
	bool ok;

	path = credential_path(file, streq(key, "cert") ? "x509" : "pubkey",
						   value);
	ok = path && encdns_spki_from_file(path, &entry->spki, err);
	free(path);
	if (!ok)
	{
		return encdns_error_prefix(err, "%s", key);
	}
	for (i = 0; i < countof(hashes); i++)
	{
		if (!encdns_spki_digest(entry->spki, hashes[i], &entry->digests[i],
								err))
		{
			return encdns_error_prefix(err, "%s", key);
		}
	}
	return TRUE;
}

/**
 * Strictly parse a service priority, 1..65535
 */
static bool parse_priority(char *value, uint16_t *priority,
						   encdns_error_t *err)
{
	unsigned long prio;
	char *end;

	if (!value)
	{
		*priority = 1;
		return TRUE;
	}
	errno = 0;
	prio = strtoul(value, &end, 10);
	if (!*value || *end || errno || prio > 65535 || value[0] == '-')
	{
		return encdns_error(err, "priority: '%s' is not a number from 1 to "
							"65535", value);
	}
	if (prio == 0)
	{
		return encdns_error(err, "priority: 0 (RFC 9464 3.1: MUST NOT be 0, "
							"AliasMode is not supported)");
	}
	*priority = prio;
	return TRUE;
}

/**
 * Parse the addresses of a resolver
 */
static bool parse_addrs(encdns_resolver_t *resolver, char *value,
						encdns_error_t *err)
{
	linked_list_t *list;
	enumerator_t *enumerator;
	host_t *host;
	char *addr;
	bool ok = TRUE;

	list = split_list(value);
	enumerator = list->create_enumerator(list);
	while (ok && enumerator->enumerate(enumerator, &addr))
	{
		host = host_create_from_string(addr, 0);
		if (!host)
		{
			ok = encdns_error(err, "addrs: '%s' is not an IP address", addr);
		}
		else
		{
			encdns_resolver_add_addr(resolver, host);
		}
	}
	enumerator->destroy(enumerator);
	list->destroy_function(list, free);
	if (ok && !array_count(resolver->v4) && !array_count(resolver->v6))
	{
		ok = encdns_error(err, "addrs: missing (RFC 9464 3.1: a reply MUST "
						  "include at least one address)");
	}
	return ok;
}

/**
 * Check that the resolver encodes as ENCDNS_IP4/6 for each of its
 * families, so nothing invalid is ever sent
 */
static bool check_encodable(encdns_resolver_t *resolver, encdns_error_t *err)
{
	chunk_t value;

	if (array_count(resolver->v4))
	{
		if (!encdns_ip_build(resolver, AF_INET, ENCDNS_CFG_REPLY, &value, err))
		{
			return FALSE;
		}
		chunk_free(&value);
	}
	if (array_count(resolver->v6))
	{
		if (!encdns_ip_build(resolver, AF_INET6, ENCDNS_CFG_REPLY, &value,
							 err))
		{
			return FALSE;
		}
		chunk_free(&value);
	}
	return TRUE;
}

/**
 * Refuse subsections and keys not in known of encdns.<section>.<name>, so
 * a typo is reported instead of silently ignored
 */
static bool check_keys(settings_t *settings, char *section, char *name,
					   char **known, int count, encdns_error_t *err)
{
	enumerator_t *enumerator;
	char *key, *value;
	bool ok = TRUE;
	int i;

	enumerator = settings->create_section_enumerator(settings,
										"encdns.%s.%s", section, name);
	if (enumerator->enumerate(enumerator, &key))
	{
		ok = encdns_error(err, "unknown section '%s'", key);
	}
	enumerator->destroy(enumerator);

	enumerator = settings->create_key_value_enumerator(settings,
										"encdns.%s.%s", section, name);
	while (ok && enumerator->enumerate(enumerator, &key, &value))
	{
		for (i = 0; i < count && !streq(key, known[i]); i++)
		{
			/* search */
		}
		if (i == count)
		{
			ok = encdns_error(err, "unknown key '%s'", key);
		}
	}
	enumerator->destroy(enumerator);
	return ok;
}

/**
 * Parse one resolver section
 */
static encdns_settings_resolver_t *parse_resolver(settings_t *settings,
								char *file, char *name, encdns_error_t *err)
{
	encdns_settings_resolver_t *entry;
	uint16_t priority = 0;
	char *value, *adn;
	bool ok = TRUE;

	if (!check_keys(settings, "resolvers", name, known_keys,
					countof(known_keys), err))
	{
		return NULL;
	}

#define GET(k) settings->get_str(settings, "encdns.resolvers.%s." k, NULL, name)
	if (!parse_priority(GET("priority"), &priority, err))
	{
		return NULL;
	}
	INIT(entry,
		.name = strdup(name),
		.resolver = encdns_resolver_create(priority),
		.connections = split_list(GET("connections")),
		.pools = split_list(GET("pools")),
	);

	ok = parse_addrs(entry->resolver, GET("addrs"), err);
	if (ok)
	{
		value = GET("adn");
		if (!value)
		{
			ok = encdns_error(err, "adn: missing (RFC 9464 3.1: a reply "
							  "carries the authentication domain name)");
		}
		else if (encdns_domain_parse(chunk_from_str(value), FALSE, &adn, err))
		{
			entry->resolver->adn = adn;
		}
		else
		{
			ok = encdns_error_prefix(err, "adn");
		}
	}
	if (ok && GET("svcparams") &&
		!encdns_svcparams_parse(GET("svcparams"), &entry->resolver->svcparams,
								err))
	{
		ok = encdns_error_prefix(err, "svcparams");
	}
	if (ok && GET("cert") && GET("pubkey"))
	{
		ok = encdns_error(err, "cert and pubkey: only one source of the "
						  "SPKI digest allowed");
	}
	if (ok && GET("cert"))
	{
		ok = load_spki(entry, file, "cert", GET("cert"), err);
	}
	if (ok && GET("pubkey"))
	{
		ok = load_spki(entry, file, "pubkey", GET("pubkey"), err);
	}
	if (ok)
	{
		ok = parse_domains(GET("domains"), "domains", &entry->domains, err) &&
			 parse_domains(GET("search"), "search", &entry->search, err);
	}
#undef GET
	if (ok)
	{
		ok = check_encodable(entry->resolver, err);
	}
	if (!ok)
	{
		encdns_settings_resolver_destroy(entry);
		return NULL;
	}
	return entry;
}

/**
 * Parse a swanctl.conf with its includes, report why if that fails
 */
static settings_t *open_settings(char *file, encdns_settings_error_t cb,
								 void *data)
{
	settings_t *settings;

	settings = settings_create(NULL);
	if (!settings->load_files(settings, file, FALSE))
	{
		if (cb)
		{
			cb(data, file, NULL, (char*)(access(file, R_OK) == 0 ?
			   "parsing failed" : strerror(errno)));
		}
		settings->destroy(settings);
		return NULL;
	}
	return settings;
}

/**
 * Parse one named subsection of a section, NULL and a reason if invalid
 */
typedef void *(*parse_entry_t)(settings_t *settings, char *file, char *name,
							   encdns_error_t *err);

/**
 * Parse every subsection of encdns.<section>; an invalid one is reported
 * through cb and skipped
 */
static linked_list_t *load_section(char *file, char *section,
								   parse_entry_t parse,
								   encdns_settings_error_t cb, void *data)
{
	settings_t *settings;
	linked_list_t *list;
	enumerator_t *enumerator;
	encdns_error_t err;
	void *entry;
	char *name;

	settings = open_settings(file, cb, data);
	if (!settings)
	{
		return NULL;
	}
	list = linked_list_create();
	enumerator = settings->create_section_enumerator(settings, "encdns.%s",
													 section);
	while (enumerator->enumerate(enumerator, &name))
	{
		memset(&err, 0, sizeof(err));
		entry = parse(settings, file, name, &err);
		if (entry)
		{
			list->insert_last(list, entry);
		}
		else if (cb)
		{
			cb(data, file, name, err.msg);
		}
	}
	enumerator->destroy(enumerator);
	settings->destroy(settings);
	return list;
}

linked_list_t *encdns_settings_load(char *file, encdns_settings_error_t cb,
									void *data)
{
	return load_section(file, "resolvers", (parse_entry_t)parse_resolver,
						cb, data);
}

uint16_t encdns_settings_parse_hash(char *name)
{
	if (strcaseeq(name, "sha256") || strcaseeq(name, "sha2-256"))
	{
		return ENCDNS_HASH_SHA2_256;
	}
	if (strcaseeq(name, "sha384") || strcaseeq(name, "sha2-384"))
	{
		return ENCDNS_HASH_SHA2_384;
	}
	if (strcaseeq(name, "sha512") || strcaseeq(name, "sha2-512"))
	{
		return ENCDNS_HASH_SHA2_512;
	}
	if (strcaseeq(name, "sha1"))
	{
		return ENCDNS_HASH_SHA1;
	}
	return 0;
}

/**
 * Keys a client section may have
 */
static char *client_keys[] = { "families", "hashes", "domains" };

/**
 * Parse one client section
 */
static encdns_settings_client_t *parse_client(settings_t *settings,
								char *file, char *name, encdns_error_t *err)
{
	encdns_settings_client_t *client;
	enumerator_t *enumerator;
	linked_list_t *list;
	char *value;
	bool ok = TRUE;

	if (!check_keys(settings, "clients", name, client_keys,
					countof(client_keys), err))
	{
		return NULL;
	}
	INIT(client,
		.name = strdup(name),
		.domains = settings->get_bool(settings, "encdns.clients.%s.domains",
									  TRUE, name),
	);

	value = settings->get_str(settings, "encdns.clients.%s.families",
							  "ipv4, ipv6", name);
	list = split_list(value);
	enumerator = list->create_enumerator(list);
	while (ok && enumerator->enumerate(enumerator, &value))
	{
		if (streq(value, "ipv4"))
		{
			client->ip4 = TRUE;
		}
		else if (streq(value, "ipv6"))
		{
			client->ip6 = TRUE;
		}
		else
		{
			ok = encdns_error(err, "families: '%s' is neither ipv4 nor ipv6",
							  value);
		}
	}
	enumerator->destroy(enumerator);
	list->destroy_function(list, free);

	value = settings->get_str(settings, "encdns.clients.%s.hashes",
							  "sha256, sha384, sha512", name);
	list = split_list(value);
	enumerator = list->create_enumerator(list);
	while (ok && enumerator->enumerate(enumerator, &value))
	{
		uint16_t hash = encdns_settings_parse_hash(value);

		if (streq(value, "none") && list->get_count(list) == 1)
		{
			break;
		}
		if (!hash)
		{
			ok = encdns_error(err, "hashes: unknown hash algorithm '%s'",
							  value);
		}
		else if (client->hash_count == ENCDNS_SETTINGS_MAX_HASHES)
		{
			ok = encdns_error(err, "hashes: more than %d",
							  ENCDNS_SETTINGS_MAX_HASHES);
		}
		else
		{
			client->hashes[client->hash_count++] = hash;
		}
	}
	enumerator->destroy(enumerator);
	list->destroy_function(list, free);

	if (ok && !client->ip4 && !client->ip6)
	{
		ok = encdns_error(err, "families: empty");
	}
	if (!ok)
	{
		free(client->name);
		free(client);
		return NULL;
	}
	return client;
}

CALLBACK(destroy_client, void,
	encdns_settings_client_t *client)
{
	free(client->name);
	free(client);
}

void encdns_settings_destroy_clients(linked_list_t *list)
{
	if (list)
	{
		list->destroy_function(list, destroy_client);
	}
}

linked_list_t *encdns_settings_load_clients(char *file,
								encdns_settings_error_t cb, void *data)
{
	return load_section(file, "clients", (parse_entry_t)parse_client,
						cb, data);
}
