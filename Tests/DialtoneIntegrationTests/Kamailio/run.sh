#!/bin/sh
# Runs kamailio.cfg by hand, in the foreground, as the tests do (KamailioProcess):
#   Tests/DialtoneIntegrationTests/Kamailio/run.sh PORT [sha256]
# Users: alice / wonder-Land-7 and bob / b0b-the-Builder in domain (and realm)
# dialtone.test, as in Tests/DialtoneIntegrationTests/PeerSupport.swift. Ctrl-C stops it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
port=${1:?usage: $0 PORT [sha256]}
dir=$(mktemp -d /tmp/dialtone-kamailio.XXXXXX)
trap 'rm -rf "$dir"' EXIT
"$here/make-db.sh" "$dir/subscribers.sqlite" dialtone.test alice:wonder-Land-7 bob:b0b-the-Builder
set -- -f "$here/kamailio.cfg" -DD -E -w "$dir" -Y "$dir" -m 32 -M 8 \
    -l "udp:127.0.0.1:$port" -l "tcp:127.0.0.1:$port" \
    -A "DBURL=\"sqlite:///$dir/subscribers.sqlite\"" -A 'DOMAIN="dialtone.test"' ${2:+-A WITH_SHA256}
echo "kamailio $*" >&2
kamailio "$@"
