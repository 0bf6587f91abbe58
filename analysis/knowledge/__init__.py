"""What the analysis knows about a story: knowledge files, safe patterns, derivation."""
