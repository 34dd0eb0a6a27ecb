# Address-space inspection against the kernel's own files: pagemap, smaps,
# status, clear_refs.  One workload (src/aspace_workload.c) holds anon, file
# private/shared, shmem, THP, read-only and stack regions.
. ./lib.sh

W=/tmp/aspace
rm -rf $W
mkdir -p $W
# The file regions live on ext4 on a loop device: files of the initramfs
# itself are tmpfs (shmem), and file-backed pages must be seen as files.
F=/mnt/aspace-ext4
mkdir -p $F
umount $F 2>/dev/null
dd if=/dev/zero of=/tmp/aspace-ext4.img bs=1M count=8 2>/dev/null
L=$(losetup -f)
if losetup "$L" /tmp/aspace-ext4.img && mke2fs -q "$L" >/dev/null && mount -t ext4 "$L" $F; then
	pass "ext4 on a loop device holds the file regions"
else
	fail "ext4 on a loop device holds the file regions" "$(grep -E 'loop|ext4' /proc/modules /proc/filesystems)"
	F=$W
fi
# The dirty-bit checks need the written shared pages to stay dirty: the
# flusher's periodic writeback (folio_mkclean) would clean their PTEs if the
# test ran slowly.  Switch it off for the test's duration.
WB=$(cat /proc/sys/vm/dirty_writeback_centisecs)
echo 0 >/proc/sys/vm/dirty_writeback_centisecs
aspace_workload $W $F &
P=$!
i=0
while [ ! -f $W/ready ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -f $W/ready ] || { fail "workload started"; echo "$expire" >/proc/sys/vm/dirty_expire_centisecs; exit 0; }

region() { awk -v n="$1" '$1 == n { print $2, $3 }' $W/regions; }
# request SIG: signal the workload, wait for its answer.
request() {
	rm -f $W/done
	kill -"$1" $P
	i=0
	while [ ! -f $W/done ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
}
# count JQ-FILTER over `ptes --json` of a region: how many entries match.
count() {
	set -- $(region "$1") "$2"
	mmscope ptes --json --range 0x$1-0x$2 $P | jq "[.[] | select($3)] | length"
}

# --- D bits of the file pages, first: writeback cleans the written shared
# pages' entries (page_mkclean()) once they are dirty_expire_centisecs old
# (30 s), which the checks below can take under TCG.
is "$(count fpriv '.dirty')" 0 "file private, only read: no page dirty"
is "$(count fshared '.dirty')" 4 "file shared: the 4 written pages are dirty"

# --- every page against pagemap: present, PFN, swap
mmscope ptes --json $P >/tmp/ptes.json
OUT=$(pagemap_check $P </tmp/ptes.json)
rc=$?
[ $rc = 0 ] && pass "every page's present/PFN/swap equals pagemap ($OUT)" ||
	fail "every page's present/PFN/swap equals pagemap" "$OUT"

# --- filters: each keeps exactly the entries of the whole dump (checked
# against pagemap above) that have its bit; runs and records alike.  The
# kernel may clear an A bit between two dumps (MGLRU's aging on 7.x did,
# in a libc page and a THP leaf): the filtered dump must hold every entry
# with the bit in the whole dumps before and after it, and no entry that
# has it in neither.
# Set operations on files of lines (the VM's busybox has no comm, and its
# grep -f takes an empty file as "match everything").
# lines_only A B: the lines of A that are not in B; lines_both A B: in both.
lines_only() { awk -v b="$2" 'FILENAME == b { s[$0] = 1; next } !($0 in s)' "$2" "$1"; }
lines_both() { awk -v b="$2" 'FILENAME == b { s[$0] = 1; next } ($0 in s)' "$2" "$1"; }
for f in present:present dirty:dirty young:accessed; do
	mmscope ptes --json --${f%:*} $P | jq -r '.[] | .va' | sort >/tmp/filt.got
	mmscope ptes --json $P >/tmp/ptes2.json
	for d in /tmp/ptes.json /tmp/ptes2.json; do
		jq -r ".[] | select(.${f#*:}) | .va" $d | sort >$d.sel
	done
	lines_both /tmp/ptes.json.sel /tmp/ptes2.json.sel >/tmp/filt.min
	sort -u /tmp/ptes.json.sel /tmp/ptes2.json.sel >/tmp/filt.max
	missing=$(lines_only /tmp/filt.min /tmp/filt.got | head -n 5 | tr '\n' ' ')
	extra=$(lines_only /tmp/filt.got /tmp/filt.max | head -n 5 | tr '\n' ' ')
	n=$(wc -l </tmp/filt.got)
	if [ -z "$missing$extra" ] && [ "$n" -gt 0 ]; then
		pass "ptes --${f%:*}: the entries of the whole dump that are ${f#*:} ($n; $(wc -l </tmp/filt.min) in both whole dumps)"
	else
		fail "ptes --${f%:*}: the entries of the whole dump that are ${f#*:}" \
			"$n entries; missing: $missing; not ${f#*:} in either whole dump: $extra"
	fi
done

# maps and smaps add the [vsyscall] gate page on kernels that have it (not
# Debian's: vsyscall=none), from get_gate_vma(): it is no VMA of the process
# and mmscope does not list it (Documentation/limits.rst).
NMAPS=$(grep -cv ' \[vsyscall\]$' /proc/$P/maps)

# --- per-VMA counts against smaps: Rss, Referenced, Swap, AnonHugePages
mmscope vmas --json $P | jq -r '.[] | "\(.start[2:]) \(.rss * 4) \(.referenced * 4) \(.swap * 4) \(.anon_huge * 4)"' |
	sort >/tmp/vm.mine
awk '/^[0-9a-f]+-[0-9a-f]+ / { split($1, a, "-"); s = a[1]; sub(/^0+/, "", s)
				if ($NF == "[vsyscall]") s = "" }
     s == "" { next }
     /^Rss:/ { r[s] = $2 } /^Referenced:/ { f[s] = $2 } /^Swap:/ { w[s] = $2 }
     /^AnonHugePages:/ { h[s] = $2 }
     END { for (k in r) print k, r[k], f[k], w[k], h[k] }' /proc/$P/smaps | sort >/tmp/vm.smaps
