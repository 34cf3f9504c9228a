"""Team mode: the organisation's state on a shared PostgreSQL, each person as their own login,
and the publisher that alone holds the official credentials.

The words below are shared by the CLI and the window; they live here, where importing them loads
no database driver.
"""

from safedesk.core.messages import msg

# How an official draft that waits on this computer is named wherever drafts are listed.
WAITING_WORDS = msg("not yet submitted: team server unreachable")
# What writing or submitting one says.
SAVED_OFFLINE = msg("Saved on this computer: not yet submitted, the team server is unreachable. "
                    "It is submitted when the server is back.")
