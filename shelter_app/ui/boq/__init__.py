"""Bills of quantity: the list, the editor, the price catalogue."""
