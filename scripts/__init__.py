"""Helpers the Makefile runs (with the development virtualenv's Python)."""
