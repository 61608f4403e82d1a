"""The text layer: one Doc per article (sentences by bisection), clause marks,
spans by bisection, the lexicons and units tables, numerals.

Reads the Article; adds nothing to the Extraction (every later stage reads it).
"""
