"""A pydantic model's indented JSON in pieces, so that a file of 10,000 entries is never whole in memory.

The pieces joined are exactly the bytes of `to_json(model, indent=2, exclude=...)`: each top-level
field is serialized by the model's own serializer (`include={field}`) and its lines are taken out of
the `{ ... }` around them; a long list or dict goes `BATCH` items at a time, each batch serialized
as the field of a shallow copy of the model. JSON text has no raw line breaks inside strings, and
the items of a batch sit at the depth they have in the whole, so nothing needs re-indenting.

Why: status.json and the report are 5 to 8 MB at 10,000 entries; built whole (pydantic's buffer,
then the bytes object) they added ~15 MB to the peak memory of a run.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import Any

from pydantic import BaseModel

BATCH = 500  # items of a long list or dict serialized at once: ~0.3 MB of entries


def json_chunks(model: BaseModel, exclude: Any = None) -> Iterator[bytes]:
    """The pieces of `model`'s JSON (indent=2, without the final newline)."""
    serializer = type(model).__pydantic_serializer__
    yield b"{"
    for index, name in enumerate(type(model).model_fields):
        yield b"\n" if index == 0 else b",\n"
        value = getattr(model, name)
        if isinstance(value, list | dict) and len(value) > BATCH:
            yield from _in_batches(model, name, value, exclude)
        else:
            whole = serializer.to_json(model, indent=2, include={name}, exclude=exclude)
            yield whole[2:-2]  # `{\n`, the field's lines, `\n}`
    yield b"\n}"


def _in_batches(model: BaseModel, name: str, value: list[Any] | dict[Any, Any], exclude: Any) -> Iterator[bytes]:
    serializer = type(model).__pydantic_serializer__
    kind = dict if isinstance(value, dict) else list
    items = iter(value.items() if isinstance(value, dict) else value)
    first = True
    while batch := kind(islice(items, BATCH)):
        part = model.model_copy(update={name: batch})
        whole = serializer.to_json(part, indent=2, include={name}, exclude=exclude)
        # `{\n`, `  "name": {` (or `[`), the items' lines, `\n  }\n}` (or `]`).
        opened = whole.index(b"\n", 2) + 1
        yield (whole[2:opened] if first else b",\n") + whole[opened:-6]
        first = False
    yield b"\n  ]" if kind is list else b"\n  }"
