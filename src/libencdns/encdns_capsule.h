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

/**
 * @defgroup encdns_capsule encdns_capsule
 * @{ @ingroup libencdns
 *
 * MASQUE CONNECT-IP DNS capsules (draft-ietf-masque-connect-ip-dns) in
 * RFC 9297 capsule framing, mapped to and from the encdns_config_t model.
 *
 * Two layouts are supported:
 *  - ENCDNS_CAPSULE_LAYOUT_06 (drafts -04 to -06): DNS_ASSIGN carries zero
 *    or more DNS Configurations back to back; PREF64 carries NAT64
 *    prefixes; there is no DNS_REQUEST and no request ID.
 *  - ENCDNS_CAPSULE_LAYOUT_03 (drafts -01 to -03, the seed slides):
 *    DNS_ASSIGN and DNS_REQUEST carry exactly one DNS Configuration,
 *    preceded by a Request ID; there is no PREF64.
 *
 * Capsule type values are provisional, so every function takes them from
 * an encdns_capsule_types_t instead of using constants.
 *
 * Rules enforced on decode AND encode (every refusal names the capsule, the
 * field and the rule): Service Priority not 0; SvcParams well formed and
 * without ipv4hint/ipv6hint; no alpn/no-default-alpn with an empty ADN; a
 * nameserver supporting Do53 (no "no-default-alpn") has at least one
 * address; domains valid ("" = root allowed for internal domains only);
 * exact lengths; PREF64 prefix lengths and zero padding.
 */

#ifndef ENCDNS_CAPSULE_H_
#define ENCDNS_CAPSULE_H_

#include "encdns_model.h"
#include "encdns_error.h"
#include "encdns_attr.h"

#include <bio/bio_reader.h>
#include <bio/bio_writer.h>
#include <collections/linked_list.h>

typedef enum encdns_capsule_layout_t encdns_capsule_layout_t;
typedef struct encdns_capsule_types_t encdns_capsule_types_t;
typedef enum encdns_capsule_kind_t encdns_capsule_kind_t;
typedef struct encdns_pref64_t encdns_pref64_t;
typedef struct encdns_capsule_t encdns_capsule_t;
typedef struct encdns_capsule_session_t encdns_capsule_session_t;

/**
 * Wire layout of the DNS capsules.
 */
enum encdns_capsule_layout_t {
	/** drafts -04..-06: several configurations, no request ID, PREF64 */
	ENCDNS_CAPSULE_LAYOUT_06,
	/** drafts -01..-03: one configuration with Request ID, DNS_REQUEST */
	ENCDNS_CAPSULE_LAYOUT_03,
};

/**
 * Names of the layouts ("draft-06", "draft-03"), for %N
 */
extern enum_name_t *encdns_capsule_layout_names;

/**
 * Capsule type values of one layout. A value of 0 means "not defined in
 * this layout" (0x00 is RFC 9297's DATAGRAM, never a DNS capsule).
 */
struct encdns_capsule_types_t {

	/** layout the capsule values use */
	encdns_capsule_layout_t layout;

	/** DNS_ASSIGN capsule type */
	uint64_t dns_assign;

	/** DNS_REQUEST capsule type, 0 if none (layout -06) */
	uint64_t dns_request;

	/** PREF64 capsule type, 0 if none (layout -03) */
	uint64_t pref64;
};

/**
 * Default type values of draft -06: DNS_ASSIGN 0x1ACE79EC, PREF64
 * 0x274C0FBC, layout ENCDNS_CAPSULE_LAYOUT_06.
 */
extern const encdns_capsule_types_t encdns_capsule_types_06;

/**
 * Default type values of draft -03 (seed slides): DNS_ASSIGN 0x818F79E,
 * DNS_REQUEST 0x818F79F, layout ENCDNS_CAPSULE_LAYOUT_03.
 */
extern const encdns_capsule_types_t encdns_capsule_types_03;

/**
 * Kind of a decoded DNS capsule.
 */
enum encdns_capsule_kind_t {
	ENCDNS_CAPSULE_DNS_ASSIGN,
	ENCDNS_CAPSULE_DNS_REQUEST,
	ENCDNS_CAPSULE_PREF64,
};

