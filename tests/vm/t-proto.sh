# A module that speaks another protocol version: the tool must say so.
. ./lib.sh

FAKE=/mmscope/tests/kmod/mmscope_proto_test.ko
if [ ! -f $FAKE ]; then
	fail "protocol-mismatch test module present" "$FAKE missing"
	exit 0
fi
rmmod mmscope
rc_is 0 "load a module announcing protocol version+1" insmod $FAKE
rc_is 5 "version mismatch: info exits 5" mmscope info
contains "$OUT" "protocol version mismatch" "version mismatch: message names the mismatch"
rmmod mmscope_proto_test
rc_is 0 "reload the real module" insmod /mmscope/mmscope.ko
rc_is 0 "info works again" mmscope info
exit 0
