"""Who may hold API tokens: users whose permissions allow at least one token scope."""

from __future__ import annotations

import rules

from portal.accounts.tokens import user_may_hold_tokens

HOLD_TOKENS = "accounts.hold_apitoken"

may_hold_tokens = rules.predicate(user_may_hold_tokens, name="may_hold_tokens")

rules.add_perm(HOLD_TOKENS, may_hold_tokens)
