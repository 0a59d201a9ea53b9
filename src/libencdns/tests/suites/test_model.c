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

#include <encdns_model.h>

static encdns_resolver_t *resolver(uint16_t prio, char *addr, char *adn)
{
	encdns_resolver_t *r;

	r = encdns_resolver_create(prio);
	encdns_resolver_add_addr(r, host_create_from_string(addr, 0));
	encdns_resolver_set_adn(r, adn);
	return r;
}

START_TEST(test_resolver_families)
{
	encdns_resolver_t *r;

	r = resolver(1, "192.0.2.53", "dns.example");
	encdns_resolver_add_addr(r, host_create_from_string("2001:db8::53", 0));
	ck_assert_int_eq(array_count(r->v4), 1);
	ck_assert_int_eq(array_count(r->v6), 1);
	ck_assert_str_eq(r->adn, "dns.example");
	encdns_resolver_set_adn(r, "");
	ck_assert(r->adn == NULL);
	encdns_resolver_destroy(r);
}
END_TEST

START_TEST(test_resolver_clone_equals)
{
	encdns_resolver_t *a, *b;

	a = resolver(7, "2001:db8::1", "dot.example");
	a->svcparams = chunk_clone(chunk_from_chars(0x00,0x01,0x00,0x04,
									0x03,'d','o','t'));
	b = encdns_resolver_clone(a);
	ck_assert(encdns_resolver_equals(a, b));
	b->priority = 8;
	ck_assert(!encdns_resolver_equals(a, b));
	b->priority = 7;
	chunk_free(&b->svcparams);
	ck_assert(!encdns_resolver_equals(a, b));
	encdns_resolver_destroy(a);
	encdns_resolver_destroy(b);
}
END_TEST

START_TEST(test_config_sort_stable)
{
	encdns_config_t *c;
	encdns_resolver_t *r;
	uint16_t prios[] = { 5, 1, 5, 2, 1 };
	char *adns[] = { "a.example", "b.example", "c.example", "d.example",
					 "e.example" };
	char *sorted[] = { "b.example", "e.example", "d.example", "a.example",
					   "c.example" };
	int i;

	c = encdns_config_create();
	for (i = 0; i < countof(prios); i++)
	{
		array_insert(c->resolvers, ARRAY_TAIL,
					 resolver(prios[i], "192.0.2.1", adns[i]));
	}
	encdns_config_sort(c);
	for (i = 0; i < countof(sorted); i++)
	{
		array_get(c->resolvers, i, &r);
		ck_assert_str_eq(r->adn, sorted[i]);
	}
	encdns_config_destroy(c);
}
END_TEST

START_TEST(test_config_clone_equals)
{
	encdns_config_t *a, *b;
	char *domain;

	a = encdns_config_create();
	array_insert(a->resolvers, ARRAY_TAIL,
				 resolver(1, "192.0.2.33", "dns.corp.example"));
	array_insert(a->digests, ARRAY_TAIL,
				 encdns_digest_create(NULL, 2, chunk_from_str("0123")));
	encdns_config_add_domain(a->internal_domains, "internal.corp.example");
	encdns_config_add_domain(a->search_domains, "corp.example");
	b = encdns_config_clone(a);
	ck_assert(encdns_config_equals(a, b));
	array_get(b->search_domains, 0, &domain);
	domain[0] = 'C';
	ck_assert(!encdns_config_equals(a, b));
	encdns_config_destroy(a);
	encdns_config_destroy(b);
}
END_TEST

Suite *model_suite_create()
{
	Suite *s;
	TCase *tc;

	s = suite_create("model");

	tc = tcase_create("resolver");
	tcase_add_test(tc, test_resolver_families);
	tcase_add_test(tc, test_resolver_clone_equals);
	suite_add_tcase(s, tc);

	tc = tcase_create("config");
	tcase_add_test(tc, test_config_sort_stable);
	tcase_add_test(tc, test_config_clone_equals);
	suite_add_tcase(s, tc);

	return s;
}
