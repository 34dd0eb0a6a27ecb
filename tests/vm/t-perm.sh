# Only CAP_SYS_ADMIN may use mmscope: an ordinary user and root without the
# capability are refused every netlink command and dump (genetlink's
# GENL_ADMIN_PERM, then the module's own check) and every debugfs file.
# No output, to anyone, holds a kernel virtual address.
. ./lib.sh

D=/sys/kernel/debug/mmscope

# Root without CAP_SYS_ADMIN (tests/vm/src/nocap.c drops it from every set).
nocap=nocap
capeff=$($nocap sh -c 'grep CapEff /proc/self/status' | awk '{ print $2 }')
# CAP_SYS_ADMIN is bit 21.
if [ -n "$capeff" ] && [ $(( 0x$capeff >> 21 & 1 )) = 0 ]; then
	pass "nocap drops CAP_SYS_ADMIN (CapEff $capeff)"
else
	fail "nocap drops CAP_SYS_ADMIN" "CapEff '$capeff'"
fi

# --- every netlink command, as a request and as a dump (tests/vm/src/nlperm.c)
for who in user nocap root; do
	case $who in
	user) run="as_user nlperm denied" ;;
	nocap) run="$nocap nlperm denied" ;;
	root) run="nlperm allowed" ;;
	esac
	rc=0
	out=$($run 2>&1) || rc=$?
	is "$rc" 0 "$who: $(echo "$out" | tail -n 1 | sed 's/^nlperm: //')"
	[ "$rc" = 0 ] || echo "$out" | sed 's/^/#   /'
done

# --- every tool command exits 4 with a clear message
sleep 1000 &
T=$!
cmds="info|mm $T|vmas $T|ptes $T|xlate $T 0x400000|buddy|demo buddy list|demo slab status|rmap $T 0x400000|rmap 4096|faults $T|faults --events $T"
for who in user nocap; do
	bad=
	IFS='|'
	for c in $cmds; do
		IFS=' '
		rc=0
		if [ $who = user ]; then
			out=$(as_user mmscope $c 2>&1) || rc=$?
		else
			out=$($nocap mmscope $c 2>&1) || rc=$?
		fi
		case "$rc:$out" in
		4:*"ermission denied"*) ;;
		*) bad="$bad [$c: exit $rc: $(echo "$out" | head -n 1)]" ;;
		esac
		IFS='|'
	done
	unset IFS
	is "$bad" "" "$who: every tool command exits 4 with 'permission denied'"
done
rc_is 0 "root with CAP_SYS_ADMIN: info works" mmscope info

# --- every debugfs file: no read, no write
echo $T >$D/target
files=$(ls $D)
for who in user nocap; do
	bad=
	for f in $files; do
		if [ $who = user ]; then
			as_user "cat $D/$f" >/dev/null 2>&1 && bad="$bad read:$f"
			as_user "echo 1 >$D/$f" >/dev/null 2>&1 && bad="$bad write:$f"
		else
			$nocap cat $D/$f >/dev/null 2>&1 && bad="$bad read:$f"
			$nocap sh -c "echo 1 >$D/$f" >/dev/null 2>&1 && bad="$bad write:$f"
		fi
	done
	is "$bad" "" "$who: every debugfs file ($(echo $files | wc -w)) refuses reads and writes"
done
bad=
for f in $files; do
	cat $D/$f >/dev/null 2>&1 || bad="$bad $f"
done
is "$bad" "" "root with CAP_SYS_ADMIN reads every debugfs file"

# --- no kernel virtual address in any output
# A kernel address is 0xff... in 16 hex digits (0xffff8880..., 0xff11...
# with 5-level paging), or, as a JSON number, 18374686479671623680 or more.
# Raw entries print as 18 hex digits (debugfs) or 0x + up to 16, and are
# page-table values, never 0xff...
kaddr() {
	grep -oiE '(^|[^0-9a-z])(0x)?ff[0-9a-f]{14}([^0-9a-z]|$)' "$1" |
		grep -viE 'f{16}' | head -n 3
	grep -oE '(^|[^0-9])[0-9]{20}([^0-9]|$)' "$1" | tr -dc '0-9\n' |
		awk 'length($0) == 20 && $0 >= "18374686479671623680" && $0 != "18446744073709551615"' |
		head -n 3
}
all="$cmds|slab|rmap --scan $T 0x400000"
: >/tmp/perm-all
IFS='|'
for c in $all; do
	IFS=' '
	mmscope $c >>/tmp/perm-all 2>&1
	mmscope --json $c >>/tmp/perm-all 2>&1
	IFS='|'
done
unset IFS
mmscope faults --track $T >>/tmp/perm-all 2>&1
mmscope faults --json $T >>/tmp/perm-all 2>&1
mmscope faults --stop $T >>/tmp/perm-all 2>&1
for f in $files; do
	cat $D/$f >>/tmp/perm-all 2>&1
done
# The tool's and the module's own messages, as refused users see them.
as_user mmscope mm $T >>/tmp/perm-all 2>&1
$nocap mmscope mm $T >>/tmp/perm-all 2>&1
hits=$(kaddr /tmp/perm-all)
lines=$(wc -l </tmp/perm-all)
is "$hits" "" "no kernel virtual address in $lines lines of output (every command, text and JSON; every debugfs file)"
kill $T
exit 0
