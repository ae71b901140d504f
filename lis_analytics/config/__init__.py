"""Packaged configuration: custom areas, sector groupings, code changes."""
