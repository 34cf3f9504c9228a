"""``python -m safedesk`` behaves exactly like the ``safedesk`` command."""

import sys

from safedesk.cli.main import main

sys.exit(main())
