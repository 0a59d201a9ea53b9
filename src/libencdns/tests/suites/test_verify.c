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

#include <encdns_verify.h>

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include <threading/thread.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

/**
 * ADN the test resolver certificate is issued for
 */
#define ADN "dns.test.example"

/**
 * Test PKI, generated once per test case (checked fixture)
 */
static struct {
	EVP_PKEY *ca_key, *other_key, *leaf_key;
	X509 *ca, *other, *leaf, *self;
	char cafile[64], otherfile[64];
} pki;

/**
 * Loopback TLS resolver, one connection per test
 */
typedef struct {
	/** listening socket */
	int fd;
	/** port it listens on */
	uint16_t port;
	/** certificate and key it presents */
	X509 *cert;
	EVP_PKEY *key;
	/** ALPN it selects when offered, NULL to select none */
	char *alpn;
	/** answer one DoT query with this RCODE, -1 to not read a query */
	int rcode;
	/** do not accept at all (timeout test) */
	bool idle;
	/** serving thread */
	thread_t *thread;
} server_t;

static server_t server;

static X509 *make_cert(EVP_PKEY *key, char *cn, char *san, X509 *issuer,
					   EVP_PKEY *issuer_key)
{
	static long serial = 1;
	X509V3_CTX v3;
	X509_EXTENSION *ext;
	X509_NAME *name;
	X509 *x;
	char buf[128];

	x = X509_new();
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), serial++);
	X509_gmtime_adj(X509_getm_notBefore(x), -3600);
	X509_gmtime_adj(X509_getm_notAfter(x), 86400);
	X509_set_pubkey(x, key);
	name = X509_get_subject_name(x);
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (u_char*)cn, -1,
							   -1, 0);
	X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : name);
	X509V3_set_ctx_nodb(&v3);
	X509V3_set_ctx(&v3, issuer ?: x, x, NULL, NULL, 0);
	ext = X509V3_EXT_conf_nid(NULL, &v3, NID_basic_constraints,
							  san ? "CA:FALSE" : "critical,CA:TRUE");
	X509_add_ext(x, ext, -1);
	X509_EXTENSION_free(ext);
	if (san)
	{
		snprintf(buf, sizeof(buf), "DNS:%s", san);
		ext = X509V3_EXT_conf_nid(NULL, &v3, NID_subject_alt_name, buf);
		X509_add_ext(x, ext, -1);
		X509_EXTENSION_free(ext);
	}
	ck_assert(X509_sign(x, issuer_key ?: key, EVP_sha256()));
	return x;
}

static void write_pem(X509 *cert, char *path, size_t len)
{
	FILE *f;
	int fd;

	snprintf(path, len, "/tmp/encdns-test-ca-XXXXXX");
	fd = mkstemp(path);
	ck_assert(fd >= 0);
	f = fdopen(fd, "w");
	ck_assert(PEM_write_X509(f, cert));
	fclose(f);
}

static void pki_setup()
{
	pki.ca_key = EVP_EC_gen("P-256");
	pki.other_key = EVP_EC_gen("P-256");
	pki.leaf_key = EVP_EC_gen("P-256");
	ck_assert(pki.ca_key && pki.other_key && pki.leaf_key);
	pki.ca = make_cert(pki.ca_key, "encdns test CA", NULL, NULL, NULL);
	pki.other = make_cert(pki.other_key, "encdns other CA", NULL, NULL,
						  NULL);
	pki.leaf = make_cert(pki.leaf_key, ADN, ADN, pki.ca, pki.ca_key);
	pki.self = make_cert(pki.leaf_key, ADN, ADN, NULL, NULL);
	X509_set_issuer_name(pki.self, X509_get_subject_name(pki.self));
	write_pem(pki.ca, pki.cafile, sizeof(pki.cafile));
	write_pem(pki.other, pki.otherfile, sizeof(pki.otherfile));
}

