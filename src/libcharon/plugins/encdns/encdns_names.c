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

#include "encdns_names.h"

#include <attributes/attributes.h>

/* only the types strongSwan does not name itself; 25/26 it does */
ENUM(encdns_long_names, 27, 29,
	"ENCDNS_IP4",
	"ENCDNS_IP6",
	"ENCDNS_DIGEST_INFO",
);

ENUM(encdns_short_names, 27, 29,
	"ENCDNS4",
	"ENCDNS6",
	"DIGESTINFO",
);

/**
 * The element of a name chain whose next pointer is NULL, the one we hang
 * our range on
 */
static enum_name_t *chain_end(enum_name_t *names)
{
	while (names && names->next && names->next != ENUM_FLAG_MAGIC)
	{
		names = names->next;
	}
	return (names && !names->next) ? names : NULL;
}

/**
 * Whether a chain already names our range (a later strongSwan might)
 */
static bool names_ours(enum_name_t *names)
{
	for (; names && names != ENUM_FLAG_MAGIC; names = names->next)
	{
		if (names->first <= 27 && names->last >= 27)
		{
			return TRUE;
		}
	}
	return FALSE;
}

/**
 * Append or remove our range on one chain
 */
static void link_names(enum_name_t *chain, enum_name_t *ours, bool add)
{
	enum_name_t *end;

	if (add)
	{
		if (!names_ours(chain) && (end = chain_end(chain)))
		{
			end->next = ours;
		}
	}
	else
	{
		for (; chain && chain != ENUM_FLAG_MAGIC; chain = chain->next)
		{
			if (chain->next == ours)
			{
				chain->next = NULL;
				break;
			}
		}
	}
}

void encdns_names_register()
{
	link_names(configuration_attribute_type_names, encdns_long_names, TRUE);
	link_names(configuration_attribute_type_short_names, encdns_short_names,
			   TRUE);
}

void encdns_names_unregister()
{
	link_names(configuration_attribute_type_names, encdns_long_names, FALSE);
	link_names(configuration_attribute_type_short_names, encdns_short_names,
			   FALSE);
}
