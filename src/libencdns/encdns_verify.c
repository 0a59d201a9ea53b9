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

#include "encdns_verify.h"
#include "encdns_print.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <utils/debug.h>

/**
 * State of one verification, handed to the OpenSSL callback
 */
typedef struct {

	/** what to verify */
	encdns_verify_params_t *params;

	/** what was found */
	encdns_verify_result_t *result;

	/** reason on failure */
	encdns_error_t *err;

	/** address and port, for messages */
	host_t *addr;

	/** absolute deadline, ms of the monotonic clock */
	uint64_t deadline;

	/** the pin callback refused the certificate, reason recorded */
	bool refused;
} verify_t;

/**
 * Record a failure, prefixed with the resolver address
 */
static bool fail(verify_t *this, char *fmt, ...)
{
	char reason[sizeof(this->err->msg)];
	va_list args;

	va_start(args, fmt);
	vsnprintf(reason, sizeof(reason), fmt, args);
	va_end(args);
	DBG1(DBG_LIB, "encrypted DNS resolver %#H (%s): %s", this->addr,
		 this->params->adn, reason);
	return encdns_error(this->err, "resolver %#H: %s", this->addr, reason);
}

/**
 * Current time of the monotonic clock in ms
 */
static uint64_t now_ms()
{
	timeval_t tv;

	time_monotonic(&tv);
	return (uint64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

/**
 * Wait until fd is ready for events or the deadline passed
 */
static bool wait_fd(verify_t *this, int fd, short events)
{
	struct pollfd pfd = {
		.fd = fd,
		.events = events,
	};
	uint64_t now;
	int ret;

	while (TRUE)
	{
		now = now_ms();
		if (now >= this->deadline)
		{
			return FALSE;
		}
		ret = poll(&pfd, 1, this->deadline - now);
		if (ret > 0)
		{
			return TRUE;
		}
		if (ret == 0 || errno != EINTR)
		{
			return FALSE;
		}
	}
}

/*
 * Described in header
 */
size_t encdns_verify_spki_digest(chunk_t spki, uint16_t hash,
								 u_char *digest)
{
	const EVP_MD *md;
	u_int len = 0;

	switch (hash)
	{
		case 1:
			md = EVP_sha1();
			break;
		case 2:
			md = EVP_sha256();
			break;
		case 3:
			md = EVP_sha384();
			break;
		case 4:
			md = EVP_sha512();
			break;
		default:
			return 0;
	}
	if (!EVP_Digest(spki.ptr, spki.len, digest, &len, md, NULL))
	{
		return 0;
	}
	return len;
}

/**
 * Certificate verification with a digest, replacing OpenSSL's PKIX: the
 * SPKI digest of the end-entity certificate decides (RFC 9464 4).
 */
static int pin_verify_cb(X509_STORE_CTX *store, void *arg)
{
	verify_t *this = arg;
	encdns_verify_params_t *params = this->params;
	u_char digest[EVP_MAX_MD_SIZE], *der = NULL;
	char name[16], expected[2 * 64 + 1], got[2 * 64 + 1];
	chunk_t spki;
	size_t len = 0;
	X509 *cert;
	int der_len;

	cert = X509_STORE_CTX_get0_cert(store);
	if (!cert)
	{
		fail(this, "no server certificate (RFC 9464 4)");
		X509_STORE_CTX_set_error(store, X509_V_ERR_UNSPECIFIED);
		this->refused = TRUE;
		return 0;
	}
	/* the DER SubjectPublicKeyInfo, not X509_pubkey_digest(), which hashes
	 * the key bits only */
	der_len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), &der);
	if (der_len > 0)
	{
		spki = chunk_create(der, der_len);
		len = encdns_verify_spki_digest(spki, params->hash, digest);
	}
	OPENSSL_free(der);
	if (!len)
	{
		fail(this, "SPKI digest with hash %s failed",
			 encdns_print_hash_name(params->hash, name, sizeof(name)));
		X509_STORE_CTX_set_error(store, X509_V_ERR_UNSPECIFIED);
		this->refused = TRUE;
		return 0;
	}
	this->result->name_match = X509_check_host(cert, params->adn, 0,
							X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, NULL) == 1;
	if (len != params->digest.len ||
		CRYPTO_memcmp(digest, params->digest.ptr, len) != 0)
	{
		chunk_to_hex(chunk_create(params->digest.ptr,
								  min(params->digest.len, 64)),
					 expected, FALSE);
		chunk_to_hex(chunk_create(digest, min(len, 64)), got, FALSE);
		fail(this, "SPKI %s digest mismatch, expected %s got %s (RFC 9464 4:"
			 " non-recoverable)", encdns_print_hash_name(params->hash, name,
			 sizeof(name)), expected, got);
		X509_STORE_CTX_set_error(store, X509_V_ERR_CERT_REJECTED);
		this->refused = TRUE;
		return 0;
	}
	if (!this->result->name_match)
	{
		/* the pin replaces PKIX, but an operator wants to know */
		DBG1(DBG_LIB, "encrypted DNS resolver %#H: SPKI digest matches, but "
			 "the certificate is not valid for ADN '%s'", this->addr,
			 params->adn);
	}
	this->result->pinned = TRUE;
	return 1;
}

