"""The scale benchmark: a synthetic province at several sizes, this project beside the naive
baseline, measured in the same run on the same machine.

    python bench/benchmark.py                       # 1,000, 10,000 and 100,000 records
    python bench/benchmark.py --sizes 1000,10000    # smaller run
    make bench                                       # the same, from the Makefile

For each size N it synthesises N records (`python -m generator synth`), then measures, each
command in its own process:

- ours: `validate` with an empty cache (cold) and again (warm cache); a full `build` into an
  empty output with an empty cache; three rebuilds, each after one more record changed (the
  table shows their median); `validate --changed-from HEAD` after the first change (the data
  folder is made a git repository);
- naive: the same records as one Markdown page each through a plain `mkdocs build` with
  Material and its search plugin (navigation pruned to the home page: with every page in the
  navigation the build grows with the square of the pages, see issue 5), at the sizes of
  --naive-sizes only (the larger ones are extrapolated linearly and marked “≈”); and the
  official `frictionless validate` over the same records exported to CSV + datapackage.json.

Figures: wall time (the disk synced before each command); peak memory of the builds as the
largest single process (wait4 maxrss) and as the peak of the whole process tree (sampled every
0.1 s, sum of PSS: pages shared by forked workers counted once; the other commands are not
sampled, the sampling itself costs CPU); output size and number of files; bytes a browser
downloads (gzip) for a first search query: for the naive site Material's whole
search_index.json, for ours the search manifest plus the shards of the query's terms and the
first result bucket, when the build has a tim-kiem/ index (skipped with a note otherwise).
Results go to stdout and to <out>/results.md and <out>/results.json.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable
QUERY = "dat dai"
SEARCH_MANIFESTS = ("tim-kiem/chi-muc.json", "tim-kiem/manifest.json")


# --- measuring one command ------------------------------------------------------------------

def _tree_memory(pid: int) -> tuple[int, int]:
    """(sum of RSS, sum of PSS) in bytes of a process and all its descendants. PSS shares each
    page among the processes mapping it, so forked workers are not counted twice."""
    rss = pss = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
            with open(f"/proc/{p}/task/{p}/children") as fh:
                todo += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            continue
    return rss, pss


def run(cmd: list[str], env: dict | None = None, cwd: Path | None = None, sample: bool = False) -> dict:
    """Run a command; its wall and CPU time, its largest process, and with `sample` the peak
    memory of its whole process tree (RSS and PSS sums, sampled every 0.1 s). The disk is
    synced first, so a command is not timed while the kernel writes back what the previous one
    wrote (the synthesised data and its git objects, a 2 GB site): that made single runs swing
    by 10 s. Only the builds, whose tree memory the table reports, are sampled: reading the
    PSS of a 1 GB process costs the kernel about 30 ms, and sampling a rebuild at 100,000
    records took 2.9 s of CPU from the command it measured on two cores (14.1 s against 11 s)."""
    os.sync()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env={**os.environ, **(env or {})}, cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0, 0]
    done = threading.Event()

    def sample_tree() -> None:
        while not done.is_set():
            rss, pss = _tree_memory(proc.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            done.wait(0.1)

    sampler = threading.Thread(target=sample_tree, daemon=True) if sample else None
    if sampler:
        sampler.start()
    err = proc.stderr.read()
    _, status, ru = os.wait4(proc.pid, 0)  # this command's own usage, its waited-for workers included
    proc.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    if sampler:
        sampler.join()
    wall = time.perf_counter() - start
    result = {"seconds": round(wall, 2), "rc": proc.returncode, "max_process_mb": round(ru.ru_maxrss / 1024),
              "tree_peak_mb": round(peak[0] / 2**20) if sample else None,
              "tree_pss_peak_mb": round(peak[1] / 2**20) if sample else None,
              "cpu_seconds": round(ru.ru_utime + ru.ru_stime, 1),
              "stderr_tail": err.decode("utf-8", "replace")[-600:]}
    if proc.returncode != 0:
        print(f"  ! {' '.join(cmd[:6])}… exited {proc.returncode}:\n{result['stderr_tail']}", file=sys.stderr)
    return result


def tree_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of files under a folder."""
    size = files = 0
    for dirpath, _dirs, names in os.walk(folder):
        for n in names:
            size += os.path.getsize(os.path.join(dirpath, n))
            files += 1
    return size, files


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


# --- first search query ---------------------------------------------------------------------

