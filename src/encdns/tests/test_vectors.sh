#!/bin/sh
# spec.md 6.3 vectors decoded to the readable form, and the seed slides'
# examples round-tripped through --encode and --decode.

. "$(dirname "$0")/lib.sh"

NONE="  Internal Domains = [],
  Search Domains = [],
}"

ok "ENCDNS_IP4() empty request" "DNS Configuration = {
  Nameservers = [],
$NONE" -- --decode --ike "00 1b 00 00" --cfg request
ok "ENCDNS_IP6() empty request" "DNS Configuration = {
  Nameservers = [],
$NONE" -- --decode --ike "00 1c 00 00" --cfg request

FIG6="00 1c 00 3e 00 01 01 0f 20 01 0d b8 00 99 00 88 00 77 00 66 00 55 00 44
  64 6f 68 2e 65 78 61 6d 70 6c 65 2e 63 6f 6d
  00 01 00 03 02 68 32 00 07 00 10 2f 64 6e 73 2d 71 75 65 72 79 7b 3f 64 6e 73 7d"
NS6="DNS Configuration = {
  Nameservers = [{
    Service Priority = 1,
    IPv4 Address = [],
    IPv6 Address = [2001:db8:99:88:77:66:55:44],
    Authentication Domain Name = \"doh.example.com\",
    Service Parameters = {
      alpn=h2
      dohpath=/dns-query{?dns}
    },
  }],"
ok "App. A.1 Fig. 6 reply" "$NS6
$NONE" -- --decode --ike "$FIG6"

DIGEST="000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
ok "Fig. 6 reply with DIGEST_INFO (ADN Length 0)" "$NS6
$NONE
Digests = [
  SHA2-256 = $DIGEST,
]" -- --decode --ike "$FIG6 00 1d 00 24 01 00 00 02 $DIGEST"
ok "Fig. 6 reply with DIGEST_INFO (ADN)" "$NS6
$NONE
Digests = [
  SHA2-256 (doh.example.com) = $DIGEST,
]" -- --decode --ike "$FIG6 00 1d 00 33 01 0f 64 6f 68 2e 65 78 61 6d 70 6c
	65 2e 63 6f 6d 00 02 $DIGEST"
ok "App. A.3 split tunnel reply" "$NS6
  Internal Domains = [\"example.com\"],
  Search Domains = [],
}" -- --decode --ike "$FIG6 00 19 00 0b 65 78 61 6d 70 6c 65 2e 63 6f 6d"

ok "App. A.2 Fig. 7 request, IP only" "DNS Configuration = {
  Nameservers = [{
    Service Priority = 1,
    IPv4 Address = [],
    IPv6 Address = [2001:db8:99:88:77:66:55:44],
    Authentication Domain Name = \"\",
    Service Parameters = {},
  }],
$NONE" -- --decode --ike "00 1c 00 14 00 01 01 00 20 01 0d b8 00 99 00 88 00
	77 00 66 00 55 00 44" --cfg request
ok "App. A.2 Fig. 8 request, ADN only" "DNS Configuration = {
  Nameservers = [{
    Service Priority = 1,
    IPv4 Address = [],
    IPv6 Address = [],
    Authentication Domain Name = \"doh.example.com\",
    Service Parameters = {},
  }],
$NONE" -- --decode --ike "00 1c 00 13 00 01 00 0f 64 6f 68 2e 65 78 61 6d 70
	6c 65 2e 63 6f 6d" --cfg request
ok "App. A.2 Fig. 9 request, alpn=dot" "DNS Configuration = {
  Nameservers = [{
    Service Priority = 1,
    IPv4 Address = [],
    IPv6 Address = [],
    Authentication Domain Name = \"\",
    Service Parameters = {
      alpn=dot
    },
  }],
$NONE" -- --decode --ike "00 1c 00 0c 00 01 00 00 00 01 00 04 03 64 6f 74" \
	--cfg request
ok "DIGEST_INFO request" "DNS Configuration = {
  Nameservers = [],
$NONE" -- --decode --ike "00 1d 00 08 03 00 00 02 00 03 00 04" --cfg request
ok "DIGEST_INFO in CFG_ACK" "DNS Configuration = {
  Nameservers = [],
$NONE" -- --decode --ike "00 1d 00 00" --cfg ack

# MASQUE DNS_ASSIGN, examples of draft -05 3.6 (the seed slides')
SPLIT="DNS Configuration = {
  Nameservers = [{
    Service Priority = 1,
    IPv4 Address = [192.0.2.33],
    IPv6 Address = [2001:db8::1],
    Authentication Domain Name = \"\",
    Service Parameters = {},
  }],
  Internal Domains = [\"internal.corp.example\"],
  Search Domains = [
    \"internal.corp.example\",
    \"corp.example\",
  ],
}"
ok "DNS_ASSIGN split tunnel (seed)" "$SPLIT" -- --decode --capsule \
	"9a ce 79 ec 40 56  01  00 01 01 c0 00 02 21 01 20 01 0d b8 00 00 00 00 00
	00 00 00 00 00 00 01 00 00 01 15 69 6e 74 65 72 6e 61 6c 2e 63 6f 72 70 2e
	65 78 61 6d 70 6c 65 02 15 69 6e 74 65 72 6e 61 6c 2e 63 6f 72 70 2e 65 78
	61 6d 70 6c 65 0c 63 6f 72 70 2e 65 78 61 6d 70 6c 65"
