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

#include "encdns_svcparams.h"

#include <ctype.h>
#include <stdio.h>

/**
 * Names of the known keys, indexed by SvcParamKey
 */
static char *key_names[] = {
	"mandatory",
	"alpn",
	"no-default-alpn",
	"port",
	"ipv4hint",
	"ech",
	"ipv6hint",
	"dohpath",
	"ohttp",
};

/**
 * Buffer for a key name in error messages, "key65535" plus NUL
 */
typedef char key_buf_t[12];

/**
 * Name of a key, the registered name or keyNNNNN
 */
static char *key_name(uint16_t key, key_buf_t buf)
{
	if (key < countof(key_names))
	{
		return key_names[key];
	}
	snprintf(buf, sizeof(key_buf_t), "key%u", key);
	return buf;
}

/**
 * Split off the next SvcParam of wire form without checking its value.
 * Distinguishes the ways the data can end inside a SvcParam.
 */
static bool next_param(chunk_t *wire, uint16_t *key, chunk_t *value,
					   encdns_error_t *err)
{
	key_buf_t kb;
	uint16_t len;

	if (wire->len < 2)
	{
		return encdns_error(err, "SvcParams: truncated SvcParamKey, %zu "
							"octet(s) left (RFC 9460 2.2)", wire->len);
	}
	*key = untoh16(wire->ptr);
	if (wire->len < 4)
	{
		return encdns_error(err, "SvcParams: %s: truncated SvcParamValue "
							"length (RFC 9460 2.2)", key_name(*key, kb));
	}
	len = untoh16(wire->ptr + 2);
	if (wire->len - 4 < len)
	{
		return encdns_error(err, "SvcParams: %s: value length %u exceeds the "
							"%zu remaining octets (RFC 9460 2.2)",
							key_name(*key, kb), len, wire->len - 4);
	}
	*value = chunk_create(wire->ptr + 4, len);
	*wire = chunk_skip(*wire, 4 + len);
	return TRUE;
}

/**
 * Length of the UTF-8 sequence at the start of data, 0 if it is not valid
 * (overlong forms, surrogates and code points above U+10FFFF included)
 */
