# Buddy demonstrations: blocks held by the module, checked against the rules
# of the buddy allocator on the module's own zone-lock snapshots taken right
# before and right after each operation, and against /proc/buddyinfo.
. ./lib.sh

DBG=/sys/kernel/debug/mmscope/demo
maxorder=$(head -n 1 /proc/buddyinfo | awk '{ print NF - 5 }')
diag "maximum order $maxorder"
is "$(stat -c %a $DBG)" "400" "debugfs demo file is mode 0400"

# Rows of a snapshot: "b0 b1 ..." for the given field of .before/.after.
row() { echo "$1" | jq -r "$2 | map(tostring) | join(\" \")"; }

# check_alloc K COUNT JSON: the split rule on the Unmovable lists (the type
# GFP_KERNEL allocates from).  N blocks of order K left the buddy lists
# (N = COUNT, or any number from the per-CPU refill for K <= 3): orders below
# K are untouched, and taking each block from the smallest order >= K with a
# free block, splitting it down, gives exactly the "after" counts.  Free
# pages plus per-CPU pages drop by exactly COUNT << K.  Prints "" or a reason.
check_alloc() {
	local k=$1 count=$2 j=$3
	printf '%s\n%s\n%s\n%s\n%s %s\n' "$(row "$j" .before.unmovable_blocks)" \
		"$(row "$j" .after.unmovable_blocks)" "$(row "$j" .before.free_blocks)" \
		"$(row "$j" .after.free_blocks)" "$(echo "$j" | jq -r .before.pcp_pages)" \
		"$(echo "$j" | jq -r .after.pcp_pages)" |
	awk -v k=$k -v count=$count '
	BEGIN { p[0] = 1; for (i = 1; i < 40; i++) p[i] = p[i - 1] * 2 }
	NR == 1 { n = NF; for (i = 1; i <= NF; i++) b[i - 1] = $i }
	NR == 2 { for (i = 1; i <= NF; i++) a[i - 1] = $i }
	NR == 3 { for (i = 1; i <= NF; i++) bt[i - 1] = $i }
	NR == 4 { for (i = 1; i <= NF; i++) at[i - 1] = $i }
	NR == 5 { pb = $1; pa = $2 }
	END {
		for (o = 0; o < n; o++) if (at[o] - bt[o] != a[o] - b[o]) { print "order " o " changed outside the Unmovable lists"; exit }
		for (o = 0; o < k; o++) if (a[o] != b[o]) { print "order " o " < " k " changed"; exit }
		r = 0; for (o = k; o < n; o++) r += (b[o] - a[o]) * p[o]
		if (r < 0 || r % p[k]) { print "pages left the lists not in order-" k " blocks: " r; exit }
		nb = r / p[k]
		if (k > 3 && k != 9 && nb != count) { print nb " blocks left the lists, want " count " (no per-CPU list at order " k ")"; exit }
		for (o = 0; o < n; o++) c[o] = b[o]
		for (x = 0; x < nb; x++) {
			for (s = k; s < n && c[s] == 0; s++) ;
			if (s == n) { print "no Unmovable block >= order " k " (fallback)"; exit }
			c[s]--; for (o = k; o < s; o++) c[o]++
		}
		for (o = 0; o < n; o++) if (c[o] != a[o]) { print "order " o ": " a[o] " after, the split rule gives " c[o] " (" nb " blocks taken)"; exit }
		fb = pb; fa = pa; for (o = 0; o < n; o++) { fb += bt[o] * p[o]; fa += at[o] * p[o] }
		if (fb - fa != count * p[k]) { print "free + per-CPU pages dropped by " fb - fa ", want " count * p[k]; exit }
	}' 2>&1 || echo "the checker failed"
}

