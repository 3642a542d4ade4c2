"""The Qt layer: displays and forwards to the services; holds no business rules."""
