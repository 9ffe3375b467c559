#!/usr/bin/env python3
"""Write Covington's bundled OKD releases (a raw graph, reference graph-builder format).

Usage: make-okd-releases.py OUT.json

Release names are real OKD releases (okd-project/okd GitHub releases). Payload digests are NOT
real: they are sha256("covington-synthetic:okd:<version>"), deterministic, and marked in each
node's description. Machine OS ids are the real ones (FCOS up to 4.15, SCOS from 4.16); the OS
versions are the documented examples of protocols.md §4 where known, else marked approximate.
Edges are the CI-tested updates an OKD release image would declare in `previous`; the move from
FCOS to SCOS is NOT declared here (the first SCOS release lists no `previous`): graph-data adds it.
"""
import hashlib
import json
import sys

FCOS_REPO = "quay.io/openshift/okd"
SCOS_REPO = "quay.io/okd/scos-release"

# version, machine OS, OS version (as nodes report it), previous versions
RELEASES = [
    ("4.14.0-0.okd-2024-01-26-175629", "fcos", "39.20231101.3.0 (approximate)", []),
    ("4.15.0-0.okd-2024-01-27-070424", "fcos", "39.20240104.3.0 (approximate)", ["4.14.0-0.okd-2024-01-26-175629"]),
    ("4.15.0-0.okd-2024-02-23-163410", "fcos", "39.20240128.3.0 (approximate)",
     ["4.14.0-0.okd-2024-01-26-175629", "4.15.0-0.okd-2024-01-27-070424"]),
    ("4.15.0-0.okd-2024-03-10-010116", "fcos", "39.20240210.3.0",
     ["4.14.0-0.okd-2024-01-26-175629", "4.15.0-0.okd-2024-01-27-070424", "4.15.0-0.okd-2024-02-23-163410"]),
    ("4.16.0-okd-scos.1", "scos", "416.9.202411211032-0", []),
    ("4.17.0-okd-scos.0", "scos", "417.9.202412040942-0 (approximate)", ["4.16.0-okd-scos.1"]),
    ("4.17.0-okd-scos.3", "scos", "417.9.202502250949-0 (approximate)", ["4.16.0-okd-scos.1", "4.17.0-okd-scos.0"]),
]


def main(out):
    nodes, index = [], {}
    for version, os_id, os_version, _ in RELEASES:
        digest = hashlib.sha256(f"covington-synthetic:okd:{version}".encode()).hexdigest()
        repo = FCOS_REPO if os_id == "fcos" else SCOS_REPO
        index[version] = len(nodes)
        nodes.append({
            "version": version + "+amd64",
            "payload": f"{repo}@sha256:{digest}",
            "metadata": {
                "url": f"https://github.com/okd-project/okd/releases/tag/{version}",
                "description": "OKD release; payload digest synthesized by Covington (not the real image)",
                "io.openshift.upgrades.graph.release.manifestref": f"sha256:{digest}",
                "io.openshift.upgrades.graph.release.arch": "amd64",
                "machine-os.covington.io/id": os_id,
                "machine-os.covington.io/version": os_version,
                # The marker the dashboard shows a "synthetic" badge for: payload and manifestref are not real.
                "covington.io/synthetic": "payload",
            },
        })
    edges = [[index[p], index[v]] for v, _, _, prev in RELEASES for p in prev]
    with open(out, "w") as f:
        json.dump({"nodes": nodes, "edges": edges}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
