#!/usr/bin/env python3
"""Derive Covington's bundled OpenShift releases from captured public update-service responses.

Usage: derive-bundled-releases.py OUT.json CAPTURE.json [CAPTURE.json ...]

Each capture is a real response of the public OpenShift update service for one channel (amd64).
The output is a raw graph in the reference graph-builder's format: node versions carry the
`+amd64` suffix, metadata keeps only what a release image itself provides (url, description,
manifest digest, arch), and the edges are the union of every capture's plain and conditional
updates -- i.e. what the release images' `previous` lists allowed before graph-data was applied.
Channel membership and blocked edges come from the graph-data, not from here.
"""
import json
import sys

KEEP = ("url", "description", "io.openshift.upgrades.graph.release.manifestref")


def main(out, captures):
    nodes = {}
    edges = set()
    for path in captures:
        with open(path) as f:
            graph = json.load(f)
        versions = [n["version"] for n in graph["nodes"]]
        for n in graph["nodes"]:
            meta = {k: n["metadata"][k] for k in KEEP if k in n.get("metadata", {})}
            meta["io.openshift.upgrades.graph.release.arch"] = "amd64"
            node = {"version": n["version"] + "+amd64", "payload": n["payload"], "metadata": meta}
            seen = nodes.setdefault(n["version"], node)
            if seen["payload"] != node["payload"]:
                sys.exit(f"{path}: {n['version']} has two payloads")
        for a, b in graph["edges"]:
            edges.add((versions[a], versions[b]))
        for group in graph.get("conditionalEdges", []):
            for e in group["edges"]:
                edges.add((e["from"], e["to"]))
    order = sorted(nodes)
    index = {v: i for i, v in enumerate(order)}
    result = {
        "nodes": [nodes[v] for v in order],
        "edges": sorted([index[a], index[b]] for a, b in edges),
    }
    with open(out, "w") as f:
        json.dump(result, f, indent=1, sort_keys=False)
        f.write("\n")
    print(f"{out}: {len(order)} releases, {len(edges)} edges", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