def first_query_bytes(site: Path) -> tuple[int | None, str]:
    """Compressed bytes a browser fetches for a first query on our site, or None and why not."""
    manifest = next((site / m for m in SEARCH_MANIFESTS if (site / m).exists()), None)
    if manifest is None:
        return None, "no tim-kiem/ search index in this build (built on another branch)"
    total = gz(manifest.read_bytes())
    try:
        from generator.publish import search
        meta = json.loads(manifest.read_bytes())
        files = {f"tim-kiem/s/{search.fnv1a(t) % meta['shards']}.json" for t in search.query_terms(QUERY)}
        files.add("tim-kiem/d/0.json")
        total += sum(gz((site / f).read_bytes()) for f in sorted(files) if (site / f).exists())
        return total, f"manifest + {len(files) - 1} shard(s) + first result bucket for “{QUERY}”"
    except (ImportError, AttributeError, KeyError, ValueError):
        return total, "manifest only (index format not known to the benchmark)"


# --- the naive baseline ---------------------------------------------------------------------

def naive_markdown(data: Path, docs: Path) -> int:
    """One Markdown page per record file, with every field, as a plain MkDocs site would have."""
    from generator.load import data_folder as load

    shutil.rmtree(docs, ignore_errors=True)
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Cổng công khai trách nhiệm giải trình\n", encoding="utf-8")
    loaded = load.load(data)
    count = 0
    made: set[Path] = set()
    for name, recs in loaded.records.items():
        if name in ("units", "plan_tasks"):
            continue
        for rec in recs:
            rid = str(rec.values.get("id"))
            target = docs / name / f"{rid}.md"
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            title = rec.values.get("subject") or rec.values.get("title") or rec.values.get("commitment") or rid
            lines = [f"# {title}", "", "| Trường | Giá trị |", "|---|---|"]
            lines += [f"| {k} | {str(v).strip()} |" for k, v in rec.values.items() if k not in ("request", "answer", "summary")]
            lines += ["", *(str(rec.values[k]).strip() + "\n" for k in ("request", "answer", "summary") if rec.values.get(k))]
            target.write_text("\n".join(lines), encoding="utf-8")
            count += 1
    return count


def naive_build(data: Path, work: Path) -> dict:
    pages = naive_markdown(data, work / "docs")
    (work / "mkdocs.yml").write_text(
        "site_name: Cổng công khai trách nhiệm giải trình\n"
        "theme:\n  name: material\n  language: vi\n"
        "plugins:\n  - search\n"
        "markdown_extensions:\n  - tables\n"
        "nav:\n  - Trang chủ: index.md\n"  # pruned navigation: all pages in the nav is quadratic
        "validation:\n  nav:\n    omitted_files: ignore\n", encoding="utf-8")
    shutil.rmtree(work / "site", ignore_errors=True)
    m = run([PY, "-m", "mkdocs", "build", "-q", "-f", str(work / "mkdocs.yml"), "-d", str(work / "site")], sample=True)
    size, files = tree_size(work / "site")
    index = work / "site" / "search" / "search_index.json"
    m.update(pages=pages, out_mb=round(size / 2**20, 1), files=files,
             search_bytes=gz(index.read_bytes()) if index.exists() else None,
             search_raw=index.stat().st_size if index.exists() else None)
    return m


def frictionless_export(data: Path, folder: Path) -> Path:
    """The records as one CSV per resource and a datapackage.json with our schemas."""
    from generator.schema import cell

    from generator import schema as std
    from generator.load import data_folder as load

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    loaded = load.load(data)
    resources = []
    for name in std.RESOURCES:
        sch = std.load(name)
        names = [f.name for f in sch.input_fields]
        with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(names)
            for r in loaded.records[name]:
                w.writerow([cell(r.values.get(n)) for n in names])
        resources.append({"name": name, "path": f"{name}.csv", "format": "csv", "encoding": "utf-8",
                          "schema": sch.frictionless(computed=False)})
    package = folder / "datapackage.json"
    package.write_text(json.dumps({"name": "giai-trinh", "resources": resources}, ensure_ascii=False),
                       encoding="utf-8")
    return package


def frictionless_validate(package: Path) -> dict:
    return run([PY, "-m", "frictionless", "validate", "--json", str(package)])


# --- ours -----------------------------------------------------------------------------------

def git(repo: Path, *args: str) -> None:
    """git in the synthetic data folder, without its automatic housekeeping: after the commit of
    100,000 new files, `git gc --auto` packed them in the background for about a minute on 1.4
    cores, and the cold validation timed next ran beside it (26.4 s against 18.8 s without)."""
    subprocess.run(["git", "-C", str(repo), "-c", "gc.auto=0", "-c", "maintenance.auto=false", *args],
                   check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
                        "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid"})