# check_free K JSON ALLOCJSON: a freed order-K block either goes to a per-CPU
# list (K <= 3: lists unchanged, per-CPU pages + 2^K) or coalesces with its
# free buddies up to some order J (orders K..J-1 lose one block, J gains
# one); free + per-CPU pages rise by exactly 2^K.  When nothing else moved
# between the two operations (the free's "before" equals the alloc's
# "after"), the counts return exactly to the alloc's "before".
check_free() {
	local k=$1 j=$2 aj=$3
	printf '%s\n%s\n%s %s\n' "$(row "$j" .before.free_blocks)" "$(row "$j" .after.free_blocks)" \
		"$(echo "$j" | jq -r .before.pcp_pages)" "$(echo "$j" | jq -r .after.pcp_pages)" |
	awk -v k=$k '
	BEGIN { p[0] = 1; for (i = 1; i < 40; i++) p[i] = p[i - 1] * 2 }
	NR == 1 { n = NF; for (i = 1; i <= NF; i++) b[i - 1] = $i }
	NR == 2 { for (i = 1; i <= NF; i++) a[i - 1] = $i }
	NR == 3 { pb = $1; pa = $2 }
	END {
		for (o = 0; o < k; o++) if (a[o] != b[o]) { print "order " o " < " k " changed"; exit }
		fb = pb; fa = pa; for (o = 0; o < n; o++) { fb += b[o] * p[o]; fa += a[o] * p[o] }
		if (fa - fb != p[k]) { print "free + per-CPU pages rose by " fa - fb ", want " p[k]; exit }
		same = 1; for (o = 0; o < n; o++) if (a[o] != b[o]) same = 0
		if (same) { if (pa - pb != p[k]) print "lists unchanged but per-CPU pages moved by " pa - pb; exit }
		for (o = k; o < n && a[o] == b[o] - 1; o++) ;
		if (o == n || a[o] != b[o] + 1) { print "not a coalescing pattern at order " o; exit }
		for (x = o + 1; x < n; x++) if (a[x] != b[x]) { print "order " x " changed above the merge"; exit }
	}' 2>&1 || echo "the checker failed"
	if [ "$(row "$j" .before.free_blocks) $(echo "$j" | jq .before.pcp_pages)" = \
	     "$(row "$aj" .after.free_blocks) $(echo "$aj" | jq .after.pcp_pages)" ] &&
	   [ "$(row "$j" .after.free_blocks) $(echo "$j" | jq .after.pcp_pages)" != \
	     "$(row "$aj" .before.free_blocks) $(echo "$aj" | jq .before.pcp_pages)" ]; then
		echo "quiet in between, yet the counts did not return to the alloc's before"
	fi
}

# demo_cycle K: alloc one order-K block, check it, free it, check that.
# Retries a few times: another CPU may touch the zone inside the window.
demo_cycle() {
	local k=$1 i=0 A F pfn why
	while [ $i -lt 8 ]; do
		i=$((i + 1))
		A=$(mmscope demo --json buddy alloc $k) || { fail "alloc $k" "$A"; return; }
		pfn=$(echo "$A" | jq -r '.blocks[0].pfn')
		if [ $i = 1 ]; then
			is "$(echo "$A" | jq -r '.blocks | length')" "1" "alloc $k: one block returned"
			is "$(( pfn % (1 << k) ))" "0" "alloc $k: PFN $pfn is aligned to $((1 << k)) pages"
			is "$(echo "$A" | jq -r '.blocks[0].buddy_pfn')" "$(( pfn ^ (1 << k) ))" "alloc $k: buddy PFN is pfn ^ (1 << $k)"
			is "$(echo "$A" | jq -r '.blocks[0].zone')" "$(echo "$A" | jq -r '.after.zone')" "alloc $k: snapshots are of the block's zone"
			contains "$(cat $DBG)" "block pfn $(printf %#x $pfn) order $k" "alloc $k: debugfs demo lists the block"
		fi
		why=$(check_alloc $k 1 "$A")
		F=$(mmscope demo --json buddy free $pfn) || { fail "free $k" "$F"; return; }
		[ -z "$why" ] && why=$(check_free $k "$F" "$A")
		if [ -z "$why" ]; then
			pass "alloc/free $k: split and coalescing follow the buddy rules (attempt $i)"
			return
		fi
		diag "attempt $i: $why"
	done
	fail "alloc/free $k: split and coalescing follow the buddy rules" "$why"
}

mmscope demo buddy free all >/dev/null
demo_cycle 3
demo_cycle 4
demo_cycle 0

# COUNT blocks at once, listed by 'list' and by debugfs.
A=$(mmscope demo --json buddy alloc 2 5)
is "$(echo "$A" | jq '[.blocks[] | select(.order == 2 and .pfn % 4 == 0)] | length')" "5" "alloc 2 5: five 4-aligned order-2 blocks"
is "$(mmscope demo --json buddy list | jq -c '[.blocks[].pfn]')" "$(echo "$A" | jq -c '[.blocks[].pfn]')" "list shows the held blocks, oldest first"
is "$(echo "$A" | jq .held_bytes)" "$((5 * 4 * 4096))" "held_bytes counts them"
is "$(grep -c '^block ' $DBG)" "5" "debugfs demo lists five blocks"
rc_is 0 "free all" mmscope demo buddy free all
is "$(grep -c '^block ' $DBG)" "0" "free all releases every block"

