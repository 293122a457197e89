#!/usr/bin/env python3
"""Checks captured MQTT messages against docs/asyncapi.yaml.

Usage: check-payloads.py ASYNCAPI_YAML CAPTURE [--require-all]

CAPTURE holds `mosquitto_sub -v` output: one `TOPIC PAYLOAD` per line. Each
topic must match exactly one channel address ({param} = one topic level,
except {prefix}, which may span levels); each payload must be JSON that
validates against that channel's message schema. With --require-all, every
channel must have received at least one message. Exit 0 when all is well.
"""
import json
import re
import sys

import jsonschema
import yaml


def channel_patterns(doc):
    patterns = []
    for name, channel in doc["channels"].items():
        address = channel["address"]
        regex = re.escape(address)
        regex = regex.replace(re.escape("{prefix}"), "(?P<prefix>.+)")
        regex = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", regex)
        message = next(iter(channel["messages"].values()))
        ref = message["$ref"].split("/")[-1]
        payload_ref = doc["components"]["messages"][ref]["payload"]["$ref"]
        patterns.append((name, re.compile("^" + regex + "$"), payload_ref))
    return patterns


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    require_all = "--require-all" in sys.argv
    with open(args[0]) as f:
        doc = yaml.safe_load(f)
    assert doc.get("asyncapi", "").startswith("3."), "not an AsyncAPI 3 document"
    patterns = channel_patterns(doc)
    seen = {name: 0 for name, _, _ in patterns}
    problems = []
    with open(args[1], encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f if line.strip()]
    for number, line in enumerate(lines, 1):
        topic, _, payload = line.partition(" ")
        matches = [(n, ref) for n, rx, ref in patterns if rx.match(topic)]
        if len(matches) != 1:
            problems.append(f"line {number}: topic {topic!r} matches {len(matches)} channels")
            continue
        name, ref = matches[0]
        seen[name] += 1
        try:
            value = json.loads(payload, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(f"{c} is not JSON")))
        except ValueError as error:
            problems.append(f"line {number}: {topic}: not JSON: {error}")
            continue
        schema = {"$ref": ref, "components": doc["components"]}
        validator = jsonschema.Draft7Validator(schema)
        for error in validator.iter_errors(value):
            path = "/".join(str(p) for p in error.absolute_path)
            problems.append(f"line {number}: {topic}: {path or '(root)'}: {error.message}")
    if require_all:
        for name, count in seen.items():
            if count == 0:
                problems.append(f"channel {name}: no message captured")
    for problem in problems:
        print(problem)
    print(f"checked {len(lines)} messages: " + ", ".join(f"{n}={c}" for n, c in seen.items()) + f"; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
