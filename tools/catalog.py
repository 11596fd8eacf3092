"""Imports every tool module so that each registers itself in `tools.registry`.

Add one import per tool module; order does not matter.
"""

import tools.ledger_tools  # noqa: F401
import tools.knowledge_tools  # noqa: F401
