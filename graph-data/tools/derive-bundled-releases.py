#!/usr/bin/env python3
"""Derive Covington's bundled OpenShift releases from captured public update-service responses.

Usage: derive-bundled-releases.py OUT.json [--raw RAW.json] CAPTURE.json [CAPTURE.json ...]

Each capture is a real response of the public OpenShift update service for one channel (amd64).
The output is a raw graph in the reference graph-builder's format: node versions carry the
`+amd64` suffix, metadata keeps only what a release image itself provides (url, description,
manifest digest, arch), and the edges are

- the union of every capture's plain and conditional updates -- what the release images'
  `previous` lists allowed, minus what graph-data blocked unconditionally at capture time;
- with --raw, the edges of a real raw graph-builder graph (before graph-data; the reference
  server's 2021 test fixture) between two amd64 releases that are in the captures with the same
  payload. These are real `previous` entries that graph-data blocks, so the bundled data gives the
  unconditional blocks real work to do.

Channel membership and blocked edges come from the graph-data, not from here. Releases are
written in version order (numeric, then pre-release); edges as sorted index pairs, so the output
is deterministic.
"""
import json
import re
import sys

KEEP = ("url", "description", "io.openshift.upgrades.graph.release.manifestref")
ARCH = "amd64"


def version_key(v):
    core, _, pre = v.partition("-")
    nums = [int(x) for x in re.findall(r"\d+", core)]
    # A release sorts after its pre-releases, as in SemVer.
    return (nums, 0 if pre else 1, [(0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"[.-]", pre)] if pre else [])


def read_captures(captures):
    nodes = {}
    edges = set()
    for path in captures:
        with open(path) as f:
            graph = json.load(f)
        versions = [n["version"] for n in graph["nodes"]]
        for n in graph["nodes"]:
            meta = {k: n["metadata"][k] for k in KEEP if k in n.get("metadata", {})}
            meta["io.openshift.upgrades.graph.release.arch"] = ARCH
            node = {"version": n["version"] + "+" + ARCH, "payload": n["payload"], "metadata": meta}
            seen = nodes.setdefault(n["version"], node)
            if seen["payload"] != node["payload"]:
                sys.exit(f"{path}: {n['version']} has two payloads")
            if seen["metadata"] != node["metadata"]:
                sys.exit(f"{path}: {n['version']} has other metadata than in an earlier capture")
        for a, b in graph["edges"]:
            edges.add((versions[a], versions[b]))
        for group in graph.get("conditionalEdges", []):
            for e in group["edges"]:
                edges.add((e["from"], e["to"]))
    return nodes, edges


def raw_edges(path, nodes):
    """Edges of a raw graph between amd64 releases that the captures have with the same payload."""
    with open(path) as f:
        graph = json.load(f)
    amd64 = {}
    for i, n in enumerate(graph["nodes"]):
        version = n["version"]
        if version.endswith("+" + ARCH) and "payload" in n:
            amd64[i] = (version[: -len(ARCH) - 1], n["payload"])
    result = set()
    for a, b in graph["edges"]:
        if a in amd64 and b in amd64:
            (va, pa), (vb, pb) = amd64[a], amd64[b]
            if va in nodes and vb in nodes and nodes[va]["payload"] == pa and nodes[vb]["payload"] == pb:
                result.add((va, vb))
    return result


def main(argv):
    out = argv[0]
    rest = argv[1:]
    raw = None
    if rest[:1] == ["--raw"]:
        raw, rest = rest[1], rest[2:]
    nodes, edges = read_captures(rest)
    captured = len(edges)
    added = 0
    if raw:
        extra = raw_edges(raw, nodes) - edges
        added = len(extra)
        edges |= extra
    order = sorted(nodes, key=version_key)
    index = {v: i for i, v in enumerate(order)}
    result = {
        "nodes": [nodes[v] for v in order],
        "edges": sorted([index[a], index[b]] for a, b in edges),
    }
    with open(out, "w") as f:
        json.dump(result, f, indent=1, sort_keys=False)
        f.write("\n")
    print(f"{out}: {len(order)} releases from {len(rest)} captures, {len(edges)} edges "
          f"({captured} captured, {added} from the raw graph only)", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
