"""`successor:` marks a retired entry; validation checks that it leads somewhere."""

from __future__ import annotations

import pytest

from tools.catalog import load_catalog

REDIS = """
    title: Databases
    description: Drivers.
    entries:
      - name: aioredis
        url: https://github.com/aio-libs/aioredis-py
        description: Redis client, merged into redis-py.
        successor: {successor}
      - name: redis-py
        url: https://github.com/redis/redis-py
        description: Redis client with asyncio support.
"""


@pytest.mark.parametrize("successor", ["redis-py", "Redis-Py", "https://redis.readthedocs.io/"])
def test_a_successor_names_an_entry_without_regard_to_case_or_is_an_address(write_catalog, awesome, successor):
    directory = write_catalog({"databases.yml": REDIS.format(successor=successor)})
    assert awesome("validate", "--catalog", "catalog").code == 0
    assert load_catalog(directory).entry("aioredis").successor == successor


def test_a_successor_in_another_category_counts(write_catalog, awesome):
    write_catalog(
        {
            "databases.yml": REDIS.format(successor="Motor2"),
            "odm.yml": "title: ODM\ndescription: Mappers.\nentries:\n  - name: Motor2\n"
            "    url: https://example.org/motor2\n    description: Object mapper for documents.\n",
        }
    )
    assert awesome("validate", "--catalog", "catalog").code == 0


@pytest.mark.parametrize(
    ("successor", "message"),
    [
        (
            "valkey",
            "successor 'valkey' is not an entry of the catalog; write the name of the entry that replaces it, "
            "or its https:// address",
        ),
        (
            "redis-pi",
            "successor 'redis-pi' is not an entry of the catalog (did you mean 'redis-py'?); write the name of the "
            "entry that replaces it, or its https:// address",
        ),
        ("AIOREDIS", "an entry cannot be its own successor; name the project that replaces it"),
        (
            "https://github.com/aio-libs/aioredis-py/",
            "'successor' is the entry's own address; name the project that replaces it",
        ),
        ("javascript://alert(1)", "'successor' must be a web address (https://...), not 'javascript:'"),
        ("https://", "'successor' must name a host, as in https://example.org/"),
    ],
    ids=["unknown", "typo", "itself", "own-address", "bad-scheme", "no-host"],
)
def test_a_successor_that_leads_nowhere_is_an_error_on_its_line(write_catalog, awesome, successor, message):
    write_catalog({"databases.yml": REDIS.format(successor=successor)})
    result = awesome("validate", "--catalog", "catalog")
    assert result.code == 1
    assert result.lines == [f"catalog/databases.yml:7: entry 'aioredis': {message}"]
