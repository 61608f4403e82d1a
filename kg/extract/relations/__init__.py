"""Relations the text states, by rules that register by name.

Reads mentions, entities and figures (with subjects and periods); adds
``relations`` (the ``relations`` step).
"""
