"""The person's language: which one (``languages``) and its words (``catalog``).

No Qt here: the command line uses it as it is, and the window adds Qt's own translator for its
widgets (``safedesk.gui.language``).
"""