REBUILDS = 3  # rebuilds measured, each after one more record changed; the table shows their median


def change_one_record(data: Path, n: int = 0) -> Path:
    """Edit the subject of one explanation (a realistic one-record pull request); n picks another
    record for each rebuild measured."""
    found = sorted(data.glob("*/giai-trinh/*.yaml"))
    target = found[(len(found) // 2 + n * (len(found) // 7)) % len(found)]
    text = target.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith("subject: "):
            lines[i] = f"subject: Giải trình bổ sung ({n + 1}) về việc chậm cấp Giấy chứng nhận quyền sử dụng đất\n"
    target.write_text("".join(lines), encoding="utf-8")
    return target


def ours(size: int, base: Path, as_of: str, seed: int) -> dict:
    data, site, cache = base / f"data-{size}", base / f"site-{size}", base / f"cache-{size}"
    for p in (site, cache):
        shutil.rmtree(p, ignore_errors=True)
    gen = run([PY, "-m", "generator", "synth", "--records", str(size), "--out", str(data), "--seed", str(seed),
               "--as-of", as_of], cwd=ROOT)
    git(data, "init", "-q")
    git(data, "add", "-A")
    git(data, "commit", "-q", "-m", "synthetic province")
    env = {"GIAITRINH_CACHE": str(cache), "GIAITRINH_REMOVE_NOW": "1"}
    common = ["--data", str(data), "--as-of", as_of]
    r: dict = {"records": size, "synth": gen}
    r["validate_cold"] = run([PY, "-m", "generator", "validate", *common], env, ROOT)
    r["validate_warm"] = run([PY, "-m", "generator", "validate", *common], env, ROOT)
    shutil.rmtree(cache, ignore_errors=True)
    r["build"] = run([PY, "-m", "generator", "build", *common, "--out", str(site)], env, ROOT, sample=True)
    size_bytes, files = tree_size(site)
    r["build"].update(out_mb=round(size_bytes / 2**20, 1), files=files)
    r["search_bytes"], r["search_note"] = first_query_bytes(site)
    r["changed_files"], r["rebuilds"] = [], []
    for n in range(REBUILDS):  # the first right after the full build; --changed-from after the first change
        r["changed_files"].append(str(change_one_record(data, n).relative_to(data)))
        r["rebuilds"].append(run([PY, "-m", "generator", "build", *common, "--out", str(site)], env, ROOT))
        if n == 0:
            r["changed_from"] = run([PY, "-m", "generator", "validate", *common, "--changed-from", "HEAD"], env, ROOT)
    r["rebuild_one"] = sorted(r["rebuilds"], key=lambda m: m["seconds"])[REBUILDS // 2]
    git(data, "checkout", "-q", "--", ".")
    return r


# --- the table ------------------------------------------------------------------------------

def fmt_s(m: dict | None, approx: bool = False) -> str:
    if not m:
        return "–"
    if m.get("rc"):
        return f"failed ({m['rc']})"
    cpu = f" ({m['cpu_seconds']:.0f} s CPU)" if m.get("cpu_seconds") and not approx else ""
    return ("≈ " if approx else "") + f"{m['seconds']:.1f} s" + cpu


def fmt_mem(m: dict | None) -> str:
    if not m or m.get("rc"):
        return "–"
    return f"{m['max_process_mb']} / {m.get('tree_pss_peak_mb', '–')} MB"


def kb(n: int | None) -> str:
    return "–" if n is None else f"{n / 1024:.0f} KB"


def ratio(a: float | None, b: float | None) -> str:
    return "–" if not a or not b else f"{b / a:.1f}×"


def table(results: list[dict]) -> str:
    rows = ["| records | ours: validate cold / warm | naive: frictionless validate | ratio | ours: full build | "
            "naive: mkdocs build | ratio | ours: peak memory (largest process / tree PSS) | naive: peak memory | ours: output, files | "
            "naive: output, files | ours: first query (gzip) | naive: Material index (gzip) | "
            "ours: rebuild after 1 change | ours: validate --changed-from |",
            "|" + "---|" * 15]
    for r in results:
        o, n = r["ours"], r.get("naive") or {}
        nb, nf = n.get("mkdocs"), n.get("frictionless")
        approx = n.get("extrapolated", False)
        rows.append("| " + " | ".join([
            f"{o['records']:,}",
            f"{fmt_s(o['validate_cold'])} / {fmt_s(o['validate_warm'])}",
            fmt_s(nf),
            ratio(o["validate_warm"]["seconds"], nf and nf["seconds"]),
            fmt_s(o["build"]),
            fmt_s(nb, approx),
            ratio(o["build"]["seconds"], nb and nb["seconds"]),
            fmt_mem(o["build"]),
            fmt_mem(nb) if not approx else "–",
            f"{o['build'].get('out_mb', '–')} MB, {o['build'].get('files', '–'):,}",
            (("≈ " if approx else "") + f"{nb['out_mb']} MB, {nb['files']:,}") if nb and nb.get("files") else "–",
            kb(o["search_bytes"]) if o["search_bytes"] is not None else "skipped",
            (("≈ " if approx else "") + kb(nb.get("search_bytes"))) if nb else "–",
            fmt_s(o["rebuild_one"]),
            fmt_s(o["changed_from"]),
        ]) + " |")
    return "\n".join(rows)


def extrapolate(measured: dict[int, dict], size: int) -> dict | None:
    """A naive mkdocs figure for a size not measured: linear from the largest measured size."""
    if not measured:
        return None
    k = max(measured)
    m = measured[k]
    f = size / k
    return {"seconds": round(m["seconds"] * f, 1), "rc": 0, "tree_peak_mb": round(m["tree_peak_mb"] * f),
            "max_process_mb": round(m["max_process_mb"] * f),
            "out_mb": round(m["out_mb"] * f, 1), "files": round(m["files"] * f),
            "search_bytes": m["search_bytes"] and round(m["search_bytes"] * f), "from": k}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="1000,10000,100000", help="record counts, comma-separated")
    p.add_argument("--naive-sizes", default="1000,10000",
                   help="sizes at which the naive MkDocs build is measured (others are extrapolated)")
    p.add_argument("--out", default=str(ROOT / "bench-out"), help="working folder (default: bench-out/)")
    p.add_argument("--seed", type=int, default=53)
    p.add_argument("--as-of", default="2026-11-23")
    p.add_argument("--skip-naive", action="store_true", help="measure only this project")
    args = p.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",") if x]
    naive_sizes = {int(x) for x in args.naive_sizes.split(",") if x}
    base = Path(args.out).resolve()
    base.mkdir(parents=True, exist_ok=True)
    header = (f"Benchmark {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {platform.node()}: "
              f"{os.cpu_count()} CPUs, Python {platform.python_version()}, load average at start "
              f"{os.getloadavg()[0]:.1f}")
    print(header, file=sys.stderr)
    results, measured_naive = [], {}
    for size in sizes:
        print(f"· {size:,} records: ours…", file=sys.stderr)
        r = {"ours": ours(size, base, args.as_of, args.seed)}
        if not args.skip_naive:
            print(f"· {size:,} records: frictionless validate…", file=sys.stderr)
            naive: dict = {"frictionless": frictionless_validate(frictionless_export(base / f"data-{size}",
                                                                                     base / f"fl-{size}"))}
            if size in naive_sizes:
                print(f"· {size:,} records: naive mkdocs build…", file=sys.stderr)
                naive["mkdocs"] = measured_naive[size] = naive_build(base / f"data-{size}", base / f"naive-{size}")
                shutil.rmtree(base / f"naive-{size}" / "site", ignore_errors=True)
            else:
                naive["mkdocs"], naive["extrapolated"] = extrapolate(measured_naive, size), True
            r["naive"] = naive
        results.append(r)
        print(table(results).splitlines()[-1], file=sys.stderr)
    text = "\n".join([header, "", table(results), "",
                      "≈: extrapolated linearly from the largest measured naive size. Times are wall clock, "
                      "with the CPU seconds of the command and its workers in brackets. Peak memory: the "
                      "largest single process (maxrss), and the peak of the whole process tree's PSS "
                      "(sampled every 0.1 s; shared pages of forked workers counted once). Rebuild: the "
                      f"median of {REBUILDS} rebuilds, each after one more record changed, the first right "
                      "after the full build.",
                      *(f"- {r['ours']['records']:,}: first query: {r['ours']['search_note']}; rebuilds: "
                        + ", ".join(f"{m['seconds']:.1f} s" for m in r["ours"]["rebuilds"]) for r in results)])
    print(text)
    (base / "results.md").write_text(text + "\n", encoding="utf-8")
    (base / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
