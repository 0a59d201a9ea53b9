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

#include "encdns_capsule.h"
#include "encdns_varint.h"
#include "encdns_domain.h"
#include "encdns_svcparams.h"

#include <stdarg.h>
#include <stdio.h>

ENUM(encdns_capsule_layout_names, ENCDNS_CAPSULE_LAYOUT_06,
	 ENCDNS_CAPSULE_LAYOUT_03,
	"draft-06",
	"draft-03",
);

ENUM(encdns_capsule_kind_names, ENCDNS_CAPSULE_DNS_ASSIGN,
	 ENCDNS_CAPSULE_PREF64,
	"DNS_ASSIGN",
	"DNS_REQUEST",
	"PREF64",
);

const encdns_capsule_types_t encdns_capsule_types_06 = {
	.layout = ENCDNS_CAPSULE_LAYOUT_06,
	.dns_assign = 0x1ACE79EC,
	.dns_request = 0,
	.pref64 = 0x274C0FBC,
};

const encdns_capsule_types_t encdns_capsule_types_03 = {
	.layout = ENCDNS_CAPSULE_LAYOUT_03,
	.dns_assign = 0x818F79E,
	.dns_request = 0x818F79F,
	.pref64 = 0,
};

/**
 * Draft and section numbers of the rules, per layout (-03 has the sections
 * of -02, the layout is the same)
 */
typedef struct {
	/** draft name */
	char *draft;
	/** Domain structure */
	char *domain;
	/** Nameserver structure and its SvcParams rules */
	char *ns;
	/** internal domain handling (root) */
	char *root;
	/** DNS_ASSIGN capsule */
	char *assign;
	/** DNS_REQUEST capsule */
	char *request;
	/** PREF64 capsule */
	char *pref64;
} ref_t;

static ref_t refs[] = {
	[ENCDNS_CAPSULE_LAYOUT_06] = {
		.draft = "draft-ietf-masque-connect-ip-dns-06",
		.domain = "3.1",
		.ns = "3.2",
		.root = "3.5",
		.assign = "3.4",
		.request = "3.4",
		.pref64 = "4.2",
	},
	[ENCDNS_CAPSULE_LAYOUT_03] = {
		.draft = "draft-ietf-masque-connect-ip-dns-03",
		.domain = "2.1",
		.ns = "2.2",
		.root = "3",
		.assign = "2.5",
		.request = "2.4",
		.pref64 = "-",
	},
};

/**
 * Rule references of a layout, robust against bogus layout values
 */
static ref_t *ref(const encdns_capsule_types_t *types)
{
	if (types->layout == ENCDNS_CAPSULE_LAYOUT_03)
	{
		return &refs[ENCDNS_CAPSULE_LAYOUT_03];
	}
	return &refs[ENCDNS_CAPSULE_LAYOUT_06];
}

/**
 * Name of a capsule kind for messages
 */
static char *kind_name(encdns_capsule_kind_t kind)
{
	switch (kind)
	{
		case ENCDNS_CAPSULE_DNS_ASSIGN:
			return "DNS_ASSIGN";
		case ENCDNS_CAPSULE_DNS_REQUEST:
			return "DNS_REQUEST";
		case ENCDNS_CAPSULE_PREF64:
			return "PREF64";
		default:
			return "capsule";
	}
}

/**
 * Valid NAT64 prefix lengths (RFC 6052 2.2)
 */
static bool pref64_len_valid(uint8_t len)
{
	switch (len)
	{
		case 32:
		case 40:
		case 48:
		case 56:
		case 64:
		case 96:
			return TRUE;
		default:
			return FALSE;
	}
}

/*
 * Described in header
 */
encdns_capsule_t *encdns_capsule_create(encdns_capsule_kind_t kind,
										uint64_t request_id)
{
	encdns_capsule_t *this;

	INIT(this,
		.kind = kind,
		.request_id = request_id,
		.configs = array_create(0, 0),
		.prefixes = array_create(0, 0),
	);
	return this;
}

/*
 * Described in header
 */
void encdns_capsule_add_pref64(encdns_capsule_t *this, host_t *prefix,
							   uint8_t len)
{
	encdns_pref64_t *entry;
	chunk_t addr;

	INIT(entry,
		.len = len,
	);
	addr = prefix->get_address(prefix);
	memcpy(entry->prefix, addr.ptr, min(addr.len, sizeof(entry->prefix)));
	array_insert(this->prefixes, ARRAY_TAIL, entry);
}

/*
 * Described in header
 */
bool encdns_capsule_equals(encdns_capsule_t *a, encdns_capsule_t *b)
{
	encdns_config_t *ca, *cb;
	encdns_pref64_t *pa, *pb;
	int i;

	if (a->kind != b->kind || a->request_id != b->request_id ||
		array_count(a->configs) != array_count(b->configs) ||
		array_count(a->prefixes) != array_count(b->prefixes))
	{
		return FALSE;
	}
	for (i = 0; i < array_count(a->configs); i++)
	{
		array_get(a->configs, i, &ca);
		array_get(b->configs, i, &cb);
		if (!encdns_config_equals(ca, cb))
		{
			return FALSE;
		}
	}
	for (i = 0; i < array_count(a->prefixes); i++)
	{
		array_get(a->prefixes, i, &pa);
		array_get(b->prefixes, i, &pb);
		if (pa->len != pb->len ||
			!memeq(pa->prefix, pb->prefix, sizeof(pa->prefix)))
		{
			return FALSE;
		}
	}
	return TRUE;
}

CALLBACK(destroy_config, void,
	encdns_config_t *config, int idx, void *user)
{
	encdns_config_destroy(config);
}

CALLBACK(destroy_prefix, void,
	encdns_pref64_t *prefix, int idx, void *user)
{
	free(prefix);
}

/*
 * Described in header
 */
void encdns_capsule_destroy(encdns_capsule_t *this)
{
	if (this)
	{
		array_destroy_function(this->configs, destroy_config, NULL);
		array_destroy_function(this->prefixes, destroy_prefix, NULL);
		free(this);
	}
}

/*
 * Described in header
 */
bool encdns_capsule_is_grease(uint64_t type)
{
	return type >= 0x17 && (type - 0x17) % 0x29 == 0;
}

