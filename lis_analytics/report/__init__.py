"""Evidence packs: runs the chapter notebooks per area and assembles HTML, Excel and CSV.

This package runs, assembles and publishes; it computes nothing. Nothing in the library
imports it except the command line.
"""
