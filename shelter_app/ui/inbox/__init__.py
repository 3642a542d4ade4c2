"""The supervisor's inbox: what waits for their decision."""
