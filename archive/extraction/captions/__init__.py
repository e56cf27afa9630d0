"""Image captions and photo credits."""
