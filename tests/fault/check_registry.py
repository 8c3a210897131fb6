"""Checks a model registry after a killed or failed `vv train` (tests/fault/run_fault.sh).

    check_registry.py ROOT [--no-leftovers]

Every version folder vN is whole (manifest.json parses, every file it lists is there with its
sha256), so no half-published version is visible; every alias (champion, challenger, history)
names such a version. With --no-leftovers, no .staging-*, .trash-* or *.tmp-* entry may remain.
Prints {model: {"champion", "dataset_fingerprint", "training_config_hash"}} on success; exits 1
naming each problem otherwise.
"""
import hashlib
import json
import os
import re
import sys


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_version(folder, problems):
    try:
        with open(os.path.join(folder, "manifest.json")) as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        problems.append(f"{folder}: manifest unreadable: {e}")
        return None
    for name, expected in manifest.get("files", {}).items():
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            problems.append(f"{path}: listed in the manifest, missing")
        elif sha256(path) != expected:
            problems.append(f"{path}: sha256 differs from the manifest (half written)")
    if not manifest.get("files"):
        problems.append(f"{folder}: manifest lists no files")
    return manifest


def check_model(folder, no_leftovers, problems):
    entries = os.listdir(folder)
    manifests = {}
    for entry in entries:
        if re.fullmatch(r"v[1-9][0-9]*", entry):
            manifests[entry] = check_version(os.path.join(folder, entry), problems)
        elif no_leftovers and (entry.startswith((".staging-", ".trash-")) or ".tmp-" in entry):
            problems.append(f"{os.path.join(folder, entry)}: leftover of a killed write")
    aliases = {}
    if "aliases.json" in entries:
        try:
            with open(os.path.join(folder, "aliases.json")) as f:
                aliases = json.load(f)
        except (OSError, ValueError) as e:
            problems.append(f"{folder}/aliases.json: unreadable: {e}")
    named = [aliases.get(a) for a in ("champion", "challenger")] + aliases.get("history", [])
    for version in filter(None, named):
        if version not in manifests:
            problems.append(f"{folder}: alias names {version}, which is not a whole version")
    champion = aliases.get("champion")
    manifest = manifests.get(champion) or {}
    return {"champion": champion,
            "dataset_fingerprint": manifest.get("dataset_fingerprint"),
            "training_config_hash": manifest.get("training_config_hash")}


def main():
    root = sys.argv[1]
    no_leftovers = "--no-leftovers" in sys.argv[2:]
    problems, summary = [], {}
    if os.path.isdir(root):
        for model in sorted(os.listdir(root)):
            folder = os.path.join(root, model)
            if os.path.isdir(folder):
                summary[model] = check_model(folder, no_leftovers, problems)
    for p in problems:
        print("registry problem: " + p, file=sys.stderr)
    print(json.dumps(summary, sort_keys=True))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
