"""Backups of a SQLite database file with its photos, and restoring them.

Automatic snapshots go to a folder beside the database (`<stem>-backups/`): `<UTC stamp>.db`,
a consistent copy made inside one read transaction while the app keeps writing (the file's own
bytes when they are the transaction's, else through SQLite's online backup API); `<UTC stamp>.json`, its manifest; and one `photos/` store named by hash that
every snapshot shares, so a photo is copied once however many snapshots refer to it. A snapshot
counts only once its manifest exists, and the manifest is written last, so a cancelled or
crashed backup never looks complete. An archive for a USB stick is one .zip (`shelter.db`,
`photos/<sha>.jpg`, `manifest.json`), written under a temporary name and renamed at the end.

"Nothing changed since the last snapshot" is decided by a fingerprint read in the snapshot's
own read transaction: every table's row count and, for record tables, the newest `updated_at`
and the sum of the `version` counters (every ORM update bumps one), plus the schema revision.
PRAGMA data_version only compares within one connection, and hashing a fresh copy would cost a
full copy each time; the fingerprint costs a few index scans. A change that keeps every count,
version sum and newest `updated_at` (raw SQL outside the app) goes unseen until the next real
change, which snapshots everything.

Restoring replaces a database file, so no Database may be open on the target: the caller
disposes it first (the GUI restarts afterwards). The replaced file and its -wal/-shm are moved
aside, never deleted; photos are only ever added, under names no other content can have.
"""

from shelter_app.services.backup.restore import (
    OtherLaptopBackup,
    recover_damaged,
    restore_archive,
    restore_file,
    restore_snapshot,
    verify_archive,
    verify_snapshot,
)
from shelter_app.services.backup.snapshots import backup_now, export_archive
from shelter_app.services.backup.store import (
    BackupCancelled,
    BackupResult,
    Manifest,
    RestoreResult,
    SnapshotInfo,
    backup_due,
    default_folder,
    latest_backup,
    list_backups,
)

__all__ = [
    "BackupCancelled",
    "BackupResult",
    "Manifest",
    "OtherLaptopBackup",
    "RestoreResult",
    "SnapshotInfo",
    "backup_due",
    "backup_now",
    "default_folder",
    "export_archive",
    "latest_backup",
    "list_backups",
    "recover_damaged",
    "restore_archive",
    "restore_file",
    "restore_snapshot",
    "verify_archive",
    "verify_snapshot",
]