/**
 * Connect the TCP socket within the deadline
 */
static int tcp_connect(verify_t *this)
{
	socklen_t len;
	int fd, error = 0;

	fd = socket(this->addr->get_family(this->addr),
				SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
	{
		fail(this, "TCP socket: %s", strerror(errno));
		return -1;
	}
	if (connect(fd, this->addr->get_sockaddr(this->addr),
				*this->addr->get_sockaddr_len(this->addr)) == 0)
	{
		return fd;
	}
	error = errno;
	if (error == EINPROGRESS)
	{
		if (!wait_fd(this, fd, POLLOUT))
		{
			fail(this, "TCP connect: timeout");
			close(fd);
			return -1;
		}
		len = sizeof(error);
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len) != 0)
		{
			error = errno;
		}
	}
	if (error)
	{
		fail(this, "TCP connect: %s", error == ECONNREFUSED ?
			 "connection refused" : strerror(error));
		close(fd);
		return -1;
	}
	return fd;
}

/**
 * Wait for the I/O an SSL call asked for; FALSE on other errors
 */
static bool ssl_wait(verify_t *this, SSL *ssl, int fd, int ret, char *what)
{
	u_long e;

	switch (SSL_get_error(ssl, ret))
	{
		case SSL_ERROR_WANT_READ:
			if (wait_fd(this, fd, POLLIN))
			{
				return TRUE;
			}
			return fail(this, "%s: timeout", what);
		case SSL_ERROR_WANT_WRITE:
			if (wait_fd(this, fd, POLLOUT))
			{
				return TRUE;
			}
			return fail(this, "%s: timeout", what);
		case SSL_ERROR_ZERO_RETURN:
			return fail(this, "%s: connection closed by the resolver", what);
		default:
			e = ERR_peek_last_error();
			if (ERR_GET_REASON(e) == SSL_R_TLSV1_ALERT_NO_APPLICATION_PROTOCOL)
			{
				return fail(this, "ALPN '%s' not negotiated, the resolver "
							"refused it (no_application_protocol alert)",
							this->params->alpn);
			}
			if (e)
			{
				return fail(this, "%s failed: %s", what,
							ERR_reason_error_string(e) ?: "unknown error");
			}
			return fail(this, "%s failed: connection closed or reset",
						what);
	}
}

/**
 * Explain a failed PKIX verification (RFC 8310 8.1)
 */
static bool pkix_failed(verify_t *this, long result)
{
	if (result == X509_V_ERR_HOSTNAME_MISMATCH)
	{
		return fail(this, "name mismatch, certificate is not valid for ADN "
					"'%s' (RFC 8310 8.1: ADN as DNS-ID)", this->params->adn);
	}
	return fail(this, "certificate not trusted: %s (RFC 8310 8.1: PKIX)",
				X509_verify_cert_error_string(result));
}

/**
 * Encode a DNS query for name/type with a 2-octet length prefix (RFC 7858
 * 3.3); FALSE if name is no valid presentation form name
 */
static bool build_query(verify_t *this, uint16_t id, chunk_t *query)
{
	u_char buf[2 + 12 + 255 + 4], *pos, *label;
	char *name = this->params->query;
	uint16_t qtype = this->params->qtype ?: 1;
	size_t len;

	pos = buf + 2;
	*pos++ = id >> 8;
	*pos++ = id;
	*pos++ = 0x01;	/* RD */
	*pos++ = 0x00;
	memcpy(pos, "\x00\x01\x00\x00\x00\x00\x00\x00", 8);
	pos += 8;
	while (*name)
	{
		len = strcspn(name, ".");
		if ((len == 0 && !(name[0] == '.' && name[1] == '\0')) || len > 63 ||
			pos + 1 + len + 5 > buf + sizeof(buf))
		{
			return fail(this, "query name '%s' is not a valid domain name",
						this->params->query);
		}
		if (len == 0)
		{	/* "." is the root */
			break;
		}
		label = pos++;
		*label = len;
		memcpy(pos, name, len);
		pos += len;
		name += len;
		if (*name == '.')
		{
			name++;
		}
	}
	*pos++ = 0;
	*pos++ = qtype >> 8;
	*pos++ = qtype;
	*pos++ = 0x00;	/* IN */
	*pos++ = 0x01;
	len = pos - buf - 2;
	buf[0] = len >> 8;
	buf[1] = len;
	*query = chunk_clone(chunk_create(buf, pos - buf));
	return TRUE;
}

