"""Repeated claims: matching them across articles and against an archive of published fact-checks.

Algorithms (normalize, dates, polarity, guard, similarity, index, matcher, clusters, archive
reading) and the linker, the one service here that holds a store. No imports at package level, so
`import triage.link.dates` stays cheap; rapidfuzz is imported only by matcher and similarity.
"""
