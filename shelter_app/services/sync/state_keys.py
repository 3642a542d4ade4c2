"""The names under which a laptop keeps its sync state (data.outbox.state).

Apart from the sync client so that the status shown from sign-in on (services.sync.status)
reads them without importing the client and what it needs (the encryption, backup and file
services: a tenth of a second of CPU before the first rows; it is imported when a sync runs).
"""

SERVER_KEY, DEVICE_KEY, TOKEN_KEY, NAME_KEY = "server_url", "device_id", "token", "device_name"
OFFICE_KEY, CURSOR_KEY = "office_id", "cursor"
# set while a first pull is under way: its pages leave totals and search tokens to its end
UNSETTLED_KEY = "first_pull_unsettled"
LAST_SYNC_KEY, LAST_ERROR_KEY = "last_sync_at", "last_error"
