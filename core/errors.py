"""Errors the CLI turns into one clear line on stderr and a documented exit code."""

# Exit codes shared by every command (documented in the README):
EXIT_OK = 0
EXIT_PENDING = 1  # there is something to fix: changes pending, deprecations over the bar
EXIT_USAGE = 2  # bad input: unknown version, no Django found, unreadable settings, ...
EXIT_TESTS_FAILED = 3  # the project's own test command failed
EXIT_STEP_FAILED = 4  # an upgrade step failed and was (or can be) rolled back
EXIT_INTERNAL = 70  # a bug of the tool (or a tool it runs failed in a way it cannot explain)
EXIT_INTERRUPTED = 130


class UpgradeError(Exception):
    """An expected failure with a message for the user and an exit code."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(UpgradeError):
    """Bad input from the user (exit 2)."""

    exit_code = EXIT_USAGE
