"""What main and the verb-group modules share: the interface of a group and the exit codes.

Each verb-group module (maintenance, listing, imports, photos, people, printing) offers two
names and nothing else to main:
- `add_parsers(verbs, common)` adds its verbs' parsers to `verbs`, each with `parents=[common]`
  so that `--db` is accepted after the verb too;
- `VERBS`, each verb's name mapped to its run function: `run(args, target) -> exit code`, where
  `target` is the database the user named (shelter_app.config.database_target).
"""

import argparse
from collections.abc import Callable
from typing import TypeAlias

Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
Run: TypeAlias = Callable[[argparse.Namespace, str], int]

EXIT_PROBLEMS = 1  # the verb ran, but found problems or left some items undone
EXIT_USER_ERROR = 2  # one line on stderr, never a traceback
