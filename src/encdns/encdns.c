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

/*
 * encdns: command-line tool of strongswan-encdns, in the style of pki(1):
 * one mode option selects a command of the table below, the other options
 * are its parameters. Output is built completely before anything is
 * written, so a failure never leaves partial output on stdout.
 */

#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <ctype.h>

#include <library.h>
#include <utils/debug.h>
#include <collections/linked_list.h>
#include <bio/bio_writer.h>

#include <encdns_attr.h>
#include <encdns_capsule.h>
#include <encdns_digest.h>
#include <encdns_print.h>
#include <encdns_settings.h>
#include <encdns_svcparams.h>
#include <encdns_verify.h>

/**
 * Plugins of Debian's libstrongswan the tool needs: hashers and the
 * certificate/key parsers for SPKI digests
 */
#define PLUGINS "sha1 sha2 pem pkcs1 pkcs8 x509 pubkey openssl"

/**
 * Options of all commands, as given
 */
typedef struct {
	bool encode, decode, ike, capsule, help;
	char *in, *hash, *format, *cfg, *draft, *conf, *adn, *addr, *port,
		 *alpn, *digest, *cacert, *timeout, *query;
	/** capsule type overrides, the draft values are provisional */
	char *assign_type, *request_type, *pref64_type;
	linked_list_t *names;
	/** non-option arguments */
	int argc;
	char **argv;
} opts_t;

/**
 * One command: the mode option selecting it, its handler and usage
 */
typedef struct {
	char *name;
	int (*run)(opts_t *opts);
	char *usage;
	char *help;
} command_t;

/**
 * Print the one-line reason of a refusal, exit status 1
 */
static int refuse(char *fmt, ...)
{
	char buf[512];
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	/* one line, whatever the reason contains */
	buf[strcspn(buf, "\r\n")] = '\0';
	fprintf(stderr, "encdns: %s\n", buf);
	return 1;
}

/**
 * Print a warning line on stderr
 */
static void warn(char *reason)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "%s", reason);
	buf[strcspn(buf, "\r\n")] = '\0';
	fprintf(stderr, "encdns: warning: %s\n", buf);
}

/**
 * Write the complete output and report a write error
 */
static int output(char *text)
{
	if (fputs(text, stdout) == EOF || fflush(stdout) != 0)
	{
		fprintf(stderr, "encdns: writing output failed: %s\n",
				strerror(errno));
		return 1;
	}
	return 0;
}

/**
 * Parse hex input: hex digits, optionally prefixed with "0x", with any
 * whitespace and ':' between them (as tcpdump, Wireshark and openssl print
 * it); "-" reads the hex from stdin.
 */
static bool parse_hex(char *what, char *in, chunk_t *out, encdns_error_t *err)
{
	bio_writer_t *w;
	chunk_t data = chunk_empty;
	char *text = in, *pos;
	int hi = -1, digit;
	bool ok = FALSE;

	if (streq(in, "-"))
	{
		if (!chunk_from_fd(0, &data))
		{
			return encdns_error(err, "%s: cannot read stdin", what);
		}
		text = strndup(data.ptr, data.len);
		chunk_free(&data);
	}
	pos = text;
	while (isspace(*pos))
	{
		pos++;
	}
	if (pos[0] == '0' && (pos[1] == 'x' || pos[1] == 'X'))
	{
		pos += 2;
	}
	w = bio_writer_create(strlen(pos) / 2);
	for (; *pos; pos++)
	{
		if (isspace(*pos) || *pos == ':')
		{
			continue;
		}
		if (!isxdigit(*pos))
		{
			encdns_error(err, "%s: '%c' at offset %td is no hex digit", what,
						 isprint(*pos) ? *pos : '?', pos - text);
			goto out;
		}
		digit = isdigit(*pos) ? *pos - '0' : tolower(*pos) - 'a' + 10;
		if (hi < 0)
		{
			hi = digit;
		}
		else
		{
			w->write_uint8(w, (hi << 4) | digit);
			hi = -1;
		}
	}
	if (hi >= 0)
	{
		encdns_error(err, "%s: odd number of hex digits", what);
		goto out;
	}
	*out = w->extract_buf(w);
	ok = TRUE;

out:
	w->destroy(w);
	if (text != in)
	{
		free(text);
	}
	return ok;
}

/**
 * Lowercase hex of data plus newline, allocated
 */
static char *hex_line(chunk_t data)
{
	char *text;

	text = malloc(data.len * 2 + 2);
	chunk_to_hex(data, text, FALSE);
	strcpy(text + data.len * 2, "\n");
	return text;
}

/**
 * Map a --hash name to the IKEv2 identifier
 */