static void pki_teardown()
{
	unlink(pki.cafile);
	unlink(pki.otherfile);
	X509_free(pki.ca);
	X509_free(pki.other);
	X509_free(pki.leaf);
	X509_free(pki.self);
	EVP_PKEY_free(pki.ca_key);
	EVP_PKEY_free(pki.other_key);
	EVP_PKEY_free(pki.leaf_key);
	memset(&pki, 0, sizeof(pki));
	/* the verifier must leave no errors behind on this thread */
	ck_assert_int_eq(ERR_peek_error(), 0);
}

/**
 * SPKI digest of the leaf key computed independently: i2d_PUBKEY gives the
 * DER SubjectPublicKeyInfo
 */
static chunk_t leaf_digest(const EVP_MD *md)
{
	u_char *der = NULL, out[EVP_MAX_MD_SIZE];
	u_int len;
	int der_len;

	der_len = i2d_PUBKEY(pki.leaf_key, &der);
	ck_assert(der_len > 0);
	ck_assert(EVP_Digest(der, der_len, out, &len, md, NULL));
	OPENSSL_free(der);
	return chunk_clone(chunk_create(out, len));
}

static int alpn_select(SSL *ssl, const u_char **out, u_char *outlen,
					   const u_char *in, u_int inlen, void *arg)
{
	u_char want[256];
	size_t len;

	if (!server.alpn)
	{
		return SSL_TLSEXT_ERR_NOACK;
	}
	len = strlen(server.alpn);
	want[0] = len;
	memcpy(want + 1, server.alpn, len);
	if (SSL_select_next_proto((u_char**)out, outlen, want, len + 1, in,
							  inlen) != OPENSSL_NPN_NEGOTIATED)
	{
		return SSL_TLSEXT_ERR_NOACK;
	}
	/* out points into want otherwise, make it point into in */
	*out = memmem(in, inlen, server.alpn, len);
	return *out ? SSL_TLSEXT_ERR_OK : SSL_TLSEXT_ERR_NOACK;
}

static bool read_all(SSL *ssl, u_char *buf, size_t len)
{
	size_t got;

	while (len)
	{
		if (SSL_read_ex(ssl, buf, len, &got) != 1)
		{
			return FALSE;
		}
		buf += got;
		len -= got;
	}
	return TRUE;
}

static void *serve(void *arg)
{
	struct timeval tv = { .tv_sec = 3 };
	struct pollfd pfd = { .fd = server.fd, .events = POLLIN };
	u_char query[512], len[2];
	size_t qlen, written;
	SSL_CTX *ctx;
	SSL *ssl;
	sigset_t set;
	int fd;

	/* the client may close first, the verifier must survive that itself */
	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (server.idle || poll(&pfd, 1, 3000) != 1)
	{
		return NULL;
	}
	fd = accept(server.fd, NULL, NULL);
	if (fd < 0)
	{
		return NULL;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	ctx = SSL_CTX_new(TLS_server_method());
	SSL_CTX_use_certificate(ctx, server.cert);
	SSL_CTX_use_PrivateKey(ctx, server.key);
	SSL_CTX_set_alpn_select_cb(ctx, alpn_select, NULL);
	ssl = SSL_new(ctx);
	SSL_set_fd(ssl, fd);
	if (SSL_accept(ssl) == 1 && server.rcode >= 0 && read_all(ssl, len, 2))
	{
		qlen = (len[0] << 8) | len[1];
		if (qlen >= 12 && qlen <= sizeof(query) && read_all(ssl, query, qlen))
		{
			/* echo the question back as answer with the RCODE */
			query[2] |= 0x80;
			query[3] = (query[3] & 0xf0) | server.rcode;
			SSL_write_ex(ssl, len, 2, &written);
			SSL_write_ex(ssl, query, qlen, &written);
		}
	}
	SSL_shutdown(ssl);
	SSL_free(ssl);
	SSL_CTX_free(ctx);
	close(fd);
	ERR_clear_error();
	return NULL;
}

/**
 * Start a loopback resolver; listen is FALSE for a bound socket that
 * refuses connections
 */
static void server_start(X509 *cert, char *alpn, bool listening)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	socklen_t len = sizeof(sin);

	server.cert = cert;
	server.key = pki.leaf_key;
	server.alpn = alpn;
	server.fd = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert(server.fd >= 0);
	ck_assert(bind(server.fd, (struct sockaddr*)&sin, sizeof(sin)) == 0);
	ck_assert(getsockname(server.fd, (struct sockaddr*)&sin, &len) == 0);
	server.port = ntohs(sin.sin_port);
	if (listening)
	{
		ck_assert(listen(server.fd, 1) == 0);
		server.thread = thread_create(serve, NULL);
	}
}

