"""The import dialog: registers from Excel, CSV and Kobo exports, checked and previewed first."""
