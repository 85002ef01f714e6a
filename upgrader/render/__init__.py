"""Renderers that turn command results into text / Markdown (one module per command)."""
