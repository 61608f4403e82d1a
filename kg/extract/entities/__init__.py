"""Entities: one per real thing, whatever its surface forms.

Reads ``mentions``; adds ``entities`` and the further mentions of short names
(the ``entities`` step).
"""
