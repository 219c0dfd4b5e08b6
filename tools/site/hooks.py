"""MkDocs hook: adds the catalog's pages, catalog.json and the feed to every build, in memory.

A hook rather than a plugin or mkdocs-gen-files: it needs no entry point, package or extra
dependency, runs in-process on every build and every `mkdocs serve` rebuild (so catalog edits under
`watch:` reload the browser), and `File.generated` keeps everything it makes out of the tree.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from tools.catalog import CatalogError
from tools.config import Config
from tools.site import links
from tools.site.feeds import atom_feed, catalog_json
from tools.site.pages import category_page, contributing_page, health_page, home_page, tags_page, trending_page
from tools.site.search import search_entries
from tools.site.sources import SiteData, Sources, load_site_data
from tools.status import StatusFileError

log = logging.getLogger("mkdocs.hooks.catalog")
SUGGESTION_FORM = "issues/new?template=suggest-project.yml"  # .github/ISSUE_TEMPLATE/suggest-project.yml


def _repository(config: MkDocsConfig) -> str | None:
    """The repository's web address (header links, CONTRIBUTING.md's links to files); GitHub Actions sets
    GITHUB_SERVER_URL and GITHUB_REPOSITORY (tools/config.py)."""
    return Config.from_env().repository_url or config.extra.get("repository") or None


def _load(sources: Sources) -> SiteData:
    try:
        data = load_site_data(sources)
    except CatalogError as exc:
        # MkDocs logs a build error once per `mkdocs serve` (a duplicate filter): logged here, the
        # problems show on every rebuild that still has them.
        log.error(f"the catalog has errors, fix them to build the site:\n{exc}")
        raise PluginError("the catalog has errors (listed above)") from None
    except StatusFileError as exc:
        raise PluginError(str(exc)) from None
    if data.contributing is None:
        raise PluginError(
            f"{sources.contributing_file} not found: the Contributing page is generated from it "
            "(set AWESOME_CONTRIBUTING to build from another file)"
        )
    return data


def on_files(files: Files, config: MkDocsConfig) -> Files:
    data = _load(Sources.from_environment())
    directory_urls = config.use_directory_urls
    generated: dict[str, str] = {
        links.HOME: home_page(data, directory_urls),
        links.TAGS: tags_page(data, directory_urls),
        links.TRENDING: trending_page(data, directory_urls),
        links.HEALTH: health_page(data, directory_urls),
        links.CONTRIBUTING: contributing_page(data.contributing or "", _repository(config)),
        links.CATALOG_JSON: catalog_json(data, config.site_url, directory_urls),
        links.FEED: atom_feed(data, config.site_url, directory_urls, config.site_name),
        links.SEARCH_INDEX: search_entries(data, directory_urls),
    }
    for category in data.catalog.categories:
        generated[links.category_page(category.slug)] = category_page(data, category, directory_urls)
    for src_uri, content in generated.items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"site/{src_uri} would hide a generated page of the same name; rename or remove it")
        files.append(File.generated(config, src_uri, content=content))

    config.nav = [
        {"Home": links.HOME},
        # Category pages are named by their own (front matter) titles, which pages.py escapes for the theme.
        {"Categories": [links.category_page(c.slug) for c in data.catalog.categories]},
        {"Tags": links.TAGS},
        {"Trending": links.TRENDING},
        {"Health": links.HEALTH},
        {"Contributing": links.CONTRIBUTING},
    ]
    repository = _repository(config)
    if repository:  # plain links, so no request leaves for GitHub while a page loads
        config.nav += [{"Repository": repository}, {"Suggest an entry": f"{repository}/{SUGGESTION_FORM}"}]
    return files


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config: MkDocsConfig) -> None:
    """Drop Material's lunr index: the site searches its own (search/entries.json, site/assets/js/search.js).

    The search plugin stays enabled only because Material's header shows a search box when it is.
    """
    (Path(config.site_dir) / "search" / "search_index.json").unlink(missing_ok=True)