/*
 * Described in header
 */
bool encdns_capsule_read(bio_reader_t *reader, uint64_t *type,
						 chunk_t *value, encdns_error_t *err)
{
	uint64_t len;

	if (!encdns_varint_read(reader, type))
	{
		return encdns_error(err, "capsule truncated in Capsule Type "
							"(RFC 9297 3.3: MUST be treated as malformed)");
	}
	if (!encdns_varint_read(reader, &len))
	{
		return encdns_error(err, "capsule 0x%llx truncated in Capsule "
							"Length (RFC 9297 3.3: MUST be treated as "
							"malformed)", (unsigned long long)*type);
	}
	if (len > reader->remaining(reader))
	{
		return encdns_error(err, "capsule 0x%llx: Capsule Length %llu but "
							"only %u octets follow (RFC 9297 3.3: truncated "
							"capsule MUST be treated as malformed)",
							(unsigned long long)*type, (unsigned long long)len,
							reader->remaining(reader));
	}
	return reader->read_data(reader, len, value);
}

/*
 * Described in header
 */
bool encdns_capsule_write(bio_writer_t *writer, uint64_t type, chunk_t value,
						  encdns_error_t *err)
{
	if (type > ENCDNS_VARINT_MAX)
	{
		return encdns_error(err, "capsule type 0x%llx exceeds 2^62-1 "
							"(RFC 9000 16)", (unsigned long long)type);
	}
	encdns_varint_write(writer, type);
	encdns_varint_write(writer, value.len);
	writer->write_data(writer, value);
	return TRUE;
}

/**
 * Check a domain of the model or the wire; root only where allowed
 */
static bool check_domain(const encdns_capsule_types_t *types, chunk_t name,
						 bool internal, char *field, int idx, char **out,
						 encdns_error_t *err)
{
	if (!name.len)
	{
		/* a reader yields a NULL pointer for zero octets, give the domain
		 * parser a real empty string */
		name = chunk_from_str("");
	}
	if (!name.len && !internal)
	{
		return encdns_error(err, "%s %d: empty (%s %s: the empty string, the "
							"DNS root, is meaningful for internal domains "
							"only)", field, idx, ref(types)->draft,
							ref(types)->root);
	}
	if (!encdns_domain_parse(name, internal, out, err))
	{
		return encdns_error_prefix(err, "%s %d (%s %s)", field, idx,
								   ref(types)->draft, ref(types)->domain);
	}
	return TRUE;
}

/**
 * Check a nameserver against every rule of the draft, on decode and encode
 */
static bool check_resolver(const encdns_capsule_types_t *types,
						   encdns_resolver_t *ns, int idx,
						   encdns_error_t *err)
{
	ref_t *r = ref(types);
	uint32_t keys;

	if (ns->priority == 0)
	{
		return encdns_error(err, "nameserver %d: service priority 0 (%s %s: "
							"MUST NOT be 0)", idx, r->draft, r->ns);
	}
	if (ns->adn && !encdns_domain_parse(chunk_from_str(ns->adn), FALSE,
										NULL, err))
	{
		return encdns_error_prefix(err, "nameserver %d: authentication "
								   "domain name (%s %s)", idx, r->draft,
								   r->domain);
	}
	/* one pass over the SvcParams: the check reports the keys present */
	if (!encdns_svcparams_check_keys(ns->svcparams, &keys, err))
	{
		return encdns_error_prefix(err, "nameserver %d: service parameters "
								   "(%s %s: RFC 9460 2.2 wire format)", idx,
								   r->draft, r->ns);
	}
	if (keys & ((1u << SVC_KEY_IPV4HINT) | (1u << SVC_KEY_IPV6HINT)))
	{
		return encdns_error(err, "nameserver %d: service parameters contain "
							"ipv4hint/ipv6hint (%s %s: MUST NOT include "
							"them)", idx, r->draft, r->ns);
	}
	/* no-default-alpn without alpn is refused by the SvcParams check */
	if (!ns->adn && (keys & (1u << SVC_KEY_ALPN)))
	{
		return encdns_error(err, "nameserver %d: alpn/no-default-alpn with an "
							"empty authentication domain name (%s %s: MUST "
							"be omitted)", idx, r->draft, r->ns);
	}
	if (!(keys & (1u << SVC_KEY_NO_DEFAULT_ALPN)) &&
		!array_count(ns->v4) && !array_count(ns->v6))
	{
		return encdns_error(err, "nameserver %d: no address but "
							"no-default-alpn omitted, i.e. Do53 supported "
							"(%s %s: address counts MUST sum to nonzero)",
							idx, r->draft, r->ns);
	}
	return TRUE;
}

/**
 * Read a varint count of elements at least min octets each
 */
static bool read_count(bio_reader_t *reader, size_t min, uint64_t *count,
					   char *field, encdns_error_t *err)
{
	if (!encdns_varint_read(reader, count))
	{
		return encdns_error(err, "truncated in %s (RFC 9297 3.3: MUST be "
							"treated as malformed)", field);
	}
	/* cheap plausibility check, so a huge count can't make us loop */
	if (*count > reader->remaining(reader) / min)
	{
		return encdns_error(err, "%s %llu exceeds the remaining %u octets "
							"(RFC 9297 3.3: MUST be treated as malformed)",
							field, (unsigned long long)*count,
							reader->remaining(reader));
	}
	return TRUE;
}

/**
 * Read a varint length and that many octets
 */
static bool read_blob(bio_reader_t *reader, chunk_t *data, char *field,
					  encdns_error_t *err)
{
	uint64_t len;

	if (!encdns_varint_read(reader, &len))
	{
		return encdns_error(err, "truncated in %s length (RFC 9297 3.3: MUST "
							"be treated as malformed)", field);
	}
	if (len > reader->remaining(reader))
	{
		return encdns_error(err, "%s length %llu exceeds the remaining %u "
							"octets (RFC 9297 3.3: MUST be treated as "
							"malformed)", field, (unsigned long long)len,
							reader->remaining(reader));
	}
	return reader->read_data(reader, len, data);
}

/**
 * Read addresses of one family into a resolver
 */