# Bad input.
rc_is 1 "order above the maximum ($((maxorder + 1))) fails" mmscope demo buddy alloc $((maxorder + 1))
contains "$OUT" "above this kernel's maximum order $maxorder" "order above the maximum: message names the maximum"
rc_is 1 "count over the per-request cap fails" mmscope demo buddy alloc 0 65
contains "$OUT" "1 to 64 blocks per request" "count over the cap: message names the cap"
rc_is 1 "count 0 fails" mmscope demo buddy alloc 0 0
rc_is 2 "non-numeric order is a usage error" mmscope demo buddy alloc three
rc_is 2 "missing order is a usage error" mmscope demo buddy alloc
rc_is 2 "unknown demo operation is a usage error" mmscope demo buddy split 3
A=$(mmscope demo --json buddy alloc 1)
pfn=$(echo "$A" | jq -r '.blocks[0].pfn')
rc_is 1 "freeing a PFN inside a held block (not its first) fails" mmscope demo buddy free $((pfn + 1))
contains "$OUT" "holds no block starting at this PFN" "freeing what was not allocated: message says so"
rc_is 0 "freeing the held block works" mmscope demo buddy free $pfn
rc_is 1 "freeing it twice fails" mmscope demo buddy free $pfn
# The 64 MiB cap: 64 blocks of 1 MiB reach it exactly; one page more is refused.
o8=$((20 - 12))
rc_is 0 "alloc up to the 64 MiB cap" mmscope demo buddy alloc $o8 64
is "$(awk '/^held_bytes/ { print $2 }' $DBG)" "$((64 << 20))" "the demo holds 64 MiB"
rc_is 1 "one page over the cap fails" mmscope demo buddy alloc 0 1
contains "$OUT" "64 MiB cap" "over the cap: message names the cap"
rc_is 0 "free all after the cap" mmscope demo buddy free all
rc_is 4 "ordinary user: demo refused with exit 4" as_user mmscope demo buddy alloc 0

# 200 alloc/free cycles leak nothing: the free + per-CPU pages come back
# (a leak of one cycle's 4 to 64 pages would lose far more than the drift
# allowed) and nothing is held.  Each cycle is two tool runs, which cost
# a process start-up each under TCG: 200 keeps the suite short.
free_now() { mmscope buddy --json | jq '[.zones[] | .free_pages + .pcp_pages] | add'; }
before=$(free_now)
i=0
bad=0
while [ $i -lt 200 ]; do
	mmscope demo buddy alloc $((i % 5)) 4 >/dev/null || bad=$((bad + 1))
	mmscope demo buddy free all >/dev/null || bad=$((bad + 1))
	i=$((i + 1))
done
after=$(free_now)
is "$bad" "0" "200 alloc/free cycles succeed"
is "$(awk '/^held_bytes/ { print $2 }' $DBG)" "0" "nothing held after 200 cycles"
diag "free + per-CPU pages before $before, after $after"
d=$((before - after))
[ $d -lt 2048 ] && pass "free pages come back after 200 cycles (drift $d pages)" || fail "free pages come back after 200 cycles" "lost $d pages"

# Unload releases what the demos hold.
mmscope demo buddy alloc 8 32 >/dev/null
mmscope demo slab create 256 >/dev/null
mmscope demo slab alloc 1000 >/dev/null
held=$(awk '/^held_bytes/ { print $2 }' $DBG)
mf1=$(awk '/^MemFree:/ { print $2 }' /proc/meminfo)
rc_is 0 "rmmod with blocks and objects held" rmmod mmscope
mf2=$(awk '/^MemFree:/ { print $2 }' /proc/meminfo)
diag "held $held bytes; MemFree $mf1 -> $mf2 kB"
[ $((mf2 - mf1)) -ge $((32 * 1024 * 9 / 10)) ] && pass "unload returns the 32 MiB of blocks" || fail "unload returns the 32 MiB of blocks" "MemFree $mf1 -> $mf2 kB"
grep -q '^mmscope_demo ' /proc/slabinfo && fail "unload destroys the demo cache" || pass "unload destroys the demo cache"
rc_is 0 "insmod again" insmod /mmscope/mmscope.ko
exit 0