/**
 * Names of the kinds ("DNS_ASSIGN", "DNS_REQUEST", "PREF64"), for %N
 */
extern enum_name_t *encdns_capsule_kind_names;

/**
 * One NAT64 prefix of a PREF64 capsule.
 */
struct encdns_pref64_t {

	/** prefix length in bits: 32, 40, 48, 56, 64 or 96 */
	uint8_t len;

	/** the top 96 bits of the IPv6 prefix, bits after len are zero */
	uint8_t prefix[12];
};

/**
 * A decoded DNS capsule.
 */
struct encdns_capsule_t {

	/** what capsule this is */
	encdns_capsule_kind_t kind;

	/** Request ID (layout -03 only, 0 = unsolicited DNS_ASSIGN) */
	uint64_t request_id;

	/** encdns_config_t*, one per DNS Configuration (DNS_ASSIGN and
	 *  DNS_REQUEST; exactly one in layout -03), in wire order */
	array_t *configs;

	/** encdns_pref64_t*, NAT64 prefixes (PREF64, possibly none) */
	array_t *prefixes;
};

/**
 * Create an empty capsule (no configurations, no prefixes).
 *
 * @param kind			capsule kind
 * @param request_id	Request ID (layout -03), 0 otherwise
 * @return				capsule, free with encdns_capsule_destroy()
 */
encdns_capsule_t *encdns_capsule_create(encdns_capsule_kind_t kind,
										uint64_t request_id);

/**
 * Add a NAT64 prefix to a PREF64 capsule (not checked here, the encoder
 * checks it).
 *
 * @param this			capsule
 * @param prefix		IPv6 prefix, its first 96 bits are used
 * @param len			prefix length in bits
 */
void encdns_capsule_add_pref64(encdns_capsule_t *this, host_t *prefix,
							   uint8_t len);

/**
 * Compare two capsules: kind, request ID, configurations and prefixes in
 * order.
 */
bool encdns_capsule_equals(encdns_capsule_t *a, encdns_capsule_t *b);

/**
 * Free a capsule and everything it holds, NULL is fine.
 */
void encdns_capsule_destroy(encdns_capsule_t *this);

/**
 * Check whether a capsule type is reserved for GREASE (RFC 9297 5.4:
 * 0x29 * N + 0x17), such types are always skipped.
 *
 * @param type			capsule type
 * @return				TRUE if GREASE
 */
bool encdns_capsule_is_grease(uint64_t type);

/**
 * Read one capsule's framing, Type (i) Length (i) Value, from a reader.
 * A capsule whose value extends past the end of the input is malformed
 * (RFC 9297 3.3).
 *
 * @param reader		input, advanced past the capsule on success
 * @param type			capsule type
 * @param value			capsule value, pointing into the input
 * @param err			reason on failure
 * @return				TRUE if a complete capsule was read
 */
bool encdns_capsule_read(bio_reader_t *reader, uint64_t *type,
						 chunk_t *value, encdns_error_t *err);

/**
 * Write one capsule's framing, Type (i) Length (i) Value, minimal varints.
 *
 * @param writer		output
 * @param type			capsule type, at most 2^62-1
 * @param value			capsule value
 * @param err			reason on failure
 * @return				TRUE on success
 */
bool encdns_capsule_write(bio_writer_t *writer, uint64_t type, chunk_t value,
						  encdns_error_t *err);

/**
 * Decode the value of a DNS capsule of a known type, every rule enforced.
 *
 * @param types			type values and layout
 * @param type			capsule type, one of those in types
 * @param value			capsule value (without Type and Length)
 * @param capsule		decoded capsule
 * @param err			reason on failure
 * @return				TRUE if valid
 */
bool encdns_capsule_decode_value(const encdns_capsule_types_t *types,
								 uint64_t type, chunk_t value,
								 encdns_capsule_t **capsule,
								 encdns_error_t *err);

