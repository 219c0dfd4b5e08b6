"""The one ruamel.yaml configuration that edits category files keeping their comments and layout.

Only `awesome add` (and the issue-form sync) edit YAML; reading the catalog goes through the much
faster libyaml loader in `tools.catalog.loader`.
"""

from __future__ import annotations

from ruamel.yaml import YAML


def round_trip_yaml() -> YAML:
    """The YAML configuration used to read and write a file that is edited in place."""
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.preserve_quotes = True
    return yaml
