"""Key findings: one module per chapter turns its result into short, numbered sentences.

Every finding states its number, period and comparison, and reads the chapter's computed
result; none recomputes a figure.
"""
