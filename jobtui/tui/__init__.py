"""Everything Textual: the app, its screens and widgets. Imported only when the TUI launches."""
