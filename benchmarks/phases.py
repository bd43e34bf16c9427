#!/usr/bin/env python3
"""Where the time of one `vpcelint check` goes, by phase, from a `perf record -g` profile.

Not a test and not part of the product: it reads `perf script` output (mangled Swift names) and counts each
sample once, in the phase of the outermost phase frame on its stack (load, model, rules, report...), with a
finer split inside some phases (each rule by its type name; the JSON report's node building apart from its
serialization; the topology inside the model). Samples of every thread count, so the shares are of CPU time,
not of wall time. With `time` in the fields, a second table gives each phase's wall-clock span on the main
thread (first to last sample of the phase there; the phases run one after another on it, and time it
spends waiting for workers falls inside the span of the phase that waits).

    perf record -g -o PROFILE vpcelint check --format json --output /tmp/report.json INPUT
    perf script -i PROFILE -F comm,tid,time,ip,sym --no-demangle | benchmarks/phases.py
"""

import collections
import re
import sys

# Checked from the outermost frame inwards; the first that matches names the phase.
PHASES = [
    ("load (read, parse, convert)", re.compile(r"InputLoading|DocumentLoader|StreamingLoader|BatchQueue")),
    ("reconcile inputs", re.compile(r"InputReconciliation")),
    ("suppressions", re.compile(r"Suppressor")),
    ("model build", re.compile(r"ModelLoading|12NetworkModelAAV9documents12hubSelectors")),
    ("rules", re.compile(r"8LintCore6LinterV")),
    ("topology summary", re.compile(r"TopologySummary")),
    ("topology graph", re.compile(r"TopologyGraph|ResourceOwners")),
    ("run notices", re.compile(r"RunNotices")),
    ("report paths", re.compile(r"ReportLocating")),
    ("report", re.compile(r"ReportOutputsO6render|JSONReporter")),
    ("write files", re.compile(r"Output0A11Transaction")),
    ("free the model", re.compile(r"12NetworkModelAAVWOh")),
]
# json-c and the allocator are built without frame pointers: their samples often lose the frames above them.
JSONC = re.compile(r"^(json_|lh_|printbuf_)")
WORKER = "oot.default-qos"  # dispatch worker threads: mostly the loader (rules name themselves)
RULE = re.compile(r"BuiltInRules\d+(\w+?Rule)V5check")
TOPOLOGY = re.compile(r"inferTopology")
SERIALIZE = re.compile(r"JSONNodeO5write|JSONBytes")


def samples(lines):
    """(thread name, thread id, time or None, frames innermost first) of each sample."""
    stack, header = [], None
    for line in lines:
        if not line.strip():
            if header is not None:
                yield header + (stack,)
            stack, header = [], None
        elif line[0] not in " \t":
            fields = line.split()
            time = float(fields[2].rstrip(":")) if len(fields) > 2 and fields[2].rstrip(":")[:1].isdigit() else None
            header = (fields[0], fields[1], time)
        else:
            parts = line.split(None, 1)
            stack.append(parts[1].strip() if len(parts) > 1 else "")
    if header is not None:
        yield header + (stack,)


def phase_of(thread, stack):
    frames = list(reversed(stack))  # outermost first
    for name, pattern in PHASES:
        if any(pattern.search(f) for f in frames):
            if name == "rules":
                rules = [m.group(1) for f in frames for m in [RULE.search(f)] if m]
                return "rules: " + (rules[0] if rules else "(sort, dedupe)")
            if name == "model build" and any(TOPOLOGY.search(f) for f in frames):
                return "model build: topology"
            if name == "report":
                return "report: " + ("serialize" if any(SERIALIZE.search(f) for f in frames) else "build")
            return name
    if any(JSONC.search(f) for f in stack):
        return "load (read, parse, convert)"
    if thread.endswith(WORKER):
        return "load (read, parse, convert)"
    return "other (start, exit, allocator and page faults without a stack)"


def main():
    counts = collections.Counter()
    spans = {}
    main_thread = None
    for thread, tid, time, stack in samples(sys.stdin):
        phase = phase_of(thread, stack)
        counts[phase] += 1
        main_thread = main_thread or tid
        if time is not None and tid == main_thread and not phase.startswith("other"):
            phase = phase.split(":")[0]
            first, last = spans.get(phase, (time, time))
            spans[phase] = (min(first, time), max(last, time))
    total = sum(counts.values()) or 1
    print(f"| phase | share of CPU samples ({total}) |")
    print("|---|---|")
    for name, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        if n * 200 >= total:  # 0.5% and up
            print(f"| {name} | {100 * n / total:.1f}% |")
    if spans:
        start = min(first for first, _ in spans.values())
        print()
        print("| phase | wall-clock span on the main thread |")
        print("|---|---|")
        for name, (first, last) in sorted(spans.items(), key=lambda kv: kv[1][0]):
            print(f"| {name} | {first - start:.2f} s to {last - start:.2f} s ({last - first:.2f} s) |")


main()
