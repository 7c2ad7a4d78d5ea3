"""`triage config init`: a commented config file with every setting at its default."""

from __future__ import annotations

from pathlib import Path

import click

from triage.cli.options import config_option
from triage.config import DEFAULT_MAX_ARTICLE_MB, DEFAULT_MAX_SESSIONS, resolve_config_path
from triage.models import DEFAULT_VERDICTS, TriageError
from triage.safe_text import clean


@click.group(name="config")
def config_group() -> None:
    """The config file (`triage locate` shows where it is)."""


@config_group.command(name="init")
@config_option
def config_init_command(config_path: Path | None) -> None:
    """Write a commented config file with every setting at its default.

    It goes where `triage locate` shows (or --config); an existing file is never replaced.
    """
    path = resolve_config_path(config_path)
    write_config_template(path)
    click.echo(f"config written to {clean(str(path), one_line=True)}")


# What `triage config init` writes: every setting, commented out at its default, so the file
# documents itself and changes nothing until a line is uncommented.
CONFIG_TEMPLATE = """\
# triage configuration (`triage locate` shows where this file is).
# Every line below is commented out at its default: uncomment to change one.

# Name recorded in the event log with each decision (default: your login name).
# user = "ana"

# The verdict scale, 1 to 9 names; keys 1..9 set them in order. The last one is "unproven".
# verdicts = @verdicts@

# Check-worthiness score (0 to 1) a sentence needs to become a claim.
# claim_threshold = @claim_threshold@

# Larger files are refused at import (megabytes).
# max_article_mb = @max_article_mb@

# Browser tabs `triage serve` keeps open at once (--max-sessions wins).
# max_sessions = @max_sessions@

# "ansi-dark" and "ansi-light" keep the terminal's own palette.
# theme = "ansi-dark"

# Who publishes your fact-checks: the ClaimReview export (`triage export --format claimreview`)
# names them. Without name, url and review_url, the export warns.
# [publisher]
# name = "Harbour Fact Check"              # the organisation
# url = "https://factcheck.example.org"     # its home page
# author = "Ana Lima"                       # the person who signs them (optional)
# Where one fact-check is published: {id} is the claim's id, {slug} its first words.
# review_url = "https://factcheck.example.org/checks/{id}-{slug}"

# Remap keys by action id (`triage keys` lists them).
# [keys]
# verdict_1 = "1,t"

# Repeated claims: scores from 0 to 100.
# [link]
# suggested = @suggested@
# automatic = @automatic@
# checked_before = @checked_before@
"""


def config_template() -> str:
    """The commented config, its defaults read from the code that owns them."""
    import json

    from triage.extract import DEFAULT_THRESHOLD
    from triage.link.linker import Thresholds

    link = Thresholds()
    values = {
        "verdicts": json.dumps(list(DEFAULT_VERDICTS), ensure_ascii=False),
        "claim_threshold": f"{DEFAULT_THRESHOLD:g}",
        "suggested": f"{link.suggested:g}",
        "automatic": f"{link.automatic:g}",
        "checked_before": f"{link.checked_before:g}",
        "max_article_mb": f"{DEFAULT_MAX_ARTICLE_MB:g}",
        "max_sessions": str(DEFAULT_MAX_SESSIONS),
    }
    text = CONFIG_TEMPLATE
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    return text


def write_config_template(path: Path) -> None:
    """Write the commented config; an existing file is never replaced."""
    text = config_template()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        raise TriageError(f"{path}: a config file is already there; not overwritten") from None