static bool parse_hash(char *name, uint16_t *hash)
{
	struct {
		char *name;
		uint16_t hash;
	} map[] = {
		{ "sha1", 1 },
		{ "sha256", 2 },
		{ "sha384", 3 },
		{ "sha512", 4 },
		{ "sha2-256", 2 },
		{ "sha2-384", 3 },
		{ "sha2-512", 4 },
	};
	int i;

	for (i = 0; i < countof(map); i++)
	{
		if (strcaseeq(name ?: "sha256", map[i].name))
		{
			*hash = map[i].hash;
			return TRUE;
		}
	}
	return FALSE;
}

/**
 * Parse a capsule type value (decimal or 0x hex, up to 2^62-1)
 */
static bool parse_capsule_type(char *str, uint64_t *type)
{
	unsigned long long value;
	char *end;

	if (!str)
	{
		return TRUE;
	}
	errno = 0;
	value = strtoull(str, &end, 0);
	if (!*str || *end || errno || str[0] == '-' ||
		value > 0x3fffffffffffffffULL)
	{
		return FALSE;
	}
	*type = value;
	return TRUE;
}

/**
 * Map --draft and the --*-type overrides to capsule types; refuses with a
 * reason (exit status 1) if one is invalid, returns 0 on success
 */
static int parse_draft(opts_t *opts, encdns_capsule_types_t *types)
{
	if (!opts->draft || streq(opts->draft, "06") || streq(opts->draft, "6"))
	{
		*types = encdns_capsule_types_06;
	}
	else if (streq(opts->draft, "03") || streq(opts->draft, "3"))
	{
		*types = encdns_capsule_types_03;
	}
	else
	{
		return refuse("--draft: '%s' is not 06 or 03", opts->draft);
	}
	if (!parse_capsule_type(opts->assign_type, &types->dns_assign))
	{
		return refuse("--assign-type: '%s' is not a capsule type (0 to "
					  "2^62-1, RFC 9297 3.2)", opts->assign_type);
	}
	if (!parse_capsule_type(opts->request_type, &types->dns_request))
	{
		return refuse("--request-type: '%s' is not a capsule type (0 to "
					  "2^62-1, RFC 9297 3.2)", opts->request_type);
	}
	if (!parse_capsule_type(opts->pref64_type, &types->pref64))
	{
		return refuse("--pref64-type: '%s' is not a capsule type (0 to "
					  "2^62-1, RFC 9297 3.2)", opts->pref64_type);
	}
	return 0;
}

/**
 * The non-option arguments joined by spaces (so unquoted hex or SvcParams
 * work too), NULL if there are none; lives until exit
 */
static char *single_arg(opts_t *opts)
{
	static char buf[65536];
	size_t len = 0;
	int i;

	if (!opts->argc)
	{
		return NULL;
	}
	if (opts->argc == 1)
	{
		return opts->argv[0];
	}
	buf[0] = '\0';
	for (i = 0; i < opts->argc; i++)
	{
		len += snprintf(buf + len, sizeof(buf) - min(len, sizeof(buf)),
						"%s%s", i ? " " : "", opts->argv[i]);
		if (len >= sizeof(buf))
		{
			return NULL;
		}
	}
	return buf;
}

/**
 * --digest
 */
static int cmd_digest(opts_t *opts)
{
	encdns_error_t err = {};
	chunk_t spki, digest, enc;
	char *text;
	uint16_t hash;
	int ret;

	if (!opts->in || opts->argc)
	{
		return refuse("--digest: needs --in FILE and no other argument");
	}
	if (!parse_hash(opts->hash, &hash))
	{
		return refuse("--hash: '%s' is not sha1, sha256, sha384 or sha512",
					  opts->hash);
	}
	if (opts->format && !streq(opts->format, "hex") &&
		!streq(opts->format, "base64"))
	{
		return refuse("--format: '%s' is not hex or base64", opts->format);
	}
	if (!encdns_spki_from_file(opts->in, &spki, &err))
	{
		return refuse("%s", err.msg);
	}
	if (!encdns_spki_digest(spki, hash, &digest, &err))
	{
		chunk_free(&spki);
		return refuse("%s", err.msg);
	}
	chunk_free(&spki);
	if (opts->format && streq(opts->format, "base64"))
	{
		enc = chunk_to_base64(digest, NULL);
		if (asprintf(&text, "%.*s\n", (int)enc.len, enc.ptr) < 0)
		{
			text = NULL;
		}
		chunk_free(&enc);
	}
	else
	{
		text = hex_line(digest);
	}
	chunk_free(&digest);
	ret = text ? output(text) : refuse("out of memory");
	free(text);
	return ret;
}

