"""Chapters: one module per chapter of the evidence pack, each a pure ``analyse`` function.

Each chapter module defines ``analyse(area, inputs, ...) -> <Chapter>Result``: it takes the
area and the tables it needs, and returns a documented dataclass of computed results. It
reads no file and draws nothing: the notebook calls ``analyse``, then the
:mod:`lis_analytics.present` recipes show the result, then the narrative. The peer and
benchmark policy every chapter shares is :mod:`lis_analytics.chapters.peers`.
"""

from lis_analytics.chapters import peers
from lis_analytics.chapters.peers import Peers, peers_for

__all__ = ["Peers", "peers", "peers_for"]
