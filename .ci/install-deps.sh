#!/usr/bin/env bash
# Installs what the tests need besides Java and Maven: the OCI distribution registry (Debian's
# docker-registry package, /usr/bin/docker-registry), which the registry tests start on their own
# port with their own config. The package's own service (port 5000) is not needed and is stopped
# where systemd started it.
set -euo pipefail
if [ -x /usr/bin/docker-registry ] || [ -n "${COVINGTON_REGISTRY_BIN:-}" ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends docker-registry
# Where systemd runs, the package enables and starts its service on port 5000: stop it.
if command -v systemctl >/dev/null && systemctl is-active --quiet docker-registry 2>/dev/null; then
  $SUDO systemctl disable --now docker-registry || true
fi
/usr/bin/docker-registry --version
