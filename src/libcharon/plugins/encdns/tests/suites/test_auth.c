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

#include <test_suite.h>

#include <encdns_auth.h>

/**
 * An IKE_SA with just the completed remote authentication rounds; INIT()
 * leaves every other method NULL
 */
typedef struct {
	ike_sa_t public;
	linked_list_t *rounds;
} mock_ike_sa_t;

METHOD(ike_sa_t, create_auth_cfg_enumerator, enumerator_t*,
	mock_ike_sa_t *this, bool local)
{
	return this->rounds->create_enumerator(this->rounds);
}

static bool authenticated(auth_class_t classes[], int count)
{
	mock_ike_sa_t *ike_sa;
	auth_cfg_t *auth;
	bool result;
	int i;

	INIT(ike_sa,
		.public = {
			.create_auth_cfg_enumerator = _create_auth_cfg_enumerator,
		},
		.rounds = linked_list_create(),
	);
	for (i = 0; i < count; i++)
	{
		auth = auth_cfg_create();
		auth->add(auth, AUTH_RULE_AUTH_CLASS, classes[i]);
		ike_sa->rounds->insert_last(ike_sa->rounds, auth);
	}
	result = encdns_auth_gateway_authenticated(&ike_sa->public);
	ike_sa->rounds->destroy_offset(ike_sa->rounds,
								   offsetof(auth_cfg_t, destroy));
	free(ike_sa);
	return result;
}

static struct {
	auth_class_t classes[2];
	int count;
	bool result;
} tests[] = {
	{ { AUTH_CLASS_PUBKEY }, 1, TRUE },
	{ { AUTH_CLASS_PSK }, 1, TRUE },
	{ { AUTH_CLASS_EAP }, 1, TRUE },
	{ { AUTH_CLASS_PUBKEY, AUTH_CLASS_EAP }, 2, TRUE },
	/* no completed round: nothing authenticated the gateway */
	{ { }, 0, FALSE },
	/* ANY only ever appears in configured constraints, never verified */
	{ { AUTH_CLASS_ANY }, 1, FALSE },
	{ { AUTH_CLASS_XAUTH }, 1, FALSE },
	{ { AUTH_CLASS_PUBKEY, AUTH_CLASS_ANY }, 2, FALSE },
};

START_TEST(test_gateway_authenticated)
{
	ck_assert(authenticated(tests[_i].classes, tests[_i].count) ==
			  tests[_i].result);
}
END_TEST

Suite *auth_suite_create()
{
	Suite *s;
	TCase *tc;

	s = suite_create("auth");

	tc = tcase_create("RFC 9464 6");
	tcase_add_loop_test(tc, test_gateway_authenticated, 0, countof(tests));
	suite_add_tcase(s, tc);

	return s;
}