/**
 * --svcparams
 */
static int cmd_svcparams(opts_t *opts)
{
	encdns_error_t err = {};
	chunk_t wire = chunk_empty;
	char *arg, *text, *line;
	int ret;

	arg = single_arg(opts);
	if (opts->encode == opts->decode || !arg)
	{
		return refuse("--svcparams: needs --encode \"PARAMS\" or --decode "
					  "HEX");
	}
	if (opts->encode)
	{
		if (!encdns_svcparams_parse(arg, &wire, &err))
		{
			return refuse("%s", err.msg);
		}
		text = hex_line(wire);
		chunk_free(&wire);
		ret = output(text);
		free(text);
		return ret;
	}
	if (!parse_hex("SvcParams", arg, &wire, &err) ||
		!encdns_svcparams_print(wire, &text, &err))
	{
		chunk_free(&wire);
		return refuse("%s", err.msg);
	}
	chunk_free(&wire);
	if (asprintf(&line, "%s\n", text) < 0)
	{
		free(text);
		return refuse("out of memory");
	}
	free(text);
	ret = output(line);
	free(line);
	return ret;
}

/**
 * Map --cfg to the CFG type
 */
static bool parse_cfg(char *name, encdns_cfg_type_t *cfg)
{
	char *names[] = { "request", "reply", "set", "ack" };
	int i;

	for (i = 0; i < countof(names); i++)
	{
		if (strcaseeq(name ?: "reply", names[i]))
		{
			*cfg = ENCDNS_CFG_REQUEST + i;
			return TRUE;
		}
	}
	return FALSE;
}

/**
 * Append the readable form of a configuration to a writer
 */
static bool append_config(bio_writer_t *w, encdns_config_t *config,
						  encdns_error_t *err)
{
	char *text;

	if (!encdns_print_config(config, &text, err))
	{
		return FALSE;
	}
	w->write_data(w, chunk_from_str(text));
	free(text);
	return TRUE;
}

/**
 * Append formatted text to a writer
 */
static void append(bio_writer_t *w, char *fmt, ...)
{
	char buf[256];
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	w->write_data(w, chunk_create(buf, min(len, sizeof(buf) - 1)));
}

/**
 * Append the readable form of a decoded capsule
 */
static bool append_capsule(bio_writer_t *w, const encdns_capsule_types_t *t,
						   encdns_capsule_t *capsule, encdns_error_t *err)
{
	encdns_config_t *config;
	encdns_pref64_t *pref;
	chunk_t prefix;
	host_t *host;
	int i;

	switch (capsule->kind)
	{
		case ENCDNS_CAPSULE_PREF64:
			append(w, "NAT64 Prefixes = [");
			for (i = 0; i < array_count(capsule->prefixes); i++)
			{
				array_get(capsule->prefixes, i, &pref);
				prefix = chunk_alloca(16);
				memset(prefix.ptr, 0, 16);
				memcpy(prefix.ptr, pref->prefix, sizeof(pref->prefix));
				host = host_create_from_chunk(AF_INET6, prefix, 0);
				append(w, "%s%H/%u", i ? ", " : "", host, pref->len);
				host->destroy(host);
			}
			append(w, "]\n");
			return TRUE;
		case ENCDNS_CAPSULE_DNS_REQUEST:
			append(w, "DNS Request, Request ID = %llu\n",
				   (unsigned long long)capsule->request_id);
			break;
		case ENCDNS_CAPSULE_DNS_ASSIGN:
		default:
			if (t->layout == ENCDNS_CAPSULE_LAYOUT_03)
			{
				append(w, "DNS Assign, Request ID = %llu\n",
					   (unsigned long long)capsule->request_id);
			}
			else if (!array_count(capsule->configs))
			{
				/* an empty DNS_ASSIGN withdraws every configuration */
				append(w, "DNS Configurations = []\n");
			}
			break;
	}
	for (i = 0; i < array_count(capsule->configs); i++)
	{
		array_get(capsule->configs, i, &config);
		if (!append_config(w, config, err))
		{
			return FALSE;
		}
	}
	return TRUE;
}

/**
 * Output what a writer holds, consuming it
 */
static int output_writer(bio_writer_t *w)
{
	chunk_t text;
	int ret;

	w->write_uint8(w, '\0');
	text = w->extract_buf(w);
	w->destroy(w);
	ret = output(text.ptr);
	chunk_free(&text);
	return ret;
}

/**
 * --decode --ike|--capsule
 */
