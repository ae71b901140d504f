"""Reference values for the tests, each with its source (statsmodels' ``results`` style).

A module per method holds inputs and expected outputs worked out independently of the code
under test (by hand, with every step written down, or published elsewhere); the tests
compare each output with them through a shared check class.
"""
