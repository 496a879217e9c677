#!/usr/bin/env bash
# Idle cost of the softphone screen: a release build of `dialtone --demo` up in tmux
# (120x40) with the demo account registered with the built-in demo peer, then the CPU
# time it uses (utime + stime of every thread, /proc/PID/stat) and its resident memory
# (VmRSS) over IDLE_SECONDS (default 30). REGISTERs on screen are counted before and after,
# so a registration refresh inside the window is noted. Needs tmux.
# Usage: scripts/idle-cost.sh [path/to/release/dialtone]
set -euo pipefail
cd "$(dirname "$0")/.."
IDLE=${IDLE_SECONDS:-30}
SWIFT=${SWIFT:-swift}
if [ $# -ge 1 ]; then
    BIN=$1
else
    "$SWIFT" build -c release --product dialtone >&2
    BIN="$("$SWIFT" build -c release --show-bin-path)/dialtone"
fi
SOCK=dialtone-idle-$$
HOMEDIR=$(mktemp -d)
SOCKET_FILE=""
# kill-server leaves the socket file behind: remove it too.
cleanup() {
    tmux -L "$SOCK" kill-server 2>/dev/null || true
    [ -n "$SOCKET_FILE" ] && rm -f "$SOCKET_FILE"
    rm -rf "$HOMEDIR"
}
trap cleanup EXIT
screen() { tmux -L "$SOCK" capture-pane -p -t idle; }
wait_for() { # text seconds
    local deadline=$((SECONDS + $2))
    until screen | grep -qF -- "$1"; do
        [ $SECONDS -lt $deadline ] || { echo "did not see: $1" >&2; screen >&2; exit 1; }
        sleep 0.2
    done
}

# No config of the user's: the demo is the default, and `exec` makes the pane's pid dialtone's.
tmux -L "$SOCK" new-session -d -s idle -x 120 -y 40 \
    "exec env TERM=xterm-256color XDG_CONFIG_HOME=$HOMEDIR XDG_STATE_HOME=$HOMEDIR '$BIN' --demo"
PID=$(tmux -L "$SOCK" display-message -p -t idle '#{pane_pid}')
SOCKET_FILE=$(tmux -L "$SOCK" display-message -p -t idle '#{socket_path}')
wait_for "registered" 20
sleep 3   # the REGISTER transactions finish (Timer K) and the screen settles

ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
registers() { screen | grep -c "REGISTER sip:" || true; }
HZ=$(getconf CLK_TCK)
before_ticks=$(ticks); before_registers=$(registers)
sleep "$IDLE"
after_ticks=$(ticks); after_registers=$(registers)
rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$PID/status")
threads=$(awk '/^Threads:/ {print $2}' "/proc/$PID/status")
anon_kb=$(awk '/^RssAnon:/ {print $2}' "/proc/$PID/status")
file_kb=$(awk '/^RssFile:/ {print $2}' "/proc/$PID/status")

cpu_ms=$(( (after_ticks - before_ticks) * 1000 / HZ ))
refreshes=$(( after_registers - before_registers ))
printf 'dialtone --demo (release), screen up 120x40, account registered, idle %s s:\n' "$IDLE"
printf '  CPU time     %d ms (%d ticks of %d Hz; %.2f%% of one core)\n' "$cpu_ms" "$((after_ticks - before_ticks))" "$HZ" \
    "$(awk -v ms="$cpu_ms" -v s="$IDLE" 'BEGIN {print ms / (s * 10)}')"
printf '  resident     %.1f MB (VmRSS %d kB: %d kB private, %d kB pages of the binary and shared libraries), %d threads\n' \
    "$(awk -v kb="$rss_kb" 'BEGIN {print kb / 1024}')" "$rss_kb" "$anon_kb" "$file_kb" "$threads"
printf '  REGISTERs    %d during the window (the demo grants 600 s; a refresh comes before it runs out)\n' "$refreshes"
printf 'for scale: baresip idles at 7.4 MB and 0 ms; linphonec at 61 MB and 0.7%% CPU\n'

tmux -L "$SOCK" send-keys -t idle q
for _ in $(seq 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
