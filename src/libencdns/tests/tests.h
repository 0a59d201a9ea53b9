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

TEST_SUITE(model_suite_create)
TEST_SUITE(domain_suite_create)
TEST_SUITE(svcparams_suite_create)
TEST_SUITE(attr_suite_create)
TEST_SUITE_DEPEND(digest_suite_create, HASHER, HASH_SHA256)
TEST_SUITE(varint_suite_create)
TEST_SUITE(capsule_suite_create)
TEST_SUITE(print_suite_create)
TEST_SUITE_DEPEND(settings_suite_create, HASHER, HASH_SHA256)
TEST_SUITE(verify_suite_create)
