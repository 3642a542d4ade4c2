"""The command line: `shelter-app` (shelter_app.cli.main) opens the GUI by default and runs batch
verbs that reuse the services, one module per group of verbs."""