static void server_setup()
{
	memset(&server, 0, sizeof(server));
	server.fd = -1;
	server.rcode = -1;
	pki_setup();
}

static void server_teardown()
{
	if (server.thread)
	{
		server.thread->join(server.thread);
	}
	if (server.fd >= 0)
	{
		close(server.fd);
	}
	pki_teardown();
}

/**
 * Run the verifier against the loopback server
 */
static bool run(encdns_verify_params_t *params, encdns_verify_result_t *res,
				encdns_error_t *err)
{
	bool ok;

	params->addr = host_create_from_string("127.0.0.1", server.port);
	params->adn = params->adn ?: ADN;
	params->timeout = params->timeout ?: 2000;
	ok = encdns_verify(params, res, err);
	params->addr->destroy(params->addr);
	return ok;
}

static struct {
	uint16_t hash;
	const EVP_MD *(*md)();
} hashes[] = {
	{ 2, EVP_sha256 },
	{ 3, EVP_sha384 },
	{ 4, EVP_sha512 },
};

START_TEST(test_pin_match)
{
	encdns_verify_params_t params = {
		.hash = hashes[_i].hash,
		.digest = leaf_digest(hashes[_i].md()),
	};
	encdns_verify_result_t res = {};
	encdns_error_t err = {};

	server_start(pki.leaf, "dot", TRUE);
	ck_assert_msg(run(&params, &res, &err), "%s", err.msg);
	ck_assert(res.pinned);
	ck_assert(res.name_match);
	ck_assert_str_eq(res.alpn, "dot");
	ck_assert_int_eq(res.port, server.port);
	ck_assert_int_eq(res.rcode, -1);
	ck_assert(strpfx(res.version, "TLSv1."));
	chunk_free(&params.digest);
}
END_TEST

/* a matching digest replaces PKIX: a self-signed certificate is fine */
START_TEST(test_pin_no_pkix)
{
	encdns_verify_params_t params = {
		.hash = 2,
		.digest = leaf_digest(EVP_sha256()),
		.cacert = pki.otherfile,
	};
	encdns_verify_result_t res = {};
	encdns_error_t err = {};

	server_start(pki.self, "dot", TRUE);
	ck_assert_msg(run(&params, &res, &err), "%s", err.msg);
	ck_assert(res.pinned);
	chunk_free(&params.digest);
}
END_TEST

/* the pin is accepted with a different ADN, the mismatch reported */
START_TEST(test_pin_name_mismatch)
{
	encdns_verify_params_t params = {
		.adn = "other.test.example",
		.hash = 2,
		.digest = leaf_digest(EVP_sha256()),
	};
	encdns_verify_result_t res = {};
	encdns_error_t err = {};

	server_start(pki.leaf, "dot", TRUE);
	ck_assert_msg(run(&params, &res, &err), "%s", err.msg);
	ck_assert(res.pinned);
	ck_assert(!res.name_match);
	chunk_free(&params.digest);
}
END_TEST

