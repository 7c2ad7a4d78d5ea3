"""`triage watch`: keep importing from watched folders and RSS/Atom feeds.

folders.py (watchfiles), feeds.py (feedparser), fetch.py (urllib with a deadline and a size
limit), runner.py (the loop: one article at a time through triage.pipeline). Nothing is imported
here, so `import triage.watch` costs nothing until the command runs.
"""
