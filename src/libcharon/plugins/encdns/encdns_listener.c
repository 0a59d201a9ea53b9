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

#include "encdns_listener.h"

#include <daemon.h>
#include <collections/hashtable.h>
#include <threading/mutex.h>
#include <encoding/payloads/cp_payload.h>

typedef struct private_encdns_listener_t private_encdns_listener_t;

/**
 * Private data
 */
struct private_encdns_listener_t {

	/**
	 * Public interface
	 */
	encdns_listener_t public;

	/**
	 * unique IKE_SA id => encdns_request_t*
	 */
	hashtable_t *requests;

	/**
	 * Protects requests
	 */
	mutex_t *mutex;
};

/**
 * Read the CFG_REQUEST attributes of a message into a new record
 */
static encdns_request_t *parse_request(ike_sa_t *ike_sa, message_t *message)
{
	encdns_request_t *request = NULL;
	enumerator_t *payloads, *attributes;
	configuration_attribute_t *attribute;
	encdns_error_t err;
	payload_t *payload;
	cp_payload_t *cp;

	payloads = message->create_payload_enumerator(message);
	while (payloads->enumerate(payloads, &payload))
	{
		if (payload->get_type(payload) != PLV2_CONFIGURATION)
		{
			continue;
		}
		cp = (cp_payload_t*)payload;
		if (cp->get_type(cp) != CFG_REQUEST)
		{
			continue;
		}
		if (!request)
		{
			request = encdns_request_create();
		}
		attributes = cp->create_attribute_enumerator(cp);
		while (attributes->enumerate(attributes, &attribute))
		{
			memset(&err, 0, sizeof(err));
			if (!encdns_request_add(request, attribute->get_type(attribute),
									attribute->get_chunk(attribute), &err))
			{
				DBG1(DBG_IKE, "encdns: ignoring %N in CFG_REQUEST: %s",
					 configuration_attribute_type_names,
					 attribute->get_type(attribute), err.msg);
			}
		}
		attributes->destroy(attributes);
	}
	payloads->destroy(payloads);
	return request;
}

METHOD(listener_t, message_hook, bool,
	private_encdns_listener_t *this, ike_sa_t *ike_sa, message_t *message,
	bool incoming, bool plain)
{
	encdns_request_t *request, *old;
	uintptr_t id;
	char buf[512];

	if (!incoming || !plain || !message->get_request(message) ||
		message->get_exchange_type(message) != IKE_AUTH ||
		ike_sa->get_version(ike_sa) != IKEV2)
	{
		return TRUE;
	}
	request = parse_request(ike_sa, message);
	if (!request)
	{	/* no CP in this IKE_AUTH round, keep what an earlier one had */
		return TRUE;
	}
	if (!encdns_request_any(request))
	{
		encdns_request_destroy(request);
		request = NULL;
	}
	else
	{
		DBG1(DBG_IKE, "encdns: peer requested %s",
			 encdns_request_summary(request, buf, sizeof(buf)));
		if (request->duplicates)
		{
			DBG2(DBG_IKE, "encdns: ignored %d bitwise identical repeated "
				 "attribute%s (RFC 9464 4)", request->duplicates,
				 request->duplicates == 1 ? "" : "s");
		}
	}
	id = ike_sa->get_unique_id(ike_sa);
	this->mutex->lock(this->mutex);
	if (request)
	{
		old = this->requests->put(this->requests, (void*)id, request);
	}
	else
	{
		old = this->requests->remove(this->requests, (void*)id);
	}
	this->mutex->unlock(this->mutex);
	encdns_request_destroy(old);
	return TRUE;
}

METHOD(listener_t, ike_state_change, bool,
	private_encdns_listener_t *this, ike_sa_t *ike_sa, ike_sa_state_t state)
{
	encdns_request_t *request;

	if (state == IKE_DESTROYING)
	{
		this->mutex->lock(this->mutex);
		request = this->requests->remove(this->requests,
							(void*)(uintptr_t)ike_sa->get_unique_id(ike_sa));
		this->mutex->unlock(this->mutex);
		encdns_request_destroy(request);
	}
	return TRUE;
}

METHOD(encdns_listener_t, get_request, bool,
	private_encdns_listener_t *this, ike_sa_t *ike_sa,
	encdns_request_t *copy)
{
	encdns_request_t *request;

	this->mutex->lock(this->mutex);
	request = this->requests->get(this->requests,
							(void*)(uintptr_t)ike_sa->get_unique_id(ike_sa));
	if (request)
	{
		*copy = *request;
		copy->seen = NULL;
	}
	this->mutex->unlock(this->mutex);
	return request != NULL;
}

CALLBACK(destroy_request, void,
	encdns_request_t *request, const void *key)
{
	encdns_request_destroy(request);
}

METHOD(encdns_listener_t, destroy, void,
	private_encdns_listener_t *this)
{
	this->requests->destroy_function(this->requests, destroy_request);
	this->mutex->destroy(this->mutex);
	free(this);
}

/*
 * Described in header
 */
encdns_listener_t *encdns_listener_create()
{
	private_encdns_listener_t *this;

	INIT(this,
		.public = {
			.listener = {
				.message = _message_hook,
				.ike_state_change = _ike_state_change,
			},
			.get_request = _get_request,
			.destroy = _destroy,
		},
		.requests = hashtable_create(hashtable_hash_ptr,
									 hashtable_equals_ptr, 8),
		.mutex = mutex_create(MUTEX_TYPE_DEFAULT),
	);
	return &this->public;
}
