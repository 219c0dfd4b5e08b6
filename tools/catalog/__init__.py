"""The catalog: YAML files in, a validated `Catalog` out."""

from pathlib import Path

from tools.catalog.model import KINDS, Catalog, Category, Entry
from tools.catalog.problems import CatalogError, Problem
from tools.catalog.validate import validate_catalog

__all__ = ["KINDS", "Catalog", "CatalogError", "Category", "Entry", "Problem", "load_catalog", "validate_catalog"]


def load_catalog(catalog_dir: Path) -> Catalog:
    """The validated catalog; raises CatalogError with every error when it has any (warnings are not its business)."""
    catalog, problems = validate_catalog(Path(catalog_dir), warnings=False)
    if catalog is None:
        raise CatalogError([p for p in problems if p.severity == "error"])
    return catalog
