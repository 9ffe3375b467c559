#!/usr/bin/env bash
# Installs what the tests need besides Java and Maven, from Debian's packages:
# - the OCI distribution registry (docker-registry, /usr/bin/docker-registry), which the registry
#   tests start on their own port with their own config; the package's own service (port 5000)
#   is stopped where systemd started it;
# - kubectl (kubernetes-client; bookworm has 1.20, whose kustomize the manifests keep to), which
#   the deploy tests use to render the Kubernetes manifests;
# - Chromium and its WebDriver (chromium, chromium-driver: /usr/bin/chromium, /usr/bin/chromedriver),
#   which the dashboard's browser tests drive headless; they fail, not skip, without them.
# - libfaketime (faketime), with which a fault test sets a child server's wall clock back a day
#   while it runs; the test fails, not skips, without it.
# - Prometheus (prometheus) for its promtool (/usr/bin/promtool), whose `test rules` is the real
#   PromQL engine the risk check's tests evaluate every risk rule with; they fail, not skip,
#   without it. The package's own service (port 9090) is stopped where systemd started it.
# - GnuPG (gnupg: /usr/bin/gpg, gpgconf), with which the signature tests make keys and sign release
#   and graph-data image digests in a temporary home, as release tooling does; they fail, not skip,
#   without it.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
packages=()
if [ ! -x /usr/bin/docker-registry ] && [ -z "${COVINGTON_REGISTRY_BIN:-}" ]; then
  packages+=(docker-registry)
fi
if ! command -v kubectl >/dev/null 2>&1 && [ -z "${KUBECTL:-}" ]; then
  packages+=(kubernetes-client)
fi
if [ ! -x /usr/bin/chromium ]; then
  packages+=(chromium fonts-liberation) # fonts: installed without recommends, pages would render without any
fi
if [ ! -x /usr/bin/chromedriver ]; then
  packages+=(chromium-driver)
fi
if [ ! -e /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 ] && [ ! -e /usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1 ]; then
  packages+=(faketime)
fi
if ! command -v promtool >/dev/null 2>&1; then
  packages+=(prometheus)
fi
if ! command -v gpg >/dev/null 2>&1 || ! command -v gpgconf >/dev/null 2>&1; then
  packages+=(gnupg)
fi
if [ ${#packages[@]} -gt 0 ]; then
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${packages[@]}"
fi
# Where systemd runs, the registry package enables and starts its service on port 5000: stop it.
if command -v systemctl >/dev/null && systemctl is-active --quiet docker-registry 2>/dev/null; then
  $SUDO systemctl disable --now docker-registry || true
fi
# Likewise the prometheus package starts a Prometheus server on port 9090: only promtool is wanted.
if command -v systemctl >/dev/null && systemctl is-active --quiet prometheus 2>/dev/null; then
  $SUDO systemctl disable --now prometheus || true
fi
"${COVINGTON_REGISTRY_BIN:-/usr/bin/docker-registry}" --version
/usr/bin/chromedriver --version
promtool --version
gpg --version | head -1
