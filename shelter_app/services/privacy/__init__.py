"""Personal data under KVKK (Law 6698): IDs and IBANs shown by role, consent, the export of
everything held on one person, pseudonymisation after the retention period, and the list of
people due for it.

Households, landlords and workers are the data subjects. Pseudonymisation rather than deletion:
the dwelling, agreements, labour days and payments stay, so programme figures and paid amounts
still reconcile, but nothing left names the person.
"""
