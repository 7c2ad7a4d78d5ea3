"""Where triage keeps its files and what the user configured. Precedence: flag > env > file."""

from __future__ import annotations

import getpass
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from triage.models import DEFAULT_VERDICTS, TriageError

APP_NAME = "triage"
DB_ENV = "TRIAGE_DB"
CONFIG_ENV = "TRIAGE_CONFIG"
DEFAULT_CLAIM_THRESHOLD: float | None = None  # None: the extractor's shipped threshold
# Larger files are refused at import: a 50 MB "article" is a log or a dump, and would make
# hundreds of thousands of claims. A config file can raise it (max_article_mb).
DEFAULT_MAX_ARTICLE_MB = 10.0
# Browser tabs `triage serve` keeps open at once: each is a process of ~60-80 MB.
DEFAULT_MAX_SESSIONS = 8


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "workspace.db"


def default_config_path() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


def resolve_db_path(flag: str | os.PathLike[str] | None = None) -> Path:
    if flag:
        return Path(flag).expanduser()
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV]).expanduser()
    return default_db_path()


def resolve_config_path(flag: str | os.PathLike[str] | None = None) -> Path:
    if flag:
        return Path(flag).expanduser()
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV]).expanduser()
    return default_config_path()


def login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "journalist"


@dataclass(frozen=True)
class Publisher:
    """Who publishes the fact-checks: fills the ClaimReview export ([publisher] in the config)."""

    name: str = ""  # the organisation, e.g. "Harbour Fact Check"
    url: str = ""  # its home page
    review_url: str = ""  # where one fact-check is published: a template with {id} and {slug}
    author: str = ""  # the person who signs the fact-checks (optional)

    def missing(self) -> list[str]:
        """The keys ClaimReview needs that are not set."""
        return [key for key in PUBLISHER_REQUIRED if not getattr(self, key)]


PUBLISHER_REQUIRED = ("name", "url", "review_url")
PUBLISHER_KEYS = (*PUBLISHER_REQUIRED, "author")
REVIEW_URL_FIELDS = ("id", "slug", "article_id")


@dataclass(frozen=True)
class Config:
    user: str = field(default_factory=login_name)
    verdicts: tuple[str, ...] = DEFAULT_VERDICTS
    claim_threshold: float | None = DEFAULT_CLAIM_THRESHOLD
    theme: str = ""
    keys: dict[str, str] = field(default_factory=dict)
    link: dict[str, float] = field(default_factory=dict)
    max_article_mb: float = DEFAULT_MAX_ARTICLE_MB
    max_sessions: int = DEFAULT_MAX_SESSIONS
    publisher: Publisher = field(default_factory=Publisher)
    path: Path | None = None

    @property
    def max_article_bytes(self) -> int:
        return int(self.max_article_mb * 1_000_000)


def _expect(path: Path, name: str, value: object, kind: type | tuple[type, ...]) -> None:
    if not isinstance(value, kind):
        raise TriageError(f"{path}: '{name}' has the wrong type ({type(value).__name__})")


def load_config(path: Path) -> Config:
    """Read the TOML config; a missing file means defaults, a broken one is an error."""
    if not path.exists():
        return Config(path=path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise TriageError(f"{path}: cannot read config ({error})") from error
    except tomllib.TOMLDecodeError as error:
        raise TriageError(f"{path}: invalid TOML ({error})") from error
    values: dict[str, object] = {"path": path}
    if "user" in data:
        _expect(path, "user", data["user"], str)
        values["user"] = data["user"]
    if "verdicts" in data:
        verdicts = data["verdicts"]
        _expect(path, "verdicts", verdicts, list)
        if not verdicts or len(verdicts) > 9 or not all(isinstance(v, str) and v for v in verdicts):
            raise TriageError(f"{path}: 'verdicts' must be a list of 1 to 9 names")
        values["verdicts"] = tuple(verdicts)
    if "claim_threshold" in data:
        threshold = data["claim_threshold"]
        _expect(path, "claim_threshold", threshold, (int, float))
        if not 0 <= threshold <= 1:
            raise TriageError(f"{path}: 'claim_threshold' must be between 0 and 1")
        values["claim_threshold"] = float(threshold)
    if "max_article_mb" in data:
        limit = data["max_article_mb"]
        _expect(path, "max_article_mb", limit, (int, float))
        if isinstance(limit, bool) or not 0 < limit <= 1000:
            raise TriageError(
                f"{path}: 'max_article_mb' must be a number of megabytes from 0 to 1000"
            )
        values["max_article_mb"] = float(limit)
    if "max_sessions" in data:
        sessions = data["max_sessions"]
        _expect(path, "max_sessions", sessions, int)
        if isinstance(sessions, bool) or not 1 <= sessions <= 256:
            raise TriageError(f"{path}: 'max_sessions' must be a whole number from 1 to 256")
        values["max_sessions"] = sessions
    if "theme" in data:
        _expect(path, "theme", data["theme"], str)
        values["theme"] = data["theme"]
    for table in ("keys", "link"):
        if table in data:
            _expect(path, f"[{table}]", data[table], dict)
            values[table] = dict(data[table])
    for action, keys in data.get("keys", {}).items():  # a table: checked just above
        _expect(path, f"keys.{action}", keys, str)
    if "link" in data:
        values["link"] = _link_thresholds(path, data["link"])
    if "publisher" in data:
        _expect(path, "[publisher]", data["publisher"], dict)
        values["publisher"] = _publisher(path, data["publisher"])
    return Config(**values)  # type: ignore[arg-type]


def _publisher(path: Path, table: dict[str, object]) -> Publisher:
    """[publisher]: text values; the two addresses are web addresses; the review address is a
    template that tells one fact-check from another. Checked here, not in the middle of an export."""
    unknown = sorted(set(table) - set(PUBLISHER_KEYS))
    if unknown:
        raise TriageError(f"{path}: unknown key 'publisher.{unknown[0]}' "
                          f"(expected {', '.join(PUBLISHER_KEYS)})")  # fmt: skip
    for key, value in table.items():
        _expect(path, f"publisher.{key}", value, str)
    values = {key: str(value).strip() for key, value in table.items()}
    for key in ("url", "review_url"):
        if values.get(key) and not values[key].startswith(("https://", "http://")):
            raise TriageError(f"{path}: 'publisher.{key}' must be a web address (https://...)")
    template = values.get("review_url", "")
    if template:
        try:
            template.format(**{name: "1" for name in REVIEW_URL_FIELDS})
        except (KeyError, IndexError, ValueError) as error:
            raise TriageError(
                f"{path}: 'publisher.review_url' may use {{id}}, {{slug}} and {{article_id}} "
                f"(problem: {error})"
            ) from None
        if "{id}" not in template and "{slug}" not in template:
            raise TriageError(
                f"{path}: 'publisher.review_url' needs {{id}} or {{slug}}, "
                "or every fact-check gets the same address"
            )
    return Publisher(**values)


def _link_thresholds(path: Path, table: dict[str, object]) -> dict[str, float]:
    """[link] values are scores from 0 to 100, like those the Duplicates view shows; checked here
    so a typo is one line at start-up rather than a traceback in the middle of an import. (Which
    keys exist is the linker's business: triage.link.linker.Thresholds.)"""
    for key, value in table.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TriageError(f"{path}: 'link.{key}' must be a number from 0 to 100, not {value!r}")
        if not 0 <= value <= 100:
            raise TriageError(f"{path}: 'link.{key}' must be between 0 and 100 (it is {value})")
    return {key: float(value) for key, value in table.items()}  # type: ignore[arg-type]
