"""Bills of quantity, the price catalogue they are priced from, and their papers."""
