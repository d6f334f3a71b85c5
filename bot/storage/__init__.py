"""Storage: the Store protocol the core owns (base) and its backends (sqlite/)."""