/**
 * Decode exactly one DNS capsule (Type, Length, Value); trailing bytes,
 * truncation and a type not in types are refused.
 *
 * @param types			type values and layout
 * @param data			the encoded capsule
 * @param capsule		decoded capsule
 * @param err			reason on failure
 * @return				TRUE if valid
 */
bool encdns_capsule_decode(const encdns_capsule_types_t *types, chunk_t data,
						   encdns_capsule_t **capsule, encdns_error_t *err);

/**
 * Decode a capsule stream: a sequence of capsules, those of a type in
 * types are decoded, any other type (unknown, GREASE, RFC 9484 address
 * capsules) is skipped (RFC 9297 3.2). A truncated last capsule or any
 * invalid DNS capsule makes the whole stream malformed.
 *
 * @param types			type values and layout
 * @param stream		concatenated capsules
 * @param capsules		array of decoded encdns_capsule_t*, in stream order
 *						(created, possibly empty); NULL on failure
 * @param skipped		number of skipped capsules, or NULL
 * @param err			reason on failure
 * @return				TRUE if the stream is well formed
 */
bool encdns_capsule_decode_stream(const encdns_capsule_types_t *types,
								  chunk_t stream, array_t **capsules,
								  u_int *skipped, encdns_error_t *err);

/**
 * Encode a capsule (Type, Length, Value), every rule enforced. Digests of
 * the configurations cannot be carried: unless drop_digests is TRUE they
 * make the encoding fail (see encdns_capsule_report_loss()).
 *
 * @param types			type values and layout
 * @param capsule		capsule to encode
 * @param drop_digests	TRUE to leave SPKI digests out knowingly
 * @param data			allocated encoding
 * @param err			reason on failure
 * @return				TRUE on success
 */
bool encdns_capsule_encode(const encdns_capsule_types_t *types,
						   encdns_capsule_t *capsule, bool drop_digests,
						   chunk_t *data, encdns_error_t *err);

/**
 * Encode one configuration as an unsolicited DNS_ASSIGN (request ID 0 in
 * layout -03), shortcut for encdns_capsule_encode().
 *
 * @param types			type values and layout
 * @param config		configuration
 * @param drop_digests	TRUE to leave SPKI digests out knowingly
 * @param data			allocated encoding
 * @param err			reason on failure
 * @return				TRUE on success
 */
bool encdns_capsule_build_assign(const encdns_capsule_types_t *types,
								 encdns_config_t *config, bool drop_digests,
								 chunk_t *data, encdns_error_t *err);

/**
 * List what a DNS_ASSIGN capsule cannot carry from a model: SPKI digests
 * (ENCDNS_DIGEST_INFO has no capsule equivalent).
 *
 * @param config		model
 * @param reasons		allocated char* reasons are appended here
 * @return				TRUE if nothing is lost
 */
bool encdns_capsule_report_loss(encdns_config_t *config,
								linked_list_t *reasons);

/**
 * List what IKEv2 (RFC 9464 + RFC 8598 in a CFG_REPLY) cannot carry from a
 * model: search domains, the root "" as internal domain, a nameserver
 * without ADN (Do53 only) or without addresses, and the Do53 service a
 * capsule nameserver announces by omitting no-default-alpn.
 *
 * @param config		model
 * @param reasons		allocated char* reasons are appended here
 * @return				TRUE if nothing is lost
 */
bool encdns_ikev2_report_loss(encdns_config_t *config,
							  linked_list_t *reasons);

/**
 * Convert IKEv2 configuration attributes of a CFG_REPLY/CFG_SET to an
 * unsolicited DNS_ASSIGN through the model (encdns_attrs_parse()).
 * IKEv2 resolvers are encrypted only, so "no-default-alpn" is added to
 * SvcParams carrying "alpn" (a capsule would otherwise announce Do53).
 * What is lost (digests) is appended to reasons.
 *
 * @param types			type values and layout
 * @param tlvs			IKEv2 attributes (with headers)
 * @param cfg			CFG type they came in
 * @param data			allocated capsule
 * @param reasons		allocated char* reasons for what was lost, or NULL
 *						to refuse any loss
 * @param err			reason on failure
 * @return				TRUE on success
 */
