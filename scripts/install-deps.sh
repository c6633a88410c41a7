#!/usr/bin/env bash
# Installs the system packages CallScope needs (Debian/Ubuntu). As root it runs apt-get;
# otherwise it names the missing packages and how to install them, and fails.
set -euo pipefail
needed=(pkg-config libpcap-dev libopus-dev)
# Optional extras used by some tests/benchmarks when present: tshark (reference figures), chromium (HTML render test).
extras=("$@")
missing=()
for pkg in "${needed[@]}" "${extras[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
