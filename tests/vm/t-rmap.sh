# Reverse mappings (mmscope rmap, GET_RMAP, debugfs rmap) against the
# kernel's own files: pagemap (who maps which PFN), kpagecount (mapcount),
# kpageflags (what a frame is), /proc/iomem, /proc/PID/maps.
. ./lib.sh

W=/tmp/rmap
rm -rf $W
mkdir -p $W
# waitfor FILE [TENTHS]: wait for FILE to appear (default 10 s)
waitfor() {
	i=0
	while [ ! -f "$1" ] && [ $i -lt "${2:-100}" ]; do sleep 0.1; i=$((i + 1)); done
	[ -f "$1" ]
}
pfn_of() { pagemap_check --pfn "$1" "$2"; }
kflags() { set -- $(rmap_check --kpage "$1"); echo $(($2)); }
kcount() { set -- $(rmap_check --kpage "$1"); echo "$4"; }
bit() { echo $(( ($1 >> $2) & 1 )); }
# Sorted "PID VA" lines of an rmap answer (its JSON on stdin).
mappers() { jq -r '.mappers[] | "\(.pid) \(.va)"' | sort; }

# --- a file mapped shared by three processes at different addresses
# $1: label, $2: the file, $3: the frame kind the kernel gives its pages
files_case() {
	label=$1 file=$2 kind=$3
	rm -f $W/files.*
	rmap_workload files $W "$file" &
	F=$!
	if ! waitfor $W/files.ready; then
		fail "$label: workload started"
		kill $F
		return
	fi
	for pg in 0 3; do
		want=
		pfn=
		for k in 0 1 2; do
			set -- $(cat $W/files.$k)
			va=$(printf '0x%x' $((0x$2 + pg * 4096)))
			p=$(pfn_of $1 ${va#0x})
			[ -z "$pfn" ] && pfn=$p
			[ "$p" = "$pfn" ] || diag "pid $1 maps pfn $p, not $pfn"
			want="$want$1 $va
"
		done
		want=$(printf '%s' "$want" | sort)
		R=$(mmscope rmap --json $pfn)
		is "$(echo "$R" | mappers)" "$want" "$label page $pg: rmap lists exactly the three mappers (pagemap)"
		is "$(echo "$R" | jq -r .frame)/$(echo "$R" | jq -r .method)" "$kind/i_mmap" \
			"$label page $pg: frame $kind, found through the i_mmap tree"
		is "$(echo "$R" | jq -r .file.path)" "$file" "$label page $pg: the file's path"
		is "$(echo "$R" | jq -r .file.offset)" "$((pg * 4096))" "$label page $pg: the page's offset in the file"
		is "$(echo "$R" | jq -r .file.ino)" "$(stat -c %i "$file")" "$label page $pg: the file's inode (stat)"
		is "$(echo "$R" | jq .mapcount)" "$(kcount $pfn)" "$label page $pg: mapcount equals kpagecount"
		diag "$label page $pg: query took $(echo "$R" | jq .elapsed_ns) ns in the kernel ($(echo "$R" | jq .candidates) VMAs looked at)"
		is "$(echo "$R" | jq '[.mappers[] | .comm] | unique | .[]' -r)" "rmap_workload" \
			"$label page $pg: comm of every mapper"
		# PID + VA gives the same answer.
		set -- $(cat $W/files.1)
		is "$(mmscope rmap --json $1 0x$2 | jq -r '.pfn, (.mappers | length)' | tr '\n' ' ')" \
			"$(pfn_of $1 $2) 3 " "$label: PID+VA resolves to the same frame and mappers"
	done
	# The scan finds the same three.
	set -- $(cat $W/files.0)
	pfn=$(pfn_of $1 $2)
	is "$(mmscope rmap --json --scan $pfn | jq -r '.mappers[] | select(.comm == "rmap_workload") | "\(.pid) \(.va)"' | sort)" \
		"$(mmscope rmap --json $pfn | mappers)" "$label: --scan finds the same mappers as the i_mmap tree"
	kill $F
	wait $F 2>/dev/null
}

files_case "tmpfs file" $W/data shmem
mkdir -p /tmp/rmap-ramfs
if mount -t ramfs none /tmp/rmap-ramfs 2>/dev/null; then
	files_case "ramfs file" /tmp/rmap-ramfs/data file
	umount /tmp/rmap-ramfs
else
	skip "file on a filesystem other than tmpfs" "ramfs cannot be mounted"
fi

# --- more mappers than are listed: 100 processes map one page
rm -f $W/files.*
rmap_workload files $W $W/many 100 &
F=$!
if waitfor $W/files.ready 600; then
	set -- $(cat $W/files.57)
	pfn=$(pfn_of $1 $2)
	R=$(mmscope rmap --json $pfn)
	is "$(echo "$R" | jq -r '.nr_mappers, (.mappers | length), .truncated, .mapcount' | tr '\n' ' ')" \
		"100 64 true $(kcount $pfn) " "100 mappers: all counted (kpagecount), the first 64 listed, truncated"
	bad=0
	for m in $(echo "$R" | jq -r '.mappers[] | "\(.pid):\(.va)"'); do
		[ "$(pfn_of ${m%:*} ${m#*:0x})" = "$pfn" ] || bad=$((bad + 1))
	done
	is "$bad" 0 "100 mappers: each of the 64 listed maps the frame (pagemap)"
	diag "100 mappers: query took $(echo "$R" | jq .elapsed_ns) ns in the kernel ($(echo "$R" | jq .candidates) VMAs looked at)"
	T=$(mmscope rmap $pfn)
	contains "$T" "truncated" "100 mappers: the text output says truncated"
else
	fail "100 mappers: workload started"
fi
kill $F
wait $F 2>/dev/null

# --- fork: private anonymous page before and after copy-on-write; shared anonymous
rmap_workload fork $W &
F=$!
if waitfor $W/fork; then
	set -- $(cat $W/fork)
	P=$1 C=$2 PRIV=$3 SH=$4
	pp=$(pfn_of $P $PRIV)
	is "$(pfn_of $C $PRIV)" "$pp" "fork: parent and child map the same private frame (pagemap)"
	R=$(mmscope rmap --json $pp)
	is "$(echo "$R" | mappers | tr '\n' ' ')" "$(printf '%s 0x%s\n%s 0x%s\n' $P $PRIV $C $PRIV | sort | tr '\n' ' ')" \
		"fork: before the write, the private page lists parent and child"
	is "$(echo "$R" | jq -r .frame)/$(echo "$R" | jq -r .method)" "anon/anon_vma" \
		"fork: private page is anon, found through the anon_vma tree"
	is "$(echo "$R" | jq .mapcount)" "$(kcount $pp)" "fork: mapcount equals kpagecount ($(kcount $pp))"
	diag "anon page, 2 mappers: query took $(echo "$R" | jq .elapsed_ns) ns in the kernel"
	R=$(mmscope rmap --json --scan $pp)
	is "$(echo "$R" | mappers | tr '\n' ' ')" "$(printf '%s 0x%s\n%s 0x%s\n' $P $PRIV $C $PRIV | sort | tr '\n' ' ')" \
		"fork: --scan finds the same two mappers"
	diag "scan of $(echo "$R" | jq .candidates) address spaces took $(echo "$R" | jq .elapsed_ns) ns"
	is "$(echo "$R" | jq '[.mappers[] | select(.rw)] | length')" 0 "fork: both mappings are read-only (COW)"
	kill -USR1 $C
	if waitfor $W/fork.written; then
		cp=$(pfn_of $C $PRIV)
		[ "$cp" != "$pp" ] && pass "fork: the child's write gave it a new frame" ||
			fail "fork: the child's write gave it a new frame" "still $cp"
		R=$(mmscope rmap --json $pp)
		is "$(echo "$R" | mappers | tr '\n' ' ')" "$P 0x$PRIV " "fork: after the write, the old frame lists only the parent"
		is "$(echo "$R" | jq .mapcount)/$(kcount $pp)" "1/1" "fork: old frame mapcount 1 (kpagecount)"
		is "$(echo "$R" | jq .stale)" 1 "fork: the child's VMA is looked at, but maps another frame (stale)"
		R=$(mmscope rmap --json $cp)
		is "$(echo "$R" | mappers | tr '\n' ' ')" "$C 0x$PRIV " "fork: after the write, the new frame lists only the child"
		is "$(echo "$R" | jq '.mappers[0].rw')" true "fork: the child's new mapping is writable"
	else
		fail "fork: child wrote its page"
	fi
	sp=$(pfn_of $P $SH)
	is "$(pfn_of $C $SH)" "$sp" "shared anon: parent and child map the same frame (pagemap)"
	R=$(mmscope rmap --json $P 0x$SH)
	is "$(echo "$R" | mappers | tr '\n' ' ')" "$(printf '%s 0x%s\n%s 0x%s\n' $P $SH $C $SH | sort | tr '\n' ' ')" \
		"shared anon: MAP_SHARED|MAP_ANONYMOUS lists parent and child"
	is "$(echo "$R" | jq -r .frame)/$(echo "$R" | jq -r .method)" "shmem/i_mmap" \
		"shared anon: a shmem frame, found through the i_mmap tree"
	contains "$(echo "$R" | jq -r .file.path)" "/dev/zero" "shared anon: its file is the shmem object of /dev/zero"
	T=$(mmscope rmap $P 0x$SH)
	contains "$T" "rmap_workload" "text output names the mappers"
	contains "$T" "shmem page, mapcount 2" "text output gives the frame and its mapcount"
	kill $F
	wait $F 2>/dev/null
else
	fail "fork workload started"
fi

# --- a random sample of every process's pages against pagemap and kpagecount
OUT=$(rmap_check 40)
rc=$?
[ $rc = 0 ] && pass "random frames of every process equal pagemap/kpagecount ($OUT)" ||
	fail "random frames of every process equal pagemap/kpagecount" "$OUT"

# --- a target that maps, unmaps, forks and exits while it is asked about
ok=0 clear=0 bad=0 ops=0
start_churn() { churn 2 & C=$!; sleep 0.1; }
start_churn
while [ $ops -lt 200 ]; do
	kill -0 $C 2>/dev/null || { wait $C 2>/dev/null; start_churn; }
	va=$(awk -v k=$ops 'NR % 7 == k % 7 { split($1, a, "-"); print a[1]; exit }' /proc/$C/maps 2>/dev/null)
	case $((ops % 10)) in
	9) out=$(mmscope rmap --scan $C 0x${va:-1000} 2>&1 >/dev/null) ;;
	*) out=$(mmscope rmap $C 0x${va:-1000} 2>&1 >/dev/null) ;;
	esac
	rc=$?
	ops=$((ops + 1))
	if [ $rc = 0 ]; then
		ok=$((ok + 1))
	else
		case $out in
		*"no such process"*|*"has exited"*|*"try again"*|*"nothing is mapped"*|*"swapped out"*|*"maps no frame"*)
			clear=$((clear + 1)) ;;
		*) bad=$((bad + 1)); [ $bad -le 5 ] && diag "unexpected: rc $rc: $out" ;;
		esac
	fi
