# The classroom labs (scripts/labs/*.sh, in /mmscope/labs in the VM) as
# tests: every claim a lab prints is one TAP line, and each lab one more,
# which passes when the lab ran to its end and every claim held.  The labs
# check their claims against the kernel's own files themselves.
. ./lib.sh

LABS=${MMSCOPE_LABS:-/mmscope/labs}
n=0
for lab in "$LABS"/*.sh; do
	name=${lab##*/}
	name=${name%.sh}
	[ "$name" = lib ] && continue
	[ -f "$lab" ] || continue
	n=$((n + 1))
	rc=0
	start=$(date +%s)
	sh "$lab" >/tmp/lab.out 2>&1 || rc=$?
	while IFS= read -r line; do
		case $line in
		"  [holds] "*) pass "$name: ${line#  \[holds\] }" ;;
		"  [FAILS] "*) fail "$name: ${line#  \[FAILS\] }" ;;
		"          "*) echo "#   ${line#          }" ;;
		esac
	done </tmp/lab.out
	last=$(tail -n 1 /tmp/lab.out)
	if [ "$rc" = 0 ]; then
		pass "lab $name runs to its end, every claim holds ($last; $(($(date +%s) - start)) s)"
	else
		fail "lab $name runs to its end, every claim holds (exit $rc)" "$(tail -n 15 /tmp/lab.out)"
	fi
done
[ "$n" -gt 0 ] && pass "$n labs found in $LABS" || fail "labs found in $LABS"