static int cmd_decode(opts_t *opts)
{
	encdns_capsule_types_t types_buf, *types = &types_buf;
	encdns_capsule_t *capsule;
	encdns_config_t *config;
	encdns_cfg_type_t cfg = ENCDNS_CFG_REPLY;
	encdns_error_t err = {};
	array_t *capsules = NULL;
	bio_writer_t *w;
	chunk_t data;
	char *arg;
	bool ok;
	int i;

	arg = single_arg(opts);
	if (opts->ike == opts->capsule || !arg)
	{
		return refuse("--decode: needs --ike HEX or --capsule HEX");
	}
	if (opts->ike && !parse_cfg(opts->cfg, &cfg))
	{
		return refuse("--cfg: '%s' is not request, reply, set or ack",
					  opts->cfg);
	}
	if (parse_draft(opts, types))
	{
		return 1;
	}
	if (!parse_hex(opts->ike ? "IKEv2 attributes" : "capsules", arg, &data,
				   &err))
	{
		return refuse("%s", err.msg);
	}
	w = bio_writer_create(1024);
	if (opts->ike)
	{
		config = encdns_config_create();
		ok = encdns_attrs_parse(data, cfg, config, &err) &&
			 append_config(w, config, &err);
		encdns_config_destroy(config);
	}
	else
	{
		ok = encdns_capsule_decode_stream(types, data, &capsules, NULL, &err);
		for (i = 0; ok && i < array_count(capsules); i++)
		{
			array_get(capsules, i, &capsule);
			ok = append_capsule(w, types, capsule, &err);
		}
		if (ok && !array_count(capsules))
		{
			ok = encdns_error(&err, "capsules: no DNS capsule in the input");
		}
		array_destroy_function(capsules, (void*)encdns_capsule_destroy,
							   NULL);
	}
	chunk_free(&data);
	if (!ok)
	{
		w->destroy(w);
		return refuse("%s", err.msg);
	}
	return output_writer(w);
}

/**
 * Settings loader errors, the first one is kept
 */
static void settings_error(void *data, char *file, char *resolver,
						   char *reason)
{
	char *first = data;

	if (!first[0])
	{
		snprintf(first, 512, "%s%s%s: %s", file, resolver ? ": resolver " : "",
				 resolver ?: "", reason);
	}
}

/**
 * Add a domain once
 */
static void add_domain(array_t *list, char *domain)
{
	char *existing;
	int i;

	for (i = 0; i < array_count(list); i++)
	{
		array_get(list, i, &existing);
		if (streq(existing, domain))
		{
			return;
		}
	}
	encdns_config_add_domain(list, domain);
}

/**
 * Is a resolver selected by --name?
 */
static bool selected(opts_t *opts, char *name)
{
	return !opts->names->get_count(opts->names) ||
		   opts->names->find_first(opts->names, linked_list_match_str, NULL,
								   name);
}

/**
 * Match a settings resolver by name
 */
CALLBACK(match_name, bool,
	encdns_settings_resolver_t *sr, va_list args)
{
	char *name;

	VA_ARGS_VGET(args, name);
	return streq(sr->name, name);
}

/**
 * Build the model of the selected resolvers
 */
static bool build_config(opts_t *opts, linked_list_t *list, uint16_t hash,
						 encdns_config_t *config, encdns_error_t *err)
{
	encdns_settings_resolver_t *sr;
	encdns_resolver_t *r;
	enumerator_t *enumerator, *inner;
	char *name, *adn = NULL, *domain;
	bool multi = FALSE;
	int index;

	enumerator = opts->names->create_enumerator(opts->names);
	while (enumerator->enumerate(enumerator, &name))
	{
		if (!list->find_first(list, match_name, NULL, name))
		{
			enumerator->destroy(enumerator);
			return encdns_error(err, "--name: no resolver '%s' in %s", name,
								opts->conf);
		}
	}
	enumerator->destroy(enumerator);

	index = encdns_settings_hash_index(hash);
	/* the digest carries an ADN only when several ADNs are sent
	 * (RFC 9464 3.2) */
	enumerator = list->create_enumerator(list);
	while (enumerator->enumerate(enumerator, &sr))
	{
		if (selected(opts, sr->name) && sr->resolver->adn)
		{
			if (adn && !streq(adn, sr->resolver->adn))
			{
				multi = TRUE;
			}
			adn = sr->resolver->adn;
		}
	}
	enumerator->destroy(enumerator);

	enumerator = list->create_enumerator(list);
	while (enumerator->enumerate(enumerator, &sr))
	{
		if (!selected(opts, sr->name))
		{
			continue;
		}
		r = encdns_resolver_clone(sr->resolver);
		array_insert(config->resolvers, ARRAY_TAIL, r);
		if (sr->spki.len)
		{
			if (index < 0 || !sr->digests[index].len)
			{
				enumerator->destroy(enumerator);
				return encdns_error(err, "--hash: no %u digest computed for "
									"resolver '%s'", hash, sr->name);
			}
			array_insert(config->digests, ARRAY_TAIL,
						 encdns_digest_create(multi ? r->adn : NULL, hash,
											  sr->digests[index]));
		}
		inner = sr->domains->create_enumerator(sr->domains);
		while (inner->enumerate(inner, &domain))
		{
			add_domain(config->internal_domains, domain);
		}
		inner->destroy(inner);
		inner = sr->search->create_enumerator(sr->search);
		while (inner->enumerate(inner, &domain))
		{
			add_domain(config->search_domains, domain);
		}
		inner->destroy(inner);
	}
	enumerator->destroy(enumerator);
	if (!array_count(config->resolvers))
	{
		return encdns_error(err, "%s: no resolver in the encdns section",
							opts->conf);
	}
	return TRUE;
}

