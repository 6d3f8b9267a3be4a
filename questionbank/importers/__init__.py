"""Converters from other formats into bank item files."""
