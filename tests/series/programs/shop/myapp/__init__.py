"""A web-style order service (see ../../README.md)."""
