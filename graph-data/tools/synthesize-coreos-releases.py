#!/usr/bin/env python3
"""Synthesize Covington's bundled Fedora CoreOS release indexes from the real stream metadata.

Usage: synthesize-coreos-releases.py CORPUS_FCOS_DIR OUT_DIR

CORPUS_FCOS_DIR is a checkout of coreos/fedora-coreos-streams (its `updates/` and `streams/`
folders are read). For each stream (stable, testing, next) this writes
OUT_DIR/<stream>/updates.json (a byte-for-byte copy of the real updates metadata) and
OUT_DIR/<stream>/releases.json, a release index in the layout of
https://builds.coreos.fedoraproject.org/prod/streams/<stream>/releases.json.

No real release index is published in any public repository, so the index is synthesized:

- versions: every version named in updates/<stream>.json plus the current release of
  streams/<stream>.json (all real versions); nothing is invented;
- order (= age_index): oldest first by the build date in the version (second field,
  YYYYMMDD), ties kept in updates.json order;
- OSTree commit checksums and OCI image digests: the public data has none for these
  versions, so each is sha256("covington-synthetic:<version>:<arch>") for commits and
  sha256("covington-synthetic-oci:<version>:<arch>") for images -- deterministic, and
  recognisably fake;
- architectures (synthetic availability, to exercise "no payload for this arch"): x86_64
  for every release; aarch64 from Fedora 34 on; ppc64le and s390x from Fedora 36 on;
- OCI images (quay.io/fedora/fedora-coreos, the real repository) from Fedora 39 on.

The script is deterministic: running it twice gives identical files.
"""
import hashlib
import json
import os
import shutil
import sys

# What the bundled index marks as synthesized ("covington.io/synthetic"), shown by the dashboard.
SYNTHETIC = "OSTree checksums, OCI image digests and architecture availability"

STREAMS = ("stable", "testing", "next")
OCI_REPO = "quay.io/fedora/fedora-coreos"


def sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fedora_major(version):
    return int(version.split(".")[0])


def build_date(version):
    return version.split(".")[1]


def arches_for(version):
    major = fedora_major(version)
    arches = ["x86_64"]
    if major >= 34:
        arches.append("aarch64")
    if major >= 36:
        arches += ["ppc64le", "s390x"]
    return arches


def release_entry(stream, version):
    arches = arches_for(version)
    entry = {
        "version": version,
        "metadata": f"https://builds.coreos.fedoraproject.org/prod/streams/{stream}/builds/{version}/release.json",
        "commits": [
            {"architecture": a, "checksum": sha256(f"covington-synthetic:{version}:{a}")} for a in arches
        ],
    }
    if fedora_major(version) >= 39:
        entry["oci-images"] = [
            {
                "architecture": a,
                "image": OCI_REPO,
                "digest-ref": f"{OCI_REPO}@sha256:" + sha256(f"covington-synthetic-oci:{version}:{a}"),
            }
            for a in arches
        ]
    return entry


def synthesize(corpus, out, stream):
    updates_path = os.path.join(corpus, "updates", f"{stream}.json")
    with open(updates_path) as f:
        updates = json.load(f)
    with open(os.path.join(corpus, "streams", f"{stream}.json")) as f:
        stream_meta = json.load(f)
    versions = [r["version"] for r in updates["releases"]]
    for arch in stream_meta["architectures"].values():
        for artifact in arch["artifacts"].values():
            if artifact["release"] not in versions:
                versions.append(artifact["release"])
    # sorted() is stable: releases built the same day keep their updates.json order.
    versions = sorted(versions, key=build_date)
    index = {
        "note": "SYNTHESIZED by Covington (graph-data/tools/synthesize-coreos-releases.py): "
        "real versions, generated checksums and digests. Not a Fedora CoreOS document.",
        # What the server reports as synthetic (/v1/streams "synthetic", the dashboard's badge).
        "covington.io/synthetic": SYNTHETIC,
        "stream": stream,
        "metadata": {"last-modified": updates["metadata"]["last-modified"]},
        "releases": [release_entry(stream, v) for v in versions],
    }
    os.makedirs(os.path.join(out, stream), exist_ok=True)
    with open(os.path.join(out, stream, "releases.json"), "w") as f:
        json.dump(index, f, indent=2)
        f.write("\n")
    shutil.copyfile(updates_path, os.path.join(out, stream, "updates.json"))
    print(f"{stream}: {len(versions)} releases", file=sys.stderr)


def main(corpus, out):
    for stream in STREAMS:
        synthesize(corpus, out, stream)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
