"""One module per op: see registry.py, and catalog.py for the list of them."""
