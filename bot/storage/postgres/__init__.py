"""PostgreSQL backend (asyncpg): several workers sharing one database."""
