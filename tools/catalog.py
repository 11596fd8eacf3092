# ruff: noqa: F401
"""Imports every tool module so that each registers itself in `tools.registry`.

Add one import per tool module; order does not matter.
"""

import tools.dian.tool
import tools.inbox.tool
import tools.inbox.tool_agent
import tools.inbox.tool_correct
import tools.invoicing.tool
import tools.knowledge_tools
import tools.ledger_tools
import tools.suggest.tool
import tools.sync.reconcile_tool
import tools.sync.tool
