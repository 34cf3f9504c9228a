"""One command, one table: SafeDesk's speed at a council's scale, against anchors from the same run.

Builds (once, cached in .cache/benchmarks) desks of 0, 1,000, 10,000 and, with --full or when
cached, 100,000 drafts through SafeDesk's own services, measures every figure of issue 12 on
them in processes of their own, adds how each grew from the second largest size to the largest
(100k ÷ 10k in a full run), measures the Linux bundle (benchmarks/bundle.py; not in --quick),
prints the table and writes it to docs/performance.md.

Run: .venv/bin/python -m benchmarks [--quick] [--sizes 0,1000,10000] [--runs N] [--full]
"""

from __future__ import annotations

import argparse
import compileall
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import bundle, datasets, figures, report
from benchmarks.figures import Desk, Figure, MeasureError

LARGE = 100_000
DEFAULT_SIZES = (0, 1_000, 10_000)
QUICK_SIZES = (100, 1_000)  # two sizes, so that quick mode makes the growth rows too
DEFAULT_RUNS = 3
DOCUMENT = datasets.ROOT / "docs" / "performance.md"


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Measure SafeDesk at 0, 1k, 10k (and 100k) drafts; print one table and "
                    "write it to docs/performance.md.")
    parser.add_argument("--quick", action="store_true",
                        help="100 and 1,000 drafts only, one run each, a tiny session (what the "
                             "tests run); writes nothing unless --output is given")
    parser.add_argument("--sizes", help="comma-separated draft counts, e.g. 0,1000,10000")
    parser.add_argument("--runs", type=int, help=f"runs per figure (default {DEFAULT_RUNS})")
    parser.add_argument("--full", action="store_true",
                        help=f"include {LARGE:,} drafts (built first if not cached: long) and so "
                             "1M audit events")
    parser.add_argument("--output", type=Path,
                        help=f"where to write the table (default {DOCUMENT.relative_to(datasets.ROOT)}"
                             "; quick mode writes only here)")
    parser.add_argument("--cache", type=Path, default=datasets.DEFAULT_CACHE,
                        help="where data sets are kept between runs")
    args = parser.parse_args(argv)
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")
    try:
        sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else None
    except ValueError:
        parser.error(f"--sizes takes draft counts separated by commas, not {args.sizes!r}")
    if sizes is not None and any(s < 0 for s in sizes):
        parser.error("--sizes cannot be negative")
    args.size_list = sizes
    return args


def chosen_sizes(args: argparse.Namespace) -> list[int]:
    if args.size_list is not None:
        sizes = list(args.size_list)
    elif args.quick:
        sizes = list(QUICK_SIZES)
    else:
        sizes = list(DEFAULT_SIZES)
        if args.full or datasets.cached(LARGE, args.cache) is not None:
            sizes.append(LARGE)
    if args.full and LARGE not in sizes:
        sizes.append(LARGE)
    return sorted(set(sizes))


def say(text: str) -> None:
    print(f"[benchmarks] {text}", file=sys.stderr, flush=True)


def measure(args: argparse.Namespace, sizes: list[int],
            work: Path) -> tuple[list[Figure], list[datasets.Manifest]]:
    runs = args.runs or (1 if args.quick else DEFAULT_RUNS)
    warm_up = not args.quick
    made = {n: datasets.ensure(n, args.cache, say=say) for n in sorted({0, *sizes})}

    def desk(n: int) -> Desk:
        path, manifest = made[n]
        return Desk(n, datasets.copy_to(path, work), manifest)

    def fresh_copy(dataset: Path) -> Path:
        return datasets.copy_to(dataset, work)

    empty = desk(0)
    found: list[Figure] = []
    for n in sizes:
        here = empty if n == 0 else desk(n)
        say(f"{n:,} drafts: start-up, {runs} run(s)")
        found += figures.startup(here, runs, warm_up)
        if n == 0:
            continue
        say(f"{n:,} drafts: scripted session, {runs} run(s)")
        session = figures.session(made[n][0], n, runs, args.quick, fresh_copy)
        if any(f.key == "check" for f in found):  # size-free: once is enough
            session = [f for f in session if f.key not in {"check", "policy"}]
        found += session
        say(f"{n:,} drafts: history, queue list and audit verify, {runs} run(s)")
        found += figures.cli(here, empty, runs, warm_up)
    if not args.quick:  # two PyInstaller builds the first time: not for the tests' quick run
        say(f"the Linux bundle: size, start-up and memory on the empty desk, {runs} run(s)")
        found += bundle.figures(empty, runs, warm_up, args.cache, say)
    events = {n: manifest.events for n, (_, manifest) in made.items()}
    measured = [n for n in sizes if n > 0]
    if len(measured) >= 2:  # how the largest desk compares with the next: 100k ÷ 10k in full
        found += figures.growth(found, measured[-2], measured[-1], events)
    return found, [manifest for _, manifest in made.values()]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    sizes = chosen_sizes(args)
    started = datetime.now(UTC)
    machine = report.machine()
    began = time.perf_counter()
    # Measured as installed: pip byte-compiles what it installs, so a start reads bytecode. A
    # checkout run with PYTHONDONTWRITEBYTECODE would otherwise compile every module each start.
    compileall.compile_dir(datasets.ROOT / "safedesk", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="safedesk-bench-run-"))
    try:
        found, manifests = measure(args, sizes, work)
    except MeasureError as error:
        print(f"A MEASURED PROCESS FAILED, no table: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    command = "python -m benchmarks" + (" " + " ".join(argv if argv is not None else
                                                        sys.argv[1:])).rstrip()
    print(report.table(found))
    print()
    print(report.notes(found))
    say(f"measured in {time.perf_counter() - began:,.0f} s")
    output = args.output or (None if args.quick else DOCUMENT)
    if output is not None:
        report.write(output, report.document(found, manifests, command.strip(), started,
                                             machine))
        say(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