/**
 * Read exactly len octets
 */
static bool ssl_read_all(verify_t *this, SSL *ssl, int fd, u_char *buf,
						 size_t len)
{
	size_t done = 0, got;
	int ret;

	while (done < len)
	{
		ret = SSL_read_ex(ssl, buf + done, len - done, &got);
		if (ret == 1)
		{
			done += got;
			continue;
		}
		if (!ssl_wait(this, ssl, fd, ret, "DoT answer"))
		{
			return FALSE;
		}
	}
	return TRUE;
}

/**
 * Send one query over DoT and read the RCODE of the answer
 */
static bool dot_query(verify_t *this, SSL *ssl, int fd)
{
	u_char hdr[12], skip[256], id[2];
	chunk_t query = chunk_empty;
	size_t len, written, n;
	int ret;

	if (RAND_bytes(id, sizeof(id)) != 1 ||
		!build_query(this, (id[0] << 8) | id[1], &query))
	{
		return fail(this, "DoT query: cannot build it");
	}
	while ((ret = SSL_write_ex(ssl, query.ptr, query.len, &written)) != 1)
	{
		if (!ssl_wait(this, ssl, fd, ret, "DoT query"))
		{
			chunk_free(&query);
			return FALSE;
		}
	}
	chunk_free(&query);
	if (!ssl_read_all(this, ssl, fd, hdr, 2))
	{
		return FALSE;
	}
	len = (hdr[0] << 8) | hdr[1];
	if (len < sizeof(hdr))
	{
		return fail(this, "DoT answer: length %zu shorter than a DNS header "
					"(RFC 1035 4.1.1)", len);
	}
	if (!ssl_read_all(this, ssl, fd, hdr, sizeof(hdr)))
	{
		return FALSE;
	}
	if (hdr[0] != id[0] || hdr[1] != id[1] || !(hdr[2] & 0x80))
	{
		return fail(this, "DoT answer: ID or QR does not match the query "
					"(RFC 1035 4.1.1)");
	}
	/* drain the rest, so the TLS shutdown is clean */
	for (len -= sizeof(hdr); len; len -= n)
	{
		n = min(len, sizeof(skip));
		if (!ssl_read_all(this, ssl, fd, skip, n))
		{
			return FALSE;
		}
	}
	this->result->rcode = hdr[3] & 0x0f;
	return TRUE;
}

/**
 * Signal mask state while writing to a socket the resolver may close
 */
typedef struct {
	/** mask before */
	sigset_t old;
	/** SIGPIPE was pending already */
	bool pending;
} sigpipe_t;

/**
 * OpenSSL writes with write(), so a resolver closing the connection would
 * kill the process with SIGPIPE; block it in this thread only
 */
static void block_sigpipe(sigpipe_t *state)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, &state->old);
	sigpending(&set);
	state->pending = sigismember(&set, SIGPIPE);
}

/**
 * Consume a SIGPIPE we caused, then restore the mask
 */
static void unblock_sigpipe(sigpipe_t *state)
{
	struct timespec zero = {};
	sigset_t set;

	sigpending(&set);
	if (!state->pending && sigismember(&set, SIGPIPE))
	{
		sigemptyset(&set);
		sigaddset(&set, SIGPIPE);
		while (sigtimedwait(&set, NULL, &zero) < 0 && errno == EINTR)
		{
			/* retry */
		}
	}
	pthread_sigmask(SIG_SETMASK, &state->old, NULL);
}

/**
 * Handshake and checks on a connected socket
 */
