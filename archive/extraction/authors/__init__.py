"""Who wrote it: JSON-LD and meta credits, byline elements, printed bylines, names."""