/**
 * Search domains are what a swanctl.conf model has that IKEv2 cannot carry
 */
static void report_search(encdns_config_t *config, linked_list_t *reasons)
{
	char *domain, *reason;
	int i;

	for (i = 0; i < array_count(config->search_domains); i++)
	{
		array_get(config->search_domains, i, &domain);
		if (asprintf(&reason, "search domain \"%s\" not encoded: IKEv2 has "
					 "no attribute for search domains (RFC 8598 covers split "
					 "DNS only)", domain) > 0)
		{
			reasons->insert_last(reasons, reason);
		}
	}
}

/**
 * Resolvers of swanctl.conf are encrypted only (as in IKEv2); in a capsule
 * omitting no-default-alpn would announce Do53 too, so add it where alpn
 * is present (RFC 9460 7.1.1 wants alpn with it)
 */
static bool encrypted_only(encdns_config_t *config, encdns_error_t *err)
{
	encdns_resolver_t *r;
	chunk_t value, wire;
	char *text, *more;
	int i;

	for (i = 0; i < array_count(config->resolvers); i++)
	{
		array_get(config->resolvers, i, &r);
		if (!encdns_svcparams_find(r->svcparams, SVC_KEY_ALPN, &value) ||
			encdns_svcparams_find(r->svcparams, SVC_KEY_NO_DEFAULT_ALPN,
								  &value))
		{
			continue;
		}
		if (!encdns_svcparams_print(r->svcparams, &text, err))
		{
			return FALSE;
		}
		if (asprintf(&more, "%s no-default-alpn", text) < 0)
		{
			free(text);
			return encdns_error(err, "out of memory");
		}
		free(text);
		if (!encdns_svcparams_parse(more, &wire, err))
		{
			free(more);
			return FALSE;
		}
		free(more);
		chunk_free(&r->svcparams);
		r->svcparams = wire;
	}
	return TRUE;
}

/**
 * --encode --ike|--capsule --conf FILE
 */
static int cmd_encode(opts_t *opts)
{
	encdns_capsule_types_t types_buf, *types = &types_buf;
	encdns_config_t *config;
	encdns_error_t err = {};
	linked_list_t *list, *reasons;
	char first[512] = "", *reason, *text;
	uint16_t hash;
	chunk_t data = chunk_empty;
	bool ok;
	int ret;

	if (opts->ike == opts->capsule || !opts->conf || opts->argc)
	{
		return refuse("--encode: needs --ike or --capsule and --conf FILE");
	}
	if (!parse_hash(opts->hash, &hash))
	{
		return refuse("--hash: '%s' is not sha1, sha256, sha384 or sha512",
					  opts->hash);
	}
	if (parse_draft(opts, types))
	{
		return 1;
	}
	list = encdns_settings_load(opts->conf, settings_error, first);
	if (!list || first[0])
	{
		encdns_settings_destroy(list);
		return refuse("%s", first[0] ? first : "cannot load the encdns "
					  "section");
	}
	config = encdns_config_create();
	ok = build_config(opts, list, hash, config, &err);
	encdns_settings_destroy(list);
	if (ok)
	{
		/* never drop silently what the encoding cannot carry */
		reasons = linked_list_create();
		if (opts->ike)
		{
			report_search(config, reasons);
		}
		else
		{
			encdns_capsule_report_loss(config, reasons);
			ok = encrypted_only(config, &err);
		}
		if (ok && opts->ike)
		{
			ok = encdns_attrs_build(config, ENCDNS_CFG_REPLY, TRUE, &data,
									&err);
		}
		else if (ok)
		{
			ok = encdns_capsule_build_assign(types, config, TRUE, &data,
											 &err);
		}
		while (reasons->remove_first(reasons, (void**)&reason) == SUCCESS)
		{
			if (ok)
			{
				warn(reason);
			}
			free(reason);
		}
		reasons->destroy(reasons);
	}
	encdns_config_destroy(config);
	if (!ok)
	{
		return refuse("%s", err.msg);
	}
	text = hex_line(data);
	chunk_free(&data);
	ret = output(text);
	free(text);
	return ret;
}

