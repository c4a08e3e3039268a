"""The portal's search box: every kind of record the user may see, from one query (``selectors.search``)."""
