"""Builders for omnimessages: one module per channel, plus the omnimessage itself."""
