"""Subcommands the workflows call."""

from __future__ import annotations

import argparse
from typing import Any


def register(commands: Any) -> None:  # argparse's _SubParsersAction
    """Adds the automation subcommands to `awesome`."""
