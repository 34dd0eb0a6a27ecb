# The frames lab (/dev/mmscope-frames, mmscope frames): the textbooks'
# numbers out of real MMU traps, every policy against an independent
# simulation (src/frames_sim.c) on random strings, the kernel's own fault
# count, contents across evictions, bad input, permissions and unload.
. ./lib.sh

BELADY="1 2 3 4 1 2 5 1 2 3 4 5"
OSTEP="0 1 2 0 1 3 0 3 1 2 1"

if [ ! -c /dev/mmscope-frames ]; then
	fail "/dev/mmscope-frames exists" "$(mmscope info | grep frames)"
	exit 0
fi
is "$(stat -c '%a %U' /dev/mmscope-frames)" "600 root" "/dev/mmscope-frames is mode 0600, root's"
is "$(mmscope info --json | jq -r '.features[] | select(.name == "frames") | .available')" true \
	"feature frames is available when the device exists"

# J POLICY FRAMES FILTER REFS...: a jq filter over 'frames run --json'
J() {
	local p=$1 f=$2 q=$3
	shift 3
	mmscope frames run --json --frames "$f" --policy "$p" -- "$@" | jq -r "$q"
}

# --- the textbooks' numbers
is "$(J fifo 3 .counters.faults $BELADY)/$(J fifo 4 .counters.faults $BELADY)" 9/10 \
	"Belady: fifo on $BELADY takes 9 faults with 3 frames, 10 with 4"
is "$(J lru 3 .counters.faults $BELADY)/$(J lru 4 .counters.faults $BELADY)" 10/8 \
	"lru on the same string: 10 faults with 3 frames, 8 with 4"
is "$(J fifo 3 .counters.hits $OSTEP)/$(J lru 3 .counters.hits $OSTEP)/$(J opt 3 .counters.hits $OSTEP)" 4/6/6 \
	"OSTEP's stream $OSTEP with 3 frames: fifo 4 hits, lru 6, opt 6"
is "$(J opt 3 '.counters.off_script' $OSTEP)" 0 "opt follows the string it was given: no reference off script"

S=$(mmscope frames sweep --json --policy fifo --frames 1-7 -- $BELADY)
is "$(echo "$S" | jq -c '[.runs[].counters.faults]')" "[12,12,9,10,5,5,5]" "fifo sweep over 1-7 frames: faults 12 12 9 10 5 5 5"
is "$(echo "$S" | jq -c '[.runs[] | select(.anomaly) | .frames]')" "[4]" "the sweep marks 4 frames as Belady's anomaly"
S=$(mmscope frames sweep --json --policy lru --frames 1-7 -- $BELADY)
is "$(echo "$S" | jq .anomalies)" 0 "lru (a stack algorithm) shows no anomaly"
T=$(mmscope frames sweep --policy fifo --frames 1-7 -- $BELADY)
contains "$T" "Belady's anomaly: 4 frames take 10 faults, more than 3 frames (9)" "the text sweep names the anomaly"

# --- the table against the JSON of the same run
T=$(mmscope frames run --frames 3 --policy fifo -- $BELADY)
contains "$T" "ref       1  2  3  4  1  2  5  1  2  3  4  5" "the table's first row is the reference string"
contains "$T" "frame 2         3  3  3  2  2  2  2  2  4  4" "frame 2's row holds what fifo put there"
nf=$(echo "$T" | awk '$1 == "fault" { print NF - 1 }')
is "$nf" "$(J fifo 3 .counters.faults $BELADY)" "one F in the table per fault"
grep -q ' $' <<EOF && fail "no line ends in a blank" || pass "no line ends in a blank"
$T
EOF

# --- every reference is a real trap: the kernel's count, contents, mappings
for c in traps persist mkwrite vma threads log off-script errors limit; do
	frames_check $c
done

# --- every policy against the independent simulation, on random strings
SEED=${FRAMES_SEED:-$(awk 'BEGIN { srand(); print int(rand() * 1000000) }')}
diag "random reference strings from seed $SEED (FRAMES_SEED=$SEED repeats them)"
# gen SEED N PAGES: N references to pages 0..PAGES-1, about a third writes
gen() {
	awk -v s="$1" -v n="$2" -v pages="$3" 'BEGIN {
		srand(s)
		for (i = 0; i < n; i++)
			printf "%s%d%s", i ? " " : "", int(rand() * pages), rand() < 0.3 ? "w" : ""
		print ""
	}'
}
k=0
for p in fifo lru opt clock esc lfu mfu random; do
	bad=""
	for f in 1 3 4 6; do
		k=$((k + 1))
		refs=$(gen $((SEED + k)) 60 7)
		rs=$((SEED % 1000 + k))
		seedopt=""
		[ $p = random ] && seedopt="--seed $rs"
		want=$(frames_sim $p $f $rs $refs | grep -v '^faults')
		got=$(mmscope frames run --json --pages 7 --frames $f --policy $p $seedopt -- $refs |
			jq -r '.events[] | if .fault then "F \(.victim // "-")" else "H" end')
		if [ "$got" != "$want" ]; then
			bad="$bad $f"
			diag "$p, $f frames, string: $refs"
			diag "module: $(echo $got | tr '\n' ' ')"
			diag "sim:    $(echo $want | tr '\n' ' ')"
		fi
	done
	is "$bad" "" "$p: every hit, fault and victim equal the simulation (60 refs; 1, 3, 4, 6 frames)"
