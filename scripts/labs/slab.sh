#!/bin/sh
# Slab caches: objects of one size packed into slabs of whole pages; a slab
# goes back to the page allocator only when it is empty (and shrunk).
. "$(dirname "$0")/lib.sh"

title "Slab caches"
book "OSTEP ch. 17 (Free-Space Management: Segregated Lists, the slab allocator); CSAPP 9.9.14 (Segregated Free Lists) and 9.9.4-9.9.6 (fragmentation)"

say "The kernel allocates its small objects (inodes, dentries, network"
say "buffers...) from slab caches: each cache takes slabs of 2^order pages"
say "from the buddy allocator and cuts them into equal objects."
show sh -c 'mmscope slab | head -n 8'
ks() { grep "^$1 " /proc/slabinfo | awk -v f="$2" '{ print $f }'; }
c=$(mmscope slab --json | jq -r '.caches[] | select(.name | startswith("kmalloc-")) | .name' | head -n 1)
claim_eq "$c: object size, objects and pages per slab equal /proc/slabinfo" \
	"$(mmscope slab --json | jq -r ".caches[] | select(.name == \"$c\") | \"\(.object_size) \(.objects_per_slab) \(.pages_per_slab)\"")" \
	"$(ks "$c" 4) $(ks "$c" 5) $(ks "$c" 6)"

section "A cache of our own: mmscope_demo, 512-byte objects"
mmscope demo slab destroy >/dev/null 2>&1
mmscope demo slab create 512 >/dev/null
show grep -E '^# name|^mmscope_demo ' /proc/slabinfo
OBJ=$(ks mmscope_demo 4) PER=$(ks mmscope_demo 5) PPS=$(ks mmscope_demo 6)
predict "a slab of $PPS pages holds how many 512-byte objects?"
say "As many as fit: $PPS x 4096 / $OBJ = $PER.  Nothing is wasted for objects"
say "whose size divides the slab; other sizes leave a tail unused."
claim_test "the slab is filled with as many objects as fit (slabinfo)" \
	"$((PER * OBJ <= PPS * 4096 && PPS * 4096 < (PER + 1) * OBJ))" = 1

direct=$(mmscope info --json | jq -r '.features[] | select(.name == "slab-direct") | .available')
N=$((2 * PER + 3))
section "Allocate $N objects (2 slabs' worth and 3 more), from one CPU"
predict "how many slabs do $N objects take?  How many are full?"
taskset -c 0 mmscope demo slab alloc $N >/dev/null
mmscope demo slab shrink >/dev/null
show mmscope demo slab
S=$(mmscope demo --json slab)
say "Three slabs: two full and one holding 3 objects.  (A shrink first flushes"
say "the per-CPU caches of the allocator, so that the kernel's counts below"
say "are exact.)"
claim_eq "/proc/slabinfo: $N objects in use, in the slabs that hold the demo's objects" \
	"$(ks mmscope_demo 2) $(ks mmscope_demo 15)" "$N $(echo "$S" | jq .slabs)"
if [ "$direct" = true ]; then
	claim_eq "3 slabs: 2 full, 1 partial" "$(echo "$S" | jq -r '"\(.slabs) \(.full_slabs) \(.partial_slabs)"')" "3 2 1"
else
	say "(This kernel's SLUB serves objects through per-CPU sheaves, 7.x: which"
	say "slab an object comes from follows the sheaves' batches, so the neat"
	say "2 full + 1 partial layout is not guaranteed.  mmscope info: slab-direct"
	say "unavailable.)"
fi
claim_eq "the cache's memory is slabs x pages per slab x 4 KiB (mmscope slab vs slabinfo)" \
	"$(mmscope slab --json | jq '.caches[] | select(.name == "mmscope_demo") | .memory_bytes')" \
	"$(($(ks mmscope_demo 15) * PPS * 4096))"

section "Free the $((PER + 1)) oldest objects"
predict "the first slab is now empty and the second has one free object. How many slabs does the cache keep?"
mmscope demo slab free $((PER + 1)) >/dev/null
k1=$(ks mmscope_demo 15)
mmscope demo slab shrink >/dev/null
k2=$(ks mmscope_demo 15)
S=$(mmscope demo --json slab)
show mmscope demo slab
say "Freed objects go back to their slab; a slab with even one object in use"
say "cannot be returned to the page allocator (internal fragmentation of the"
say "cache).  An empty slab is kept for reuse until the cache is shrunk."
claim_eq "after the shrink, /proc/slabinfo counts $((PER + 2)) objects in exactly the demo's slabs" \
	"$(ks mmscope_demo 2) $k2" "$((PER + 2)) $(echo "$S" | jq .slabs)"
if [ "$direct" = true ]; then
	claim_eq "3 slabs before the shrink (the empty one kept), 2 after" "$k1 $k2" "3 2"
fi

section "Destroy the cache"
mmscope demo slab destroy >/dev/null
claim_eq "/proc/slabinfo no longer lists mmscope_demo" "$(grep -c '^mmscope_demo ' /proc/slabinfo)" 0
lab_end