static bool verify_tls(verify_t *this, SSL_CTX *ctx, int fd)
{
	encdns_verify_params_t *params = this->params;
	const u_char *selected;
	u_char alpn[256];
	u_int selected_len;
	size_t alpn_len;
	SSL *ssl;
	bool ok = FALSE;
	int ret;

	ssl = SSL_new(ctx);
	if (!ssl)
	{
		return fail(this, "TLS: cannot create a session");
	}
	alpn_len = strlen(params->alpn);
	alpn[0] = alpn_len;
	memcpy(alpn + 1, params->alpn, alpn_len);
	if (!SSL_set_fd(ssl, fd) ||
		!SSL_set_tlsext_host_name(ssl, params->adn) ||
		SSL_set_alpn_protos(ssl, alpn, alpn_len + 1) != 0)
	{
		SSL_free(ssl);
		return fail(this, "TLS: cannot set SNI or ALPN");
	}
	if (!params->digest.len)
	{
		SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
		if (!SSL_set1_host(ssl, params->adn))
		{
			SSL_free(ssl);
			return fail(this, "TLS: cannot set the ADN for the name check");
		}
	}
	SSL_set_verify(ssl, SSL_VERIFY_PEER, NULL);

	while ((ret = SSL_connect(ssl)) != 1)
	{
		if (this->refused)
		{	/* refused by the pin callback, reason recorded */
			goto out;
		}
		if (!params->digest.len && SSL_get_verify_result(ssl) != X509_V_OK)
		{
			pkix_failed(this, SSL_get_verify_result(ssl));
			goto out;
		}
		if (!ssl_wait(this, ssl, fd, ret, "TLS handshake"))
		{
			goto out;
		}
	}
	if (!params->digest.len)
	{
		this->result->name_match = TRUE;
	}
	SSL_get0_alpn_selected(ssl, &selected, &selected_len);
	/* RFC 7858 needs no ALPN on port 853 and many DoT servers (unbound
	 * among them) ignore the extension: a DoT server that selects nothing
	 * is fine, one that selects something else is not. HTTP/2 cannot be
	 * spoken without "h2" (RFC 9113 3.2) */
	if (!(selected_len == 0 && streq(params->alpn, "dot")) &&
		(selected_len != alpn_len ||
		 memcmp(selected, params->alpn, alpn_len) != 0))
	{
		fail(this, "ALPN '%s' not negotiated, the resolver selected %s%.*s%s",
			 params->alpn, selected_len ? "'" : "none", selected_len,
			 selected_len ? (char*)selected : "", selected_len ? "'" : "");
		goto out;
	}
	snprintf(this->result->alpn, sizeof(this->result->alpn), "%.*s",
			 selected_len, selected);
	snprintf(this->result->version, sizeof(this->result->version), "%s",
			 SSL_get_version(ssl));
	if (params->query && streq(params->alpn, "dot") &&
		!dot_query(this, ssl, fd))
	{
		goto out;
	}
	SSL_shutdown(ssl);
	ok = TRUE;

out:
	SSL_free(ssl);
	return ok;
}

/*
 * Described in header
 */
bool encdns_verify(encdns_verify_params_t *params,
				   encdns_verify_result_t *result, encdns_error_t *err)
{
	encdns_verify_params_t p = *params;
	encdns_verify_result_t r = {};
	encdns_error_t e = {};
	verify_t this = {
		.params = &p,
		.result = &r,
		.err = err ?: &e,
	};
	sigpipe_t sigpipe;
	SSL_CTX *ctx;
	bool ok = FALSE;
	int fd;

	r.rcode = -1;
	p.alpn = p.alpn ?: "dot";
	if (!p.addr)
	{
		return encdns_error(err, "resolver: no address to verify");
	}
	if (!p.adn || !*p.adn || strlen(p.adn) > 253)
	{
		return encdns_error(err, "resolver %#H: no valid ADN to verify "
							"(RFC 8310 8)", p.addr);
	}
	if (!*p.alpn || strlen(p.alpn) > 255)
	{
		return encdns_error(err, "resolver %#H: invalid ALPN", p.addr);
	}
	if (p.digest.len && (p.hash < 1 || p.hash > 4))
	{
		return encdns_error(err, "resolver %#H: hash %u unsupported for SPKI "
							"digests (RFC 9464 5)", p.addr, p.hash);
	}
	this.addr = p.addr->clone(p.addr);
	if (!this.addr->get_port(this.addr))
	{
		this.addr->set_port(this.addr, streq(p.alpn, "h2") ? 443 : 853);
	}
	r.port = this.addr->get_port(this.addr);
	this.deadline = now_ms() + (p.timeout ?: ENCDNS_VERIFY_TIMEOUT);

	ERR_clear_error();
	ctx = SSL_CTX_new(TLS_client_method());
	if (!ctx || !SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION))
	{
		fail(&this, "TLS: cannot create a context");
		goto out;
	}
	if (p.digest.len)
	{
		SSL_CTX_set_cert_verify_callback(ctx, pin_verify_cb, &this);
	}
	else if (p.cacert)
	{
		if (!SSL_CTX_load_verify_locations(ctx, p.cacert, NULL))
		{
			fail(&this, "cannot load CA certificates from '%s'", p.cacert);
			goto out;
		}
	}
	else if (!SSL_CTX_set_default_verify_paths(ctx))
	{
		fail(&this, "cannot load the default CA certificates");
		goto out;
	}
	fd = tcp_connect(&this);
	if (fd >= 0)
	{
		block_sigpipe(&sigpipe);
		ok = verify_tls(&this, ctx, fd);
		close(fd);
		unblock_sigpipe(&sigpipe);
	}

out:
	/* leave nothing on this thread's OpenSSL error queue */
	ERR_clear_error();
	SSL_CTX_free(ctx);
	this.addr->destroy(this.addr);
	if (ok && result)
	{
		*result = r;
	}
	return ok;
}