done
kill $C 2>/dev/null
wait $C 2>/dev/null
diag "rmap of a churning target: $ops queries, answered $ok, clear errors $clear, other $bad"
is "$bad" 0 "200 queries about a churning, forking, exiting target: each answered or a clear error"
[ $ok -gt 50 ] && pass "many queries about a churning target are answered ($ok of $ops)" ||
	fail "many queries about a churning target are answered" "$ok of $ops"

# --- the zero page and a reserved page: no rmap, clear answers, --scan finds mappers
sleep 1000 &
S=$!
sleep 0.2
zp=$(awk '/\[vdso\]/ { split($1, a, "-"); print a[1]; exit }' /proc/$S/maps)
vp=$(pfn_of $S $zp)
R=$(mmscope rmap --json $vp)
is "$(echo "$R" | jq -r .frame)/$(bit $(kflags $vp) 32)" "reserved/1" "vDSO page: frame reserved (kpageflags RESERVED)"
is "$(echo "$R" | jq -r '.method, (.note != null)' | tr '\n' ' ')" "none true " "vDSO page: no rmap walked, a note says why"
is "$(mmscope rmap --json --scan $vp | jq "[.mappers[] | select(.pid == $S and .va == \"0x$zp\")] | length")" 1 \
	"vDSO page: --scan finds the mapping in a process"
kill $S

# --- bad input: clear errors or clear answers
lastpfn=$(awk -F'[- :]+' '/System RAM/ { e = $2 } END { print e }' /proc/iomem)
beyond=$(printf '0x%x' $(( (0x$lastpfn >> 12) + 0x100000 )))
rc_is 1 "PFN beyond memory: exit 1" mmscope rmap $beyond
contains "$OUT" "beyond the end of physical memory" "PFN beyond memory: says so"
rc_is 1 "huge PFN: exit 1" mmscope rmap 0xffffffffffffffff
# A PFN between two System RAM ranges: either no struct page (a hole) or a reserved one.
hole=
e=
while read -r r _ name; do
	case $name in "System RAM") ;; *) continue ;; esac
	s=$((0x${r%-*}))
	if [ -n "$e" ] && [ $s -gt $((e + 1)) ]; then hole=$(printf '0x%x' $(((e + 1) / 4096))); break; fi
	e=$((0x${r#*-}))
done </proc/iomem
if [ -n "$hole" ]; then
	fl=$(kflags $hole)
	if [ "$(bit $fl 20)" = 1 ] || [ "$fl" = -1 ]; then
		rc_is 1 "hole PFN $hole (kpageflags NOPAGE): exit 1" mmscope rmap $hole
		contains "$OUT" "hole" "hole PFN: says so"
	else
		is "$(mmscope rmap --json $hole | jq -r '.frame, .nr_mappers' | tr '\n' ' ')" \
			"reserved 0 " "PFN $hole between RAM ranges has a struct page: frame reserved, no mappers"
	fi
else
	skip "hole PFN" "no gap between System RAM ranges"
fi
kt=$(awk -F'[- :]+' '/Kernel code/ { print $2; exit }' /proc/iomem)
kp=$(printf '0x%x' $((0x$kt >> 12)))
R=$(mmscope rmap --json $kp)
is "$(echo "$R" | jq -r '.frame, .nr_mappers' | tr '\n' ' ')/$(bit $(kflags $kp) 32)" "reserved 0 /1" \
	"kernel text PFN: reserved (kpageflags), no mappers"
contains "$(echo "$R" | jq -r .note)" "reserved" "kernel text PFN: the note says reserved"
sleep 1000 &
S=$!
sleep 0.2
pgd=$(mmscope mm --json $S | jq -r .pgd_pa)
pgd=$(printf '0x%x' $((pgd >> 12)))
R=$(mmscope rmap --json $pgd)
if [ "$(bit $(kflags $pgd) 26)" = 1 ]; then want=pagetable; else want=kernel; fi
is "$(echo "$R" | jq -r '.frame, .nr_mappers' | tr '\n' ' ')" "$want 0 " \
	"pgd PFN: frame $want (kpageflags PGTABLE $(bit $(kflags $pgd) 26)), no mappers"
st=$(awk '/\[stack\]/ { split($1, a, "-"); print a[2]; exit }' /proc/$S/maps)
ptt=$(mmscope xlate --json $S 0x$(printf '%x' $((0x$st - 4096))) | jq -r '.steps[-1].table_pa')
ptt=$(printf '0x%x' $((ptt >> 12)))
R=$(mmscope rmap --json $ptt)
is "$(echo "$R" | jq -r '.frame, .nr_mappers' | tr '\n' ' ')/$(bit $(kflags $ptt) 26)" "pagetable 0 /1" \
	"PTE table PFN: frame pagetable (kpageflags PGTABLE), no mappers"
R=$(mmscope rmap --json $(printf '0x%x' $(pfn_of $S $(printf '%x' $((0x$st - 4096))))))
is "$(echo "$R" | jq -r '.frame, (.mappers[] | select(.pid == '$S') | .comm)' | tr '\n' ' ')" "anon sleep " \
	"a stack page: anon, mapped by the sleeper"
rc_is 1 "PID+VA with nothing mapped: exit 1" mmscope rmap $S 0x1000
contains "$OUT" "nothing is mapped" "PID+VA unmapped: says so"
rc_is 1 "non-canonical VA: exit 1" mmscope rmap $S 0x8000000000000000
contains "$OUT" "canonical" "non-canonical VA: says so"
rc_is 1 "unknown PID: exit 1" mmscope rmap 999999 0x1000
contains "$OUT" "no such process" "unknown PID: says so"
rc_is 2 "no operand: usage error" mmscope rmap
rc_is 2 "garbage PFN: usage error" mmscope rmap 12abc
rc_is 2 "three operands: usage error" mmscope rmap 1 2 3
rc_is 0 "--help exits 0" mmscope rmap --help
contains "$OUT" "Usage: mmscope rmap" "--help prints the usage"
rc_is 4 "ordinary user: refused" as_user mmscope rmap $kp

# --- debugfs
D=/sys/kernel/debug/mmscope/rmap
is "$(stat -c %a $D)" 600 "debugfs rmap is mode 0600"
sp=$(pfn_of $S $(printf '%x' $((0x$st - 4096))))
echo $sp >$D
A=$(cat $D)
contains "$A" "frame anon" "debugfs: the frame's kind"
contains "$A" "pid $S comm sleep va 0x$(printf '%x' $((0x$st - 4096)))" "debugfs: the sleeper's mapping"
is "$(echo "$A" | grep -c '^pid ')" "$(mmscope rmap --json $sp | jq '.mappers | length')" \
	"debugfs lists as many mappers as netlink"
echo garbage >$D 2>/dev/null && fail "debugfs: garbage refused" || pass "debugfs: garbage refused"
echo $beyond >$D 2>/dev/null && fail "debugfs: PFN beyond memory refused" || pass "debugfs: PFN beyond memory refused"
contains "$(cat $D)" "pfn $(printf '0x%x' $sp) " "debugfs: a refused write keeps the previous PFN"
kill $S

