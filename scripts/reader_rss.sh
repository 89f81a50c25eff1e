#!/usr/bin/env bash
# The reader's resident memory once its texts have loaded, in tmux:
#   [BIN=path/to/triptych] [SETTLE=seconds] scripts/reader_rss.sh DIR [ARGS...]
# Starts the reader (pass `--library PATH` in ARGS for a throwaway library), waits until the
# status bar no longer says `loading texts…` / `checking files…` / `reading files`, waits
# SETTLE seconds more (default 20: the search index and grounding start after the texts), then
# prints VmRSS and VmHWM from /proc and the load average. Needs tmux.
set -euo pipefail
dir=$1; shift
bin=${BIN:-$(cd "$(dirname "$0")/.." && pwd)/target/release/triptych}
sock=triptych-rss-$$
tmux -L "$sock" -f /dev/null new-session -d -s main -x 200 -y 50 "$bin $dir $*"
trap 'tmux -L "$sock" kill-server 2>/dev/null' EXIT
start=$(date +%s)
pid=$(tmux -L "$sock" list-panes -t main -F '#{pane_pid}')
until tmux -L "$sock" capture-pane -p -t main | grep -q "Articles ([1-9]"; do sleep 0.2; done
while tmux -L "$sock" capture-pane -p -t main | grep -q -e "loading texts" -e "checking files" -e "reading files"; do
  sleep 0.5
done
loaded=$(( $(date +%s) - start ))
sleep "${SETTLE:-20}"
rss() { awk -v k="$1" '$1 == k":" {printf "%d MB", $2 / 1024}' "/proc/$pid/status"; }
echo "texts loaded after ${loaded} s; then ${SETTLE:-20} s: VmRSS $(rss VmRSS), VmHWM $(rss VmHWM); $(uptime | sed 's/.*load/load/')"
tmux -L "$sock" capture-pane -p -t main | tail -n 1
tmux -L "$sock" send-keys -t main q