static bool read_addrs(bio_reader_t *reader, encdns_resolver_t *ns,
					   int family, encdns_error_t *err)
{
	size_t size = family == AF_INET ? 4 : 16;
	char *field = family == AF_INET ? "IPv4 Address Count" :
									  "IPv6 Address Count";
	uint64_t count, i;
	chunk_t addr;

	if (!read_count(reader, size, &count, field, err))
	{
		return FALSE;
	}
	for (i = 0; i < count; i++)
	{
		reader->read_data(reader, size, &addr);
		encdns_resolver_add_addr(ns, host_create_from_chunk(family, addr, 0));
	}
	return TRUE;
}

/**
 * Decode one Nameserver structure
 */
static bool decode_resolver(const encdns_capsule_types_t *types,
							bio_reader_t *reader, int idx,
							encdns_resolver_t **out, encdns_error_t *err)
{
	encdns_resolver_t *ns;
	uint16_t priority;
	chunk_t adn, params;
	char *name = NULL;

	if (!reader->read_uint16(reader, &priority))
	{
		return encdns_error(err, "nameserver %d: truncated in Service "
							"Priority (RFC 9297 3.3: MUST be treated as "
							"malformed)", idx);
	}
	ns = encdns_resolver_create(priority);
	if (!read_addrs(reader, ns, AF_INET, err) ||
		!read_addrs(reader, ns, AF_INET6, err) ||
		!read_blob(reader, &adn, "Authentication Domain Name", err) ||
		!read_blob(reader, &params, "Service Parameters", err))
	{
		encdns_resolver_destroy(ns);
		return encdns_error_prefix(err, "nameserver %d", idx);
	}
	if (adn.len)
	{
		if (!encdns_domain_parse(adn, FALSE, &name, err))
		{
			encdns_resolver_destroy(ns);
			return encdns_error_prefix(err, "nameserver %d: authentication "
									   "domain name (%s %s)", idx,
									   ref(types)->draft, ref(types)->domain);
		}
		ns->adn = name;
	}
	ns->svcparams = chunk_clone(params);
	if (!check_resolver(types, ns, idx, err))
	{
		encdns_resolver_destroy(ns);
		return FALSE;
	}
	*out = ns;
	return TRUE;
}

/**
 * Decode a list of Domain structures
 */
static bool decode_domains(const encdns_capsule_types_t *types,
						   bio_reader_t *reader, bool internal,
						   array_t *list, encdns_error_t *err)
{
	char *field = internal ? "internal domain" : "search domain";
	uint64_t count, i;
	chunk_t name;
	char *out;

	if (!read_count(reader, 1, &count, internal ? "Internal Domain Count" :
					"Search Domain Count", err))
	{
		return FALSE;
	}
	for (i = 0; i < count; i++)
	{
		if (!read_blob(reader, &name, "Domain", err))
		{
			return encdns_error_prefix(err, "%s %d", field, (int)i + 1);
		}
		if (!check_domain(types, name, internal, field, i + 1, &out, err))
		{
			return FALSE;
		}
		array_insert(list, ARRAY_TAIL, out);
	}
	return TRUE;
}

/**
 * Decode one DNS Configuration (without Request ID)
 */
static bool decode_config(const encdns_capsule_types_t *types,
						  bio_reader_t *reader, encdns_config_t **out,
						  encdns_error_t *err)
{
	encdns_config_t *config;
	encdns_resolver_t *ns = NULL;
	uint64_t count, i;

	config = encdns_config_create();
	/* a Nameserver takes at least 6 octets */
	if (!read_count(reader, 6, &count, "Nameserver Count", err))
	{
		encdns_config_destroy(config);
		return FALSE;
	}
	for (i = 0; i < count; i++)
	{
		if (!decode_resolver(types, reader, i + 1, &ns, err))
		{
			encdns_config_destroy(config);
			return FALSE;
		}
		array_insert(config->resolvers, ARRAY_TAIL, ns);
	}
	if (!decode_domains(types, reader, TRUE, config->internal_domains, err) ||
		!decode_domains(types, reader, FALSE, config->search_domains, err))
	{
		encdns_config_destroy(config);
		return FALSE;
	}
	*out = config;
	return TRUE;
}

/**
 * Decode the value of a PREF64 capsule
 */
static bool decode_pref64(const encdns_capsule_types_t *types, chunk_t value,
						  encdns_capsule_t *capsule, encdns_error_t *err)
{
	encdns_pref64_t *prefix;
	int i, n = 0, byte;

	if (value.len % 13)
	{
		return encdns_error(err, "length %zu not a multiple of 13 (%s %s: "
							"MUST be treated as malformed)", value.len,
							ref(types)->draft, ref(types)->pref64);
	}
	while (value.len)
	{
		n++;
		if (!pref64_len_valid(value.ptr[0]))
		{
			return encdns_error(err, "NAT64 prefix %d: prefix length %u (%s "
								"4.1: one of 32, 40, 48, 56, 64, 96)", n,
								value.ptr[0], ref(types)->draft);
		}
		byte = value.ptr[0] / 8;
		for (i = byte; i < 12; i++)
		{
			if (value.ptr[1 + i])
			{
				return encdns_error(err, "NAT64 prefix %d: bits after the "
									"prefix length %u are not zero (%s 4.1, "
									"RFC 6052 2.2)", n, value.ptr[0],
									ref(types)->draft);
			}
		}
		INIT(prefix,
			.len = value.ptr[0],
		);
		memcpy(prefix->prefix, value.ptr + 1, sizeof(prefix->prefix));
		array_insert(capsule->prefixes, ARRAY_TAIL, prefix);
		value = chunk_skip(value, 13);
	}
	return TRUE;
}

/**
 * Decode the value of a DNS_ASSIGN or DNS_REQUEST capsule
 */
