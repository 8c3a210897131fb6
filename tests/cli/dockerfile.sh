#!/usr/bin/env bash
# deploy/Dockerfile without docker (not available on the test machine): a build stage and a slim
# runtime stage with no compiler, node or browser, a non-root USER, a HEALTHCHECK on /readyz,
# volumes for the store and the registry, the binary copied from the build stage, and every
# library the built vv links (readelf NEEDED) installed by a runtime package.
set -euo pipefail
VV=${1:?usage: dockerfile.sh path/to/vv}
SRC=${VV_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
python3 - "$SRC/deploy/Dockerfile" "$VV" <<'PY'
import os, re, shlex, subprocess, sys

path, vv = sys.argv[1], sys.argv[2]
text = open(path).read()
# Instructions: continuation lines joined, comments dropped.
lines, cur = [], ""
for raw in text.splitlines():
    s = raw.strip()
    if not cur and (not s or s.startswith("#")):
        continue
    cur += " " + s[:-1] if s.endswith("\\") else " " + s
    if not s.endswith("\\"):
        lines.append(cur.strip()); cur = ""
stages = []
for line in lines:
    op, _, rest = line.partition(" ")
    op = op.upper()
    if op == "FROM":
        m = re.match(r"(\S+)(?:\s+AS\s+(\S+))?", rest, re.I)
        stages.append({"image": m.group(1), "name": m.group(2), "ins": []})
    else:
        assert stages, f"{path}: {op} before FROM"
        stages[-1]["ins"].append((op, rest))

def fail(msg):
    sys.exit(f"FAIL: {path}: {msg}")

if len(stages) < 2: fail(f"{len(stages)} stage(s); want a build stage and a runtime stage")
build, runtime = stages[0], stages[-1]
if not build["name"]: fail("the build stage has no name (FROM ... AS build)")
if not runtime["image"].endswith("-slim"): fail(f"runtime image {runtime['image']} is not a slim one")
ops = [op for op, _ in runtime["ins"]]

# No compilers, node or browsers in the runtime stage.
forbidden = re.compile(r"\b(build-essential|gcc|g\+\+|clang\S*|cmake|make|nodejs|npm|chromium\S*|"
                       r"firefox\S*|[a-z0-9.+-]+-dev)\b")
installed = set()
for op, rest in runtime["ins"]:
    if op != "RUN": continue
    if "install-deps.sh" in rest or "build.sh" in rest: fail("the runtime stage runs the build scripts")
    for cmd in rest.split("&&"):
        words = shlex.split(cmd)
        if "apt-get" in words and "install" in words:
            pkgs = [w for w in words[words.index("install") + 1:] if not w.startswith("-")]
            installed.update(pkgs)
bad = sorted(p for p in installed if forbidden.fullmatch(p))
if bad: fail(f"the runtime stage installs build tools or browsers: {bad}")

# Non-root user, last USER wins.
users = [rest.split()[0] for op, rest in runtime["ins"] if op == "USER"]
if not users or users[-1] in ("root", "0") or users[-1].startswith("0:"):
    fail(f"the runtime stage runs as {users[-1] if users else 'root (no USER)'}")

# HEALTHCHECK on /readyz.
hc = [rest for op, rest in runtime["ins"] if op == "HEALTHCHECK"]
if not hc or "/readyz" not in hc[-1]: fail("no HEALTHCHECK probing /readyz")

# Volumes for the store and the registry, and the environment pointing into them.
vols = " ".join(rest for op, rest in runtime["ins"] if op == "VOLUME")
env = " ".join(rest for op, rest in runtime["ins"] if op == "ENV")
for what, var in (("store", "VV_DB"), ("models", "VV_REGISTRY")):
    m = re.search(var + r"=(?:sqlite:)?(\S+)", env)
    if not m: fail(f"no ENV {var}")
    target = m.group(1)
    if not any(target.startswith(v.strip('[]",')) for v in vols.split()):
        fail(f"{var}={target} is not on a VOLUME ({vols})")

# The binary comes from the build stage.
copies = [rest for op, rest in runtime["ins"] if op == "COPY"]
if not any(f"--from={build['name']}" in c and "/bin/vv" in c for c in copies):
    fail("vv is not copied from the build stage")

# Every library vv needs comes from an installed runtime package (or the base image's libc).
if os.path.exists(vv) and subprocess.run(["which", "dpkg"], capture_output=True).returncode == 0:
    needed = re.findall(r"\(NEEDED\).*\[(.+)\]", subprocess.run(
        ["readelf", "-d", vv], capture_output=True, text=True).stdout)
    paths = dict(re.findall(r"^\s*(\S+) => (\S+)", subprocess.run(
        ["ldd", vv], capture_output=True, text=True).stdout, re.M))
    base = {"libc6", "libstdc++6", "libgcc-s1"}
    missing = []
    for lib in needed:
        # dpkg knows a file by the path its package installed (/lib or /usr/lib: usrmerge).
        where = paths.get(lib, lib)
        candidates = {where, os.path.realpath(where)}
        candidates |= {c.replace("/usr/lib/", "/lib/", 1) for c in list(candidates)}
        candidates |= {c.replace("/lib/", "/usr/lib/", 1) for c in list(candidates) if c.startswith("/lib/")}
        pkg = "?"
        for c in candidates:
            out = subprocess.run(["dpkg", "-S", c], capture_output=True, text=True).stdout
            if out:
                pkg = out.split(":")[0]
                break
        if pkg not in base and pkg not in installed:
            missing.append(f"{lib} ({pkg})")
    if missing: fail(f"the runtime stage lacks packages for: {missing}")
print(f"dockerfile.sh: ok ({len(stages)} stages, user {users[-1]}, {len(installed)} runtime packages)")
PY
