"""What outlets share and leave out: text reuse, claims, shared quotes, comparison."""
