#!/usr/bin/env bash
# Time from starting the reader to its first frame showing the whole list, in tmux:
#   scripts/first_frame.sh DIR [ARGS...]
# Polls the pane every 10 ms for "Articles (" and prints the elapsed milliseconds. Needs tmux.
set -euo pipefail
dir=$1; shift
bin=$(cd "$(dirname "$0")/.." && pwd)/target/release/triptych
sock=triptych-ff-$$
tmux -L "$sock" -f /dev/null new-session -d -s main -x 120 -y 40 "env PS1='$ ' sh"
trap 'tmux -L "$sock" kill-server 2>/dev/null' EXIT
sleep 0.3
start=$(date +%s%N)
tmux -L "$sock" send-keys -t main "$bin $dir $*" Enter
until tmux -L "$sock" capture-pane -p -t main | grep -q "Articles ("; do sleep 0.01; done
end=$(date +%s%N)
echo "$(( (end - start) / 1000000 )) ms"
tmux -L "$sock" send-keys -t main q