sed -i 's/^0*//' /tmp/vm.mine
if diff /tmp/vm.smaps /tmp/vm.mine >/tmp/vm.diff; then
	pass "per-VMA Rss/Referenced/Swap/AnonHugePages equal smaps ($(wc -l </tmp/vm.mine) VMAs)"
else
	fail "per-VMA Rss/Referenced/Swap/AnonHugePages equal smaps" "$(head -n 8 /tmp/vm.diff)"
fi

# --- mm summary against status
M=$(mmscope mm --json $P)
vmpte=$(awk '/^VmPTE:/ { print $2 * 1024 }' /proc/$P/status)
is "$(echo "$M" | jq '.page_table_bytes_kernel')" "$vmpte" "mm: kernel page-table bytes equal VmPTE"
is "$(echo "$M" | jq '(.page_table_pages.pte + .page_table_pages.pmd + .page_table_pages.pud + .page_tables_deposited) * 4096')" \
	"$vmpte" "mm: PTE+PMD+PUD tables found by the walk, plus THP deposits, equal VmPTE"
for k in RssAnon:anon RssFile:file RssShmem:shmem; do
	want=$(awk -v k="${k%:*}:" '$1 == k { print $2 }' /proc/$P/status)
	is "$(echo "$M" | jq ".rss_pages.${k#*:} * 4")" "$want" "mm: ${k%:*} equals status"
done
is "$(echo "$M" | jq .map_count)" "$NMAPS" "mm: map_count equals the lines of maps (without [vsyscall])"

# --- zero page, dirty bits, THP, NX, U/S
is "$(count anon '.kind == "zero"')" 16 "anon: 16 read-only pages map the zero page"
is "$(count anon '.dirty')" 32 "anon: exactly the 32 written pages are dirty"
is "$(count anon '.kind == "zero" and .dirty')" 0 "anon: no zero-page mapping is dirty"
is "$(count fpriv '.kind == "file"')/$(count fshared '.kind == "file"')/$(count fpriv '.kind != "file"')/$(count fshared '.kind != "file"')" 16/4/0/0 \
	"file on ext4: the 16 read private pages and the 4 written shared ones are file pages, nothing else"
is "$(mmscope vmas --json $P | jq -r ".[] | select(.start == \"0x$(region fpriv | cut -d' ' -f1)\") | .name")" \
	"$F/file" "vmas: the private file mapping is named by its path"
is "$(count shmem '.present')" 8 "shmem: the 8 written pages are present"
thp=$(cat /sys/kernel/mm/transparent_hugepage/enabled)
case $thp in
*"[never]"*) skip "thp: PMD leaves" "THP disabled" ;;
*) is "$(count thp '.level == "pmd" and .huge and .size == 2097152')" 2 "thp: two 2 MiB PMD leaves, each reported once" ;;
esac
is "$(count ro '.rw')" 0 "mprotect(PROT_READ): no writable PTE left"
is "$(count ro '.present')" 8 "mprotect(PROT_READ): the 8 pages stay present"
nxbad=$(mmscope vmas --json $P | jq '[.[] | select((.perms[2:3] == "x" and .nx != 0) or (.perms[2:3] != "x" and .nx != .present))] | length')
is "$nxbad" 0 "NX is set exactly on the present pages of non-executable VMAs"
is "$(jq '[.[] | select(.present and (.user | not))] | length' /tmp/ptes.json)" 0 "U/S is set on every present user entry"

