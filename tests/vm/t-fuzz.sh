# Fuzzing (tests/vm/src/nlfuzz.c): malformed and random generic-netlink
# requests and random writes to every writable debugfs file.  Every request
# is answered or refused, nothing hangs, and the kernel's unreclaimable slab
# and vmalloc memory, measured with the module unloaded, do not grow.
# MMSCOPE_FUZZ_ITERATIONS (default 20000) and MMSCOPE_FUZZ_SEED (default:
# random, printed) choose the run; `make stress` runs 100,000.
. ./lib.sh

KO=/mmscope/mmscope.ko
n=${MMSCOPE_FUZZ_ITERATIONS:-20000}

rmmod mmscope
before=$(kernel_kb)
insmod $KO

rc=0
nlfuzz --iterations "$n" ${MMSCOPE_FUZZ_SEED:+--seed "$MMSCOPE_FUZZ_SEED"} >/tmp/fuzz.out 2>&1 || rc=$?
while IFS= read -r l; do diag "$l"; done </tmp/fuzz.out
seed=$(sed -n 's/^nlfuzz: seed \([0-9]*\),.*/\1/p' /tmp/fuzz.out)
is "$rc" 0 "$n iterations (seed $seed): every request answered or refused, no hang, no kernel address"
requests=$(sed -n 's/^nlfuzz: [0-9]* iterations: \([0-9]*\) netlink requests.*/\1/p' /tmp/fuzz.out)
writes=$(sed -n 's/.* \([0-9]*\) debugfs writes.*/\1/p' /tmp/fuzz.out)
[ "${requests:-0}" -gt $((n / 2)) ] && [ "${writes:-0}" -gt 0 ] &&
	pass "the fuzzer sent ${requests} netlink requests and ${writes} debugfs writes" ||
	fail "the fuzzer sent netlink requests and debugfs writes" "requests '$requests', writes '$writes'"
rc_is 0 "the module still answers after the fuzzing" mmscope info

rc_is 0 "rmmod after the fuzzing" rmmod mmscope
after=$(kernel_kb)
insmod $KO
diag "unreclaimable slab + vmalloc with the module unloaded: $before kB before, $after kB after"
# A leak of one small object per request would be well over 1 MiB.
[ $((after - before)) -lt 1024 ] &&
	pass "no kernel memory growth across the fuzzing ($before kB -> $after kB)" ||
	fail "no kernel memory growth across the fuzzing" "$before kB before, $after kB after"
diag "tally: iterations=$n operations=$((${requests:-0} + ${writes:-0}))"
exit 0
