#!/usr/bin/env bash
# Regenerates the golden renderings that deploy's tests compare against:
#   deploy/k8s/render.sh            (uses kubectl from PATH, or $KUBECTL)
# Review the diff of deploy/k8s/rendered/ like code: it is what the cluster will get.
set -euo pipefail
cd "$(dirname "$0")"
KUBECTL=${KUBECTL:-kubectl}
render() { "$KUBECTL" kustomize "$1" 2>/dev/null > "rendered/$2.yaml"; echo "rendered/$2.yaml"; }
render base base
for overlay in overlays/*/; do
  name=$(basename "$overlay")
  render "$overlay" "$name"
done