static bool decode_dns(const encdns_capsule_types_t *types, chunk_t value,
					   encdns_capsule_t *capsule, encdns_error_t *err)
{
	bio_reader_t *reader;
	encdns_config_t *config;
	ref_t *r = ref(types);
	bool ok = TRUE;
	int n = 0;

	reader = bio_reader_create(value);
	if (types->layout == ENCDNS_CAPSULE_LAYOUT_03)
	{
		if (!encdns_varint_read(reader, &capsule->request_id))
		{
			ok = encdns_error(err, "truncated in Request ID (RFC 9297 3.3: "
							  "MUST be treated as malformed)");
		}
		else if (capsule->kind == ENCDNS_CAPSULE_DNS_REQUEST &&
				 !capsule->request_id)
		{
			ok = encdns_error(err, "Request ID 0 (%s %s: MUST be a new "
							  "non-zero request ID)", r->draft, r->request);
		}
		else if (!decode_config(types, reader, &config, err))
		{
			ok = FALSE;
		}
		else
		{
			array_insert(capsule->configs, ARRAY_TAIL, config);
			if (reader->remaining(reader))
			{
				ok = encdns_error(err, "%u octets after the DNS Configuration "
								  "(%s %s: exactly one; RFC 9297 3.3: MUST "
								  "be treated as malformed)",
								  reader->remaining(reader), r->draft,
								  capsule->kind == ENCDNS_CAPSULE_DNS_REQUEST ?
								  r->request : r->assign);
			}
		}
	}
	else
	{
		/* zero or more configurations, back to back */
		while (reader->remaining(reader))
		{
			n++;
			if (!decode_config(types, reader, &config, err))
			{
				ok = encdns_error_prefix(err, "configuration %d", n);
				break;
			}
			array_insert(capsule->configs, ARRAY_TAIL, config);
		}
	}
	reader->destroy(reader);
	return ok;
}

/*
 * Described in header
 */
bool encdns_capsule_decode_value(const encdns_capsule_types_t *types,
								 uint64_t type, chunk_t value,
								 encdns_capsule_t **out,
								 encdns_error_t *err)
{
	encdns_capsule_t *capsule;
	bool ok;

	if (types->dns_assign && type == types->dns_assign)
	{
		capsule = encdns_capsule_create(ENCDNS_CAPSULE_DNS_ASSIGN, 0);
		ok = decode_dns(types, value, capsule, err);
	}
	else if (types->dns_request && type == types->dns_request)
	{
		capsule = encdns_capsule_create(ENCDNS_CAPSULE_DNS_REQUEST, 0);
		ok = decode_dns(types, value, capsule, err);
	}
	else if (types->pref64 && type == types->pref64)
	{
		capsule = encdns_capsule_create(ENCDNS_CAPSULE_PREF64, 0);
		ok = decode_pref64(types, value, capsule, err);
	}
	else
	{
		return encdns_error(err, "capsule type 0x%llx is not a DNS capsule "
							"of %s", (unsigned long long)type,
							ref(types)->draft);
	}
	if (!ok)
	{
		encdns_error_prefix(err, "%s", kind_name(capsule->kind));
		encdns_capsule_destroy(capsule);
		return FALSE;
	}
	*out = capsule;
	return TRUE;
}

/*
 * Described in header
 */
bool encdns_capsule_decode(const encdns_capsule_types_t *types, chunk_t data,
						   encdns_capsule_t **capsule, encdns_error_t *err)
{
	bio_reader_t *reader;
	uint64_t type;
	chunk_t value;
	u_int left;

	reader = bio_reader_create(data);
	if (!encdns_capsule_read(reader, &type, &value, err))
	{
		reader->destroy(reader);
		return FALSE;
	}
	left = reader->remaining(reader);
	reader->destroy(reader);
	if (left)
	{
		return encdns_error(err, "%u octets after the capsule (RFC 9297 3.3: "
							"MUST be treated as malformed)", left);
	}
	return encdns_capsule_decode_value(types, type, value, capsule, err);
}

CALLBACK(destroy_capsule, void,
	encdns_capsule_t *capsule, int idx, void *user)
{
	encdns_capsule_destroy(capsule);
}

/**
 * Check whether a type is one of the DNS capsules of a layout
 */
static bool is_dns_type(const encdns_capsule_types_t *types, uint64_t type)
{
	return (types->dns_assign && type == types->dns_assign) ||
		   (types->dns_request && type == types->dns_request) ||
		   (types->pref64 && type == types->pref64);
}

/*
 * Described in header
 */
bool encdns_capsule_decode_stream(const encdns_capsule_types_t *types,
								  chunk_t stream, array_t **capsules,
								  u_int *skipped, encdns_error_t *err)
{
	bio_reader_t *reader;
	encdns_capsule_t *capsule;
	array_t *list;
	uint64_t type;
	chunk_t value;
	u_int n = 0, skip = 0;
	bool ok = TRUE;

	list = array_create(0, 0);
	reader = bio_reader_create(stream);
	while (reader->remaining(reader))
	{
		n++;
		if (!encdns_capsule_read(reader, &type, &value, err))
		{
			ok = encdns_error_prefix(err, "capsule %u", n);
			break;
		}
		/* unknown and GREASE types are skipped (RFC 9297 3.2, 5.4) */
		if (!is_dns_type(types, type))
		{
			skip++;
			continue;
		}
		if (!encdns_capsule_decode_value(types, type, value, &capsule, err))
		{
			ok = encdns_error_prefix(err, "capsule %u", n);
			break;
		}
		array_insert(list, ARRAY_TAIL, capsule);
	}
	reader->destroy(reader);
	if (!ok)
	{
		array_destroy_function(list, destroy_capsule, NULL);
		*capsules = NULL;
		return FALSE;
	}
	if (skipped)
	{
		*skipped = skip;
	}
	*capsules = list;
	return TRUE;
}

/**
 * Encode a list of domains
 */
static bool encode_domains(const encdns_capsule_types_t *types,
						   bio_writer_t *writer, array_t *list,
						   bool internal, encdns_error_t *err)
{
	char *domain;
	int i;

	encdns_varint_write(writer, array_count(list));
	for (i = 0; i < array_count(list); i++)
	{
		array_get(list, i, &domain);
		if (!check_domain(types, chunk_from_str(domain), internal,
						  internal ? "internal domain" : "search domain",
						  i + 1, NULL, err))
		{
			return FALSE;
		}
		encdns_varint_write(writer, strlen(domain));
		writer->write_data(writer, chunk_from_str(domain));
	}
	return TRUE;
}

/**
 * Encode addresses of one family
 */
static void encode_addrs(bio_writer_t *writer, array_t *list)
{
	host_t *host;
	int i;

	encdns_varint_write(writer, array_count(list));
	for (i = 0; i < array_count(list); i++)
	{
		array_get(list, i, &host);
		writer->write_data(writer, host->get_address(host));
	}
}