/**
 * --probe
 */
static int cmd_probe(opts_t *opts)
{
	encdns_verify_params_t params = {
		.adn = opts->adn,
		.alpn = opts->alpn ?: "dot",
		.cacert = opts->cacert,
		.query = opts->query,
	};
	encdns_verify_result_t result = {};
	encdns_error_t err = {};
	char *end, name[16], rcode[32] = "", *text;
	u_long port = 0;
	double timeout = 0;
	bool ok;
	int ret;

	if (!opts->adn || !opts->addr || opts->argc)
	{
		return refuse("--probe: needs --adn NAME and --addr IP");
	}
	if (!streq(params.alpn, "dot") && !streq(params.alpn, "h2"))
	{
		return refuse("--alpn: '%s' is not dot or h2", params.alpn);
	}
	if (opts->port)
	{
		errno = 0;
		port = strtoul(opts->port, &end, 10);
		if (errno || *end || !*opts->port || port < 1 || port > 65535)
		{
			return refuse("--port: '%s' is not a port 1..65535", opts->port);
		}
	}
	if (opts->timeout)
	{
		timeout = strtod(opts->timeout, &end);
		if (*end || !*opts->timeout || !(timeout > 0) || timeout > 3600)
		{
			return refuse("--timeout: '%s' is not 0..3600 seconds",
						  opts->timeout);
		}
		params.timeout = timeout * 1000 ?: 1;
	}
	if (!parse_hash(opts->hash, &params.hash))
	{
		return refuse("--hash: '%s' is not sha1, sha256, sha384 or sha512",
					  opts->hash);
	}
	if (opts->digest)
	{
		if (!parse_hex("--digest", opts->digest, &params.digest, &err))
		{
			return refuse("%s", err.msg);
		}
		if (params.digest.len != encdns_hash_length(params.hash))
		{
			ret = refuse("--digest: %zu octets, %s digests have %zu "
						 "(RFC 9464 3.2)", params.digest.len,
						 encdns_print_hash_name(params.hash, name,
												sizeof(name)),
						 encdns_hash_length(params.hash));
			chunk_free(&params.digest);
			return ret;
		}
	}
	params.addr = host_create_from_string(opts->addr, port);
	if (!params.addr)
	{
		chunk_free(&params.digest);
		return refuse("--addr: '%s' is not an IP address", opts->addr);
	}
	ok = encdns_verify(&params, &result, &err);
	if (!ok)
	{
		params.addr->destroy(params.addr);
		chunk_free(&params.digest);
		return refuse("%s", err.msg);
	}
	if (result.rcode >= 0)
	{
		snprintf(rcode, sizeof(rcode), ", query RCODE %d", result.rcode);
	}
	params.addr->set_port(params.addr, result.port);
	if (asprintf(&text, "verified %s at %#H by %s%s%s, %s, ALPN %s%s\n",
			opts->adn, params.addr,
			result.pinned ? "SPKI " : "PKIX and name",
			result.pinned ? encdns_print_hash_name(params.hash, name,
												   sizeof(name)) : "",
			result.pinned ? (result.name_match ? " digest" : " digest "
							 "(certificate not valid for the ADN)") : "",
			result.version, result.alpn[0] ? result.alpn : "none (DoT)",
			rcode) < 0)
	{
		text = NULL;
	}
	params.addr->destroy(params.addr);
	chunk_free(&params.digest);
	ret = text ? output(text) : refuse("out of memory");
	free(text);
	return ret;
}

/**
 * The commands, selected by their mode option
 */
