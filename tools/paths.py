"""Where things live in the repository, so every command agrees on its defaults."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CATALOG_DIR = REPO_ROOT / "catalog"
STATUS_FILE = CATALOG_DIR / "status.json"
README_FILE = REPO_ROOT / "README.md"
SCHEMA_FILE = REPO_ROOT / "site" / "schema" / "category.schema.json"
