"""The two clients, :class:`Omnichannel` and :class:`AsyncOmnichannel`, and what they share."""
