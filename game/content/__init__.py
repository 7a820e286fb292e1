"""Content: loads and validates everything in ``assets/`` (scenarios, scenes, events,
documents, glossary, sources, timeline) and the small safe condition/effect language.
Never imports textual; never calls eval or exec.
"""
