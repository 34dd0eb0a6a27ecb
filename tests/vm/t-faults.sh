# Page faults: the process and system counters against /proc/PID/stat and
# /proc/vmstat, and tracking against the faults a workload
# (src/fault_workload.c) takes on purpose, one command at a time.
. ./lib.sh

# start_workload DIR: run fault_workload in DIR (fresh); $! is its PID.
start_workload() {
	rm -rf "$1"
	mkdir -p "$1"
	fault_workload "$1" &
	i=0
	while [ ! -f "$1/ready" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	[ -f "$1/ready" ]
}

W=/tmp/faults
start_workload $W || { fail "workload started"; exit 0; }
P=$!

region() { awk -v n="$1" '$1 == n { print $2 }' $W/regions; }
# cmd LINE: have the workload run one command and wait for its answer.
cmd() {
	rm -f $W/done
	echo "$1" >$W/cmd
	i=0
	while [ ! -f $W/done ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	cat $W/out
}
# minflt/majflt of a process, as /proc/PID/stat has them (fields 10 and 12).
minflt() { awk '{ print $10 }' /proc/$1/stat; }
majflt() { awk '{ print $12 }' /proc/$1/stat; }
# J JQ-FILTER: of the current report of $P
J() { mmscope faults --json $P | jq -r "$1"; }
# vma_of START FIELD: a field of the VMA that starts at START (hex, no 0x)
vma_of() { J "[.vmas[] | select(.start == \"0x$1\") | .$2] | add // 0"; }

cmd nop >/dev/null	# the command loop's first round faults in libc pages

# --- counters against the kernel's files
F=$(mmscope faults --json $P)
m0=$(minflt $P)
is "$(echo "$F" | jq .process.minor)" "$m0" "process minor faults equal /proc/PID/stat minflt"
is "$(echo "$F" | jq .process.major)" "$(majflt $P)" "process major faults equal majflt"
is "$(echo "$F" | jq -r .tracking.state)" off "not tracked yet: tracking off"
v1=$(awk '$1 == "pgfault" { print $2 }' /proc/vmstat)
s=$(mmscope faults --json $P | jq .system.pgfault)
v2=$(awk '$1 == "pgfault" { print $2 }' /proc/vmstat)
[ "$s" -ge "$v1" ] && [ "$s" -le "$v2" ] && pass "system pgfault lies between two reads of vmstat ($v1 <= $s <= $v2)" ||
	fail "system pgfault lies between two reads of vmstat" "$v1 <= $s <= $v2"
is "$(mmscope faults --json $P | jq .system.pgmajfault)" "$(awk '$1 == "pgmajfault" { print $2 }' /proc/vmstat)" \
	"system pgmajfault equals vmstat"
T=$(cat /proc/$P/task/*/stat | awk '{ s += $10 } END { print s }')
diag "threads' minflt sum $T, process $m0"

# --- tracking: N fresh pages, written
rc_is 0 "--track starts tracking" mmscope faults --track $P
contains "$OUT" "tracking: active" "--track reports the tracking active"
m0=$(minflt $P)
M0=$(majflt $P)
cmd touch >/dev/null
m1=$(minflt $P)
a=$(region touch)
is "$(vma_of $a minor)" 64 "64 fresh pages written: 64 minor faults on their VMA"
is "$((m1 - m0))" 64 "and /proc/PID/stat minflt rose by 64"
is "$(vma_of $a write)/$(vma_of $a major)" "64/0" "they are write faults, none major"
is "$(J "[.pages[] | select(.va >= \"0x$a\" and .va < \"0x$(printf %x $((0x$a + 64 * 4096)))\" and .minor == 1 and .write == 1)] | length")" 64 \
	"each of the 64 pages has one write fault"

# --- read faults map the zero page
cmd read >/dev/null
r=$(region read)
is "$(vma_of $r minor)/$(vma_of $r read)" "8/8" "8 pages read: 8 minor read faults"

# --- exec
x=$(cmd exec)
is "$(J "[.pages[] | select(.va == \"0x$x\") | .exec] | add")" 1 "a call into freshly mapped code: one exec fault on that page"

# --- a thread created after --track inherits the counters
cmd thread >/dev/null
t=$(region thread)
is "$(vma_of $t minor)" 32 "a thread created while tracking: its 32 faults are counted"
tids=$(mmscope faults --events --json $P | jq "[.[] | select(.vma_start == \"0x$t\") | .tid] | unique | .[0]")
[ "$tids" != "$P" ] && [ "$tids" != null ] && pass "those events carry the new thread's ID ($tids)" ||
	fail "those events carry the new thread's ID" "tid $tids"

# --- four threads at once, while a reader keeps draining (and settling
# the threads' faults in progress): every fault counted once.
m0=$(minflt $P)
( while [ ! -f $W/done ]; do mmscope faults --json $P >/dev/null; done ) &
RD=$!
cmd threads >/dev/null
wait $RD
m1=$(minflt $P)
y=$(region many)
is "$(vma_of $y minor)/$(vma_of $y write)" "1024/1024" "4 threads writing 1024 pages at once: 1024 minor write faults on their VMA"
is "$(J "[.pages[] | select(.va >= \"0x$y\" and .va < \"0x$(printf %x $((0x$y + 1024 * 4096)))\" and .minor == 1)] | length")" 1024 \
	"each of the 1024 pages has one fault"
Fm=$(mmscope faults --json $P)
is "$(echo "$Fm" | jq '.tracking.minor + .tracking.major + .tracking.unattributed + .tracking.dropped')" \
	"$(echo "$Fm" | jq '.process.minor + .process.major - .tracking.minor_start - .tracking.major_start')" \
	"counted so far equals the process counters' growth since the start"
diag "threads: minflt grew $((m1 - m0)), $(echo "$Fm" | jq .tracking.threads) threads tracked"

# --- major faults: MADV_PAGEOUT to zram swap, then touch again
if zram_swap 64M; then
	w=$(region swap)
	cmd pageout >/dev/null
	K=$(mmscope ptes --json --range 0x$w-0x$(printf %x $((0x$w + 16 * 4096))) $P | jq '[.[] | select(.kind == "swap")] | length')
	M1=$(majflt $P)
	cmd swapin >/dev/null
	M2=$(majflt $P)
	[ "$K" -gt 0 ] && pass "MADV_PAGEOUT swapped out $K of 16 pages" || fail "MADV_PAGEOUT swapped pages out" "K=$K"
	is "$(vma_of $w major)" "$K" "touching them again: $K major faults on their VMA"
	is "$((M2 - M1))" "$K" "and majflt rose by $K"
	is "$(J "[.pages[] | select(.major == 1)] | length")" "$K" "each swapped page has one major fault"
	swapoff /dev/zram0 2>/dev/null
else
	skip "major faults" "no zram swap in this VM"
fi

# --- events
E=$(mmscope faults --events --json $P)
is "$(echo "$E" | jq "[.[] | select(.vma_start == \"0x$a\" and .access == \"write\" and (.major | not))] | length")" 64 \
	"events: 64 minor write faults in the touched VMA"
is "$(echo "$E" | jq '[.[] | .seq] | . == ([range(0; length)])')" true "events: sequence numbers from 0, none missing"
is "$(echo "$E" | jq '[group_by(.tid)[] | [.[] | .time_ns] | . == sort] | all')" true "events: each thread's in time order"

# --- --follow prints new events as they come, and ends with the tracking
mmscope faults --follow --json $P >$W/follow &
FP=$!
sleep 1
m0=$(minflt $P)
cmd thread >/dev/null	# the region is present: only the new thread's own faults
x=$(cmd exec)		# new code: one fault
m1=$(minflt $P)
sleep 1

# --- stop: the window's sums
Fs=$(mmscope faults --stop --json $P)
i=0
while kill -0 $FP 2>/dev/null && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
kill -0 $FP 2>/dev/null && { fail "--follow ends when tracking stops"; kill $FP; } ||
	pass "--follow ends when tracking stops"
wait $FP 2>/dev/null
is "$(wc -l <$W/follow)" "$((m1 - m0))" "--follow printed one line per new fault ($((m1 - m0)))"
is "$(jq -s "[.[] | select(.va == \"0x$x\" and .access == \"exec\")] | length" $W/follow)" 1 \
	"--follow: the exec fault is among them"
is "$(echo "$Fs" | jq -r .tracking.state)" stopped "--stop: tracking stopped"
sum=$(echo "$Fs" | jq '[.vmas[] | .minor + .major] | add')
[ "$sum" -gt 0 ] 2>/dev/null && pass "--stop reports per-VMA counts ($sum faults)" || fail "--stop reports per-VMA counts" "$sum"

is "$sum" "$(echo "$Fs" | jq '.tracking.minor_end - .tracking.minor_start + .tracking.major_end - .tracking.major_start')" \
	"per-VMA sums equal the process counters' growth over the window"
is "$(echo "$Fs" | jq '.tracking.minor + .tracking.major')" "$sum" "the totals equal the per-VMA sums"
is "$(echo "$Fs" | jq '.tracking.unattributed')" 0 "no counter growth without a fault (no get_user_pages() faults here)"
is "$(echo "$Fs" | jq '.tracking.unknown')" 0 "the access type is known for every fault"
is "$(echo "$Fs" | jq '.tracking.dropped + .tracking.other_mm')" 0 "nothing dropped, nothing from other address spaces"
is "$(echo "$Fs" | jq '[.pages[] | .minor + .major] | add')" "$sum" "per-page sums equal the per-VMA sums"
cmd exec >/dev/null
is "$(mmscope faults --json $P | jq .tracking.minor)" "$(echo "$Fs" | jq .tracking.minor)" "after --stop, counts no longer change"

# --- COW after fork: the child's write fault
C=$(cmd fork)
rc_is 0 "--track the forked child" mmscope faults --track $C
kill -USR1 $C
i=0
while [ ! -f $W/child-done ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
c=$(region cow)
Fc=$(mmscope faults --stop --json $C)
is "$(echo "$Fc" | jq "[.pages[] | select(.va == \"0x$c\") | .write] | add")" 1 \
	"COW: the child's write to the shared page is one write fault on that page"
is "$(echo "$Fc" | jq "[.vmas[] | select(.start == \"0x$c\") | .minor] | add")" 1 "COW: one minor fault on its VMA, in the child"
kill $C

# --- debugfs
D=/sys/kernel/debug/mmscope
echo $P >$D/target
contains "$(cat $D/faults)" "tracking stopped" "debugfs: faults shows the target's tracking"
contains "$(cat $D/faults)" "vma $(printf %012x 0x$a)-" "debugfs: faults lists the touched VMA"
contains "$(cat $D/faults)" "process minflt $(minflt $P)" "debugfs: process minflt equals /proc/PID/stat"

# --- bad input
rc_is 1 "unknown PID: exit 1" mmscope faults --track 999999
contains "$OUT" "no such process" "unknown PID: says so"
rc_is 1 "kernel thread: exit 1" mmscope faults --track 2
contains "$OUT" "kernel thread" "kernel thread: says so"
rc_is 1 "stop without start: exit 1" mmscope faults --stop $P
contains "$OUT" "not being tracked" "stop without start: says so"
mmscope faults --track $P >/dev/null
rc_is 1 "double start: exit 1" mmscope faults --track $P
contains "$OUT" "already tracking" "double start: says so"
rc_is 2 "two actions: usage error" mmscope faults --track --stop $P
rc_is 4 "ordinary user: refused" as_user mmscope faults --track $P

# Limit: MMSCOPE_FAULT_MAX_PROCS (8) at once; $P is one of them.
S=""
for k in 1 2 3 4 5 6 7 8; do sleep 60 & S="$S $!"; done
bad=0
n=0
for s in $S; do
	n=$((n + 1))
	if [ $n -le 7 ]; then mmscope faults --track $s >/dev/null || bad=$((bad + 1)); fi
done
is "$bad" 0 "7 more processes can be tracked"
rc_is 1 "a 9th is refused" mmscope faults --track $s
contains "$OUT" "too many tracked processes" "the 9th: says the limit"
contains "$(cat $D/faults)" "tracked processes: 8 active" "debugfs: 8 tracked"
kill $S
wait $S 2>/dev/null
sleep 0.5
contains "$(cat $D/faults)" "tracked processes: 1 active" "processes that exit end their tracking"

# The target exits while tracked ($P is).
echo quit >$W/cmd
wait $P 2>/dev/null
sleep 0.5
contains "$(cat $D/faults)" "tracked processes: 0 active" "the target exited: its tracking ended"
rc_is 1 "faults of the exited target: exit 1" mmscope faults $P

# Unloading the module while tracking a process that faults all the time.
W2=$W.2
start_workload $W2
B=$!
mmscope faults --track $B >/dev/null
echo "loop 400" >$W2/cmd
sleep 0.5
rc_is 0 "rmmod while tracking a faulting process" rmmod mmscope
i=0
while [ ! -f $W2/done ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
[ -f $W2/done ] && pass "the process ran on after the unload" || fail "the process ran on after the unload"
rc_is 0 "insmod again" insmod /mmscope/mmscope.ko
echo quit >$W2/cmd
wait $B 2>/dev/null
is "$(dmesg | grep -cE 'BUG|WARNING|Oops|general protection')" 0 "no kernel report in the log"
exit 0
