"""The headline: the story's printed h1 where the page has one, else the metadata title most
sources agree on, with the site name stripped.

    site_names   the names a site goes by, and stripping them from <title> ("Headline | Site")
    wording      comparing wordings of one headline (agreement, variants, lost colons, kickers)
    printed      the printed headline: the h1 nearest the story, kicker set apart
    choice       the choice between the printed headline and the metadata titles
"""

from archive.extraction.titles.choice import extract_title, metadata_titles
from archive.extraction.titles.site_names import site_names, strip_site_name

__all__ = ["extract_title", "metadata_titles", "site_names", "strip_site_name"]
