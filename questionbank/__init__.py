"""qb: lint, assemble and print exam question banks kept as YAML."""

__version__ = "0.1.0"