static int utf8_len(u_char *ptr, size_t len)
{
	uint32_t cp, min;
	int n, i;

	if (ptr[0] < 0x80)
	{
		return 1;
	}
	if ((ptr[0] & 0xe0) == 0xc0)
	{
		n = 2;
		cp = ptr[0] & 0x1f;
		min = 0x80;
	}
	else if ((ptr[0] & 0xf0) == 0xe0)
	{
		n = 3;
		cp = ptr[0] & 0x0f;
		min = 0x800;
	}
	else if ((ptr[0] & 0xf8) == 0xf0)
	{
		n = 4;
		cp = ptr[0] & 0x07;
		min = 0x10000;
	}
	else
	{
		return 0;
	}
	if (len < n)
	{
		return 0;
	}
	for (i = 1; i < n; i++)
	{
		if ((ptr[i] & 0xc0) != 0x80)
		{
			return 0;
		}
		cp = (cp << 6) | (ptr[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
	{
		return 0;
	}
	return n;
}

/**
 * Check for a pct-encoded triplet (RFC 3986 2.1) at pos
 */
static bool is_pct(chunk_t v, size_t pos)
{
	return pos + 2 < v.len && v.ptr[pos] == '%' &&
		   isxdigit(v.ptr[pos + 1]) && isxdigit(v.ptr[pos + 2]);
}

/**
 * Check a variable list of an RFC 6570 expression (between the operator and
 * the closing brace) and see whether it names the "dns" variable
 */
static bool check_varlist(chunk_t v, bool *dns, encdns_error_t *err)
{
	size_t pos = 0, start, digits;

	while (TRUE)
	{
		start = pos;
		/* varname = varchar *( ["."] varchar ) */
		while (pos < v.len)
		{
			if (isalnum(v.ptr[pos]) || v.ptr[pos] == '_')
			{
				pos++;
			}
			else if (is_pct(v, pos))
			{
				pos += 3;
			}
			else if (v.ptr[pos] == '.' && pos > start && pos + 1 < v.len &&
					 v.ptr[pos - 1] != '.')
			{
				pos++;
			}
			else
			{
				break;
			}
		}
		if (pos == start || v.ptr[pos - 1] == '.')
		{
			return encdns_error(err, "SvcParams: dohpath: invalid variable "
								"name in URI Template expression (RFC 6570 "
								"2.3, RFC 9461 5.1)");
		}
		if (pos - start == 3 && memeq(v.ptr + start, "dns", 3))
		{
			*dns = TRUE;
		}
		if (pos < v.len && v.ptr[pos] == '*')
		{
			pos++;
		}
		else if (pos < v.len && v.ptr[pos] == ':')
		{
			/* prefix modifier: 1-4 digits, no leading zero, < 10000 */
			pos++;
			digits = 0;
			while (pos < v.len && isdigit(v.ptr[pos]))
			{
				if (digits == 0 && v.ptr[pos] == '0')
				{
					digits = 5;
				}
				digits++;
				pos++;
			}
			if (digits < 1 || digits > 4)
			{
				return encdns_error(err, "SvcParams: dohpath: invalid prefix "
									"modifier in URI Template expression "
									"(RFC 6570 2.4.1, RFC 9461 5.1)");
			}
		}
		if (pos == v.len)
		{
			return TRUE;
		}
		if (v.ptr[pos] != ',')
		{
			return encdns_error(err, "SvcParams: dohpath: invalid character "
								"0x%02x in URI Template expression (RFC 6570 "
								"2.3, RFC 9461 5.1)", v.ptr[pos]);
		}
		pos++;
	}
}

/**
 * Check a dohpath value: UTF-8 relative URI Template with a "dns" variable
 * (RFC 9461 5.1). Relative here means an absolute path, as its expansion
 * must give a :path (RFC 9113 8.3.1).
 */
static bool check_dohpath(chunk_t v, encdns_error_t *err)
{
	size_t pos = 0, end;
	bool dns = FALSE;
	int n;

	if (!v.len)
	{
		return encdns_error(err, "SvcParams: dohpath: empty value (RFC 9461 "
							"5.1: MUST contain a dns variable)");
	}
	if (v.ptr[0] != '/')
	{
		return encdns_error(err, "SvcParams: dohpath: does not start with / "
							"(RFC 9461 5.1: expansion MUST be a valid :path)");
	}
	while (pos < v.len)
	{
		if (v.ptr[pos] == '{')
		{
			for (end = pos + 1; end < v.len && v.ptr[end] != '}'; end++)
			{
				if (v.ptr[end] == '{')
				{
					break;
				}
			}
			if (end == v.len || v.ptr[end] != '}')
			{
				return encdns_error(err, "SvcParams: dohpath: unterminated "
									"URI Template expression (RFC 6570 2.2, "
									"RFC 9461 5.1)");
			}
			pos++;
			if (pos < end && strchr("+#./;?&", v.ptr[pos]))
			{
				pos++;
			}
			if (!check_varlist(chunk_create(v.ptr + pos, end - pos), &dns,
							   err))
			{
				return FALSE;
			}
			pos = end + 1;
			continue;
		}
		if (v.ptr[pos] == '%')
		{
			if (!is_pct(v, pos))
			{
				return encdns_error(err, "SvcParams: dohpath: invalid "
									"percent-encoding (RFC 6570 2.1, "
									"RFC 9461 5.1)");
			}
			pos += 3;
			continue;
		}
		if (v.ptr[pos] <= 0x20 || v.ptr[pos] == 0x7f ||
			strchr("\"'<>\\^`|}", v.ptr[pos]))
		{
			return encdns_error(err, "SvcParams: dohpath: character 0x%02x "
								"not allowed in a URI Template literal (RFC "
								"6570 2.1, RFC 9461 5.1)", v.ptr[pos]);
		}
		n = utf8_len(v.ptr + pos, v.len - pos);
		if (!n)
		{
			return encdns_error(err, "SvcParams: dohpath: invalid UTF-8 at "
								"offset %zu (RFC 9461 5.1)", pos);
		}
		pos += n;
	}
	if (!dns)
	{
		return encdns_error(err, "SvcParams: dohpath: no dns variable (RFC "
							"9461 5.1: MUST contain a dns variable)");
	}
	return TRUE;
}

/**
 * Check the format of a known key's value (RFC 9460 7, 8; RFC 9461 5.1;
 * RFC 9540). Cross-key rules are checked by the caller.
 */
static bool check_value(uint16_t key, chunk_t v, encdns_error_t *err)
{
	chunk_t ids;
	size_t i;

	switch (key)
	{
		case SVC_KEY_MANDATORY:
			if (!v.len || v.len % 2)
			{
				return encdns_error(err, "SvcParams: mandatory: length %zu "
									"is not a non-zero multiple of 2 (RFC "
									"9460 8)", v.len);
			}
			for (i = 0; i < v.len; i += 2)
			{
				if (untoh16(v.ptr + i) == SVC_KEY_MANDATORY)
				{
					return encdns_error(err, "SvcParams: mandatory: lists "
										"mandatory (RFC 9460 8: MUST NOT "
										"appear in its own value)");
				}
				if (i && untoh16(v.ptr + i) <= untoh16(v.ptr + i - 2))
				{
					return encdns_error(err, "SvcParams: mandatory: keys not "
										"strictly increasing (RFC 9460 8)");
				}
			}
			return TRUE;
		case SVC_KEY_ALPN:
			if (!v.len)
			{
				return encdns_error(err, "SvcParams: alpn: empty value (RFC "
									"9460 7.1)");
			}
			ids = v;
			while (ids.len)
			{
				if (!ids.ptr[0])
				{
					return encdns_error(err, "SvcParams: alpn: empty ALPN id "
										"(RFC 9460 7.1)");
				}
				if (ids.len - 1 < ids.ptr[0])
				{
					return encdns_error(err, "SvcParams: alpn: ALPN id length "
										"%u overruns the value (RFC 9460 "
										"7.1)", ids.ptr[0]);
				}
				ids = chunk_skip(ids, 1 + ids.ptr[0]);
			}
			return TRUE;
		case SVC_KEY_NO_DEFAULT_ALPN:
		case SVC_KEY_OHTTP:
			if (v.len)
			{
				return encdns_error(err, "SvcParams: %s: value of %zu octets "
									"(%s: MUST be empty)", key_names[key],
									v.len, key == SVC_KEY_OHTTP ?
									"RFC 9540 4" : "RFC 9460 7.1.1");
			}
			return TRUE;
		case SVC_KEY_PORT:
			if (v.len != 2)
			{
				return encdns_error(err, "SvcParams: port: value of %zu "
									"octets (RFC 9460 7.2: exactly 2)", v.len);
			}
			return TRUE;
		case SVC_KEY_IPV4HINT:
		case SVC_KEY_IPV6HINT:
			i = key == SVC_KEY_IPV4HINT ? 4 : 16;
			if (!v.len || v.len % i)
			{
				return encdns_error(err, "SvcParams: %s: length %zu is not a "
									"non-zero multiple of %zu (RFC 9460 7.3)",
									key_names[key], v.len, i);
			}
			return TRUE;
		case SVC_KEY_ECH:
			if (!v.len)
			{
				return encdns_error(err, "SvcParams: ech: empty value (RFC "
									"9460 14.3.2, ECHConfigList is "
									"non-empty)");
			}
			return TRUE;
		case SVC_KEY_DOHPATH:
			return check_dohpath(v, err);
		case SVC_KEY_INVALID:
			return encdns_error(err, "SvcParams: key65535 is the reserved "
								"invalid key (RFC 9460 14.3.2)");
		default:
			return TRUE;
	}
}

bool encdns_svcparams_check(chunk_t wire, encdns_error_t *err)
{
	chunk_t value, mandatory = chunk_empty;
	key_buf_t kb1, kb2;
	uint16_t key, last = 0;
	bool first = TRUE, alpn = FALSE;

	while (wire.len)
	{
		if (!next_param(&wire, &key, &value, err))
		{
			return FALSE;
		}
		if (!first && key <= last)
		{
			return encdns_error(err, "SvcParams: keys not strictly "
								"increasing: %s after %s (RFC 9460 2.2)",
								key_name(key, kb1), key_name(last, kb2));
		}
		if (!check_value(key, value, err))
		{
			return FALSE;
		}
		/* mandatory comes first and is sorted like the keys, so its list
		 * is matched against the following keys in the same pass */
		if (key == SVC_KEY_MANDATORY)
		{
			mandatory = value;
		}
		else if (mandatory.len)
		{
			if (untoh16(mandatory.ptr) < key)
			{
				return encdns_error(err, "SvcParams: mandatory: lists %s, "
									"which is missing (RFC 9460 8)",
									key_name(untoh16(mandatory.ptr), kb1));
			}
			if (untoh16(mandatory.ptr) == key)
			{
				mandatory = chunk_skip(mandatory, 2);
			}
		}
		if (key == SVC_KEY_ALPN)
		{
			alpn = TRUE;
		}
		if (key == SVC_KEY_NO_DEFAULT_ALPN && !alpn)
		{
			return encdns_error(err, "SvcParams: no-default-alpn without alpn "
								"(RFC 9460 7.1.1)");
		}
		last = key;
		first = FALSE;
	}
	if (mandatory.len)
	{
		return encdns_error(err, "SvcParams: mandatory: lists %s, which is "
							"missing (RFC 9460 8)",
							key_name(untoh16(mandatory.ptr), kb1));
	}
	return TRUE;
}

bool encdns_svcparams_find(chunk_t wire, uint16_t key, chunk_t *value)
{
	chunk_t v;
	uint16_t k;

	while (wire.len && next_param(&wire, &k, &v, NULL))
	{
		if (k == key)
		{
			*value = v;
			return TRUE;
		}
	}
	return FALSE;
}

bool encdns_svcparams_has_alpn(chunk_t wire, char *alpn)
{
	chunk_t ids;
	size_t len = strlen(alpn);

	if (!encdns_svcparams_find(wire, SVC_KEY_ALPN, &ids))
	{
		return FALSE;
	}
	while (ids.len && ids.len - 1 >= ids.ptr[0])
	{
		if (ids.ptr[0] == len && memeq(ids.ptr + 1, alpn, len))
		{
			return TRUE;
		}
		ids = chunk_skip(ids, 1 + ids.ptr[0]);
	}
	return FALSE;
}

bool encdns_svcparams_parse(char *text, chunk_t *wire, encdns_error_t *err)
{
	*wire = chunk_empty;
	return encdns_error(err, "SvcParams: presentation form not supported yet");
}

bool encdns_svcparams_print(chunk_t wire, char **text, encdns_error_t *err)
{
	*text = NULL;
	return encdns_error(err, "SvcParams: printing not supported yet");
}
