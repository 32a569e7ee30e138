#!/usr/bin/env bash
# Install the Debian packages the build and the checks need, if any is missing:
# chromium (browser tests, Lighthouse), poppler-utils (PDF checks), fonts for the PDFs,
# and a Java runtime for the Nu HTML Checker.
set -euo pipefail
packages=(chromium poppler-utils fonts-dejavu-core fonts-noto-core default-jre-headless)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