# --- A bits with clear_refs (which skips zero-page mappings: no struct page)
echo 1 >/proc/$P/clear_refs
is "$(mmscope ptes --json --present $P | jq '[.[] | select(.accessed and .kind != "zero")] | length')" 0 \
	"after clear_refs, no present entry is young (zero page aside)"
set -- $(region anon)
a=$1
: >$W/touch
for k in 0 3 6 9 12 15 21 27; do printf '%x\n' $((0x$a + k * 4096)) >>$W/touch; done
request USR1
want=$(sed 's/^/0x/' $W/touch | sort | tr '\n' ' ')
got=$(mmscope ptes --json --young --range 0x$1-0x$2 $P | jq -r '.[] | select(.kind != "zero") | .va' | sort | tr '\n' ' ')
is "$got" "$want" "after reading 8 chosen pages, exactly those 8 are young"

# --- xlate equals pagemap's PFN plus the offset
bad=0
n=0
for k in 0 5 17 31; do
	va=$(printf '%x' $((0x$a + k * 4096 + 0x123)))
	pfn=$(pagemap_check --pfn $P $va)
	pa=$(mmscope xlate --json $P 0x$va | jq -r .pa)
	n=$((n + 1))
	[ "$((pa))" = "$((pfn * 4096 + 0x123))" ] || { bad=$((bad + 1)); diag "va $va pa $pa pfn $pfn"; }
done
is "$bad/$n" "0/$n" "xlate's physical address equals pagemap's PFN plus the offset"
X=$(mmscope xlate --json $P 0x$a)
is "$(echo "$X" | jq -r '.stop')" ok "xlate of a mapped page reaches a frame"
lv=$(jq -r .page_table_levels <<EOT
$(mmscope info --json)
EOT
)
is "$(echo "$X" | jq '.steps | length')" "$lv" "xlate reads one entry per level ($lv)"
is "$(mmscope xlate --json $P 0x$(printf %x $((0x$a + 50 * 4096))) | jq -r .stop)" none \
	"xlate of an untouched page stops at an empty entry"
ktext=$(awk '$3 == "_stext" { print $1 }' /proc/kallsyms)
K=$(mmscope xlate --json $P 0x$ktext)
is "$(echo "$K" | jq '[.steps[] | select(.user == false)] | length > 0')" true \
	"xlate of kernel text: an entry with U/S=0 proves it kernel-only"

