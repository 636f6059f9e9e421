"""citecheck's exception tree, for failures of the run itself (never of one cited link)::

    CitecheckError          the base the CLI catches: one line, exit 2
    ├── InputError          an INPUT cannot be read or understood
    ├── ConfigError         a configuration file or flag value is wrong
    └── ReportError         a report cannot be written

A dead link, a timeout or a bot wall is data (a ``FetchResult`` and a ``Finding``), not an
exception: raising for those would let one bad source stop the checking of all the others.
Messages say what went wrong and what to try next.
"""

from __future__ import annotations

import shlex

__all__ = ["CitecheckError", "ConfigError", "InputError", "ReportError", "named_path"]


def named_path(path: object) -> str:
    """``path`` as an error names it: as written, or quoted as a shell quotes it when it holds
    white space, so that its spaces (a leading one, a no-break or ideographic one) show exactly
    where they are: ``' a.md': no such file or folder``, not ``a.md: …`` (mend 33l's leftover)."""
    text = str(path)
    return shlex.quote(text) if any(char.isspace() for char in text) else text


class CitecheckError(Exception):
    """Base of every error that ends a run; the CLI prints it as one line and exits 2."""


class InputError(CitecheckError):
    """An input cannot be read or understood."""


class ConfigError(CitecheckError):
    """A configuration value is invalid."""


class ReportError(CitecheckError):
    """A report cannot be written."""
