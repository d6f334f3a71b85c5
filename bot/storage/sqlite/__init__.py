"""The embedded SQLite backend: one WAL file, numbered SQL migrations."""