# --- COW after fork
request HUP
i=0
while [ ! -f $W/child ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
C=$(cat $W/child)
pp=$(mmscope xlate --json $P 0x$a)
cp=$(mmscope xlate --json $C 0x$a)
is "$(echo "$cp" | jq -r .pa)" "$(echo "$pp" | jq -r .pa)" "COW: after fork, parent and child map the same frame"
is "$(echo "$pp" | jq '.steps[-1].rw')/$(echo "$cp" | jq '.steps[-1].rw')" "false/false" \
	"COW: the shared private page is read-only in both"
kill -USR1 $C
i=0
while [ ! -f $W/child-done ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
cp2=$(mmscope xlate --json $C 0x$a)
pp2=$(mmscope xlate --json $P 0x$a)
is "$(echo "$cp2" | jq '.steps[-1].rw')" true "COW: after the child writes, its PTE is writable"
[ "$(echo "$cp2" | jq -r .pa)" != "$(echo "$pp" | jq -r .pa)" ] &&
	pass "COW: the child got a new frame" || fail "COW: the child got a new frame" "$cp2"
is "$(echo "$pp2" | jq -r .pa)" "$(echo "$pp" | jq -r .pa)" "COW: the parent keeps the old frame"
kill $C 2>/dev/null

# --- swap: MADV_PAGEOUT to zram
if zram_swap 64M; then
	request USR2
	ns=$(count anon '.swap != null')
	[ "$ns" -gt 0 ] && pass "MADV_PAGEOUT turned $ns anon pages into swap entries" ||
		fail "MADV_PAGEOUT made swap entries" "none"
	mmscope ptes --json $P >/tmp/ptes2.json
	OUT=$(pagemap_check $P </tmp/ptes2.json)
	[ $? = 0 ] && pass "swap entries' type/offset equal pagemap ($OUT)" ||
		fail "swap entries' type/offset equal pagemap" "$OUT"
	X=$(mmscope xlate --json $P 0x$a)
	is "$(echo "$X" | jq -r .stop)" swapped "xlate of a swapped page stops at a swap entry"
	swapoff /dev/zram0 2>/dev/null
else
	skip "swap entries" "no zram swap in this VM"
fi

# --- debugfs front end
D=/sys/kernel/debug/mmscope
echo $P >$D/target
is "$(cat $D/target)" "$P" "debugfs: target reads back"
contains "$(cat $D/mm)" "pid:              $P (aspace_workload)" "debugfs: mm names the target"
is "$(($(wc -l <$D/vmas) - 1))" "$NMAPS" "debugfs: vmas has one line per VMA"
kill -STOP $P
n1=$(grep -vc '^#' $D/pagetable)
is "$((n1 - 1))" "$(mmscope ptes --json $P | jq length)" "debugfs: pagetable lists the same entries as netlink"
# The vdso page's mapcount counts the readers themselves: leave it out.
vdso=$(awk '/\[vdso\]/ { split($1, a, "-"); print a[1] }' /proc/$P/maps)
is "$(dd if=$D/pagetable bs=37 2>/dev/null | grep -v "$vdso" | md5sum)" \
	"$(cat $D/pagetable | grep -v "$vdso" | md5sum)" \
	"debugfs: pagetable read in 37-byte pieces equals one read"
kill -CONT $P

# --- bad input: clear errors, nothing changed
rc_is 1 "unknown PID: exit 1" mmscope mm 999999
contains "$OUT" "no such process" "unknown PID: says no such process"
rc_is 1 "kernel thread: exit 1" mmscope vmas 2
contains "$OUT" "kernel thread" "kernel thread: says so"
# The short sleep outlives the exec, so it dies as the child of a process
# that never reaps it: a zombie.
sh -c 'sleep 0.2 & echo $! >/tmp/zombie; exec sleep 30' &
S=$!
sleep 1
Z=$(cat /tmp/zombie)
rc_is 1 "zombie: exit 1" mmscope ptes $Z
contains "$OUT" "exited" "zombie: says the process has exited"
kill $S
rc_is 1 "non-canonical VA for xlate: exit 1" mmscope xlate $P 0x8000000000000000
rc_is 1 "kernel-half range for ptes: refused" mmscope ptes --range 0xffff800000000000-0xffff800000001000 $P
contains "$OUT" "user half" "kernel-half range: says why"
rc_is 2 "empty range: usage error" mmscope ptes --range 0x1000-0x1000 $P
rc_is 2 "reversed range: usage error" mmscope ptes --range 0x2000-0x1000 $P
rc_is 2 "garbage PID: usage error" mmscope mm 12abc
echo garbage >$D/target 2>/dev/null && fail "debugfs: garbage target refused" || pass "debugfs: garbage target refused"
echo 2 >$D/target 2>/dev/null && fail "debugfs: kernel-thread target refused" || pass "debugfs: kernel-thread target refused"
is "$(cat $D/target)" "$P" "debugfs: a refused write leaves the target unchanged"
rc_is 4 "ordinary user: ptes refused" as_user mmscope ptes $P
rc_is 4 "ordinary user: xlate refused" as_user mmscope xlate $P 0x$a

kill $P
wait $P 2>/dev/null
umount $F 2>/dev/null
losetup -d "$L" 2>/dev/null
echo "$WB" >/proc/sys/vm/dirty_writeback_centisecs
exit 0