# the draft's full-tunnel example has no address and omits no-default-alpn,
# i.e. claims Do53 without an address, which its own 3.2 forbids
refused "DNS_ASSIGN full tunnel as in the draft" "no-default-alpn omitted" -- \
	--decode --capsule "9a ce 79 ec 3a  01  00 01 00 00 12 6d 61 73 71 75 65
	2e 65 78 61 6d 70 6c 65 2e 6f 72 67 1e 00 01 00 06 02 68 32 02 68 33 00 07
	00 10 2f 64 6e 73 2d 71 75 65 72 79 7b 3f 64 6e 73 7d 01 00  00"
ok "DNS_ASSIGN full tunnel with no-default-alpn" "DNS Configuration = {
  Nameservers = [{
    Service Priority = 1,
    IPv4 Address = [],
    IPv6 Address = [],
    Authentication Domain Name = \"masque.example.org\",
    Service Parameters = {
      alpn=h2,h3
      no-default-alpn
      dohpath=/dns-query{?dns}
    },
  }],
  Internal Domains = [\"\"],
  Search Domains = [],
}" -- --decode --capsule "9a ce 79 ec 3e  01  00 01 00 00 12 6d 61 73 71 75 65
	2e 65 78 61 6d 70 6c 65 2e 6f 72 67 22 00 01 00 06 02 68 32 02 68 33
	00 02 00 00 00 07 00 10 2f 64 6e 73 2d 71 75 65 72 79 7b 3f 64 6e 73 7d
	01 00  00"
ok "PREF64 64:ff9b::/96" "NAT64 Prefixes = [64:ff9b::/96]" -- \
	--decode --capsule "a7 4c 0f bc 0d 60 00 64 ff 9b 00 00 00 00 00 00 00 00"
ok "capsule stream, unknown capsule skipped" "$SPLIT
NAT64 Prefixes = [64:ff9b::/96]" -- --decode --capsule \
	"01 00 9a ce 79 ec 40 56  01  00 01 01 c0 00 02 21 01 20 01 0d b8 00 00 00 00 00
	00 00 00 00 00 00 01 00 00 01 15 69 6e 74 65 72 6e 61 6c 2e 63 6f 72 70 2e
	65 78 61 6d 70 6c 65 02 15 69 6e 74 65 72 6e 61 6c 2e 63 6f 72 70 2e 65 78
	61 6d 70 6c 65 0c 63 6f 72 70 2e 65 78 61 6d 70 6c 65
	a7 4c 0f bc 0d 60 00 64 ff 9b 00 00 00 00 00 00 00 00"

# the seed examples from swanctl.conf through both encodings and back;
# IKEv2 needs an ADN and addresses, so the resolvers have them
cat >"$TMP/seed.conf" <<CONF
encdns {
	resolvers {
		split {
			addrs = 192.0.2.33, 2001:db8::1
			adn = dns.corp.example
			svcparams = alpn=dot
			domains = internal.corp.example
			search = internal.corp.example, corp.example
		}
		full {
			addrs = 192.0.2.53
			adn = masque.example
			priority = 2
			svcparams = "alpn=h2,h3 dohpath=/dns-query{?dns}"
		}
	}
}
CONF
SEED_NS="DNS Configuration = {
  Nameservers = [{
    Service Priority = 1,
    IPv4 Address = [192.0.2.33],
    IPv6 Address = [2001:db8::1],
    Authentication Domain Name = \"dns.corp.example\",
    Service Parameters = {
      alpn=dot"
SEED_NS2="    },
  }, {
    Service Priority = 2,
    IPv4 Address = [192.0.2.53],
    IPv6 Address = [],
    Authentication Domain Name = \"masque.example\",
    Service Parameters = {
      alpn=h2,h3"
SEED_NS3="      dohpath=/dns-query{?dns}
    },
  }],
  Internal Domains = [\"internal.corp.example\"],"
hex=$("$ENCDNS" --encode --ike --conf "$TMP/seed.conf" 2>/dev/null)
ok "seed round trip through IKEv2" "$SEED_NS
$SEED_NS2
$SEED_NS3
  Search Domains = [],
}" -- --decode --ike "$hex"
hex=$("$ENCDNS" --encode --capsule --conf "$TMP/seed.conf" 2>/dev/null)
ok "seed round trip through a capsule" "$SEED_NS
      no-default-alpn
$SEED_NS2
      no-default-alpn
$SEED_NS3
  Search Domains = [
    \"internal.corp.example\",
    \"corp.example\",
  ],
}" -- --decode --capsule "$hex"
hex=$("$ENCDNS" --encode --capsule --draft 03 --conf "$TMP/seed.conf" \
	2>/dev/null)
count=$((count + 1))
if "$ENCDNS" --decode --capsule "$hex" --draft 03 | head -1 |
	grep -q "^DNS Assign, Request ID = 0$"; then
	echo "ok $count - seed round trip through a draft -03 capsule"
else
	echo "not ok $count - seed round trip through a draft -03 capsule"
	failed=$((failed + 1))
fi

done_testing
