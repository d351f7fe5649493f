"""The desktop application (PySide6): a thin shell over the same core functions as the CLI."""