static command_t commands[] = {
	{ "digest", cmd_digest,
	  "encdns --digest --in FILE [--hash sha256|sha384|sha512|sha1]\n"
	  "       [--format hex|base64]",
	  "SPKI digest (RFC 9464 5) of a PEM or DER certificate or public key,\n"
	  "lowercase hex (or base64, as pins are written) on one line.\n" },
	{ "svcparams", cmd_svcparams,
	  "encdns --svcparams --encode \"PARAMS\"\n"
	  "encdns --svcparams --decode HEX",
	  "SvcParams (RFC 9460) presentation form to wire form in lowercase hex,\n"
	  "and wire form back to canonical presentation form, on one line.\n" },
	{ "decode", cmd_decode,
	  "encdns --decode --ike HEX [--cfg request|reply|set|ack]\n"
	  "encdns --decode --capsule HEX [--draft 06|03] [--assign-type T]\n"
	  "       [--request-type T] [--pref64-type T]",
	  "Print IKEv2 configuration attributes (Type, Length, Value, as after\n"
	  "the CFG header; default CFG_REPLY) or a stream of CONNECT-IP capsules\n"
	  "in the readable DNS Configuration form, digests included.\n" },
	{ "encode", cmd_encode,
	  "encdns --encode --ike|--capsule --conf FILE [--name RESOLVER]...\n"
	  "       [--draft 06|03] [--hash sha256|sha384|sha512]\n"
	  "       [--assign-type T] [--request-type T] [--pref64-type T]",
	  "Encode the resolvers of the encdns section of a swanctl.conf as\n"
	  "IKEv2 attributes (CFG_REPLY) or as a DNS_ASSIGN capsule, lowercase\n"
	  "hex. What the encoding cannot carry is reported as a warning line.\n" },
	{ "probe", cmd_probe,
	  "encdns --probe --adn NAME --addr IP [--port N] [--alpn dot|h2]\n"
	  "       [--digest HEX [--hash H]] [--cacert FILE] [--timeout S]\n"
	  "       [--query NAME]",
	  "Verify a live resolver as an RFC 9464 client does: TLS with SNI = ADN\n"
	  "and the ALPN, the SPKI digest if given (no PKIX then), else PKIX\n"
	  "against --cacert or the system store plus the ADN as DNS-ID.\n"
	  "--query sends one DoT query and reports its RCODE; DoH (h2) is\n"
	  "verified up to the handshake and ALPN only.\n" },
};

/**
 * Print usage: of one command, or of all
 */
static int usage(FILE *out, command_t *cmd)
{
	int i;

	if (cmd)
	{
		fprintf(out, "usage:\n%s\n\n%s", cmd->usage, cmd->help);
	}
	else
	{
		fprintf(out, "usage:\n");
		for (i = 0; i < countof(commands); i++)
		{
			fprintf(out, "%s\n", commands[i].usage);
		}
		fprintf(out, "encdns --help | --version\n\n"
			"HEX arguments may contain whitespace and ':' and start with "
			"0x;\n\"-\" reads them from stdin. --debug N logs at level N "
			"on stderr.\nSee encdns(8).\n");
	}
	return out == stderr ? 1 : 0;
}

