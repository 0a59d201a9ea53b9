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

#include <daemon.h>

typedef struct private_encdns_plugin_t private_encdns_plugin_t;

/**
 * Private data
 */
struct private_encdns_plugin_t {

	/**
	 * Public interface
	 */
	encdns_plugin_t public;
};

METHOD(plugin_t, get_name, char*,
	private_encdns_plugin_t *this)
{
	return "encdns";
}

METHOD(plugin_t, get_features, int,
	private_encdns_plugin_t *this, plugin_feature_t *features[])
{
	static plugin_feature_t f[] = {
		PLUGIN_NOOP,
			PLUGIN_PROVIDE(CUSTOM, "encdns"),
	};
	*features = f;
	return countof(f);
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
				.destroy = _destroy,
			},
		},
	);
	return &this->public.plugin;
}
