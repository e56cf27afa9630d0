"""morgue in Datasette: catalogue metadata, saved queries, links and archived-capture routes."""