START_TEST(test_pin_mismatch)
{
	encdns_verify_params_t params = {
		.hash = 2,
		.digest = leaf_digest(EVP_sha256()),
	};
	encdns_error_t err = {};
	chunk_t hex;

	server_start(pki.leaf, "dot", TRUE);
	hex = chunk_to_hex(params.digest, NULL, FALSE);
	params.digest.ptr[0] ^= 0x01;
	ck_assert(!run(&params, NULL, &err));
	ck_assert_msg(strstr(err.msg, "SHA2-256 digest mismatch"), "%s", err.msg);
	ck_assert_msg(strstr(err.msg, "RFC 9464 4"), "%s", err.msg);
	/* both digests in hex: the actual one is the original */
	ck_assert_msg(strstr(err.msg, hex.ptr), "%s", err.msg);
	chunk_free(&hex);
	hex = chunk_to_hex(params.digest, NULL, FALSE);
	ck_assert_msg(strstr(err.msg, hex.ptr), "%s", err.msg);
	chunk_free(&hex);
	chunk_free(&params.digest);
}
END_TEST

/* a digest of the right hash but the wrong length never matches */
START_TEST(test_pin_wrong_hash)
{
	encdns_verify_params_t params = {
		.hash = 3,
		.digest = leaf_digest(EVP_sha256()),
	};
	encdns_error_t err = {};

	server_start(pki.leaf, "dot", TRUE);
	ck_assert(!run(&params, NULL, &err));
	ck_assert_msg(strstr(err.msg, "SHA2-384 digest mismatch"), "%s",
				  err.msg);
	chunk_free(&params.digest);
}
END_TEST

/* the whole certificate's digest is not the SPKI digest */
START_TEST(test_pin_whole_cert)
{
	encdns_verify_params_t params = {
		.hash = 2,
	};
	encdns_error_t err = {};
	u_char *der = NULL, out[EVP_MAX_MD_SIZE];
	u_int len;
	int der_len;

	der_len = i2d_X509(pki.leaf, &der);
	ck_assert(EVP_Digest(der, der_len, out, &len, EVP_sha256(), NULL));
	OPENSSL_free(der);
	params.digest = chunk_create(out, len);
	server_start(pki.leaf, "dot", TRUE);
	ck_assert(!run(&params, NULL, &err));
	ck_assert_msg(strstr(err.msg, "digest mismatch"), "%s", err.msg);
}
END_TEST

START_TEST(test_pkix_ok)
{
	encdns_verify_params_t params = {
		.cacert = pki.cafile,
	};
	encdns_verify_result_t res = {};
	encdns_error_t err = {};

	server_start(pki.leaf, "dot", TRUE);
	ck_assert_msg(run(&params, &res, &err), "%s", err.msg);
	ck_assert(!res.pinned);
	ck_assert(res.name_match);
}
END_TEST

START_TEST(test_pkix_wrong_name)
{
	encdns_verify_params_t params = {
		.adn = "other.test.example",
		.cacert = pki.cafile,
	};
	encdns_error_t err = {};

	server_start(pki.leaf, "dot", TRUE);
	ck_assert(!run(&params, NULL, &err));
	ck_assert_msg(strstr(err.msg, "name mismatch"), "%s", err.msg);
	ck_assert_msg(strstr(err.msg, "RFC 8310 8.1"), "%s", err.msg);
}
END_TEST

START_TEST(test_pkix_unknown_ca)
{
	encdns_verify_params_t params = {
		.cacert = pki.otherfile,
	};
	encdns_error_t err = {};

	server_start(pki.leaf, "dot", TRUE);
	ck_assert(!run(&params, NULL, &err));
	ck_assert_msg(strstr(err.msg, "certificate not trusted"), "%s", err.msg);
}
END_TEST

