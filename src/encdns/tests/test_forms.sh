#!/bin/sh
# Every form of the encdns tool: exact stdout and exit status, refusals
# with exit 1, empty stdout and one reason line on stderr.

. "$(dirname "$0")/lib.sh"
DATA=$(cd "${LIBENCDNS_DATA:-$(dirname "$0")/../../libencdns/tests/data}" &&
	pwd)

# --digest
ok "digest sha256 PEM cert" "$(cat "$DATA/p256.sha256")" -- \
	--digest --in "$DATA/p256.crt.pem"
ok "digest sha256 DER cert" "$(cat "$DATA/p256.sha256")" -- \
	--digest --in "$DATA/p256.crt.der" --hash sha256
ok "digest sha384 PEM pubkey" "$(cat "$DATA/p256.sha384")" -- \
	--digest --in "$DATA/p256.pub.pem" --hash sha384
ok "digest sha512 RSA DER pubkey" "$(cat "$DATA/rsa2048.sha512")" -- \
	--digest --in "$DATA/rsa2048.pub.der" --hash sha512 --format hex
ok "digest base64 pin" "lhhU0tGc6m94WD2mSqvEjUTbH8uqMQYVMj2mHf81cjw=" -- \
	--digest --in "$DATA/p256.crt.pem" --format base64
refused "digest missing file" "nonexistent" -- \
	--digest --in "$TMP/nonexistent.pem"
refused "digest not a certificate" "" -- --digest --in "$DATA/README"
refused "digest unknown hash" "^encdns: --hash: 'md5'" -- \
	--digest --in "$DATA/p256.crt.pem" --hash md5
refused "digest unknown format" "^encdns: --format" -- \
	--digest --in "$DATA/p256.crt.pem" --format pem
refused "digest without --in" "needs --in" -- --digest

# --svcparams
ok "svcparams encode" "0001000403646f74000300020355" -- \
	--svcparams --encode "alpn=dot port=853"
ok "svcparams encode sorts keys" "0001000403646f74000300020355" -- \
	--svcparams --encode "port=853 alpn=dot"
ok "svcparams encode unquoted words" "0001000403646f74000300020355" -- \
	--svcparams --encode alpn=dot port=853
ok "svcparams encode dohpath" \
	"00010003026832000700102f646e732d71756572797b3f646e737d" -- \
	--svcparams --encode "alpn=h2 dohpath=/dns-query{?dns}"
ok "svcparams decode" "alpn=dot port=853" -- \
	--svcparams --decode 0001000403646f74000300020355
ok "svcparams decode spaces and colons" "alpn=dot port=853" -- \
	--svcparams --decode "00:01:00:04 03 64 6f 74 0003 0002 0355"
ok "svcparams decode 0x and split args" "alpn=dot port=853" -- \
	--svcparams --decode 0x0001000403646f74 000300020355
refused "svcparams encode missing value" "alpn" -- \
	--svcparams --encode "alpn"
refused "svcparams encode no-default-alpn with value" "no-default-alpn" -- \
	--svcparams --encode "alpn=dot no-default-alpn=abc"
refused "svcparams decode truncated" "RFC 9460" -- \
	--svcparams --decode 0001000403646f
refused "svcparams decode unsorted keys" "RFC 9460" -- \
	--svcparams --decode 0003000203550001000403646f74
refused "svcparams decode odd hex" "odd number of hex digits" -- \
	--svcparams --decode 000
refused "svcparams decode bad hex" "'z' at offset 2 is no hex digit" -- \
	--svcparams --decode 00zz
refused "svcparams both" "needs --encode" -- \
	--svcparams --encode --decode 00
refused "svcparams nothing" "needs --encode" -- --svcparams --encode

# --decode --ike
ok "decode ike empty request" "DNS Configuration = {
  Nameservers = [],
  Internal Domains = [],
  Search Domains = [],
}" -- --decode --ike "00 1b 00 00" --cfg request
ok "decode ike INTERNAL_DNS_DOMAIN" "DNS Configuration = {
  Nameservers = [],
  Internal Domains = [\"example.com\"],
  Search Domains = [],
}" -- --decode --ike "00 19 00 0b 65 78 61 6d 70 6c 65 2e 63 6f 6d"
echo "001c000c0001000000010004 03646f74" >"$TMP/hex"
ok "decode ike from stdin" "DNS Configuration = {
  Nameservers = [{
    Service Priority = 1,
    IPv4 Address = [],
    IPv6 Address = [],
    Authentication Domain Name = \"\",
    Service Parameters = {
      alpn=dot
    },
  }],
  Internal Domains = [],
  Search Domains = [],
}" -- --decode --ike - --cfg request <"$TMP/hex"
refused "decode ike priority 0" "MUST NOT be 0" -- \
	--decode --ike "00 1b 00 0c 00 00 01 00 c0 00 02 01 00 01 00 00"
refused "decode ike no address in reply" "ENCDNS_IP4" -- \
	--decode --ike "00 1b 00 04 00 01 00 00"
refused "decode ike truncated" "" -- --decode --ike "00 1b 00 08 00 01"
refused "decode ike bad cfg" "^encdns: --cfg: 'foo'" -- \
	--decode --ike 001b0000 --cfg foo
