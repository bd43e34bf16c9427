#!/usr/bin/env python3
"""Where the time of one `vpcelint check` goes, by phase, from a `perf record -g` profile.

Not a test and not part of the product: it reads `perf script` output (mangled Swift names) and counts each
sample once, in the phase of the outermost phase frame on its stack (load, model, rules, report...), with a
finer split inside some phases (each rule by its type name; the JSON report's node building apart from its
serialization; the topology inside the model). Samples of every thread count, so the shares are of CPU time,
not of wall time. With `time` in the fields, a second table gives, for the main thread, when each phase
starts there (its 1st percentile sample) and how long the thread is busy in it (its samples times the
sampling period); the phases run one after another on it, so the gap to the next phase is time it waited
for workers (or for the CPU, on a shared machine).

    perf record -g -o PROFILE vpcelint check --format json --output /tmp/report.json INPUT
    perf script -i PROFILE -F comm,tid,time,ip,sym --no-demangle | benchmarks/phases.py
"""

import collections
import re
import sys

# The outermost frame that matches one of these names the phase.
PHASES = [
    ("load (read, parse, convert)", re.compile(r"InputLoading|DocumentLoader|StreamingLoader|BatchQueue")),
    ("reconcile inputs", re.compile(r"InputReconciliation")),
    ("suppressions", re.compile(r"Suppressor")),
    ("model build", re.compile(r"ModelLoading|12NetworkModelAAV9documents12hubSelectors|inferTopologyIfNeeded")),
    ("release resources", re.compile(r"releaseResources|4HeldC7release")),
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
# A value witness or deinit that destroys a phase's value (the summary freed with the result at exit).
DESTROY = re.compile(r"(Vwxx|WOh|CfD|Cfd)$")
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
    # The outermost frame that names any phase decides (a report's frames may name the topology summary).
    for matched, name in ((f, name) for f in frames for name, pattern in PHASES if pattern.search(f)):
        if DESTROY.search(matched):
            return "free values (at exit)"
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
    times, run = {}, None
    main_thread = None
    for thread, tid, time, stack in samples(sys.stdin):
        phase = phase_of(thread, stack)
        counts[phase] += 1
        main_thread = main_thread or tid
        if time is not None and tid == main_thread and not phase.startswith("other"):
            times.setdefault(phase.split(":")[0], []).append(time)
        if time is not None:
            run = (min(run[0], time), max(run[1], time)) if run else (time, time)
    total = sum(counts.values()) or 1
    print(f"| phase | share of CPU samples ({total}) |")
    print("|---|---|")
    for name, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        if n * 200 >= total:  # 0.5% and up
            print(f"| {name} | {100 * n / total:.1f}% |")
    if times:
        every = sorted(t for values in times.values() for t in values)
        steps = sorted(b - a for a, b in zip(every, every[1:]) if b > a)
        period = steps[len(steps) // 2] if steps else 0
        print()
        print(f"Whole run: {run[1] - run[0]:.2f} s from first to last sample.")
        print()
        print("| phase | main thread: from, busy (samples x period) |")
        print("|---|---|")
        for name, values in sorted(times.items(), key=lambda kv: sorted(kv[1])[len(kv[1]) // 100]):
            values.sort()
            first = values[len(values) // 100] - run[0]
            print(f"| {name} | {first:.2f} s, {len(values) * period:.2f} s |")


main()