/**
 * Check that an address list holds one family only
 */
static bool check_family(array_t *list, int family, int idx,
						 encdns_error_t *err)
{
	host_t *host;
	int i;

	for (i = 0; i < array_count(list); i++)
	{
		array_get(list, i, &host);
		if (host->get_family(host) != family)
		{
			return encdns_error(err, "nameserver %d: %s address in the %s "
								"list", idx,
								family == AF_INET ? "IPv6" : "IPv4",
								family == AF_INET ? "IPv4" : "IPv6");
		}
	}
	return TRUE;
}

/**
 * Encode one DNS Configuration (without Request ID)
 */
static bool encode_config(const encdns_capsule_types_t *types,
						  bio_writer_t *writer, encdns_config_t *config,
						  bool drop_digests, encdns_error_t *err)
{
	encdns_resolver_t *ns;
	int i;

	if (array_count(config->digests) && !drop_digests)
	{
		return encdns_error(err, "%d SPKI digest(s) cannot be carried (%s "
							"%s: the Nameserver has no digest field)",
							array_count(config->digests), ref(types)->draft,
							ref(types)->ns);
	}
	encdns_varint_write(writer, array_count(config->resolvers));
	for (i = 0; i < array_count(config->resolvers); i++)
	{
		array_get(config->resolvers, i, &ns);
		if (!check_family(ns->v4, AF_INET, i + 1, err) ||
			!check_family(ns->v6, AF_INET6, i + 1, err) ||
			!check_resolver(types, ns, i + 1, err))
		{
			return FALSE;
		}
		writer->write_uint16(writer, ns->priority);
		encode_addrs(writer, ns->v4);
		encode_addrs(writer, ns->v6);
		encdns_varint_write(writer, ns->adn ? strlen(ns->adn) : 0);
		writer->write_data(writer, chunk_from_str(ns->adn ?: ""));
		encdns_varint_write(writer, ns->svcparams.len);
		writer->write_data(writer, ns->svcparams);
	}
	return encode_domains(types, writer, config->internal_domains, TRUE,
						  err) &&
		   encode_domains(types, writer, config->search_domains, FALSE, err);
}

/**
 * Encode the value of a capsule
 */
static bool encode_value(const encdns_capsule_types_t *types,
						 encdns_capsule_t *capsule, bool drop_digests,
						 bio_writer_t *writer, uint64_t *type,
						 encdns_error_t *err)
{
	encdns_config_t *config;
	encdns_pref64_t *prefix;
	ref_t *r = ref(types);
	int i, j;

	switch (capsule->kind)
	{
		case ENCDNS_CAPSULE_PREF64:
			if (!types->pref64)
			{
				return encdns_error(err, "%s defines no PREF64 capsule",
									r->draft);
			}
			*type = types->pref64;
			for (i = 0; i < array_count(capsule->prefixes); i++)
			{
				array_get(capsule->prefixes, i, &prefix);
				if (!pref64_len_valid(prefix->len))
				{
					return encdns_error(err, "NAT64 prefix %d: prefix length "
										"%u (%s 4.1: one of 32, 40, 48, 56, "
										"64, 96)", i + 1, prefix->len,
										r->draft);
				}
				for (j = prefix->len / 8; j < 12; j++)
				{
					if (prefix->prefix[j])
					{
						return encdns_error(err, "NAT64 prefix %d: bits after "
											"the prefix length %u are not "
											"zero (%s 4.1, RFC 6052 2.2)",
											i + 1, prefix->len, r->draft);
					}
				}
				writer->write_uint8(writer, prefix->len);
				writer->write_data(writer,
						chunk_create(prefix->prefix, sizeof(prefix->prefix)));
			}
			return TRUE;
		case ENCDNS_CAPSULE_DNS_REQUEST:
			if (!types->dns_request)
			{
				return encdns_error(err, "%s defines no DNS_REQUEST capsule",
									r->draft);
			}
			*type = types->dns_request;
			if (!capsule->request_id)
			{
				return encdns_error(err, "Request ID 0 (%s %s: MUST be a new "
									"non-zero request ID)", r->draft,
									r->request);
			}
			break;
		case ENCDNS_CAPSULE_DNS_ASSIGN:
			*type = types->dns_assign;
			break;
		default:
			return encdns_error(err, "unknown capsule kind %d",
								capsule->kind);
	}
	if (types->layout == ENCDNS_CAPSULE_LAYOUT_03)
	{
		if (array_count(capsule->configs) != 1)
		{
			return encdns_error(err, "%d DNS Configurations (%s %s: exactly "
								"one per capsule)",
								array_count(capsule->configs), r->draft,
								capsule->kind == ENCDNS_CAPSULE_DNS_REQUEST ?
								r->request : r->assign);
		}
		if (capsule->request_id > ENCDNS_VARINT_MAX)
		{
			return encdns_error(err, "Request ID exceeds 2^62-1 (RFC 9000 "
								"16)");
		}
		encdns_varint_write(writer, capsule->request_id);
		array_get(capsule->configs, 0, &config);
		return encode_config(types, writer, config, drop_digests, err);
	}
	if (capsule->request_id)
	{
		return encdns_error(err, "Request ID %llu (%s %s: the DNS "
							"Configuration has no Request ID)",
							(unsigned long long)capsule->request_id, r->draft,
							r->assign);
	}
	for (i = 0; i < array_count(capsule->configs); i++)
	{
		array_get(capsule->configs, i, &config);
		if (!encode_config(types, writer, config, drop_digests, err))
		{
			return encdns_error_prefix(err, "configuration %d", i + 1);
		}
	}
	return TRUE;
}

/*
 * Described in header
 */
