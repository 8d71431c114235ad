#!/bin/bash
# install-deps.sh: install what building and testing virtd needs, from
# Debian's packages, only when something is missing. Safe to run often.
set -eu
need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
for p in build-essential libcriterion-dev libvirt-clients python3-libvirt \
         libvirt-daemon clang libclang-rt-14-dev procps iproute2; do
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