START_TEST(test_pkix_self_signed)
{
	encdns_verify_params_t params = {
		.cacert = pki.cafile,
	};
	encdns_error_t err = {};

	server_start(pki.self, "dot", TRUE);
	ck_assert(!run(&params, NULL, &err));
	ck_assert_msg(strstr(err.msg, "certificate not trusted"), "%s", err.msg);
}
END_TEST

START_TEST(test_refused)
{
	encdns_verify_params_t params = {
		.cacert = pki.cafile,
	};
	encdns_error_t err = {};

	server_start(pki.leaf, "dot", FALSE);
	ck_assert(!run(&params, NULL, &err));
	ck_assert_msg(strstr(err.msg, "connection refused"), "%s", err.msg);
	ck_assert_msg(strpfx(err.msg, "resolver 127.0.0.1["), "%s", err.msg);
}
END_TEST

START_TEST(test_timeout)
{
	encdns_verify_params_t params = {
		.cacert = pki.cafile,
		.timeout = 300,
	};
	encdns_error_t err = {};

	server.idle = TRUE;
	server_start(pki.leaf, "dot", TRUE);
	ck_assert(!run(&params, NULL, &err));
	ck_assert_msg(strstr(err.msg, "TLS handshake: timeout"), "%s", err.msg);
}
END_TEST

START_TEST(test_alpn_none)
{
	encdns_verify_params_t params = {
		.cacert = pki.cafile,
	};
	encdns_verify_result_t res = {};
	encdns_error_t err = {};

	/* a DoT server that ignores ALPN (RFC 7858 does not require it) */
	server_start(pki.leaf, NULL, TRUE);
	ck_assert_msg(run(&params, &res, &err), "%s", err.msg);
	ck_assert_str_eq(res.alpn, "");
}
END_TEST

START_TEST(test_alpn_none_h2)
{
	encdns_verify_params_t params = {
		.alpn = "h2",
		.cacert = pki.cafile,
	};
	encdns_error_t err = {};

	/* DoH needs HTTP/2: no ALPN selected is a failure */
	server_start(pki.leaf, NULL, TRUE);
	ck_assert(!run(&params, NULL, &err));
	ck_assert_msg(strstr(err.msg, "ALPN 'h2' not negotiated, the resolver "
				  "selected none"), "%s", err.msg);
}
END_TEST

START_TEST(test_alpn_h2)
{
	encdns_verify_params_t params = {
		.alpn = "h2",
		.cacert = pki.cafile,
		.query = "example.com",
	};
	encdns_verify_result_t res = {};
	encdns_error_t err = {};

	server_start(pki.leaf, "h2", TRUE);
	ck_assert_msg(run(&params, &res, &err), "%s", err.msg);
	ck_assert_str_eq(res.alpn, "h2");
	/* no DoH query */
	ck_assert_int_eq(res.rcode, -1);
}
END_TEST

START_TEST(test_alpn_h2_wanted)
{
	encdns_verify_params_t params = {
		.alpn = "h2",
		.cacert = pki.cafile,
	};
	encdns_error_t err = {};

	server_start(pki.leaf, "dot", TRUE);
	ck_assert(!run(&params, NULL, &err));
	ck_assert_msg(strstr(err.msg, "ALPN 'h2' not negotiated"), "%s",
				  err.msg);
}
END_TEST

START_TEST(test_dot_query)
{
	encdns_verify_params_t params = {
		.cacert = pki.cafile,
		.query = "www.test.example.",
		.qtype = 28,
	};
	encdns_verify_result_t res = {};
	encdns_error_t err = {};

	server.rcode = 3;
	server_start(pki.leaf, "dot", TRUE);
	ck_assert_msg(run(&params, &res, &err), "%s", err.msg);
	ck_assert_int_eq(res.rcode, 3);
}
END_TEST

