"""The PySide6 GUI: windows, pages, item models and workers. Talks to study's services only."""