bool encdns_capsule_from_ikev2(const encdns_capsule_types_t *types,
							   chunk_t tlvs, encdns_cfg_type_t cfg,
							   chunk_t *data,
							   linked_list_t *reasons, encdns_error_t *err);

/**
 * Convert a DNS_ASSIGN capsule to IKEv2 configuration attributes of a
 * CFG_REPLY through the model (encdns_attrs_build()), all configurations
 * merged. "no-default-alpn" is removed (RFC 9461 4.1: it does not apply to
 * "dns"); what IKEv2 cannot carry is left out and appended to reasons.
 *
 * @param types			type values and layout
 * @param data			the encoded DNS_ASSIGN capsule
 * @param tlvs			allocated IKEv2 attributes
 * @param reasons		allocated char* reasons for what was lost, or NULL
 *						to refuse any loss
 * @param err			reason on failure
 * @return				TRUE on success
 */
bool encdns_capsule_to_ikev2(const encdns_capsule_types_t *types,
							 chunk_t data, chunk_t *tlvs,
							 linked_list_t *reasons, encdns_error_t *err);

/**
 * Request ID bookkeeping of one IP-proxying stream (layout -03 only):
 * a DNS_REQUEST uses a new non-zero ID never used before on the stream by
 * its sender, a DNS_ASSIGN carries 0 (unsolicited) or the ID of an
 * outstanding request of the peer.
 */
struct encdns_capsule_session_t {

	/**
	 * Allocate a fresh request ID for a DNS_REQUEST we send and mark it
	 * outstanding.
	 *
	 * @return			new non-zero ID, 0 if no more can be allocated
	 */
	uint64_t (*next_request_id)(encdns_capsule_session_t *this);

	/**
	 * Check and record a DNS_REQUEST we send with a chosen ID.
	 *
	 * @param id		request ID
	 * @param err		reason on failure (zero or reused ID)
	 * @return			TRUE if valid, the request is outstanding then
	 */
	bool (*send_request)(encdns_capsule_session_t *this, uint64_t id,
						 encdns_error_t *err);

	/**
	 * Check and record a DNS_REQUEST received from the peer; the number
	 * of unanswered peer requests is bounded (the stream must be aborted
	 * past the limit).
	 *
	 * @param id		request ID
	 * @param err		reason on failure (zero, reused ID, too many)
	 * @return			TRUE if valid, we owe a DNS_ASSIGN with this ID
	 */
	bool (*recv_request)(encdns_capsule_session_t *this, uint64_t id,
						 encdns_error_t *err);

	/**
	 * Check a DNS_ASSIGN we send: 0, or the ID of an unanswered peer
	 * request (which is answered then).
	 *
	 * @param id		request ID
	 * @param err		reason on failure
	 * @return			TRUE if valid
	 */
	bool (*send_assign)(encdns_capsule_session_t *this, uint64_t id,
						encdns_error_t *err);

	/**
	 * Check a DNS_ASSIGN received: 0, or the ID of one of our outstanding
	 * requests (which is answered then).
	 *
	 * @param id		request ID
	 * @param err		reason on failure
	 * @return			TRUE if valid
	 */
	bool (*recv_assign)(encdns_capsule_session_t *this, uint64_t id,
						encdns_error_t *err);

	/**
	 * Number of our requests still waiting for a DNS_ASSIGN.
	 *
	 * @return			count
	 */
	u_int (*get_outstanding)(encdns_capsule_session_t *this);

	/**
	 * Number of peer requests we have not answered yet.
	 *
	 * @return			count
	 */
	u_int (*get_owed)(encdns_capsule_session_t *this);

	/**
	 * Destroy the session.
	 */
	void (*destroy)(encdns_capsule_session_t *this);
};

/**
 * Create request ID bookkeeping for one stream.
 *
 * @param max_owed		most unanswered peer requests before recv_request()
 *						refuses (0 for a default of 16)
 * @return				session
 */
encdns_capsule_session_t *encdns_capsule_session_create(u_int max_owed);

#endif /** ENCDNS_CAPSULE_H_ @}*/
