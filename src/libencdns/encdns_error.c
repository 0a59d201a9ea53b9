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

#include "encdns_error.h"

#include <stdarg.h>
#include <stdio.h>

bool encdns_error(encdns_error_t *err, char *fmt, ...)
{
	va_list args;

	if (err && !err->msg[0])
	{
		va_start(args, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, args);
		va_end(args);
	}
	return FALSE;
}

bool encdns_error_prefix(encdns_error_t *err, char *fmt, ...)
{
	char prefix[128], old[sizeof(err->msg)];
	va_list args;

	if (err)
	{
		va_start(args, fmt);
		vsnprintf(prefix, sizeof(prefix), fmt, args);
		va_end(args);
		memcpy(old, err->msg, sizeof(old));
		snprintf(err->msg, sizeof(err->msg), "%s: %s", prefix, old);
	}
	return FALSE;
}
