#!/usr/bin/env python3
"""Checks the integration examples against a built vpcelint:

    scripts/check_examples.py .build/debug/vpcelint

Parses every YAML example (PyYAML), finds each `vpcelint` command in it and runs that command with the
given binary on a copy of fixtures/three-spokes standing in for `states/`: it must exit 0 or 1 (never 2, a
usage error) and write the files its `--output FORMAT=FILE` options name. The file the CI system picks up
(upload-sarif's `sarif_file`, GitLab's `reports: junit:`) must be one of those. A job that builds vpcelint
runs `apt-get update` before `apt-get install`, which names every package the build needs. The pre-commit
config must use a hook that .pre-commit-hooks.yaml defines. Exit status 0 when all hold, 1 otherwise.
"""
import pathlib
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

import yaml  # Debian python3-yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "three-spokes"
# What `swift build` needs besides Swift (README "Install"): json-c and pkg-config for CJSONC, mimalloc for the loader.
BUILD_PACKAGES = {"libjson-c-dev", "libmimalloc-dev", "pkg-config"}
problems = []


def problem(text):
    problems.append(text)
    print(f"check_examples: {text}", file=sys.stderr)


def commands(script):
    """The `vpcelint ...` commands in a shell script (folded lines joined), as argument lists."""
    found = []
    for line in script.replace("\\\n", " ").splitlines():
        words = shlex.split(line, comments=True)
        if words and words[0] == "vpcelint":
            found.append(words[1:])
    return found


def apt_commands(script, where):
    """A fresh runner's package lists are stale or empty: `apt-get update` must come before `apt-get install`,
    and the install must name every package the build needs."""
    updated = False
    for line in script.replace("\\\n", " ").splitlines():
        for command in re.split(r"&&|;", line):
            words = [word for word in shlex.split(command, comments=True) if word != "sudo"]
            if words[:2] == ["apt-get", "update"]:
                updated = True
            elif words[:2] == ["apt-get", "install"]:
                if not updated:
                    problem(f"{where}: apt-get install without an apt-get update before it")
                missing = BUILD_PACKAGES - set(words)
                if missing:
                    problem(f"{where}: apt-get install lacks {', '.join(sorted(missing))}")


def run(binary, arguments, where):
    """Runs vpcelint ARGUMENTS in a scratch folder whose states/ holds the fixture; returns written outputs."""
    with tempfile.TemporaryDirectory() as scratch:
        states = pathlib.Path(scratch) / "states"
        states.mkdir()
        for file in FIXTURE.glob("*.show.json"):
            shutil.copy(file, states / file.name.replace(".show", ""))
        completed = subprocess.run([binary, *arguments], cwd=scratch, capture_output=True, text=True)
        if completed.returncode not in (0, 1):
            problem(f"{where}: vpcelint {' '.join(arguments)} exited {completed.returncode}: {completed.stderr}")
        outputs = {}
        for index, argument in enumerate(arguments[:-1]):
            if argument == "--output" and "=" in arguments[index + 1]:
                fmt, path = arguments[index + 1].split("=", 1)
                outputs[fmt] = path
                if not (pathlib.Path(scratch) / path).is_file():
                    problem(f"{where}: --output {fmt}={path} wrote no file")
        return outputs


def github_workflow(binary):
    path = ROOT / "examples" / "github-actions" / "vpcelint.yml"
    workflow = yaml.safe_load(path.read_text())
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    apt_commands("\n".join(step.get("run", "") for step in steps), path.name)
    outputs = {}
    for step in steps:
        for arguments in commands(step.get("run", "")):
            outputs.update(run(binary, arguments, path.name))
    uploads = [step for step in steps if str(step.get("uses", "")).startswith("github/codeql-action/upload-sarif@")]
    if len(uploads) != 1:
        problem(f"{path.name}: expected one github/codeql-action/upload-sarif step")
    elif uploads[0]["with"]["sarif_file"] != outputs.get("sarif"):
        problem(f"{path.name}: upload-sarif uploads {uploads[0]['with']['sarif_file']}, vpcelint writes {outputs.get('sarif')}")
    if "security-events" not in workflow.get("permissions", {}):
        problem(f"{path.name}: upload-sarif needs permissions: security-events: write")


def gitlab(binary):
    path = ROOT / "examples" / "gitlab-ci" / ".gitlab-ci.yml"
    pipeline = yaml.safe_load(path.read_text())
    job = pipeline["vpcelint"]
    apt_commands("\n".join(job.get("before_script", []) + job["script"]), path.name)
    outputs = {}
    for line in job["script"]:
        for arguments in commands(line):
            outputs.update(run(binary, arguments, path.name))
    junit = job["artifacts"]["reports"]["junit"]
    if junit != outputs.get("junit"):
        problem(f"{path.name}: reports: junit: {junit}, but vpcelint writes {outputs.get('junit')}")
    if job["artifacts"].get("when") != "always":
        problem(f"{path.name}: artifacts need when: always, or a failing gate loses its report")


def pre_commit(binary):
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    config = yaml.safe_load((ROOT / "examples" / "pre-commit" / ".pre-commit-config.yaml").read_text())
    by_id = {hook["id"]: hook for hook in hooks}
    for repository in config["repos"]:
        for used in repository["hooks"]:
            hook = by_id.get(used["id"])
            if hook is None:
                problem(f".pre-commit-config.yaml: hook {used['id']} is not in .pre-commit-hooks.yaml")
                continue
            entry = shlex.split(hook["entry"])
            if entry[0] != "vpcelint":
                problem(f".pre-commit-hooks.yaml: entry {hook['entry']} does not run vpcelint")
            files = [f"states/{name.name.replace('.show', '')}" for name in FIXTURE.glob("*.show.json")]
            run(binary, entry[1:] + [str(argument) for argument in used.get("args", [])] + sorted(files),
                ".pre-commit-config.yaml")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary = str(pathlib.Path(sys.argv[1]).resolve())
    github_workflow(binary)
    gitlab(binary)
    pre_commit(binary)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
