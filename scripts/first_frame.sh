#!/usr/bin/env bash
# Time from starting the reader to its first frames, in tmux:
#   [BIN=path/to/triptych] [COUNT=N] scripts/first_frame.sh DIR [ARGS...]
# Polls the pane every 10 ms and prints the elapsed milliseconds to the first frame (the list
# pane's title "Articles (" is drawn, perhaps over an empty list), to the first articles listed
# ("Articles (" and a non-zero count) and, with COUNT, to the whole list ("Articles (COUNT)").
# BIN defaults to this checkout's release build. Needs tmux.
set -euo pipefail
dir=$1; shift
bin=${BIN:-$(cd "$(dirname "$0")/.." && pwd)/target/release/triptych}
sock=triptych-ff-$$
tmux -L "$sock" -f /dev/null new-session -d -s main -x 120 -y 40 "env PS1='$ ' sh"
trap 'tmux -L "$sock" kill-server 2>/dev/null' EXIT
sleep 0.3
ms() { echo $(( ($(date +%s%N) - start) / 1000000 )); }
start=$(date +%s%N)
tmux -L "$sock" send-keys -t main "$bin $dir $*" Enter
until tmux -L "$sock" capture-pane -p -t main | grep -q "Articles ("; do sleep 0.01; done
frame=$(ms)
until tmux -L "$sock" capture-pane -p -t main | grep -q "Articles ([1-9]"; do sleep 0.01; done
listed=$(ms)
line="first frame $frame ms, first articles listed $listed ms"
if [ -n "${COUNT:-}" ]; then
  until tmux -L "$sock" capture-pane -p -t main | grep -q "Articles ($COUNT)"; do sleep 0.01; done
  line="$line, all $COUNT listed $(ms) ms"
fi
echo "$line"
tmux -L "$sock" send-keys -t main q
