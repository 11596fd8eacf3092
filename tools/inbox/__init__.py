"""The reception inbox and the expenses agent.

from tools.inbox.intake import receive, receive_files
from tools.inbox.register import register_entry
from tools.inbox.agent import activate, pause, start, process_pending, status
from tools.inbox.correct import correct_line
"""
