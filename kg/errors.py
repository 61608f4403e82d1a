"""The one error module: every error a user can meet, with what to do.

Library code raises these; only ``kg.cli`` turns them into one line and an
exit code. Third-party exceptions are translated at the seam, keeping their
text.
"""

from __future__ import annotations


class KgError(Exception):
    """Base of every kg error; ``str(err)`` is the one line shown to users."""

    exit_code = 1


class UsageError(KgError):
    """The command line asked for something that cannot be done."""

    exit_code = 2


class InputError(KgError):
    """An input file cannot be read or is not an article."""


class ExtractionContractError(KgError):
    """An extract step broke its declared contract (a bug, not bad input)."""


class OntologyError(KgError):
    """The ontology or shapes files are missing or do not parse."""


class QueryError(KgError):
    """A SPARQL query failed to parse or run."""

    exit_code = 2


class FederationRefused(QueryError):
    """A query asks another server (SERVICE) and federation is not allowed for it."""


class ValidationFailed(KgError):
    """The graph violates the SHACL shapes."""


class OutputError(KgError):
    """An output file could not be written."""


class RemoteError(KgError):
    """A SPARQL server could not be reached, or refused what kg sent it."""
