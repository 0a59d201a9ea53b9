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

#include "encdns_print.h"
#include "encdns_svcparams.h"

#include <stdarg.h>
#include <stdio.h>

#include <bio/bio_writer.h>

/**
 * Append formatted text (with strongSwan's printf hooks, e.g. %H)
 */
static void put(bio_writer_t *w, char *fmt, ...)
{
	char buf[512];
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	if (len > 0)
	{
		w->write_data(w, chunk_create(buf, min(len, sizeof(buf) - 1)));
	}
}

/**
 * Append a domain as a quoted string; names are checked on input, but a
 * printer used on captures must not let odd octets break the layout
 */
static void put_quoted(bio_writer_t *w, char *str)
{
	u_char *pos;

	w->write_uint8(w, '"');
	for (pos = str ?: ""; *pos; pos++)
	{
		if (*pos == '"' || *pos == '\\' || *pos < 0x20 || *pos > 0x7e)
		{
			put(w, "\\%03u", *pos);
		}
		else
		{
			w->write_uint8(w, *pos);
		}
	}
	w->write_uint8(w, '"');
}

/**
 * Append a list of addresses as [a, b]
 */
static void put_addrs(bio_writer_t *w, char *label, array_t *addrs)
{
	host_t *host;
	int i;

	put(w, "    %s = [", label);
	for (i = 0; i < array_count(addrs); i++)
	{
		array_get(addrs, i, &host);
		put(w, "%s%H", i ? ", " : "", host);
	}
	put(w, "],\n");
}

/**
 * Append SvcParams one per line. The canonical presentation form separates
 * params by a space outside quotes, so we split there.
 */
static bool put_svcparams(bio_writer_t *w, chunk_t wire, encdns_error_t *err)
{
	char *text, *pos;
	bool quoted = FALSE, start = TRUE;

	if (!wire.len)
	{
		put(w, "    Service Parameters = {},\n");
		return TRUE;
	}
	if (!encdns_svcparams_print(wire, &text, err))
	{
		return encdns_error_prefix(err, "Nameserver: Service Parameters");
	}
	put(w, "    Service Parameters = {\n");
	for (pos = text; *pos; pos++)
	{
		if (start)
		{
			put(w, "      ");
			start = FALSE;
		}
		if (*pos == '\\' && pos[1])
		{
			w->write_uint8(w, *pos++);
		}
		else if (*pos == '"')
		{
			quoted = !quoted;
		}
		else if (*pos == ' ' && !quoted)
		{
			w->write_uint8(w, '\n');
			start = TRUE;
			continue;
		}
		w->write_uint8(w, *pos);
	}
	put(w, "\n    },\n");
	free(text);
	return TRUE;
}

/**
 * Append a list of domains, inline up to one entry, else one per line
 */
static void put_domains(bio_writer_t *w, char *label, array_t *domains)
{
	char *domain;
	int i, count;

	count = array_count(domains);
	put(w, "  %s = [", label);
	if (count == 1)
	{
		array_get(domains, 0, &domain);
		put_quoted(w, domain);
	}
	else if (count > 1)
	{
		put(w, "\n");
		for (i = 0; i < count; i++)
		{
			array_get(domains, i, &domain);
			put(w, "    ");
			put_quoted(w, domain);
			put(w, ",\n");
		}
		put(w, "  ");
	}
	put(w, "],\n");
}

/*
 * Described in header
 */
char *encdns_print_hash_name(uint16_t hash, char *buf, size_t len)
{
	switch (hash)
	{
		case 1:
			return "SHA1";
		case 2:
			return "SHA2-256";
		case 3:
			return "SHA2-384";
		case 4:
			return "SHA2-512";
		case 5:
			return "Identity";
		default:
			snprintf(buf, len, "HASH(%u)", hash);
			return buf;
	}
}

/**
 * Render into a writer
 */
static bool print_config(bio_writer_t *w, encdns_config_t *config,
						 encdns_error_t *err)
{
	encdns_resolver_t *resolver;
	encdns_digest_t *digest;
	chunk_t hex;
	char name[16];
	int i, count;

	put(w, "DNS Configuration = {\n  Nameservers = [");
	count = array_count(config->resolvers);
	for (i = 0; i < count; i++)
	{
		array_get(config->resolvers, i, &resolver);
		put(w, "%s{\n", i ? ", " : "");
		put(w, "    Service Priority = %u,\n", resolver->priority);
		put_addrs(w, "IPv4 Address", resolver->v4);
		put_addrs(w, "IPv6 Address", resolver->v6);
		put(w, "    Authentication Domain Name = ");
		put_quoted(w, resolver->adn);
		put(w, ",\n");
		if (!put_svcparams(w, resolver->svcparams, err))
		{
			return FALSE;
		}
		put(w, "  }");
	}
	put(w, "],\n");
	put_domains(w, "Internal Domains", config->internal_domains);
	put_domains(w, "Search Domains", config->search_domains);
	put(w, "}\n");

	count = array_count(config->digests);
	if (count)
	{
		put(w, "Digests = [\n");
		for (i = 0; i < count; i++)
		{
			array_get(config->digests, i, &digest);
			put(w, "  %s", encdns_print_hash_name(digest->hash, name,
												   sizeof(name)));
			if (digest->adn)
			{
				put(w, " (%s)", digest->adn);
			}
			hex = chunk_to_hex(digest->digest, NULL, FALSE);
			put(w, " = ");
			w->write_data(w, hex);
			put(w, ",\n");
			chunk_free(&hex);
		}
		put(w, "]\n");
	}
	return TRUE;
}

/*
 * Described in header
 */
bool encdns_print_config(encdns_config_t *config, char **text,
						 encdns_error_t *err)
{
	bio_writer_t *w;
	chunk_t buf;

	w = bio_writer_create(1024);
	if (!print_config(w, config, err))
	{
		w->destroy(w);
		return FALSE;
	}
	w->write_uint8(w, '\0');
	buf = w->extract_buf(w);
	w->destroy(w);
	*text = buf.ptr;
	return TRUE;
}

/*
 * Described in header
 */
bool encdns_print_config_buf(encdns_config_t *config, char *buf, size_t len,
							 encdns_error_t *err)
{
	char *text;
	size_t needed;

	if (!encdns_print_config(config, &text, err))
	{
		return FALSE;
	}
	needed = strlen(text) + 1;
	if (needed > len)
	{
		free(text);
		return encdns_error(err, "DNS Configuration: output needs %zu "
							"octets, buffer has %zu", needed, len);
	}
	memcpy(buf, text, needed);
	free(text);
	return TRUE;
}
