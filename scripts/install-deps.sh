#!/bin/bash
# install-deps.sh [--fuzz] [--ref]: install what building and testing virtd
# needs, from Debian's packages, only when something is missing. Safe to
# run often. --fuzz adds clang and its libFuzzer runtime (make fuzz);
# --ref adds libvirtd itself, for the side-by-side benchmarks and for
# capturing reference transcripts (the test suite does not run it).
set -eu
pkgs=(build-essential libcriterion-dev libvirt-clients python3-libvirt
      procps iproute2 util-linux)
for a in "$@"; do
    case $a in
    --fuzz) pkgs+=(clang libclang-rt-14-dev) ;;
    --ref) pkgs+=(libvirt-daemon) ;;
    *) echo "usage: $0 [--fuzz] [--ref]" >&2; exit 2 ;;
    esac
done
need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
for p in "${pkgs[@]}"; do
    have_pkg "$p" || need+=("$p")
done
if [ ${#need[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "install-deps: missing packages: ${need[*]} (run as root, or install them)" >&2
    exit 1
fi
echo "install-deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
