"""Imported by a contract batch's fork server (services.processes), and nowhere else: what each
worker would do before its first Turkish+Arabic contract, done once in the server, so every
worker forked from it starts warm.

Registering the fonts (~0.03 s of CPU) and learning the tr+ar contracts' codes from the
reference contract (~0.11 s) cost each worker of a batch of 500 as much as four contracts, on
the same two cores as the rendering. The server's objects are then frozen (gc.freeze): a
worker's collections no longer walk ReportLab's, the fonts' and the caches' objects, which
they never free.
"""

import gc

from shelter_app.documents.contract import contract_codes
from shelter_app.documents.fonts import register_fonts

register_fonts()
contract_codes("tr+ar")
gc.collect()
gc.freeze()
