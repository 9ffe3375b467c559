#!/usr/bin/env bash
# Copies the dashboard's browser libraries from npm into the server's resources, so the server
# ships them and the browser never fetches anything from elsewhere (no CDN, no runtime download).
#
# Run it after changing package.json, and commit package-lock.json and the copied files:
#   graph-server/dashboard/vendor.sh
# npm runs with --ignore-scripts: nothing from the registry executes on this machine.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --ignore-scripts --no-audit --no-fund
out=../src/main/resources/io/covington/server/dashboard/vendor
rm -rf "$out"
mkdir -p "$out"
# cytoscape-dagre 4 bundles @dagrejs/dagre and @dagrejs/graphlib (MIT) into its own dist file.
cp node_modules/cytoscape/dist/cytoscape.min.js "$out/"
cp node_modules/cytoscape-dagre/dist/cytoscape-dagre.min.js "$out/"
cp node_modules/cytoscape/LICENSE "$out/cytoscape.LICENSE"
cp node_modules/cytoscape-dagre/LICENSE "$out/cytoscape-dagre.LICENSE"
echo "vendored:"
for p in cytoscape cytoscape-dagre; do
  node -e "const p=require('./node_modules/$p/package.json'); console.log('  ' + p.name + ' ' + p.version + ' (' + p.license + ')')"
done
