#!/usr/bin/env bash
# Make sure the system libraries Qt needs are present; install them with apt-get when we can.
#   system-deps.sh test   libraries for the headless test run (offscreen Qt)
#   system-deps.sh run    plus the X11/xcb libraries for a real window
set -euo pipefail
what=${1:-test}
# library soname -> Debian package
declare -A need=(
  [libEGL.so.1]=libegl1 [libGL.so.1]=libgl1 [libxkbcommon.so.0]=libxkbcommon0
  [libfontconfig.so.1]=libfontconfig1 [libfreetype.so.6]=libfreetype6 [libglib-2.0.so.0]=libglib2.0-0
  [libdbus-1.so.3]=libdbus-1-3 [libX11.so.6]=libx11-6 [libxcb.so.1]=libxcb1
)
if [ "$what" = run ]; then
  need+=(
    [libxcb-cursor.so.0]=libxcb-cursor0 [libxcb-icccm.so.4]=libxcb-icccm4 [libxcb-keysyms.so.1]=libxcb-keysyms1
    [libxcb-shape.so.0]=libxcb-shape0 [libxcb-randr.so.0]=libxcb-randr0 [libxcb-render-util.so.0]=libxcb-render-util0
    [libxcb-image.so.0]=libxcb-image0 [libxkbcommon-x11.so.0]=libxkbcommon-x11-0 [libxcb-xinerama.so.0]=libxcb-xinerama0
  )
fi
have=$(/sbin/ldconfig -p 2>/dev/null || ldconfig -p 2>/dev/null || true)
missing=()
for lib in "${!need[@]}"; do
  grep -q " $lib " <<<"$have" || grep -q "/$lib\$" <<<"$have" || missing+=("${need[$lib]}")
done
# fonts: without any font Qt draws empty boxes
if ! fc-list 2>/dev/null | grep -q .; then missing+=(fonts-dejavu-core); fi
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages Qt needs: ${missing[*]}"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null && command -v apt-get >/dev/null; then
  sudo apt-get update -qq && sudo apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Please install these packages with your system's package manager: ${missing[*]}" >&2
  exit 1
fi
