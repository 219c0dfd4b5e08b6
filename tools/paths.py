"""Where things live in the repository, so every command agrees on its defaults."""

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CATALOG_DIR = REPO_ROOT / "catalog"
STATUS_FILE = CATALOG_DIR / "status.json"
README_FILE = REPO_ROOT / "README.md"
SCHEMA_FILE = REPO_ROOT / "site" / "schema" / "category.schema.json"


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative
