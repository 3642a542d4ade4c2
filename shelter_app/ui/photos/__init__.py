"""A dwelling's photos: the gallery, import, the viewer and before/after side by side."""
