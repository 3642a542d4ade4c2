"""A dwelling's photos: import (decoded off the calling thread), list, tag, caption."""
