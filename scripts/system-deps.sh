#!/usr/bin/env bash
# Make sure the system libraries Qt needs are present; install them with apt-get when we can.
#   system-deps.sh test   libraries for the headless test run (offscreen Qt)
#   system-deps.sh run    plus the X11/xcb libraries for a real window
# A start with nothing missing does nothing else. When something looks missing and cannot be
# installed (no root, sudo would ask for a password, no network), this says what to install and
# lets the start go on: the check may be wrong, and a start that would work must never fail here.
set -uo pipefail
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
# Whole outputs are captured, never piped into `grep -q`: under pipefail the writer is killed by
# SIGPIPE when grep stops reading early, and the check would fail on a machine that has everything.
have=$( { ldconfig -p || /sbin/ldconfig -p; } 2>/dev/null)
missing=()
if [ -n "$have" ]; then  # without ldconfig nothing can be told: assume the libraries are there
  for lib in "${!need[@]}"; do
    case "$have" in
      *" $lib "*|*"/$lib"$'\n'*|*"/$lib") ;;
      *) missing+=("${need[$lib]}") ;;
    esac
  done
fi
# fonts: without any font Qt draws empty boxes
if command -v fc-list >/dev/null 2>&1; then
  fonts=$(fc-list 2>/dev/null)
else
  fonts=$(find /usr/share/fonts /usr/local/share/fonts "$HOME/.local/share/fonts" "$HOME/.fonts" \
          -type f \( -name '*.ttf' -o -name '*.otf' -o -name '*.pcf*' \) 2>/dev/null | head -n 1)
fi
[ -n "$fonts" ] || missing+=(fonts-dejavu-core)
[ ${#missing[@]} -eq 0 ] && exit 0

advise() {
  echo "ASE Prep may need these system packages: ${missing[*]}. $1" >&2
  echo "Install them with your package manager (Debian/Ubuntu: sudo apt-get install ${missing[*]}) if the app does not start." >&2
  exit 0
}
command -v apt-get >/dev/null 2>&1 || advise "This system has no apt-get."
if [ "$(id -u)" = 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)  # never a password prompt in the middle of `make run`
else
  advise "Installing them needs root (sudo would ask for a password)."
fi
echo "Installing system packages Qt needs: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# the package lists already on the machine first; fetch fresh ones only if that fails
if "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; then exit 0; fi
if "${as_root[@]}" apt-get update -qq >/dev/null 2>&1 \
   && "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; then exit 0; fi
advise "apt-get could not install them (offline?)."
