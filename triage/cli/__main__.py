"""`python -m triage.cli`, as the `triage` script."""

from triage.cli import main

main()