int main(int argc, char *argv[])
{
	struct option long_opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'v' },
		{ "digest", no_argument, NULL, 'D' },
		{ "svcparams", no_argument, NULL, 'S' },
		{ "probe", no_argument, NULL, 'P' },
		{ "encode", no_argument, NULL, 'e' },
		{ "decode", no_argument, NULL, 'd' },
		{ "ike", no_argument, NULL, 'i' },
		{ "capsule", no_argument, NULL, 'c' },
		{ "in", required_argument, NULL, 'I' },
		{ "hash", required_argument, NULL, 'H' },
		{ "format", required_argument, NULL, 'f' },
		{ "cfg", required_argument, NULL, 'C' },
		{ "draft", required_argument, NULL, 'r' },
		{ "assign-type", required_argument, NULL, 'T' },
		{ "request-type", required_argument, NULL, 'R' },
		{ "pref64-type", required_argument, NULL, 'F' },
		{ "conf", required_argument, NULL, 'o' },
		{ "name", required_argument, NULL, 'n' },
		{ "adn", required_argument, NULL, 'a' },
		{ "addr", required_argument, NULL, 'A' },
		{ "port", required_argument, NULL, 'p' },
		{ "alpn", required_argument, NULL, 'l' },
		{ "digest-value", required_argument, NULL, 'g' },
		{ "cacert", required_argument, NULL, 'k' },
		{ "timeout", required_argument, NULL, 't' },
		{ "query", required_argument, NULL, 'q' },
		{ "debug", required_argument, NULL, 'x' },
		{ 0, 0, 0, 0 }
	};
	opts_t opts = {};
	command_t *cmd = NULL;
	char *mode = NULL;
	int c, i, ret, level = -1;

	opts.names = linked_list_create();
	/* "--digest" is the mode without argument and the probe's pin with one:
	 * rewrite "--digest HEX" after --probe so getopt sees distinct names */
	for (i = 1; i < argc; i++)
	{
		if (streq(argv[i], "--probe"))
		{
			for (c = 1; c < argc; c++)
			{
				if (streq(argv[c], "--digest"))
				{
					argv[c] = "--digest-value";
				}
				else if (strpfx(argv[c], "--digest="))
				{
					if (asprintf(&mode, "--digest-value=%s",
								 argv[c] + strlen("--digest=")) > 0)
					{
						/* lives until exit, as argv does */
						argv[c] = mode;
					}
					mode = NULL;
				}
			}
			break;
		}
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", long_opts, NULL)) != -1)
	{
		switch (c)
		{
			case 'h':
				opts.help = TRUE;
				continue;
			case 'v':
				printf("encdns %s (strongSwan %s)\n", ENCDNS_VERSION,
					   SS_VERSION);
				opts.names->destroy(opts.names);
				return 0;
			case 'D':
			case 'S':
			case 'P':
				for (i = 0; i < countof(commands); i++)
				{
					if (streq(commands[i].name, c == 'D' ? "digest" :
											c == 'S' ? "svcparams" : "probe"))
					{
						if (cmd && cmd != &commands[i])
						{
							opts.names->destroy(opts.names);
							return refuse("--%s and --%s exclude each other",
										  cmd->name, commands[i].name);
						}
						cmd = &commands[i];
					}
				}
				continue;
			case 'e':
				opts.encode = TRUE;
				continue;
			case 'd':
				opts.decode = TRUE;
				continue;
			case 'i':
				opts.ike = TRUE;
				continue;
			case 'c':
				opts.capsule = TRUE;
				continue;
			case 'I':
				opts.in = optarg;
				continue;
			case 'H':
				opts.hash = optarg;
				continue;
			case 'f':
				opts.format = optarg;
				continue;
			case 'C':
				opts.cfg = optarg;
				continue;
			case 'r':
				opts.draft = optarg;
				continue;
			case 'T':
				opts.assign_type = optarg;
				continue;
			case 'R':
				opts.request_type = optarg;
				continue;
			case 'F':
				opts.pref64_type = optarg;
				continue;
			case 'o':
				opts.conf = optarg;
				continue;
			case 'n':
				opts.names->insert_last(opts.names, optarg);
				continue;
			case 'a':
				opts.adn = optarg;
				continue;
			case 'A':
				opts.addr = optarg;
				continue;
			case 'p':
				opts.port = optarg;
				continue;
			case 'l':
				opts.alpn = optarg;
				continue;
			case 'g':
				opts.digest = optarg;
				continue;
			case 'k':
				opts.cacert = optarg;
				continue;
			case 't':
				opts.timeout = optarg;
				continue;
			case 'q':
				opts.query = optarg;
				continue;
			case 'x':
				level = atoi(optarg);
				continue;
			default:
				opts.names->destroy(opts.names);
				if (optopt)
				{
					for (i = 0; long_opts[i].name; i++)
					{
						if (long_opts[i].val == optopt)
						{
							return refuse("--%s: needs an argument",
										  long_opts[i].name);
						}
					}
				}
				return refuse("unknown option '%s', see encdns --help",
							  argv[optind - 1]);
		}
	}
	opts.argc = argc - optind;
	opts.argv = argv + optind;

	/* --encode/--decode alone select the attribute/capsule commands */
	if (!cmd && (opts.encode || opts.decode))
	{
		mode = opts.encode && !opts.decode ? "encode" :
			   opts.decode && !opts.encode ? "decode" : NULL;
		for (i = 0; mode && i < countof(commands); i++)
		{
			if (streq(commands[i].name, mode))
			{
				cmd = &commands[i];
			}
		}
		if (!cmd && !opts.help)
		{
			opts.names->destroy(opts.names);
			return refuse("--encode and --decode exclude each other");
		}
	}
	if (opts.help)
	{
		opts.names->destroy(opts.names);
		return usage(stdout, cmd);
	}
	if (!cmd)
	{
		opts.names->destroy(opts.names);
		if (opts.argc)
		{
			return refuse("no mode option, see encdns --help");
		}
		return usage(stderr, NULL);
	}

	dbg_default_set_level(level);
	if (!library_init(NULL, "encdns"))
	{
		library_deinit();
		opts.names->destroy(opts.names);
		return refuse("initializing libstrongswan failed");
	}
	lib->plugins->add_path(lib->plugins, PLUGINDIR);
	if (!lib->plugins->load(lib->plugins,
			lib->settings->get_str(lib->settings, "encdns.load", PLUGINS)))
	{
		library_deinit();
		opts.names->destroy(opts.names);
		return refuse("loading plugins failed");
	}
	ret = cmd->run(&opts);
	opts.names->destroy(opts.names);
	library_deinit();
	return ret;
}
