#!/bin/sh
# Makes the sqlite subscriber database kamailio.cfg authenticates against.
#   make-db.sh DBFILE REALM USER:PASSWORD [USER:PASSWORD ...]
# Each user gets the plaintext password (MD5 configuration, calculate_ha1), the MD5 HA1s
# (ha1, ha1b) and the SHA-256 HA1 (ha1_sha256, WITH_SHA256 configuration). Needs sqlite3.
set -eu
if [ $# -lt 3 ]; then
    echo "usage: $0 DBFILE REALM USER:PASSWORD [USER:PASSWORD ...]" >&2
    exit 2
fi
db=$1; realm=$2; shift 2
here=$(dirname "$0")
rm -f "$db"
sql=$(cat "$here/subscribers.sql")
for pair in "$@"; do
    user=${pair%%:*}; password=${pair#*:}
    ha1=$(printf '%s' "$user:$realm:$password" | md5sum | cut -d' ' -f1)
    ha1b=$(printf '%s' "$user@$realm:$realm:$password" | md5sum | cut -d' ' -f1)
    ha1_sha256=$(printf '%s' "$user:$realm:$password" | sha256sum | cut -d' ' -f1)
    quoted=$(printf '%s' "$password" | sed "s/'/''/g")
    sql="$sql
INSERT INTO subscriber (username, domain, password, ha1, ha1b, ha1_sha256)
    VALUES ('$user', '$realm', '$quoted', '$ha1', '$ha1b', '$ha1_sha256');"
done
printf '%s\n' "$sql" | sqlite3 "$db"
