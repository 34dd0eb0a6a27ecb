# Loading and unloading: a clean cycle, 100 in a row, the tool's message
# when the module is absent, and unloads while dumps are running.
. ./lib.sh

KO=/mmscope/mmscope.ko
before=$(awk '/^Slab:/ { print $2 }' /proc/meminfo)

rc_is 0 "rmmod mmscope" rmmod mmscope
[ -d /sys/kernel/debug/mmscope ] && fail "debugfs directory removed on unload" || pass "debugfs directory removed on unload"
rc_is 3 "module absent: info exits 3" mmscope info
contains "$OUT" "not loaded; load it with: sudo insmod module/mmscope.ko" "module absent: message says how to load it"

bad=0
i=0
while [ $i -lt 100 ]; do
	insmod $KO || { bad=$((bad + 1)); break; }
	mmscope info >/dev/null || bad=$((bad + 1))
	rmmod mmscope || { bad=$((bad + 1)); break; }
	i=$((i + 1))
done
is "$bad/$i" "0/100" "100 insmod/info/rmmod cycles"

rc_is 0 "insmod again" insmod $KO
rc_is 0 "info after reload" mmscope info

# Unloading mid-dump: readers dump a 64 MiB target's page tables through
# netlink and debugfs in a loop while the module is unloaded and loaded
# again.  A dump in progress holds the module (rmmod is refused: busy) or
# ends with an error; nothing hangs, and the boot's kernel-log check catches
# any report.
populate 64 /tmp/load-range &
T=$!
while [ ! -s /tmp/load-range ]; do sleep 0.1; done
: >/tmp/load-rc
(
	while [ ! -f /tmp/load-stop ]; do
		mmscope ptes --count $T >/dev/null 2>&1
		echo $? >>/tmp/load-rc
	done
) &
R1=$!
(
	# While the module is away its directory is too: wait a little, quietly
	# (a failed redirection is the shell's own message, hence the braces).
	while [ ! -f /tmp/load-stop ]; do
		{ echo $T >/sys/kernel/debug/mmscope/target; } 2>/dev/null &&
			cat /sys/kernel/debug/mmscope/pagetable >/dev/null 2>&1 ||
			sleep 0.05
	done
) &
R2=$!
unloaded=0
busy=0
i=0
while [ $i -lt 20 ]; do
	sleep 0.3
	# A debugfs reader holds the module while its file is open: an attempt
	# retries for about a second, as an administrator's script would.
	j=0 ok=0
	while [ $j -lt 50 ]; do
		rmmod mmscope 2>/tmp/load-err && { ok=1; break; }
		sleep 0.02
		j=$((j + 1))
	done
	if [ $ok = 1 ]; then
		unloaded=$((unloaded + 1))
		sleep 0.2
		if ! insmod $KO 2>/tmp/load-ins; then
			diag "insmod right after the unload: $(cat /tmp/load-ins)"
			break
		fi
	else
		grep -qiE "in use|busy|temporarily unavailable" /tmp/load-err && busy=$((busy + 1)) ||
			diag "rmmod: $(cat /tmp/load-err)"
	fi
	i=$((i + 1))
done
touch /tmp/load-stop
wait $R1 $R2
lsmod | grep -q '^mmscope ' || insmod $KO
diag "20 unload attempts under dumps: $unloaded unloaded, $busy refused as busy"
is "$((unloaded + busy))" 20 "unload under running dumps: each attempt unloads or is refused as busy"
[ $unloaded -gt 0 ] && pass "unload under running dumps: the module does unload ($unloaded times)" ||
	fail "unload under running dumps: the module does unload"
odd=$(grep -cvE '^(0|1|3)$' /tmp/load-rc)
is "$odd" 0 "dumps during unloads: each answered, failed clearly or found no module ($(wc -l </tmp/load-rc) dumps)"
kill $T
rm -f /tmp/load-stop
rc_is 0 "info after the unload storm" mmscope info

after=$(awk '/^Slab:/ { print $2 }' /proc/meminfo)
diag "Slab before $before kB, after $after kB"
diag "tally: unloads=$((101 + unloaded))"
exit 0
