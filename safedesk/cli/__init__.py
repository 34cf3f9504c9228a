"""The ``safedesk`` command line: admin tasks, scripts, and the way into the GUI."""
