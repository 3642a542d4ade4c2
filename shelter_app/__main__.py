"""`python -m shelter_app` behaves like the `shelter-app` command."""

import sys

from shelter_app.cli.main import main

sys.exit(main())
