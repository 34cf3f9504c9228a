"""The PySide6 desktop interface. The only package allowed to import Qt."""
