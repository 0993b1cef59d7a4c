"""Full-text search of the record: see engine.py."""
