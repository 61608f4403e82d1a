"""Figures: number + unit, what they measure, whom they are about, their period.

Reads mentions, entities and periods; adds ``quantities`` (the ``quantities``,
``tables``, ``figure-subjects`` and ``figure-periods`` steps).
"""
