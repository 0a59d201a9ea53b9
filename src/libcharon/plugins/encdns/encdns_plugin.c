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

#include "encdns_plugin.h"
#include "encdns_conf.h"
#include "encdns_handler.h"
#include "encdns_listener.h"
#include "encdns_names.h"
#include "encdns_provider.h"

#include <daemon.h>
#include <encdns_digest.h>

typedef struct private_encdns_plugin_t private_encdns_plugin_t;

/**
 * Private data
 */
struct private_encdns_plugin_t {

	/**
	 * Public interface
	 */
	encdns_plugin_t public;

	/**
	 * Records what each IKE_SA requested
	 */
	encdns_listener_t *listener;

	/**
	 * Gateway side
	 */
	encdns_provider_t *provider;

	/**
	 * Client side
	 */
	encdns_handler_t *handler;

	/**
	 * Configuration in force, shared by provider and handler
	 */
	encdns_conf_current_t *current;
};

/**
 * Read the swanctl.conf encdns section with the hash preference of
 * strongswan.conf
 */
static encdns_conf_t *load_conf()
{
	enumerator_t *enumerator;
	uint16_t preference[ENCDNS_SETTINGS_HASHES], hash;
	char *file, *list, *name;
	int count = 0;

	file = lib->settings->get_str(lib->settings,
						"%s.plugins.encdns.swanctl_conf", SWANCTL_CONF_DEFAULT,
						lib->ns);
	list = lib->settings->get_str(lib->settings,
						"%s.plugins.encdns.hash_preference",
						"sha512, sha384, sha256", lib->ns);
	enumerator = enumerator_create_token(list, ",", " ");
	while (enumerator->enumerate(enumerator, &name))
	{
		hash = encdns_settings_parse_hash(name);
		if (encdns_settings_hash_index(hash) < 0)
		{
			DBG1(DBG_CFG, "encdns: hash_preference: '%s' is not one of "
				 "sha256, sha384, sha512, ignored", name);
		}
		else if (count < countof(preference))
		{
			preference[count++] = hash;
		}
	}
	enumerator->destroy(enumerator);
	if (!count)
	{
		DBG1(DBG_CFG, "encdns: hash_preference empty, using sha256 "
			 "(RFC 9464 5: mandatory to implement)");
		preference[count++] = ENCDNS_HASH_SHA2_256;
	}
	return encdns_conf_load(file, preference, count);
}

/**
 * Register or unregister provider, handler and listener
 */
static bool plugin_cb(private_encdns_plugin_t *this,
					  plugin_feature_t *feature, bool reg, void *cb_data)
{
	encdns_conf_t *conf;

	if (reg)
	{
		encdns_names_register();
		conf = load_conf();
		this->current = encdns_conf_current_create(conf);
		conf->destroy(conf);
		this->listener = encdns_listener_create();
		this->provider = encdns_provider_create(this->listener,
												this->current);
		this->handler = encdns_handler_create(this->current);
		charon->bus->add_listener(charon->bus, &this->listener->listener);
		charon->attributes->add_provider(charon->attributes,
										 &this->provider->provider);
		charon->attributes->add_handler(charon->attributes,
										&this->handler->handler);
	}
	else
	{
		charon->attributes->remove_handler(charon->attributes,
										   &this->handler->handler);
		charon->attributes->remove_provider(charon->attributes,
											&this->provider->provider);
		charon->bus->remove_listener(charon->bus, &this->listener->listener);
		this->handler->destroy(this->handler);
		this->provider->destroy(this->provider);
		this->listener->destroy(this->listener);
		this->current->destroy(this->current);
		this->current = NULL;
		encdns_names_unregister();
	}
	return TRUE;
}

METHOD(plugin_t, get_name, char*,
	private_encdns_plugin_t *this)
{
	return "encdns";
}

METHOD(plugin_t, get_features, int,
	private_encdns_plugin_t *this, plugin_feature_t *features[])
{
	static plugin_feature_t f[] = {
		PLUGIN_CALLBACK((plugin_feature_callback_t)plugin_cb, NULL),
			PLUGIN_PROVIDE(CUSTOM, "encdns"),
				PLUGIN_DEPENDS(HASHER, HASH_SHA256),
				PLUGIN_SDEPEND(HASHER, HASH_SHA384),
				PLUGIN_SDEPEND(HASHER, HASH_SHA512),
				PLUGIN_SDEPEND(CERT_DECODE, CERT_X509),
				PLUGIN_SDEPEND(PUBKEY, KEY_ANY),
	};
	*features = f;
	return countof(f);
}

METHOD(plugin_t, reload, bool,
	private_encdns_plugin_t *this)
{
	encdns_conf_t *conf;

	if (!this->current)
	{
		return FALSE;
	}
	conf = load_conf();
	this->current->set(this->current, conf);
	conf->destroy(conf);
	DBG1(DBG_CFG, "encdns: configuration reloaded, established SAs keep "
		 "what they were sent");
	return TRUE;
}

METHOD(plugin_t, destroy, void,
	private_encdns_plugin_t *this)
{
	free(this);
}

/*
 * Described in header
 */
#ifdef PLUGIN_DEFINE
PLUGIN_DEFINE(encdns)
#else
plugin_t *encdns_plugin_create()
#endif
{
	private_encdns_plugin_t *this;

	INIT(this,
		.public = {
			.plugin = {
				.get_name = _get_name,
				.get_features = _get_features,
				.reload = _reload,
				.destroy = _destroy,
			},
		},
	);
	return &this->public.plugin;
}
