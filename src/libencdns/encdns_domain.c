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

#include "encdns_domain.h"

/**
 * Longest label (RFC 1035 2.3.4)
 */
#define LABEL_MAX 63

/**
 * Letters and digits of the LDH rule (RFC 5890 2.3.1)
 */
static inline bool is_let_dig(u_char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		   (c >= '0' && c <= '9');
}

/**
 * Name a refused octet in a way that is safe to log
 */
static char *octet_name(u_char c, char *buf, size_t len)
{
	switch (c)
	{
		case '\0':
			return "NUL";
		case '\r':
			return "CR";
		case '\n':
			return "LF";
		case ' ':
			return "space";
		default:
			if (c > 0x20 && c < 0x7f)
			{
				snprintf(buf, len, "'%c'", c);
			}
			else
			{
				snprintf(buf, len, "0x%02x", c);
			}
			return buf;
	}
}

/*
 * Described in header
 */
bool encdns_domain_parse(chunk_t name, bool allow_root, char **out,
						 encdns_error_t *err)
{
	char buf[8];
	size_t i, label = 0;
	u_char c, prev = '.';

	if (out)
	{
		*out = NULL;
	}
	/* one trailing dot marks the name fully qualified, same name */
	if (name.len && name.ptr[name.len - 1] == '.')
	{
		name.len--;
		if (!name.len)
		{
			if (!allow_root)
			{
				return encdns_error(err, "root name \".\" not allowed here "
									"(RFC 5890: FQDN of a host or domain)");
			}
		}
	}
	else if (!name.len && !allow_root)
	{
		return encdns_error(err, "empty name (RFC 5890: FQDN of a host or "
							"domain)");
	}
	if (name.len > ENCDNS_DOMAIN_MAX)
	{
		return encdns_error(err, "%zu octets, more than %d (RFC 1035 2.3.4: "
							"255 octets in wire form)", name.len,
							ENCDNS_DOMAIN_MAX);
	}
	for (i = 0; i < name.len; i++)
	{
		c = name.ptr[i];
		if (c == '.')
		{
			if (!label)
			{
				return encdns_error(err, "empty label at offset %zu "
									"(RFC 1035 2.3.1: labels of 1-63 "
									"octets)", i);
			}
			if (prev == '-')
			{
				return encdns_error(err, "label ends with '-' at offset %zu "
									"(RFC 5890 2.3.1: LDH label)", i - 1);
			}
			label = 0;
		}
		else if (c == '-')
		{
			if (!label)
			{
				return encdns_error(err, "label starts with '-' at offset "
									"%zu (RFC 5890 2.3.1: LDH label)", i);
			}
			label++;
		}
		else if (is_let_dig(c))
		{
			label++;
		}
		else if (c >= 0x80)
		{
			return encdns_error(err, "non-ASCII octet 0x%02x at offset %zu, "
								"a U-label (RFC 9464 3.1 / RFC 8598 4.1: "
								"IDNA A-labels only)", c, i);
		}
		else
		{
			return encdns_error(err, "octet %s at offset %zu (RFC 9464 3.1:"
								" presentation format of LDH labels, no "
								"terminators)", octet_name(c, buf, sizeof(buf)),
								i);
		}
		if (label > LABEL_MAX)
		{
			return encdns_error(err, "label longer than %d octets at offset "
								"%zu (RFC 1035 2.3.4)", LABEL_MAX, i);
		}
		prev = c;
	}
	if (name.len)
	{
		if (!label)
		{
			/* only reachable with a second trailing dot */
			return encdns_error(err, "empty label at offset %zu (RFC 1035 "
								"2.3.1: labels of 1-63 octets)", name.len);
		}
		if (prev == '-')
		{
			return encdns_error(err, "label ends with '-' at offset %zu "
								"(RFC 5890 2.3.1: LDH label)", name.len - 1);
		}
	}
	if (out)
	{
		/* bio_reader_t hands out zero-length chunks with a NULL pointer */
		*out = name.len ? strndup(name.ptr, name.len) : strdup("");
	}
	return TRUE;
}