done
for p in clock random; do
	a=$(J $p 3 .counters.faults $OSTEP)
	is "$(J $p 3 .counters.faults $OSTEP)" "$a" "$p on OSTEP's stream is reproducible ($a faults)"
	is "$a" "$(frames_sim $p 3 1 $OSTEP | awk '$1 == "faults" { print $2 }')" "  and equals the simulation"
done
W="1w 2 3 1 4w 5 1 2 3 4w 5 2"
is "$(J esc 3 .counters.writebacks $W)" "$(J esc 3 '[.events[] | select(.writeback)] | length' $W)" \
	"esc: writebacks count the dirty evictions the events show"
is "$(J fifo 2 '.events[0].write' 0w 1)/$(J fifo 2 '.events[1].write' 0w 1)" "true/false" \
	"a 'w' reference is a write, the others reads"
is "$(J lru 2 '[.counters.references, .counters.hits] | join(" ")' 1 1 1 2 2)" "5 3" \
	"a page named again right away still traps: 5 references, 3 hits"

# --- bad input
rc_is 2 "--frames 0: usage error" mmscope frames run --frames 0 --policy fifo -- 1 2
rc_is 1 "more frames than the region's pages: refused" mmscope frames run --frames 7 --policy fifo -- 1 2 3
contains "$OUT" "at most the region's pages" "  the message says why"
rc_is 2 "unknown policy: usage error" mmscope frames run --frames 2 --policy nru -- 1 2
contains "$OUT" "--policy takes fifo" "  the message lists the policies"
rc_is 2 "a reference beyond --pages: usage error" mmscope frames run --pages 4 --frames 2 --policy fifo -- 1 4
contains "$OUT" "reference 4 is beyond the region's 4 pages" "  the message names it"
rc_is 2 "a page beyond the 64-page cap: usage error" mmscope frames run --frames 2 --policy fifo -- 1 64
rc_is 2 "--pages over the cap: usage error" mmscope frames run --pages 65 --frames 2 --policy fifo -- 1
rc_is 2 "a malformed reference: usage error" mmscope frames run --frames 2 --policy fifo -- 1 2x
rc_is 2 "--seed for fifo: usage error" mmscope frames run --frames 2 --policy fifo --seed 3 -- 1 2
rc_is 2 "no reference string: usage error" mmscope frames run --frames 2 --policy fifo
rc_is 2 "neither run nor sweep: usage error" mmscope frames walk
rc_is 0 "frames --help" mmscope frames --help
contains "$OUT" "Usage: mmscope frames run" "  shows the usage"

# --- permissions
rc_is 4 "ordinary user: refused with exit 4" as_user mmscope frames run --frames 1 --policy fifo -- 1
rc_is 4 "root without CAP_SYS_ADMIN: refused with exit 4" nocap mmscope frames run --frames 1 --policy fifo -- 1
contains "$OUT" "CAP_SYS_ADMIN" "  the message names the capability"

# --- the lab
if [ -f /mmscope/labs/belady.sh ]; then
	rc_is 0 "the Belady lab (labs/belady.sh) holds its claims" sh /mmscope/labs/belady.sh
else
	fail "the Belady lab is installed at /mmscope/labs/belady.sh"
fi

# --- unload: a mapped region holds the module; none is left behind
rm -f /tmp/frames.held
frames_check hold /tmp/frames.held &
H=$!
i=0
while [ ! -f /tmp/frames.held ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if rmmod mmscope 2>/dev/null; then
	fail "rmmod refused while a process maps a region"
	insmod /mmscope/mmscope.ko
else
	pass "rmmod refused while a process maps a region (its file is closed)"
fi
kill $H
wait $H 2>/dev/null
rc_is 0 "rmmod once the process has exited" rmmod mmscope
rc_is 3 "frames run without the module: exit 3" mmscope frames run --frames 1 --policy fifo -- 1
rc_is 0 "insmod again" insmod /mmscope/mmscope.ko
is "$(J fifo 3 .counters.faults $BELADY)" 9 "the reloaded module runs Belady's string again"
exit 0
