"""The story's text: pruning the tree, main-text search, boilerplate filters."""
