#!/bin/sh
# encdns --probe against a local openssl s_server on 127.0.0.1 with
# certificates made here: right digest exit 0, wrong digest exit 1, PKIX.

. "$(dirname "$0")/lib.sh"

command -v openssl >/dev/null || { echo "1..0 # SKIP no openssl"; exit 0; }

ADN=dns.test.example
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-keyout "$TMP/ca.key" -out "$TMP/ca.pem" -subj "/CN=encdns test CA" \
	-days 2 -addext basicConstraints=critical,CA:TRUE 2>/dev/null
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-keyout "$TMP/leaf.key" -out "$TMP/leaf.csr" -subj "/CN=$ADN" 2>/dev/null
printf "subjectAltName=DNS:%s\n" "$ADN" >"$TMP/ext"
openssl x509 -req -in "$TMP/leaf.csr" -CA "$TMP/ca.pem" -CAkey "$TMP/ca.key" \
	-CAcreateserial -out "$TMP/leaf.pem" -days 2 -extfile "$TMP/ext" \
	2>/dev/null
[ -s "$TMP/leaf.pem" ] || { echo "1..0 # SKIP cannot make certificates"; exit 0; }

server()
{
	: >"$TMP/s_$1.out"
	openssl s_server -www -accept 127.0.0.1:0 -cert "$TMP/leaf.pem" \
		-key "$TMP/leaf.key" -alpn "$1" </dev/null >"$TMP/s_$1.out" 2>&1 &
	echo $! >"$TMP/s_$1.pid"
	i=0
	while ! grep -q "^ACCEPT" "$TMP/s_$1.out" && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' "$TMP/s_$1.out"
}
stop()
{
	for pid in "$TMP"/s_*.pid; do
		[ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null
	done
}
trap 'stop; rm -rf "$TMP"' EXIT

DOT=$(server dot)
H2=$(server h2)
[ -n "$DOT" ] && [ -n "$H2" ] || { echo "1..0 # SKIP no s_server"; exit 0; }

PIN=$("$ENCDNS" --digest --in "$TMP/leaf.pem")
PIN384=$("$ENCDNS" --digest --in "$TMP/leaf.pem" --hash sha384)
WRONG=$(echo "$PIN" | sed 's/^./0/;t;s/^/0/')
[ "$WRONG" = "$PIN" ] && WRONG=$(echo "$PIN" | sed 's/^./1/')
V=$(openssl s_client -help 2>&1 | grep -q tls1_3 && echo TLSv1.3)

ok "right digest" \
	"verified $ADN at 127.0.0.1[$DOT] by SPKI SHA2-256 digest, $V, ALPN dot" \
	-- --probe --adn $ADN --addr 127.0.0.1 --port "$DOT" --digest "$PIN"
ok "right digest, sha384" \
	"verified $ADN at 127.0.0.1[$DOT] by SPKI SHA2-384 digest, $V, ALPN dot" \
	-- --probe --adn $ADN --addr 127.0.0.1 --port "$DOT" --digest "$PIN384" \
	--hash sha384
ok "right digest, other ADN" \
	"verified other.example at 127.0.0.1[$DOT] by SPKI SHA2-256 digest (certificate not valid for the ADN), $V, ALPN dot" \
	-- --probe --adn other.example --addr 127.0.0.1 --port "$DOT" \
	--digest "$PIN"
refused "wrong digest" "SHA2-256 digest mismatch, expected $WRONG got $PIN" \
	-- --probe --adn $ADN --addr 127.0.0.1 --port "$DOT" --digest "$WRONG"
refused "digest of the wrong length" "32 octets, SHA2-384 digests have 48" \
	-- --probe --adn $ADN --addr 127.0.0.1 --port "$DOT" --digest "$PIN" \
	--hash sha384
ok "PKIX with the CA" \
	"verified $ADN at 127.0.0.1[$DOT] by PKIX and name, $V, ALPN dot" \
	-- --probe --adn $ADN --addr 127.0.0.1 --port "$DOT" --cacert "$TMP/ca.pem"
refused "PKIX wrong name" "name mismatch" -- --probe --adn other.example \
	--addr 127.0.0.1 --port "$DOT" --cacert "$TMP/ca.pem"
refused "PKIX unknown CA" "certificate not trusted" -- --probe --adn $ADN \
	--addr 127.0.0.1 --port "$DOT" --cacert "$TMP/leaf.pem"
ok "DoH handshake and h2" \
	"verified $ADN at 127.0.0.1[$H2] by SPKI SHA2-256 digest, $V, ALPN h2" \
	-- --probe --adn $ADN --addr 127.0.0.1 --port "$H2" --alpn h2 \
	--digest "$PIN"
refused "ALPN not negotiated" "ALPN 'h2' not negotiated" -- --probe \
	--adn $ADN --addr 127.0.0.1 --port "$DOT" --alpn h2 --digest "$PIN"
refused "connection refused" "connection refused" -- --probe --adn $ADN \
	--addr 127.0.0.1 --port 1 --digest "$PIN" --timeout 2
refused "bad address" "--addr: 'nowhere'" -- --probe --adn $ADN \
	--addr nowhere --digest "$PIN"
refused "bad port" "--port: '70000'" -- --probe --adn $ADN \
	--addr 127.0.0.1 --port 70000
refused "bad alpn" "--alpn: 'doq'" -- --probe --adn $ADN \
	--addr 127.0.0.1 --alpn doq
refused "missing adn" "needs --adn" -- --probe --addr 127.0.0.1

done_testing