bool encdns_capsule_encode(const encdns_capsule_types_t *types,
						   encdns_capsule_t *capsule, bool drop_digests,
						   chunk_t *data, encdns_error_t *err)
{
	bio_writer_t *value, *writer;
	uint64_t type = 0;
	bool ok;

	value = bio_writer_create(64);
	ok = encode_value(types, capsule, drop_digests, value, &type, err);
	if (!ok)
	{
		value->destroy(value);
		return encdns_error_prefix(err, "%s", kind_name(capsule->kind));
	}
	writer = bio_writer_create(value->get_buf(value).len + 16);
	ok = encdns_capsule_write(writer, type, value->get_buf(value), err);
	value->destroy(value);
	if (!ok)
	{
		writer->destroy(writer);
		return encdns_error_prefix(err, "%s", kind_name(capsule->kind));
	}
	*data = writer->extract_buf(writer);
	writer->destroy(writer);
	return TRUE;
}

/*
 * Described in header
 */
bool encdns_capsule_build_assign(const encdns_capsule_types_t *types,
								 encdns_config_t *config, bool drop_digests,
								 chunk_t *data, encdns_error_t *err)
{
	encdns_capsule_t *capsule;
	bool ok;

	capsule = encdns_capsule_create(ENCDNS_CAPSULE_DNS_ASSIGN, 0);
	/* borrowed, removed again before destroying the capsule */
	array_insert(capsule->configs, ARRAY_TAIL, config);
	ok = encdns_capsule_encode(types, capsule, drop_digests, data, err);
	array_remove(capsule->configs, ARRAY_TAIL, NULL);
	encdns_capsule_destroy(capsule);
	return ok;
}

/**
 * Append a formatted reason to a list
 */
static void add_reason(linked_list_t *reasons, char *fmt, ...)
{
	char buf[512];
	va_list args;

	if (reasons)
	{
		va_start(args, fmt);
		vsnprintf(buf, sizeof(buf), fmt, args);
		va_end(args);
		reasons->insert_last(reasons, strdup(buf));
	}
}

/*
 * Described in header
 */
bool encdns_capsule_report_loss(encdns_config_t *config,
								linked_list_t *reasons)
{
	encdns_digest_t *digest;
	int i;

	for (i = 0; i < array_count(config->digests); i++)
	{
		array_get(config->digests, i, &digest);
		add_reason(reasons, "SPKI digest %d (hash %u%s%s): DNS_ASSIGN has "
				   "no field for SPKI digests (RFC 9464 ENCDNS_DIGEST_INFO "
				   "only)", i + 1, digest->hash, digest->adn ? ", ADN " : "",
				   digest->adn ?: "");
	}
	return array_count(config->digests) == 0;
}

/**
 * Report (and with apply, remove) what IKEv2 cannot carry
 */
static bool ikev2_filter(encdns_config_t *config, linked_list_t *reasons,
						 bool apply)
{
	encdns_resolver_t *ns;
	chunk_t value;
	char *domain;
	bool lossless = TRUE;
	int i, n;

	for (i = 0, n = 1; i < array_count(config->resolvers); n++)
	{
		array_get(config->resolvers, i, &ns);
		if (!ns->adn)
		{
			add_reason(reasons, "nameserver %d: no authentication domain "
					   "name (Do53 only); ENCDNS_IP4/ENCDNS_IP6 carry "
					   "encrypted resolvers with an ADN (RFC 9464 3.1)", n);
		}
		else if (!array_count(ns->v4) && !array_count(ns->v6))
		{
			add_reason(reasons, "nameserver %d (%s): no address; "
					   "ENCDNS_IP4/ENCDNS_IP6 need at least one (RFC 9464 "
					   "3.1: Num Addresses MUST NOT be 0 in CFG_REPLY)", n,
					   ns->adn);
		}
		else
		{
			if (!encdns_svcparams_find(ns->svcparams,
									   SVC_KEY_NO_DEFAULT_ALPN, &value))
			{
				add_reason(reasons, "nameserver %d (%s): Do53 service "
						   "(no-default-alpn omitted) has no IKEv2 "
						   "equivalent in ENCDNS_IP* (RFC 9464 3.1)", n,
						   ns->adn);
				lossless = FALSE;
			}
			i++;
			continue;
		}
		lossless = FALSE;
		if (apply)
		{
			array_remove(config->resolvers, i, NULL);
			encdns_resolver_destroy(ns);
		}
		else
		{
			i++;
		}
	}
	for (i = 0; i < array_count(config->internal_domains); )
	{
		array_get(config->internal_domains, i, &domain);
		if (*domain)
		{
			i++;
			continue;
		}
		add_reason(reasons, "internal domain \"\" (the DNS root): "
				   "INTERNAL_DNS_DOMAIN needs a name in CFG_REPLY (RFC 8598 "
				   "4.1), no INTERNAL_DNS_DOMAIN means every name");
		lossless = FALSE;
		if (apply)
		{
			array_remove(config->internal_domains, i, NULL);
			free(domain);
		}
		else
		{
			i++;
		}
	}
	for (i = 0; i < array_count(config->search_domains); i++)
	{
		array_get(config->search_domains, i, &domain);
		add_reason(reasons, "search domain %s: IKEv2 has no attribute for "
				   "search domains (RFC 8598 covers split DNS only)", domain);
		lossless = FALSE;
	}
	if (apply)
	{
		while (array_remove(config->search_domains, ARRAY_TAIL, &domain))
		{
			free(domain);
		}
	}
	return lossless;
}

/*
 * Described in header
 */
bool encdns_ikev2_report_loss(encdns_config_t *config,
							  linked_list_t *reasons)
{
	return ikev2_filter(config, reasons, FALSE);
}

/**
 * Rewrite SvcParams with no-default-alpn (key 2) added or removed, keys
 * kept in increasing order (RFC 9460 2.2)
 */
static void set_no_default_alpn(chunk_t *params, bool add)
{
	bio_writer_t *writer;
	bio_reader_t *reader;
	uint16_t key;
	chunk_t value;
	bool done = FALSE;

	writer = bio_writer_create(params->len + 4);
	reader = bio_reader_create(*params);
	while (reader->read_uint16(reader, &key) &&
		   reader->read_data16(reader, &value))
	{
		if (key >= SVC_KEY_NO_DEFAULT_ALPN && !done)
		{
			done = TRUE;
			if (add && key != SVC_KEY_NO_DEFAULT_ALPN)
			{
				writer->write_uint16(writer, SVC_KEY_NO_DEFAULT_ALPN);
				writer->write_uint16(writer, 0);
			}
		}
		if (key == SVC_KEY_NO_DEFAULT_ALPN && !add)
		{
			continue;
		}
		writer->write_uint16(writer, key);
		writer->write_data16(writer, value);
	}
	if (add && !done)
	{
		writer->write_uint16(writer, SVC_KEY_NO_DEFAULT_ALPN);
		writer->write_uint16(writer, 0);
	}
	reader->destroy(reader);
	chunk_free(params);
	*params = writer->extract_buf(writer);
	writer->destroy(writer);
}

