"""Time expressions resolved against the article's date.

Reads the Doc; adds ``periods`` (the ``periods`` step).
"""
