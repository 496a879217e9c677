#!/usr/bin/env python3
"""Prints, for every RFC 4475 message, the MANIFEST's expected class and what
`dialtone parse --json` says. Usage: scripts/corpus-verdicts.py [DIALTONE]"""
import json, subprocess, sys
binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/dialtone"
folder = "Tests/SIPCoreTests/Fixtures/rfc4475"
rows = [line.rstrip("\n").split("\t") for line in open(f"{folder}/MANIFEST.tsv")][1:]
for name, section, expected, *_ in rows:
    out = subprocess.run([binary, "parse", "--json", f"{folder}/{name}.dat"], capture_output=True)
    try:
        d = json.loads(out.stdout.decode().splitlines()[0])
    except Exception:
        print(f"{name:11} {expected:27} NO JSON: {out.stderr.decode()[:200]!r}")
        continue
    where = f"{d.get('line', '')}:{d.get('column', '')}"
    print(f"{name:11} {expected:27} valid={str(d['valid']):5} code={d.get('response_code')} {where} {d.get('error', '')[:80]}")
