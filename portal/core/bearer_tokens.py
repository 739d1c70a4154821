"""Bearer secrets of the form ``<marker><prefix>_<secret>``, for API and device tokens alike.

The prefix (hex) is stored in clear to find the row; of the whole token only the SHA-256 hash
is stored, compared in constant time. An unsalted hash suffices: the secret carries 256 bits
of entropy. The token itself is shown exactly once, when it is minted.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def token_matches(stored_hash: str, raw: str) -> bool:
    return hmac.compare_digest(stored_hash, token_hash(raw))


@dataclass(frozen=True)
class TokenKind:
    marker: str  # tells the kinds apart at a glance, e.g. "sct_"
    prefix_length: int = 12

    def mint(self) -> tuple[str, str]:
        """A new (prefix, whole token)."""
        prefix = secrets.token_hex(self.prefix_length // 2)
        return prefix, f"{self.marker}{prefix}_{secrets.token_urlsafe(32)}"

    def prefix_of(self, raw: str) -> str | None:
        """The lookup prefix of a token of this kind, or None for anything else."""
        if not raw.startswith(self.marker):
            return None
        return raw[len(self.marker) : len(self.marker) + self.prefix_length]
