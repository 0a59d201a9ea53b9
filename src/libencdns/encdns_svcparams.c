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
#include <arpa/inet.h>

#include <bio/bio_writer.h>
#include <collections/array.h>

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
			if (pos < end && v.ptr[pos] && strchr("+#./;?&", v.ptr[pos]))
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
	return encdns_svcparams_check_keys(wire, NULL, err);
}

bool encdns_svcparams_check_keys(chunk_t wire, uint32_t *keys,
								 encdns_error_t *err)
{
	chunk_t value, mandatory = chunk_empty;
	key_buf_t kb1, kb2;
	uint16_t key, last = 0;
	bool first = TRUE, alpn = FALSE;

	if (keys)
	{
		*keys = 0;
	}
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
		if (keys && key < 32)
		{
			*keys |= 1u << key;
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

/**
 * A SvcParam collected from presentation form
 */
typedef struct {
	/** SvcParamKey */
	uint16_t key;
	/** wire form value, allocated */
	chunk_t value;
} param_t;

/**
 * Sort params by key
 */
static int param_cmp(const void *a, const void *b, void *user)
{
	const param_t *pa = a, *pb = b;

	return (int)pa->key - (int)pb->key;
}

/**
 * Sort keys of a mandatory list
 */
static int key_cmp(const void *a, const void *b)
{
	return (int)*(const uint16_t*)a - (int)*(const uint16_t*)b;
}

/**
 * Whitespace between SvcParams
 */
static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/**
 * Parse a SvcParamKey name (RFC 9460 2.1): a registered name or keyNNNNN,
 * decimal without leading zeros
 */
static bool parse_key(chunk_t name, uint16_t *key, bool listed,
					  encdns_error_t *err)
{
	char *ctx = listed ? "mandatory: " : "";
	u_int value = 0;
	int i;

	for (i = 0; i < countof(key_names); i++)
	{
		if (chunk_equals(name, chunk_from_str(key_names[i])))
		{
			*key = i;
			return TRUE;
		}
	}
	if (name.len < 4 || name.len > 8 || !memeq(name.ptr, "key", 3) ||
		(name.ptr[3] == '0' && name.len > 4))
	{
		return encdns_error(err, "SvcParams: %sunknown key \"%.*s\" (RFC "
							"9460 2.1: registered name or keyNNNNN without "
							"leading zeros)", ctx, (int)min(name.len, 64),
							name.ptr);
	}
	for (i = 3; i < name.len; i++)
	{
		if (!isdigit(name.ptr[i]))
		{
			return encdns_error(err, "SvcParams: %sunknown key \"%.*s\" "
								"(RFC 9460 2.1: registered name or keyNNNNN)",
								ctx, (int)name.len, name.ptr);
		}
		value = value * 10 + name.ptr[i] - '0';
	}
	if (value >= SVC_KEY_INVALID)
	{
		return encdns_error(err, "SvcParams: %s%.*s is not a usable key "
							"(RFC 9460 14.3.2: 65535 is the invalid key, "
							"maximum key65534)", ctx, (int)name.len, name.ptr);
	}
	*key = value;
	return TRUE;
}

/**
 * Read and decode a char-string (RFC 1035 5.1, RFC 9460 2.1) at *pos,
 * quoted or contiguous, and move *pos behind it. Reports whether the raw
 * text contained any escape sequence.
 */
static bool read_value(char **pos, uint16_t key, chunk_t *out, bool *escaped,
					   encdns_error_t *err)
{
	key_buf_t kb;
	u_char *p = *pos, *end, *dst;
	bool quoted;
	u_int val;

	*escaped = FALSE;
	quoted = *p == '"';
	if (quoted)
	{
		p++;
	}
	/* find the end first so the output is allocated once */
	for (end = p; *end; end++)
	{
		if (quoted ? *end == '"' : is_space(*end))
		{
			break;
		}
		if (*end == '\\' && end[1])
		{
			end++;
		}
	}
	if (quoted && *end != '"')
	{
		return encdns_error(err, "SvcParams: %s: unterminated quoted value "
							"(RFC 1035 5.1)", key_name(key, kb));
	}
	if (quoted && end[1] && !is_space(end[1]))
	{
		return encdns_error(err, "SvcParams: %s: no space after quoted value "
							"(RFC 9460 2.1)", key_name(key, kb));
	}
	*out = chunk_alloc(end - p);
	dst = out->ptr;
	while (p < end)
	{
		if (*p < 0x20 || *p == 0x7f)
		{
			chunk_free(out);
			return encdns_error(err, "SvcParams: %s: raw control character "
								"0x%02x, use \\DDD (RFC 1035 5.1)",
								key_name(key, kb), *p);
		}
		if (*p == '"')
		{
			chunk_free(out);
			return encdns_error(err, "SvcParams: %s: unescaped quote in "
								"unquoted value (RFC 1035 5.1)",
								key_name(key, kb));
		}
		if (*p != '\\')
		{
			*dst++ = *p++;
			continue;
		}
		*escaped = TRUE;
		p++;
		if (p == end)
		{
			chunk_free(out);
			return encdns_error(err, "SvcParams: %s: value ends in a "
								"backslash (RFC 1035 5.1)", key_name(key, kb));
		}
		if (!isdigit(*p))
		{
			*dst++ = *p++;
			continue;
		}
		if (end - p < 3 || !isdigit(p[1]) || !isdigit(p[2]) ||
			(val = (p[0] - '0') * 100 + (p[1] - '0') * 10 + p[2] - '0') > 255)
		{
			chunk_free(out);
			return encdns_error(err, "SvcParams: %s: invalid escape, \\DDD "
								"needs three digits 000-255 (RFC 1035 5.1)",
								key_name(key, kb));
		}
		*dst++ = val;
		p += 3;
	}
	out->len = dst - out->ptr;
	*pos = quoted ? end + 1 : end;
	if (out->len > 0xffff)
	{
		encdns_error(err, "SvcParams: %s: value of %zu octets exceeds 65535 "
					 "(RFC 9460 2.2)", key_name(key, kb), out->len);
		chunk_free(out);
		return FALSE;
	}
	return TRUE;
}

/**
 * Split the next item off a comma-separated list (RFC 9460 App. A.1) whose
 * items can't contain commas; items must not be empty
 */
static bool next_item(chunk_t *list, chunk_t *item, uint16_t key,
					  encdns_error_t *err)
{
	key_buf_t kb;
	u_char *comma;

	comma = memchr(list->ptr, ',', list->len);
	*item = chunk_create(list->ptr, comma ? comma - list->ptr : list->len);
	*list = chunk_skip(*list, item->len + (comma ? 1 : 0));
	if (!item->len || (comma && !list->len))
	{
		return encdns_error(err, "SvcParams: %s: empty list item (RFC 9460 "
							"App. A.1)", key_name(key, kb));
	}
	return TRUE;
}

/**
 * Convert the decoded mandatory list to wire form, sorted
 */
static bool parse_mandatory(chunk_t list, bio_writer_t *w, encdns_error_t *err)
{
	uint16_t *keys;
	key_buf_t kb;
	chunk_t item;
	int count = 0, i;

	keys = malloc(sizeof(uint16_t) * (list.len / 2 + 1));
	while (list.len)
	{
		if (!next_item(&list, &item, SVC_KEY_MANDATORY, err) ||
			!parse_key(item, &keys[count], TRUE, err))
		{
			free(keys);
			return FALSE;
		}
		if (keys[count] == SVC_KEY_MANDATORY)
		{
			free(keys);
			return encdns_error(err, "SvcParams: mandatory: lists mandatory "
								"(RFC 9460 8: MUST NOT appear in its own "
								"value)");
		}
		count++;
	}
	qsort(keys, count, sizeof(uint16_t), key_cmp);
	for (i = 0; i < count; i++)
	{
		if (i && keys[i] == keys[i - 1])
		{
			encdns_error(err, "SvcParams: mandatory: %s listed twice (RFC "
						 "9460 8: MUST NOT repeat)", key_name(keys[i], kb));
			free(keys);
			return FALSE;
		}
		w->write_uint16(w, keys[i]);
	}
	free(keys);
	return TRUE;
}

/**
 * Convert the decoded alpn list to wire form; "\," and "\\" are a literal
 * comma and backslash within an id (RFC 9460 7.1.1, App. A.1)
 */
static bool parse_alpn(chunk_t list, bio_writer_t *w, encdns_error_t *err)
{
	u_char id[255];
	size_t pos = 0, len = 0;

	while (TRUE)
	{
		if (pos == list.len || list.ptr[pos] == ',')
		{
			if (!len)
			{
				return encdns_error(err, "SvcParams: alpn: empty ALPN id "
									"(RFC 9460 7.1)");
			}
			w->write_data8(w, chunk_create(id, len));
			if (pos == list.len)
			{
				return TRUE;
			}
			pos++;
			len = 0;
			continue;
		}
		if (list.ptr[pos] == '\\')
		{
			pos++;
			if (pos == list.len ||
				(list.ptr[pos] != ',' && list.ptr[pos] != '\\'))
			{
				return encdns_error(err, "SvcParams: alpn: backslash not "
									"followed by , or \\ in the list (RFC "
									"9460 App. A.1)");
			}
		}
		if (len == sizeof(id))
		{
			return encdns_error(err, "SvcParams: alpn: ALPN id longer than "
								"255 octets (RFC 9460 7.1)");
		}
		id[len++] = list.ptr[pos++];
	}
}

/**
 * Convert a decoded ipv4hint or ipv6hint list to wire form
 */
static bool parse_hints(chunk_t list, uint16_t key, bio_writer_t *w,
						encdns_error_t *err)
{
	char buf[INET6_ADDRSTRLEN + 1];
	u_char addr[16];
	chunk_t item;

	while (list.len)
	{
		if (!next_item(&list, &item, key, err))
		{
			return FALSE;
		}
		if (item.len >= sizeof(buf))
		{
			return encdns_error(err, "SvcParams: %s: invalid address (RFC "
								"9460 7.3)", key_names[key]);
		}
		memcpy(buf, item.ptr, item.len);
		buf[item.len] = '\0';
		if (inet_pton(key == SVC_KEY_IPV4HINT ? AF_INET : AF_INET6, buf,
					  addr) != 1)
		{
			return encdns_error(err, "SvcParams: %s: invalid address \"%s\" "
								"(RFC 9460 7.3)", key_names[key], buf);
		}
		w->write_data(w, chunk_create(addr, key == SVC_KEY_IPV4HINT ? 4 : 16));
	}
	return TRUE;
}

/**
 * Decode one base64 character, -1 if not in the alphabet
 */
static int b64_val(u_char c)
{
	if (c >= 'A' && c <= 'Z')
	{
		return c - 'A';
	}
	if (c >= 'a' && c <= 'z')
	{
		return c - 'a' + 26;
	}
	if (c >= '0' && c <= '9')
	{
		return c - '0' + 52;
	}
	if (c == '+')
	{
		return 62;
	}
	if (c == '/')
	{
		return 63;
	}
	return -1;
}

/**
 * Strictly decode the base64 ech value (RFC 4648 4: padded, no stray bits)
 */
static bool parse_ech(chunk_t b64, bio_writer_t *w, encdns_error_t *err)
{
	uint32_t bits;
	size_t i;
	int j, v, pad;

	if (b64.len % 4)
	{
		return encdns_error(err, "SvcParams: ech: base64 length %zu is not a "
							"multiple of 4 (RFC 4648 4)", b64.len);
	}
	for (i = 0; i < b64.len; i += 4)
	{
		bits = 0;
		pad = 0;
		for (j = 0; j < 4; j++)
		{
			v = b64_val(b64.ptr[i + j]);
			if (b64.ptr[i + j] == '=' && i + 4 == b64.len && j >= 2)
			{
				pad++;
				v = 0;
			}
			else if (v < 0 || pad)
			{
				return encdns_error(err, "SvcParams: ech: invalid base64 "
									"(RFC 4648 4)");
			}
			bits = (bits << 6) | v;
		}
		if ((pad == 1 && (bits & 0xff)) || (pad == 2 && (bits & 0xffff)))
		{
			return encdns_error(err, "SvcParams: ech: non-canonical base64, "
								"pad bits set (RFC 4648 3.5)");
		}
		w->write_uint8(w, bits >> 16);
		if (pad < 2)
		{
			w->write_uint8(w, bits >> 8);
		}
		if (pad < 1)
		{
			w->write_uint8(w, bits);
		}
	}
	return TRUE;
}

/**
 * Convert a decoded value to wire form according to its key
 */
static bool parse_value(uint16_t key, bool generic, chunk_t dec, bool escaped,
						chunk_t *value, encdns_error_t *err)
{
	bio_writer_t *w;
	key_buf_t kb;
	u_int port = 0;
	bool ok = TRUE;
	int i;

	if (generic)
	{
		/* keyNNNNN: the decoded value is the wire value (RFC 9460 2.1),
		 * checked with the complete SvcParams */
		*value = chunk_clone(dec);
		return TRUE;
	}
	switch (key)
	{
		case SVC_KEY_MANDATORY:
		case SVC_KEY_ALPN:
		case SVC_KEY_PORT:
		case SVC_KEY_IPV4HINT:
		case SVC_KEY_IPV6HINT:
		case SVC_KEY_DOHPATH:
			if (!dec.len)
			{
				return encdns_error(err, "SvcParams: %s: missing or empty "
									"value (RFC 9460 App. A, %s)",
									key_names[key], key == SVC_KEY_DOHPATH ?
									"RFC 9461 5.1" : "RFC 9460 7, 8");
			}
			break;
		case SVC_KEY_NO_DEFAULT_ALPN:
		case SVC_KEY_OHTTP:
			if (dec.len)
			{
				return encdns_error(err, "SvcParams: %s: has a value (%s: "
									"MUST be empty)", key_names[key],
									key == SVC_KEY_OHTTP ? "RFC 9540 4" :
									"RFC 9460 7.1.1");
			}
			break;
		default:
			break;
	}
	if (escaped && (key == SVC_KEY_MANDATORY || key == SVC_KEY_PORT ||
		key == SVC_KEY_IPV4HINT || key == SVC_KEY_IPV6HINT))
	{
		return encdns_error(err, "SvcParams: %s: escape sequence in value "
							"(RFC 9460 App. A: MUST NOT contain escapes)",
							key_names[key]);
	}
	w = bio_writer_create(dec.len);
	switch (key)
	{
		case SVC_KEY_MANDATORY:
			ok = parse_mandatory(dec, w, err);
			break;
		case SVC_KEY_ALPN:
			ok = parse_alpn(dec, w, err);
			break;
		case SVC_KEY_PORT:
			for (i = 0; ok && i < dec.len; i++)
			{
				ok = isdigit(dec.ptr[i]) && i < 5;
				port = port * 10 + dec.ptr[i] - '0';
			}
			if (!ok || port > 0xffff)
			{
				ok = encdns_error(err, "SvcParams: port: \"%.*s\" is not a "
								  "decimal 0-65535 (RFC 9460 7.2)",
								  (int)min(dec.len, 16), dec.ptr);
				break;
			}
			w->write_uint16(w, port);
			break;
		case SVC_KEY_IPV4HINT:
		case SVC_KEY_IPV6HINT:
			ok = parse_hints(dec, key, w, err);
			break;
		case SVC_KEY_ECH:
			ok = parse_ech(dec, w, err);
			break;
		default:
			/* dohpath and unknown keys are used verbatim, checked with the
			 * complete SvcParams */
			w->write_data(w, dec);
			break;
	}
	if (!ok)
	{
		w->destroy(w);
		return FALSE;
	}
	*value = w->extract_buf(w);
	w->destroy(w);
	if (value->len > 0xffff)
	{
		encdns_error(err, "SvcParams: %s: wire value of %zu octets exceeds "
					 "65535 (RFC 9460 2.2)", key_name(key, kb), value->len);
		chunk_free(value);
		return FALSE;
	}
	return TRUE;
}

/**
 * Free the values of collected params and the array
 */
static void destroy_params(array_t *params)
{
	param_t param;

	while (array_remove(params, ARRAY_HEAD, &param))
	{
		chunk_free(&param.value);
	}
	array_destroy(params);
}

/**
 * Parse one SvcParam at *pos and add it to params, refusing repeated keys
 */
static bool parse_param(char **pos, array_t *params, encdns_error_t *err)
{
	param_t param, other;
	key_buf_t kb;
	chunk_t name, dec = chunk_empty;
	bool escaped = FALSE, generic;
	char *p = *pos;
	int i;

	name.ptr = p;
	while (*p && !is_space(*p) && *p != '=')
	{
		p++;
	}
	name.len = p - (char*)name.ptr;
	for (i = 0; i < name.len; i++)
	{
		if (!islower(name.ptr[i]) && !isdigit(name.ptr[i]) &&
			name.ptr[i] != '-')
		{
			return encdns_error(err, "SvcParams: invalid character 0x%02x in "
								"key name (RFC 9460 2.1: a-z, 0-9, -)",
								name.ptr[i]);
		}
	}
	if (!name.len || name.len > 63)
	{
		return encdns_error(err, "SvcParams: key name of %zu characters (RFC "
							"9460 2.1: 1-63)", name.len);
	}
	if (!parse_key(name, &param.key, FALSE, err))
	{
		return FALSE;
	}
	for (i = 0; i < array_count(params); i++)
	{
		array_get(params, i, &other);
		if (other.key == param.key)
		{
			return encdns_error(err, "SvcParams: %s: key repeated (RFC 9460 "
								"2.1: MUST NOT appear more than once)",
								key_name(param.key, kb));
		}
	}
	if (*p == '=')
	{
		p++;
		if (!read_value(&p, param.key, &dec, &escaped, err))
		{
			return FALSE;
		}
	}
	generic = param.key >= countof(key_names) ||
			  !chunk_equals(name, chunk_from_str(key_names[param.key]));
	if (!parse_value(param.key, generic, dec, escaped, &param.value, err))
	{
		chunk_free(&dec);
		return FALSE;
	}
	chunk_free(&dec);
	array_insert(params, ARRAY_TAIL, &param);
	*pos = p;
	return TRUE;
}

bool encdns_svcparams_parse(char *text, chunk_t *wire, encdns_error_t *err)
{
	array_t *params;
	bio_writer_t *w;
	param_t param;
	char *pos = text ?: "";
	int i;

	*wire = chunk_empty;
	params = array_create(sizeof(param_t), 0);
	while (TRUE)
	{
		while (is_space(*pos))
		{
			pos++;
		}
		if (!*pos)
		{
			break;
		}
		if (!parse_param(&pos, params, err))
		{
			destroy_params(params);
			return FALSE;
		}
	}
	array_sort(params, param_cmp, NULL);
	w = bio_writer_create(0);
	for (i = 0; i < array_count(params); i++)
	{
		array_get(params, i, &param);
		w->write_uint16(w, param.key);
		w->write_data16(w, param.value);
	}
	destroy_params(params);
	*wire = w->extract_buf(w);
	w->destroy(w);
	if (!wire->len)
	{
		chunk_free(wire);
		*wire = chunk_empty;
		return TRUE;
	}
	/* cross-key rules and the formats of dohpath and generic values */
	if (!encdns_svcparams_check(*wire, err))
	{
		chunk_free(wire);
		return FALSE;
	}
	return TRUE;
}

/**
 * Write a string to a writer
 */
static void write_str(bio_writer_t *w, char *str)
{
	w->write_data(w, chunk_from_str(str));
}

/**
 * Write one octet of a char-string: printable ASCII as is (space only
 * within quotes), quote and backslash escaped, anything else as \DDD
 */
static void write_octet(bio_writer_t *w, u_char c, bool quoted)
{
	char buf[8];

	if (c == '"' || c == '\\')
	{
		w->write_uint8(w, '\\');
		w->write_uint8(w, c);
	}
	else if ((c > 0x20 && c < 0x7f) || (c == ' ' && quoted))
	{
		w->write_uint8(w, c);
	}
	else
	{
		snprintf(buf, sizeof(buf), "\\%03u", c);
		write_str(w, buf);
	}
}

/**
 * Write a value as char-string, quoted if forced or if it contains spaces
 */
static void write_charstring(bio_writer_t *w, chunk_t v, bool force)
{
	bool quoted;
	size_t i;

	quoted = force || memchr(v.ptr, ' ', v.len);
	if (quoted)
	{
		w->write_uint8(w, '"');
	}
	for (i = 0; i < v.len; i++)
	{
		write_octet(w, v.ptr[i], quoted);
	}
	if (quoted)
	{
		w->write_uint8(w, '"');
	}
}

/**
 * Write the alpn ids of a checked value: "," and "\" in ids are escaped for
 * the list (RFC 9460 App. A.1) and then again for the char-string
 */
static void write_alpn(bio_writer_t *w, chunk_t v)
{
	bool quoted, first = TRUE;
	chunk_t id;
	size_t i;

	quoted = memchr(v.ptr, ' ', v.len) != NULL;
	if (quoted)
	{
		w->write_uint8(w, '"');
	}
	while (v.len)
	{
		id = chunk_create(v.ptr + 1, v.ptr[0]);
		v = chunk_skip(v, 1 + id.len);
		if (!first)
		{
			w->write_uint8(w, ',');
		}
		first = FALSE;
		for (i = 0; i < id.len; i++)
		{
			if (id.ptr[i] == ',')
			{
				write_str(w, "\\\\,");
			}
			else if (id.ptr[i] == '\\')
			{
				write_str(w, "\\\\\\\\");
			}
			else
			{
				write_octet(w, id.ptr[i], quoted);
			}
		}
	}
	if (quoted)
	{
		w->write_uint8(w, '"');
	}
}

/**
 * Write a checked SvcParam in canonical presentation form
 */
static void write_param(bio_writer_t *w, uint16_t key, chunk_t v)
{
	char buf[INET6_ADDRSTRLEN + 8];
	key_buf_t kb;
	chunk_t b64;
	size_t i, step;

	write_str(w, key_name(key, kb));
	if (key == SVC_KEY_NO_DEFAULT_ALPN || key == SVC_KEY_OHTTP)
	{
		return;
	}
	w->write_uint8(w, '=');
	switch (key)
	{
		case SVC_KEY_MANDATORY:
			for (i = 0; i < v.len; i += 2)
			{
				if (i)
				{
					w->write_uint8(w, ',');
				}
				write_str(w, key_name(untoh16(v.ptr + i), kb));
			}
			break;
		case SVC_KEY_ALPN:
			write_alpn(w, v);
			break;
		case SVC_KEY_PORT:
			snprintf(buf, sizeof(buf), "%u", untoh16(v.ptr));
			write_str(w, buf);
			break;
		case SVC_KEY_IPV4HINT:
		case SVC_KEY_IPV6HINT:
			step = key == SVC_KEY_IPV4HINT ? 4 : 16;
			for (i = 0; i < v.len; i += step)
			{
				if (i)
				{
					w->write_uint8(w, ',');
				}
				inet_ntop(step == 4 ? AF_INET : AF_INET6, v.ptr + i, buf,
						  sizeof(buf));
				write_str(w, buf);
			}
			break;
		case SVC_KEY_ECH:
			b64 = chunk_to_base64(v, NULL);
			w->write_data(w, b64);
			chunk_free(&b64);
			break;
		case SVC_KEY_DOHPATH:
			write_charstring(w, v, FALSE);
			break;
		default:
			write_charstring(w, v, TRUE);
			break;
	}
}

bool encdns_svcparams_print(chunk_t wire, char **text, encdns_error_t *err)
{
	bio_writer_t *w;
	chunk_t value;
	uint16_t key;
	bool first = TRUE;

	*text = NULL;
	if (!encdns_svcparams_check(wire, err))
	{
		return FALSE;
	}
	w = bio_writer_create(wire.len * 2 + 1);
	while (wire.len && next_param(&wire, &key, &value, NULL))
	{
		if (!first)
		{
			w->write_uint8(w, ' ');
		}
		first = FALSE;
		write_param(w, key, value);
	}
	w->write_uint8(w, '\0');
	*text = w->extract_buf(w).ptr;
	w->destroy(w);
	return TRUE;
}
