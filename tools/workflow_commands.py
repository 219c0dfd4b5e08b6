"""GitHub Actions workflow commands, such as `::warning file=catalog/http.yml,line=12::message`.

GitHub turns such a line in a step's output into an annotation on that file and line. Catalog text
goes into them, so it is escaped by the Actions toolkit's rules: `%`, CR and LF in the message, and
also `:` and `,` in property values. A name can then neither break its annotation nor start a
command of its own.
"""

from __future__ import annotations


def escape_data(text: str) -> str:
    """The message part, after `::`."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value such as `file=` or `title=`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, message: str, *, file: str, line: int | None = None, title: str | None = None) -> str:
    """One `::error`/`::warning`/`::notice` line; `line` None (or 0) points at the file as a whole."""
    props = [f"file={escape_property(file)}"]
    if line:
        props.append(f"line={line}")
    if title:
        props.append(f"title={escape_property(title)}")
    return f"::{level} {','.join(props)}::{escape_data(message)}"
