"""The app's pages: one module per tab (``KEY``, ``render(view)``), plus the status and the form."""