refused "decode without hex" "needs --ike HEX" -- --decode --ike
refused "decode ike and capsule" "needs --ike HEX" -- \
	--decode --ike --capsule 00

# --decode --capsule
refused "decode capsule truncated" "" -- --decode --capsule "9a ce 79 ec 40"
refused "decode capsule bad draft" "^encdns: --draft: '05'" -- \
	--decode --capsule 00 --draft 05
refused "decode capsule no DNS capsule" "no DNS capsule" -- \
	--decode --capsule "01 00"

# --encode
cat >"$TMP/swanctl.conf" <<CONF
encdns {
	resolvers {
		corp {
			addrs = 192.0.2.53
			adn = dns.corp.example
			svcparams = alpn=dot
			cert = $DATA/p256.crt.pem
			domains = internal.corp.example
			search = corp.example
		}
		other {
			addrs = 2001:db8::53
			adn = dns2.corp.example
			priority = 2
			svcparams = alpn=dot
		}
	}
}
CONF
ok "encode ike one resolver" "001b002000010110c0000235646e732e636f72702e6578616d706c650001000403646f74001d002401000002$(cat "$DATA/p256.sha256")00190015696e7465726e616c2e636f72702e6578616d706c65" -- \
	--encode --ike --conf "$TMP/swanctl.conf" --name corp
ok "encode ike sha384 digest" "001b002000010110c0000235646e732e636f72702e6578616d706c650001000403646f74001d003401000003$(cat "$DATA/p256.sha384")00190015696e7465726e616c2e636f72702e6578616d706c65" -- \
	--encode --ike --conf "$TMP/swanctl.conf" --name corp --hash sha384
warned "encode ike warns about search domains" \
	'search domain "corp.example" not encoded' -- \
	--encode --ike --conf "$TMP/swanctl.conf"
warned "encode capsule warns about digests" "SPKI digest" -- \
	--encode --capsule --conf "$TMP/swanctl.conf"
# alpn=dot gains no-default-alpn: a swanctl.conf resolver is encrypted only
ok "encode capsule without digest" "9ace79ec36010002000120010db8000000000000\
000000000053\
11646e73322e636f72702e6578616d706c65\
0c0001000403646f7400020000\
0000" -- --encode --capsule --conf "$TMP/swanctl.conf" \
	--name other
# capsule types are provisional: --assign-type overrides the draft's value
ok "encode capsule with another type" "5234360100020001\
20010db8000000000000000000000053\
11646e73322e636f72702e6578616d706c65\
0c0001000403646f7400020000\
0000" -- --encode --capsule --conf "$TMP/swanctl.conf" \
	--name other --assign-type 0x1234
"$ENCDNS" --encode --capsule --conf "$TMP/swanctl.conf" --name other \
	--assign-type 0x1234 >"$TMP/typed.hex" 2>/dev/null
ok "decode capsule with another type" "$("$ENCDNS" --decode --capsule \
	9ace79ec36010002000120010db8000000000000000000000053\
11646e73322e636f72702e6578616d706c650c0001000403646f74000200000000)" -- \
	--decode --capsule - --assign-type 4660 <"$TMP/typed.hex"
refused "decode capsule of an unknown type" "no DNS capsule" -- \
	--decode --capsule - <"$TMP/typed.hex"
refused "bad capsule type" "^encdns: --assign-type: 'x1'" -- \
	--decode --capsule 00 --assign-type x1
refused "capsule type too large" "^encdns: --pref64-type: " -- \
	--decode --capsule 00 --pref64-type 0x4000000000000000
refused "encode unknown name" "--name: no resolver 'nope'" -- \
	--encode --ike --conf "$TMP/swanctl.conf" --name nope
refused "encode missing conf" "" -- --encode --ike --conf "$TMP/none.conf"
refused "encode without --conf" "needs --ike or --capsule" -- --encode --ike
cat >"$TMP/bad.conf" <<CONF
encdns {
	resolvers {
		bad {
			addrs = 192.0.2.53
			adn = dns.corp.example
			priority = 0
		}
	}
}
CONF
refused "encode invalid resolver" "bad" -- --encode --ike --conf "$TMP/bad.conf"

# general
ok "version" "encdns 0.1.0 (strongSwan 5.9.8)" -- --version
count=$((count + 1))
if "$ENCDNS" --help | grep -q "^encdns --probe --adn NAME"; then
	echo "ok $count - help"
else
	echo "not ok $count - help"; failed=$((failed + 1))
fi
count=$((count + 1))
if "$ENCDNS" --probe --help | grep -q "ALPN only"; then
	echo "ok $count - help of one form"
else
	echo "not ok $count - help of one form"; failed=$((failed + 1))
fi
count=$((count + 1))
"$ENCDNS" >"$TMP/out" 2>&1
if [ $? -eq 1 ] && grep -q "^usage:" "$TMP/out"; then
	echo "ok $count - usage without arguments"
else
	echo "not ok $count - usage without arguments"; failed=$((failed + 1))
fi
refused "unknown option" "unknown option '--bogus'" -- --bogus
refused "option without argument" "^encdns: --in: needs an argument" -- \
	--digest --in
refused "two modes" "exclude each other" -- --digest --svcparams

done_testing