/**
 * Move everything of one configuration into another
 */
static void merge_config(encdns_config_t *to, encdns_config_t *from)
{
	void *item;

	while (array_remove(from->resolvers, ARRAY_HEAD, &item))
	{
		array_insert(to->resolvers, ARRAY_TAIL, item);
	}
	while (array_remove(from->internal_domains, ARRAY_HEAD, &item))
	{
		array_insert(to->internal_domains, ARRAY_TAIL, item);
	}
	while (array_remove(from->search_domains, ARRAY_HEAD, &item))
	{
		array_insert(to->search_domains, ARRAY_TAIL, item);
	}
}

/*
 * Described in header
 */
bool encdns_capsule_from_ikev2(const encdns_capsule_types_t *types,
							   chunk_t tlvs, encdns_cfg_type_t cfg,
							   chunk_t *data,
							   linked_list_t *reasons, encdns_error_t *err)
{
	encdns_config_t *config;
	encdns_resolver_t *ns;
	chunk_t value;
	bool ok;
	int i;

	config = encdns_config_create();
	if (!encdns_attrs_parse(tlvs, cfg, config, err))
	{
		encdns_config_destroy(config);
		return FALSE;
	}
	if (!encdns_capsule_report_loss(config, reasons) && !reasons)
	{
		encdns_error(err, "DNS_ASSIGN: %d SPKI digest(s) cannot be carried "
					 "(RFC 9464 ENCDNS_DIGEST_INFO only)",
					 array_count(config->digests));
		encdns_config_destroy(config);
		return FALSE;
	}
	for (i = 0; i < array_count(config->resolvers); i++)
	{
		array_get(config->resolvers, i, &ns);
		/* encrypted only in IKEv2; without this a capsule means Do53 too */
		if (encdns_svcparams_find(ns->svcparams, SVC_KEY_ALPN, &value) &&
			!encdns_svcparams_find(ns->svcparams, SVC_KEY_NO_DEFAULT_ALPN,
								   &value))
		{
			set_no_default_alpn(&ns->svcparams, TRUE);
		}
	}
	ok = encdns_capsule_build_assign(types, config, TRUE, data, err);
	encdns_config_destroy(config);
	return ok;
}

/*
 * Described in header
 */
bool encdns_capsule_to_ikev2(const encdns_capsule_types_t *types,
							 chunk_t data, chunk_t *tlvs,
							 linked_list_t *reasons, encdns_error_t *err)
{
	encdns_capsule_t *capsule;
	encdns_config_t *config, *merged;
	encdns_resolver_t *ns;
	linked_list_t *lost;
	char *first;
	bool ok;
	int i;

	if (!encdns_capsule_decode(types, data, &capsule, err))
	{
		return FALSE;
	}
	if (capsule->kind != ENCDNS_CAPSULE_DNS_ASSIGN)
	{
		/* name the kind before the capsule is gone */
		encdns_error(err, "%s capsule: only DNS_ASSIGN converts to IKEv2 "
					 "CFG_REPLY attributes", kind_name(capsule->kind));
		encdns_capsule_destroy(capsule);
		return FALSE;
	}
	merged = encdns_config_create();
	for (i = 0; i < array_count(capsule->configs); i++)
	{
		array_get(capsule->configs, i, &config);
		merge_config(merged, config);
	}
	lost = linked_list_create();
	if (array_count(capsule->configs) > 1 &&
		array_count(merged->internal_domains))
	{
		add_reason(lost, "%d DNS Configurations merged: IKEv2 has one flat "
				   "list where every resolver serves every internal domain "
				   "(RFC 8598 3.3)", array_count(capsule->configs));
	}
	encdns_capsule_destroy(capsule);
	ikev2_filter(merged, lost, TRUE);
	if (lost->get_count(lost) && !reasons)
	{
		lost->get_first(lost, (void**)&first);
		encdns_error(err, "IKEv2 cannot carry: %s", first);
		lost->destroy_function(lost, free);
		encdns_config_destroy(merged);
		return FALSE;
	}
	while (lost->remove_first(lost, (void**)&first) == SUCCESS)
	{
		reasons->insert_last(reasons, first);
	}
	lost->destroy(lost);
	for (i = 0; i < array_count(merged->resolvers); i++)
	{
		array_get(merged->resolvers, i, &ns);
		/* RFC 9461 4.1: no-default-alpn does not apply to "dns" */
		set_no_default_alpn(&ns->svcparams, FALSE);
	}
	encdns_config_sort(merged);
	ok = encdns_attrs_build(merged, ENCDNS_CFG_REPLY, FALSE, tlvs, err);
	encdns_config_destroy(merged);
	return ok;
}

/**
 * Most request IDs remembered per direction; past that the stream is
 * better aborted than growing without bound
 */
#define MAX_IDS 65536

/**
 * Default bound of unanswered peer requests
 */
#define DEFAULT_MAX_OWED 16

typedef struct private_encdns_capsule_session_t
	private_encdns_capsule_session_t;

/**
 * Private data of a request ID session
 */
struct private_encdns_capsule_session_t {

	/**
	 * Public interface
	 */
	encdns_capsule_session_t public;

	/**
	 * IDs we used in DNS_REQUESTs, sorted uint64_t
	 */
	array_t *sent;

	/**
	 * IDs the peer used in DNS_REQUESTs, sorted uint64_t
	 */
	array_t *received;

	/**
	 * Our requests not answered yet, uint64_t
	 */
	array_t *outstanding;

	/**
	 * Peer requests we did not answer yet, uint64_t
	 */
	array_t *owed;

	/**
	 * Bound of owed
	 */
	u_int max_owed;

	/**
	 * Highest ID we allocated
	 */
	uint64_t last;
};

/**
 * Compare two uint64_t for sorting
 */
