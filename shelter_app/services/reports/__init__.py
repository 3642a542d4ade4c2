"""The programme at a glance: figures (SQL aggregates) shared by the Reports page, the XLSX
and the PDF report, and the cases behind each bar."""
