# Helpers of the encdns tool tests: run a form, compare exit status and
# stdout exactly; a refusal must give exit 1, empty stdout and one line on
# stderr. Sourced by the test_*.sh scripts; ENCDNS names the binary.

: "${ENCDNS:?ENCDNS must name the encdns binary}"
TMP=$(mktemp -d /tmp/encdns-tool-test.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
failed=0
count=0

# ok NAME EXPECTED_STDOUT -- ARGS...: exit 0 and exactly this stdout
ok()
{
	name=$1 expected=$2
	shift 3
	count=$((count + 1))
	out=$("$ENCDNS" "$@" 2>"$TMP/err"; echo "rc=$?")
	if [ "$out" != "$expected
rc=0" ]; then
		echo "not ok $count - $name"
		echo "# expected: $expected"
		echo "# got:      $out"
		sed 's/^/# stderr: /' "$TMP/err"
		failed=$((failed + 1))
	else
		echo "ok $count - $name"
	fi
}

# refused NAME PATTERN -- ARGS...: exit 1, no stdout, one stderr line
# matching the grep pattern
refused()
{
	name=$1 pattern=$2
	shift 3
	count=$((count + 1))
	"$ENCDNS" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	lines=$(wc -l <"$TMP/err")
	if [ $rc -ne 1 ] || [ -s "$TMP/out" ] || [ "$lines" -ne 1 ] ||
		! grep -q -e "$pattern" "$TMP/err"; then
		echo "not ok $count - $name (rc $rc, $lines stderr lines)"
		sed 's/^/# stdout: /' "$TMP/out"
		sed 's/^/# stderr: /' "$TMP/err"
		failed=$((failed + 1))
	else
		echo "ok $count - $name"
	fi
}

# warned NAME PATTERN -- ARGS...: exit 0, stdout, a warning matching PATTERN
warned()
{
	name=$1 pattern=$2
	shift 3
	count=$((count + 1))
	"$ENCDNS" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	if [ $rc -ne 0 ] || [ ! -s "$TMP/out" ] ||
		! grep -q -e "^encdns: warning: .*$pattern" "$TMP/err"; then
		echo "not ok $count - $name (rc $rc)"
		sed 's/^/# stderr: /' "$TMP/err"
		failed=$((failed + 1))
	else
		echo "ok $count - $name"
	fi
}

done_testing()
{
	echo "1..$count"
	if [ $failed -ne 0 ]; then
		echo "# $failed of $count failed"
		exit 1
	fi
	exit 0
}
