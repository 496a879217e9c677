#!/usr/bin/env bash
# Drives `dialtone ui-preview` in tmux like a person and checks what the screen shows:
# the 302 notice, the credential prompt (password masked), the connected call, the
# ladder, a resize, the too-small message, help, quitting with y, and the terminal
# given back. Usage: scripts/ui-preview-tmux.sh [path/to/dialtone]  (needs tmux)
set -euo pipefail
BIN=${1:-.build/debug/dialtone}
S=dialtone-ui-check-$$
fail() { echo "FAIL: $*"; tmux capture-pane -t $S -p || true; tmux kill-session -t $S 2>/dev/null || true; exit 1; }
screen() { tmux capture-pane -t $S -p; }
expect() { # expect "what" seconds
    local deadline=$((SECONDS + ${2:-5}))
    until screen | grep -qF -- "$1"; do
        [ $SECONDS -lt $deadline ] || fail "did not see: $1"
        sleep 0.1
    done
    echo "ok: $1"
}
absent() { ! screen | grep -qF -- "$1" || fail "still see: $1"; echo "ok: no $1"; }

tmux new-session -d -s $S -x 120 -y 40 "TERM=xterm-256color $BIN ui-preview; echo EXITED:\$?; stty -a | grep -o -- '-\\?icanon' ; sleep 30"
trap 'tmux kill-session -t $S 2>/dev/null || true' EXIT
expect "moved temporarily to sip:bob@203.0.113.7 — 302 from sip:bob@198.51.100.5, attempt 2"
expect "401 Unauthorized to INVITE from 203.0.113.7 · realm \"example.test\""
expect "Username: alice"
tmux send-keys -t $S Enter
tmux send-keys -t $S -l 's3cret'
expect "Password: ••••••"
absent "s3cret"
tmux send-keys -t $S Enter
expect "Connected" 8
expect "200 OK"
for line in "INVITE sip:bob@198.51.100.5" "302 Moved Temporarily" "401 Unauthorized" "180 Ringing" "ACK sip:bob@203.0.113.7"; do expect "$line"; done
tmux send-keys -t $S Escape f
expect "Ladder · Call-ID"
expect "INVITE (auth)"
tmux send-keys -t $S Escape
tmux resize-window -t $S -x 80 -y 24
expect "─ Log ──"
[ "$(screen | head -1 | wc -L)" -le 80 ] || fail "status bar wider than 80 columns"
tmux resize-window -t $S -x 50 -y 12
expect "Terminal too small"
tmux resize-window -t $S -x 120 -y 40
expect "─ Calls ──"
absent "Terminal too small"
tmux send-keys -t $S '?'
expect "Help: every key"
tmux send-keys -t $S Escape q
expect "A call is up. Hang up and quit? (y/n)"
tmux send-keys -t $S y
expect "EXITED:0"
expect "icanon"
absent "-icanon"
echo "PASS: ui-preview in tmux"