static int cmp_id(const void *a, const void *b, void *user)
{
	uint64_t x = *(const uint64_t*)a, y = *(const uint64_t*)b;

	return x < y ? -1 : x > y;
}

/**
 * Compare a key with an element for bsearch
 */
static int find_id(const void *a, const void *b)
{
	return cmp_id(a, b, NULL);
}

/**
 * Add an ID to a sorted set, FALSE if present already
 */
static bool id_add(array_t *set, uint64_t id)
{
	uint64_t current;
	int low = 0, high = array_count(set), mid;

	/* insert in place: sorting the whole set per ID made a stream of
	 * MAX_IDS requests quadratic */
	while (low < high)
	{
		mid = low + (high - low) / 2;
		array_get(set, mid, &current);
		if (current == id)
		{
			return FALSE;
		}
		if (current < id)
		{
			low = mid + 1;
		}
		else
		{
			high = mid;
		}
	}
	array_insert(set, low, &id);
	return TRUE;
}

/**
 * Remove an ID from a sorted set, FALSE if absent
 */
static bool id_remove(array_t *set, uint64_t id)
{
	int idx;

	idx = array_bsearch(set, &id, find_id, NULL);
	if (idx == -1)
	{
		return FALSE;
	}
	array_remove(set, idx, NULL);
	return TRUE;
}

/**
 * Check and record a request ID used by one side
 */
static bool use_id(private_encdns_capsule_session_t *this, array_t *used,
				   uint64_t id, char *who, encdns_error_t *err)
{
	ref_t *r = &refs[ENCDNS_CAPSULE_LAYOUT_03];

	if (!id)
	{
		return encdns_error(err, "DNS_REQUEST %s: Request ID 0 (%s %s: MUST "
							"be non-zero)", who, r->draft, r->request);
	}
	if (id > ENCDNS_VARINT_MAX)
	{
		return encdns_error(err, "DNS_REQUEST %s: Request ID exceeds 2^62-1 "
							"(RFC 9000 16)", who);
	}
	if (array_count(used) >= MAX_IDS)
	{
		return encdns_error(err, "DNS_REQUEST %s: more than %d requests on "
							"this stream", who, MAX_IDS);
	}
	if (!id_add(used, id))
	{
		return encdns_error(err, "DNS_REQUEST %s: Request ID %llu used "
							"before on this stream (%s %s: MUST NOT be "
							"reused)", who, (unsigned long long)id, r->draft,
							r->request);
	}
	return TRUE;
}

METHOD(encdns_capsule_session_t, send_request, bool,
	private_encdns_capsule_session_t *this, uint64_t id, encdns_error_t *err)
{
	if (!use_id(this, this->sent, id, "sent", err))
	{
		return FALSE;
	}
	id_add(this->outstanding, id);
	this->last = max(this->last, id);
	return TRUE;
}

METHOD(encdns_capsule_session_t, next_request_id, uint64_t,
	private_encdns_capsule_session_t *this)
{
	uint64_t id = this->last + 1;

	/* send_request() also refuses IDs past 2^62-1 */
	if (!send_request(this, id, NULL))
	{
		return 0;
	}
	return id;
}

METHOD(encdns_capsule_session_t, recv_request, bool,
	private_encdns_capsule_session_t *this, uint64_t id, encdns_error_t *err)
{
	if (array_count(this->owed) >= this->max_owed)
	{
		return encdns_error(err, "DNS_REQUEST received: %u requests "
							"unanswered (%s 5: MUST bound buffering and "
							"abort the stream)", array_count(this->owed),
							refs[ENCDNS_CAPSULE_LAYOUT_03].draft);
	}
	if (!use_id(this, this->received, id, "received", err))
	{
		return FALSE;
	}
	id_add(this->owed, id);
	return TRUE;
}

/**
 * Check the Request ID of a DNS_ASSIGN against open requests
 */
static bool assign_id(array_t *open, uint64_t id, char *who, char *whose,
					  encdns_error_t *err)
{
	ref_t *r = &refs[ENCDNS_CAPSULE_LAYOUT_03];

	if (!id || id_remove(open, id))
	{
		return TRUE;
	}
	return encdns_error(err, "DNS_ASSIGN %s: Request ID %llu answers no "
						"outstanding %s DNS_REQUEST (%s %s: the ID of the "
						"request, otherwise 0)", who, (unsigned long long)id,
						whose, r->draft, r->assign);
}

METHOD(encdns_capsule_session_t, send_assign, bool,
	private_encdns_capsule_session_t *this, uint64_t id, encdns_error_t *err)
{
	return assign_id(this->owed, id, "sent", "peer", err);
}

METHOD(encdns_capsule_session_t, recv_assign, bool,
	private_encdns_capsule_session_t *this, uint64_t id, encdns_error_t *err)
{
	return assign_id(this->outstanding, id, "received", "own", err);
}

METHOD(encdns_capsule_session_t, get_outstanding, u_int,
	private_encdns_capsule_session_t *this)
{
	return array_count(this->outstanding);
}

METHOD(encdns_capsule_session_t, get_owed, u_int,
	private_encdns_capsule_session_t *this)
{
	return array_count(this->owed);
}

METHOD(encdns_capsule_session_t, destroy, void,
	private_encdns_capsule_session_t *this)
{
	array_destroy(this->sent);
	array_destroy(this->received);
	array_destroy(this->outstanding);
	array_destroy(this->owed);
	free(this);
}

/*
 * Described in header
 */
encdns_capsule_session_t *encdns_capsule_session_create(u_int max_owed)
{
	private_encdns_capsule_session_t *this;

	INIT(this,
		.public = {
			.next_request_id = _next_request_id,
			.send_request = _send_request,
			.recv_request = _recv_request,
			.send_assign = _send_assign,
			.recv_assign = _recv_assign,
			.get_outstanding = _get_outstanding,
			.get_owed = _get_owed,
			.destroy = _destroy,
		},
		.sent = array_create(sizeof(uint64_t), 0),
		.received = array_create(sizeof(uint64_t), 0),
		.outstanding = array_create(sizeof(uint64_t), 0),
		.owed = array_create(sizeof(uint64_t), 0),
		.max_owed = max_owed ?: DEFAULT_MAX_OWED,
	);
	return &this->public;
}
