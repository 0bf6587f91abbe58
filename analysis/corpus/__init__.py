"""Articles and how they come in: loading, text segmentation, imports, stories."""
