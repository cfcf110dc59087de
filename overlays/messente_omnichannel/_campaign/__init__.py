"""Campaigns: many omnimessages sent concurrently, with a journal to resume from (``send_many``)."""
