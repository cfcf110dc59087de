"""The reliability and security campaign: ``make chaos`` at full size, ``test_*.py`` small."""
