"""The JSON Schema of a category file, published in the site so editors can complete and check fields."""

from __future__ import annotations

import argparse
import json
import sys

from tools.catalog.model import category_json_schema
from tools.files import write_text_atomic
from tools.paths import SCHEMA_FILE


def schema_text() -> str:
    return json.dumps(category_json_schema(), indent=2, ensure_ascii=False) + "\n"


def main(args: argparse.Namespace) -> int:
    text = schema_text()
    if args.check:
        current = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else ""
        if current != text:
            print(f"{SCHEMA_FILE} is out of date: run `awesome schema` and commit it", file=sys.stderr)
            return 1
        print("schema is up to date")
        return 0
    write_text_atomic(SCHEMA_FILE, text)
    print(f"wrote {SCHEMA_FILE}")
    return 0
