#!/usr/bin/env bash
# Regenerate every screenshot in docs/ (the README shows them) from the app itself.
#
#   tools/make_screenshots.sh [OUTDIR]          # default OUTDIR: docs/
#
# Each picture is the real app in a virtual X screen (Xvfb), driven as a user drives
# it: keys through the menus' mnemonics (Alt+F E S = File ▸ Examples ▸ Sine wave), the
# window's shortcuts (→ steps, Ctrl+E the weight editor), with a fresh settings folder
# (first start: the window fits the screen, English, light). Needs Xvfb, xdotool and
# ImageMagick's `import` (apt-get install xvfb xdotool imagemagick) and `make run`'s
# .venv. Run it from the repository's root after any visible change, then look at
# every picture: nothing clipped or overlapping, at both sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs}
py=python3
[[ -x .venv/bin/python ]] && py=.venv/bin/python
for tool in Xvfb xdotool import; do
  command -v "$tool" >/dev/null || { echo "make_screenshots: $tool is missing" >&2; exit 1; }
done

# shot NAME SIZE "KEYS" [ARGS...]: start the app on a free display of SIZE (WxH),
# send KEYS (xdotool key names, one by one), save OUTDIR/NAME.png.
shot() {
  local name=$1 size=$2 keys=$3
  shift 3
  local display="" n
  for n in $(seq 90 130); do
    if [[ ! -e /tmp/.X11-unix/X$n && ! -e /tmp/.X$n-lock ]]; then display=":$n"; break; fi
  done
  [[ -n $display ]] || { echo "make_screenshots: no free display" >&2; return 1; }
  local config
  config=$(mktemp -d)
  Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  sleep 0.5
  DISPLAY=$display QT_QPA_PLATFORM=xcb XDG_CONFIG_HOME=$config "$py" main.py "$@" \
    >"$config/log" 2>&1 &
  app=$!
  sleep 4
  local win
  win=$(DISPLAY=$display xdotool search --sync --onlyvisible --pid "$app" 2>/dev/null | tail -n 1)
  for k in $keys; do
    DISPLAY=$display xdotool windowactivate --sync "$win" key --clearmodifiers "$k" 2>/dev/null ||
      DISPLAY=$display xdotool key "$k"
    sleep 0.8  # a View-menu key sent sooner can be lost while the menu opens
  done
  sleep 2
  DISPLAY=$display import -window root "$out/$name.png"
  kill "$app" "$xvfb" 2>/dev/null || true
  wait "$app" "$xvfb" 2>/dev/null || true
  rm -rf "$config"
  echo "make_screenshots: $out/$name.png ($size)"
}

app="" xvfb=""
# (stopped or failed: end this picture's app and X server, never anyone else's)
trap 'kill $app $xvfb 2>/dev/null || true' EXIT

steps() { printf 'Right %.0s' $(seq 1 "$1"); }

mkdir -p "$out"
for size in 1280x800 1920x1080; do
  suffix=""
  [[ $size == 1920x1080 ]] && suffix="-1920x1080"
  shot "app-t0$suffix" "$size" ""
  shot "app-mid$suffix" "$size" "$(steps 40)"
  # Scenarios ▸ (the entries' mnemonics: R, G, L, F)
  shot "scenario-rnn-vanishes$suffix" "$size" "alt+c r"
  shot "scenario-rnn-explodes$suffix" "$size" "alt+c g"
  shot "scenario-lstm-remembers$suffix" "$size" "alt+c l"
  shot "scenario-lstm-forgets$suffix" "$size" "alt+c f"
  # File ▸ Examples ▸ Sine wave, a few steps, View ▸ Weights editor
  shot "weight-editor$suffix" "$size" "alt+f e s $(steps 12) ctrl+e"
  # View ▸ Training, then its Train button (Alt+T)
  shot "training$suffix" "$size" "alt+f e s ctrl+t alt+t"
  # View ▸ Language ▸ 简体中文; View ▸ Appearance ▸ Dark
  shot "zh-cn$suffix" "$size" "alt+v l z $(steps 25)"
  shot "dark$suffix" "$size" "alt+v a d $(steps 25)"
done
