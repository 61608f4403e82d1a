"""Mentions: administrative divisions from the gazetteer, then the other names.

Reads the Doc and the lexicons; adds ``mentions`` (the ``mentions`` step).
"""
