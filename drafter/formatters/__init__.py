"""Output formats, one module each, kept apart from checking."""
