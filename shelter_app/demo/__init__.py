"""Demo data generators and sample photos: above services, never imported by them."""
