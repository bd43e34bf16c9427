#!/usr/bin/env python3
"""Validates a vpcelint report against its schema; used by the tests and handy in CI.

    scripts/validate_report.py json  report.json     # schemas/report.schema.json
    scripts/validate_report.py sarif report.sarif    # schemas/sarif-schema-2.1.0.json, or --schema
    scripts/validate_report.py junit report.xml      # xmllint --schema schemas/junit.xsd, or --schema

Exit status 0 when valid, 1 with the first error on stderr when not, 2 on bad usage.
"""
import argparse
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCHEMAS = {
    "json": ROOT / "schemas" / "report.schema.json",
    "sarif": ROOT / "schemas" / "sarif-schema-2.1.0.json",
    "junit": ROOT / "schemas" / "junit.xsd",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=sorted(SCHEMAS))
    parser.add_argument("report")
    parser.add_argument("--schema", help="schema file (default: %(default)s per kind)")
    arguments = parser.parse_args()
    schema = pathlib.Path(arguments.schema) if arguments.schema else SCHEMAS[arguments.kind]
    if arguments.kind == "junit":
        run = subprocess.run(["xmllint", "--noout", "--schema", str(schema), arguments.report],
                             capture_output=True, text=True)
        if run.returncode != 0:
            print(run.stderr.strip(), file=sys.stderr)
            return 1
        return 0
    import jsonschema  # Debian python3-jsonschema

    with open(schema, encoding="utf-8") as handle:
        schema_document = json.load(handle)
    with open(arguments.report, encoding="utf-8") as handle:
        report = json.load(handle)
    validator = jsonschema.validators.validator_for(schema_document)
    validator.check_schema(schema_document)
    errors = sorted(validator(schema_document).iter_errors(report), key=lambda error: list(error.absolute_path))
    for error in errors[:5]:
        location = "/".join(str(part) for part in error.absolute_path) or "(root)"
        print(f"{arguments.report}: {location}: {error.message}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
