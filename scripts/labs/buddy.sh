#!/bin/sh
# The buddy allocator: a request for 2^k pages splits a larger free block;
# freeing merges a block with its buddy while the buddy is free.
. "$(dirname "$0")/lib.sh"

title "The buddy allocator: splitting and coalescing"
book "OSTEP ch. 17 (Free-Space Management: Buddy Allocation); CSAPP 9.9.14 (Segregated Free Lists: buddy systems)"

K=5
say "The kernel hands out physical memory in blocks of 2^order pages.  Each"
say "zone keeps one free list per order (and per migratetype).  The mmscope"
say "module can allocate and hold blocks on request, and shows the zone's free"
say "lists taken under the zone lock right before and right after."
rm -rf "$W"
mkdir -p "$W"

section "The free lists, against /proc/buddyinfo"
show mmscope buddy
# Free lists move all the time: compare in a quiet moment (mmscope read
# twice around the kernel's file, the two reads equal).
row() { mmscope buddy --json | jq -r '.zones[] | "\(.node) \(.zone) \(.free_blocks | map(tostring) | join(" "))"'; }
kern() { awk '{ z = $4; s = $2; sub(/,/, "", s); printf "%s %s", s, z; for (i = 5; i <= NF; i++) printf " %s", $i; print "" }' /proc/buddyinfo; }
i=0
while [ $i -lt 20 ]; do
	a=$(row); k=$(kern); b=$(row)
	[ "$a" = "$b" ] && break
	i=$((i + 1))
done
claim_eq "every zone's free blocks per order equal /proc/buddyinfo" "$a" "$k"

section "Allocate one block of order $K (32 pages, 128 KiB)"
predict "which PFNs can an order-$K block start at? If no order-$K block is free, where does it come from, and what is left over?"
mmscope demo buddy alloc $K --json >"$W/alloc.json"
show mmscope demo buddy list
J=$(cat "$W/alloc.json")
PFN=$(echo "$J" | jq .blocks[0].pfn)
BUD=$(echo "$J" | jq .blocks[0].buddy_pfn)
say "The block starts at PFN $PFN, a multiple of 2^$K: blocks are naturally"
say "aligned.  Its buddy, the other half of the order-$((K + 1)) block it belongs"
say "to, is PFN $PFN XOR 2^$K = $BUD."
claim_eq "the block is aligned to 2^$K pages" "$((PFN % (1 << K)))" 0
claim_eq "its buddy is PFN XOR 2^$K" "$BUD" "$((PFN ^ (1 << K)))"
# kpageflags bit 10 (BUDDY): the page is in a free block.
nbuddy() { kpageflag_count "$1" "$2" 10; }
claim_eq "none of its 32 pages is free any more (/proc/kpageflags BUDDY)" "$(nbuddy "$PFN" 32)" 0
echo "    Unmovable free blocks per order, before: $(echo "$J" | jq -c .before.unmovable_blocks)"
echo "                                     after:  $(echo "$J" | jq -c .after.unmovable_blocks)"
say "The allocator took the smallest free block of order >= $K and split it in"
say "halves until one half had order $K, leaving one free block at every order"
say "in between (the other halves)."
split=$(printf '%s\n%s\n' "$(echo "$J" | jq -r '.before.unmovable_blocks | map(tostring) | join(" ")')" \
	"$(echo "$J" | jq -r '.after.unmovable_blocks | map(tostring) | join(" ")')" |
	awk -v k=$K 'NR == 1 { n = NF; for (i = 1; i <= NF; i++) b[i - 1] = $i }
		NR == 2 { for (i = 1; i <= NF; i++) a[i - 1] = $i }
		END { for (s = k; s < n && b[s] == 0; s++) ;
			if (s == n) { print "fallback"; exit }
			for (o = 0; o < n; o++) c[o] = b[o]
			c[s]--; for (o = k; o < s; o++) c[o]++
			for (o = 0; o < n; o++) if (c[o] != a[o]) { print "differs at order " o; exit }
			print "taken from order " s }')
case $split in
fallback) say "(No Unmovable block of order >= $K was free: the allocator stole one"
	  say "from another migratetype, so the Unmovable lists cannot show the split.)" ;;
*) claim_eq "the lists changed exactly as taking the smallest free block and splitting it predicts ($split)" \
	"${split%% from*}" taken ;;
esac
pages() { echo "$J" | jq "([.$1.free_blocks | to_entries[] | .value * pow(2; .key)] | add) + .$1.pcp_pages"; }
claim_eq "free pages (all orders, per-CPU lists included) dropped by exactly 32" \
	"$(($(pages before) - $(pages after)))" 32

section "Free it again"
predict "when the block is freed, does it stay an order-$K block?"
b0=$(nbuddy "$BUD" 32)
mmscope demo buddy free "$PFN" --json >"$W/free.json"
# The frames' flags at once, for any order the block may merge up to: the
# newest free block is the first the next allocation takes, and the VM does
# not stand still while this script parses the answer.
R0=$((PFN / 1024 * 1024))
pagemap_dump --kpage $R0 1024 >"$W/kflags"
J=$(cat "$W/free.json")
echo "    free blocks per order, before: $(echo "$J" | jq -c .before.free_blocks)"
echo "                           after:  $(echo "$J" | jq -c .after.free_blocks)"
M=$(printf '%s\n%s\n' "$(echo "$J" | jq -r '.before.free_blocks | map(tostring) | join(" ")')" \
	"$(echo "$J" | jq -r '.after.free_blocks | map(tostring) | join(" ")')" |
	awk -v k=$K 'NR == 1 { n = NF; for (i = 1; i <= NF; i++) b[i - 1] = $i }
		NR == 2 { for (i = 1; i <= NF; i++) a[i - 1] = $i }
		END { for (o = k; o < n && a[o] == b[o] - 1; o++) ;
			if (o < n && a[o] == b[o] + 1) print o; else print "none" }')
say "Freeing looks at the buddy: when it is free too, the two merge into one"
say "block of the next order, whose own buddy is then looked at, and so on."
if [ "$M" = none ]; then
	bad_claim "the free lists show the block coalescing up to some order" "no merge pattern"
else
	say "Here the block merged up to order $M: orders $K..$((M - 1)) lost their free buddy, order $M gained a block."
	claim_test "a merge at order $K happened only if the buddy (PFN $BUD) was all free before (kpageflags)" \
		"$([ "$M" = "$K" ] || [ "$b0" = 32 ] && echo yes)" = yes
	B=$((PFN / (1 << M) * (1 << M)))
	claim_eq "the whole order-$M block at PFN $B was free right after (kpageflags BUDDY on all $((1 << M)) pages)" \
		"$(awk -v lo=$B -v hi=$((B + (1 << M))) '$1 >= lo && $1 < hi' "$W/kflags" | kpageflag_tally 10)" \
		$((1 << M))
fi
claim_eq "free pages rose by exactly 32" "$(($(pages after) - $(pages before)))" 32
lab_end