START_TEST(test_dot_query_root)
{
	encdns_verify_params_t params = {
		.hash = 2,
		.digest = leaf_digest(EVP_sha256()),
		.query = ".",
	};
	encdns_verify_result_t res = {};
	encdns_error_t err = {};

	server.rcode = 0;
	server_start(pki.leaf, "dot", TRUE);
	ck_assert_msg(run(&params, &res, &err), "%s", err.msg);
	ck_assert_int_eq(res.rcode, 0);
	chunk_free(&params.digest);
}
END_TEST

START_TEST(test_invalid_params)
{
	encdns_verify_params_t params = {
		.adn = "",
	};
	encdns_error_t err = {};

	params.addr = host_create_from_string("127.0.0.1", 1);
	ck_assert(!encdns_verify(&params, NULL, &err));
	ck_assert_msg(strstr(err.msg, "no valid ADN"), "%s", err.msg);

	memset(&err, 0, sizeof(err));
	params.adn = ADN;
	params.hash = 5;
	params.digest = chunk_from_chars(0x01);
	ck_assert(!encdns_verify(&params, NULL, &err));
	ck_assert_msg(strstr(err.msg, "hash 5 unsupported"), "%s", err.msg);
	params.addr->destroy(params.addr);

	memset(&err, 0, sizeof(err));
	params.addr = NULL;
	ck_assert(!encdns_verify(&params, NULL, &err));
	ck_assert_msg(strstr(err.msg, "no address"), "%s", err.msg);
}
END_TEST

START_TEST(test_spki_digest)
{
	u_char out[64];
	chunk_t expected;
	u_char *der = NULL;
	int len;

	len = i2d_PUBKEY(pki.leaf_key, &der);
	expected = leaf_digest(EVP_sha256());
	ck_assert_int_eq(encdns_verify_spki_digest(chunk_create(der, len), 2,
											   out), 32);
	ck_assert_chunk_eq(chunk_create(out, 32), expected);
	ck_assert_int_eq(encdns_verify_spki_digest(chunk_create(der, len), 1,
											   out), 20);
	ck_assert_int_eq(encdns_verify_spki_digest(chunk_create(der, len), 5,
											   out), 0);
	ck_assert_int_eq(encdns_verify_spki_digest(chunk_create(der, len), 0,
											   out), 0);
	OPENSSL_free(der);
	chunk_free(&expected);
}
END_TEST

Suite *verify_suite_create()
{
	Suite *s;
	TCase *tc;

	s = suite_create("verify");

	tc = tcase_create("digest");
	tcase_add_checked_fixture(tc, server_setup, server_teardown);
	tcase_set_timeout(tc, 10);
	tcase_add_loop_test(tc, test_pin_match, 0, countof(hashes));
	tcase_add_test(tc, test_pin_no_pkix);
	tcase_add_test(tc, test_pin_name_mismatch);
	tcase_add_test(tc, test_pin_mismatch);
	tcase_add_test(tc, test_pin_wrong_hash);
	tcase_add_test(tc, test_pin_whole_cert);
	tcase_add_test(tc, test_spki_digest);
	suite_add_tcase(s, tc);

	tc = tcase_create("pkix");
	tcase_add_checked_fixture(tc, server_setup, server_teardown);
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_pkix_ok);
	tcase_add_test(tc, test_pkix_wrong_name);
	tcase_add_test(tc, test_pkix_unknown_ca);
	tcase_add_test(tc, test_pkix_self_signed);
	suite_add_tcase(s, tc);

	tc = tcase_create("transport");
	tcase_add_checked_fixture(tc, server_setup, server_teardown);
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_refused);
	tcase_add_test(tc, test_timeout);
	tcase_add_test(tc, test_alpn_none);
	tcase_add_test(tc, test_alpn_none_h2);
	tcase_add_test(tc, test_alpn_h2);
	tcase_add_test(tc, test_alpn_h2_wanted);
	tcase_add_test(tc, test_dot_query);
	tcase_add_test(tc, test_dot_query_root);
	tcase_add_test(tc, test_invalid_params);
	suite_add_tcase(s, tc);

	return s;
}
