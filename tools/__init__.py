"""Awesome Asyncio: the catalog model, its checker, and the generators for the README and site."""
