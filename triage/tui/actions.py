"""The one registry of user-facing actions: stable ids, default keys and descriptions.

Every key in the app is a `Binding` built here, so the footer, the help screen, the command
palette and `triage keys` all read the same list, and a `[keys]` table in the config file
remaps any of them by id (applied with `App.set_keymap`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from textual.binding import Binding, BindingType

MAX_VERDICTS = 9
VERDICT_GROUP = Binding.Group("Verdict", compact=True)

# Scopes: where a binding lives. "app" works everywhere; "triage" on the main screen;
# "claims" when the claim list has focus; "article" when the article pane has focus;
# "list" in any cursor list (claims, articles, search results); "articles" in the
# article list screen; "modal" in dialogs.
SCOPES = ("app", "triage", "list", "claims", "article", "articles", "duplicates", "modal")
SCOPE_TITLES = {
    "app": "Everywhere",
    "triage": "Triage screen",
    "list": "Lists",
    "claims": "Claim list",
    "article": "Article pane (sentence cursor)",
    "articles": "Article list",
    "duplicates": "Repeats view (d)",
    "modal": "Dialogs",
}


@dataclass(frozen=True)
class Action:
    id: str
    scope: str
    keys: str
    action: str
    description: str
    tooltip: str = ""
    show: bool = True
    group: Binding.Group | None = None
    # Shown in the footer only from this terminal width on (help and the palette always list
    # it): at 80 columns the footer has room for the keys a journalist must find first.
    footer_min_width: int = 0

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.description,
            show=self.show,
            tooltip=self.tooltip or self.description,
            id=self.id,
            group=self.group,
        )


def _verdict_actions() -> list[Action]:
    return [
        Action(
            f"verdict_{n}",
            "triage",
            str(n),
            f"screen.verdict({n})",
            f"Verdict {n}",
            tooltip=f"Set verdict number {n} of the scale and move to the next undecided claim",
            show=False,  # the verdict bar above the footer shows the scale with its keys
            group=VERDICT_GROUP,
        )
        for n in range(1, MAX_VERDICTS + 1)
    ]


ACTIONS: tuple[Action, ...] = (
    # -- everywhere --------------------------------------------------------------------------
    Action("help", "app", "question_mark,f1", "app.help", "Help", "Show every key"),
    # Not in the footer: at 80 columns the triage screen's footer has room for the keys a
    # journalist needs to find (help, articles, search) only without it; help lists it.
    Action(
        "quit",
        "app",
        "q",
        "app.quit",
        "Quit",
        "Quit triage (everything is already saved)",
        show=False,
    ),
    Action("articles", "app", "o", "app.articles", "Articles", "Open the article list"),
    Action("search", "app", "slash", "app.search", "Search", "Search claims in the workspace"),
    Action("import", "app", "i", "app.import_files", "Import", "Import article files", show=False),
    # -- main screen ---------------------------------------------------------------------------
    *_verdict_actions(),
    Action("checking", "triage", "c", "screen.checking", "Check", "Mark as being checked"),
    Action(
        "reset",
        "triage",
        "0,backspace",
        "screen.reset_claim",
        "Reset",
        "Back to undecided: clear the claim's status and verdict",
        show=False,
    ),
    Action(
        "next_article",
        "triage",
        "J,right_square_bracket",
        "screen.next_article",
        "Next article",
        show=False,
    ),
    Action(
        "previous_article",
        "triage",
        "K,left_square_bracket",
        "screen.previous_article",
        "Previous article",
        show=False,
    ),
    Action("undo", "triage", "u", "screen.undo", "Undo", "Undo your last change"),
    Action("redo", "triage", "ctrl+r", "screen.redo", "Redo", "Redo what you undid", show=False),
    Action(
        "filter",
        "triage",
        "f",
        "screen.cycle_filter",
        "Filter",
        "Cycle the filter: undecided, checking, decided, dismissed, all",
    ),
    Action(
        "note",
        "triage",
        "n",
        "screen.edit_note",
        "Note",
        "Edit the claim's note",
        footer_min_width=110,
    ),
    Action(
        "edit_text", "triage", "e", "screen.edit_text", "Edit", "Edit the claim's text", show=False
    ),
    Action(
        "order",
        "triage",
        "s",
        "screen.toggle_order",
        "Sort",
        "Sort the claims best first or in reading order (remembered)",
        footer_min_width=100,
    ),
    Action(
        "queue",
        "triage",
        "w",
        "app.queue",
        "Queue",
        "Undecided claims of every article, best first; decide there with the same keys",
    ),
    Action(
        "new_repeats",
        "triage",
        "N",
        "app.new_repeats",
        "New repeats",
        "Undecided claims repeating a rated claim, with its verdict",
        show=False,  # listed by help and the palette; the footer is full at common widths
    ),
    Action(
        "focus_pane",
        "triage",
        "tab",
        "screen.focus_pane",
        "Pane",
        "Move focus between the claim list and the article",
        show=False,
    ),
    # -- any cursor list -------------------------------------------------------------------------
    Action(
        "cursor_down",
        "list",
        "j,down",
        "cursor_down",
        "Down",
        "Next row: claim, sentence (article pane) or article",
        show=False,
    ),
    Action(
        "cursor_up",
        "list",
        "k,up",
        "cursor_up",
        "Up",
        "Previous row: claim, sentence (article pane) or article",
        show=False,
    ),
    Action("first", "list", "g,home", "first", "First", "Go to the first row", show=False),
    Action("last", "list", "G,end", "last", "Last", "Go to the last row", show=False),
    Action("page_down", "list", "pagedown", "page_down", "Page down", "One page down", show=False),
    Action("page_up", "list", "pageup", "page_up", "Page up", "One page up", show=False),
    Action(
        "open", "list", "enter", "open", "Open", "Open the article or search result", show=False
    ),
    # -- claim list ----------------------------------------------------------------------------
    Action("tag", "claims", "space", "screen.tag", "Tag", "Tag the claim for a bulk decision"),
    Action(
        "dismiss", "claims", "x", "screen.dismiss_claim", "Dismiss", "Dismiss as not check-worthy"
    ),
    Action(
        "dismiss_rest",
        "claims",
        "X",
        "screen.dismiss_rest",
        "Dismiss rest",
        "Dismiss every undecided claim listed below the cursor, after a confirm (one undo)",
        footer_min_width=100,
    ),
    Action(
        "promote_maybe",
        "claims",
        "a",
        "screen.promote",
        "Promote",
        "Make the maybe sentence under the cursor a claim",
        show=False,
    ),
    # -- article pane ----------------------------------------------------------------------------
    Action(
        "promote",
        "article",
        "a",
        "screen.promote",
        "Promote",
        "Make the sentence under the cursor a claim",
    ),
    Action(
        "demote",
        "article",
        "x",
        "screen.demote",
        "Demote",
        "Turn the claim under the cursor back into a plain sentence",
    ),
    # -- article list (o) ------------------------------------------------------------------------
    Action(
        "remove_article",
        "articles",
        "x,delete",
        "screen.remove",
        "Remove",
        "Remove the article with its claims and links, after a confirm (not undoable)",
    ),
    # -- repeats view (triage/tui/screens/duplicates.py) -----------------------------------------
    Action(
        "duplicates",
        "triage",
        "d",
        "app.duplicates",
        "Repeats",
        "Show the claim's repeats in other articles and its past fact-checks",
        show=False,
    ),
    Action(
        "accept_link",
        "duplicates",
        "a",
        "screen.accept",
        "Accept",
        "Accept the link under the cursor: same claim",
    ),
    Action(
        "reject_link",
        "duplicates",
        "r",
        "screen.reject",
        "Reject",
        "Reject the link under the cursor: a different claim",
    ),
    Action(
        "accept_all_links",
        "duplicates",
        "A",
        "screen.accept_all",
        "Accept all",
        "Accept every link shown",
    ),
    Action(
        "reject_all_links",
        "duplicates",
        "R",
        "screen.reject_all",
        "Reject all",
        "Reject every link shown",
    ),
    Action(
        "switch_dup_pane",
        "duplicates",
        "tab",
        "screen.switch_pane",
        "Pane",
        "Move between repeats and fact-checks",
        show=False,
    ),
    # -- dialogs ---------------------------------------------------------------------------------
    Action("close", "modal", "escape", "close", "Close", "Close without changes"),
    Action("save_edit", "modal", "ctrl+s,f2", "save", "Save", "Save the edit"),
    Action("confirm", "modal", "y", "confirm", "Yes", "Confirm"),
)

ACTIONS_BY_ID: dict[str, Action] = {action.id: action for action in ACTIONS}


def bindings(*scopes: str) -> list[BindingType]:
    """The Bindings of the given scopes, in registry order, typed for a `BINDINGS` class variable
    (Textual declares it `list[BindingType]`, and a `list[Binding]` is not one)."""
    return [*bindings_in(*scopes)]


def bindings_in(*scopes: str) -> list[Binding]:
    """The Bindings of the given scopes, in registry order, to pick or adjust by id."""
    return [action.binding() for action in ACTIONS if action.scope in scopes]


def binding(action_id: str) -> Binding:
    return ACTIONS_BY_ID[action_id].binding()


def footer_hidden(width: int) -> set[str]:
    """Actions (as Binding.action strings) the footer leaves out at this terminal width."""
    return {a.action for a in ACTIONS if a.footer_min_width > width}


def describe(action: Action, verdicts: Sequence[str]) -> str:
    """The description with the verdict scale filled in ("Verdict 2: Mostly true")."""
    if action.id.startswith("verdict_"):
        number = int(action.id.removeprefix("verdict_"))
        if number <= len(verdicts):
            return f"Verdict: {verdicts[number - 1]}"
        return f"Verdict {number} (not in the scale)"
    return action.tooltip or action.description


def current_keys(action: Action, keymap: Mapping[str, str]) -> str:
    """The keys an action answers to after the user's remap."""
    return keymap.get(action.id, action.keys)


def unknown_ids(keymap: Mapping[str, str]) -> list[str]:
    """Ids in a keymap that match no action (typos in the config's [keys] table)."""
    return sorted(set(keymap) - set(ACTIONS_BY_ID))


MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})


def _named_keys() -> frozenset[str]:
    """Key names (other than single characters) that Textual can report: "escape", "f5",
    "pagedown", "question_mark", "slash"..."""
    from textual.keys import REPLACED_KEYS, Keys

    names = {key.value.rpartition("+")[2] for key in Keys} | set(REPLACED_KEYS)
    return frozenset(name for name in names if len(name) > 1 and not name.startswith("<"))


def valid_key(key: str) -> bool:
    """Whether a terminal can ever send this key: modifiers ("ctrl+", "shift+"...) and one key
    that Textual names (a character, "f5", "pagedown", "question_mark"...)."""
    from textual.keys import key_to_character

    if key.strip() == "+":
        return True
    *modifiers, name = key.strip().split("+")
    if not name or not set(modifiers) <= MODIFIERS or len(set(modifiers)) != len(modifiers):
        return False
    if len(name) == 1:
        return name.isprintable()
    return name in _named_keys() or key_to_character(name) is not None


def invalid_keys(keymap: Mapping[str, str]) -> list[tuple[str, str]]:
    """(action id, key) for each key in a keymap that no terminal can send ("ctrl+shift+zz");
    the action keeps its other keys."""
    return [
        (action_id, key.strip())
        for action_id, keys in keymap.items()
        for key in keys.split(",")
        if key.strip() and not valid_key(key)
    ]


def visible_actions(verdicts: Sequence[str]) -> Iterable[Action]:
    """Every action that applies with this verdict scale (verdict_8 is dropped for 7 verdicts)."""
    for action in ACTIONS:
        number = action.id.removeprefix("verdict_")
        if number.isdigit() and int(number) > len(verdicts):
            continue
        yield action


# Where several scopes answer keys at once: a key given to two actions there is a clash.
CONTEXTS = {
    "claim list": ("claims", "list", "triage", "app"),
    "article pane": ("article", "list", "triage", "app"),
}
_KEY_NAMES = {
    "?": "question_mark",
    "/": "slash",
    "[": "left_square_bracket",
    "]": "right_square_bracket",
    " ": "space",
    ",": "comma",
    ".": "full_stop",
    "-": "minus",
    "+": "plus",
}


def normalize_key(key: str) -> str:
    """A key as Textual names it ("?" -> "question_mark"), so "?" and "question_mark" match."""
    return _KEY_NAMES.get(key, key.strip() or key)


def clashes(keymap: Mapping[str, str], verdicts: Sequence[str] = ()) -> list[str]:
    """Keys that two actions answer to in the same place after the remap, one line each."""
    places: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    scale = verdicts or tuple(str(n) for n in range(MAX_VERDICTS))
    for place, scopes in CONTEXTS.items():
        owners: dict[str, list[str]] = {}
        for action in visible_actions(scale):
            if action.scope not in scopes or action.id == "open":
                continue
            for key in current_keys(action, keymap).split(","):
                owners.setdefault(normalize_key(key), []).append(action.id)
        for key, ids in owners.items():
            if len(ids) > 1:
                places.setdefault((key, tuple(ids)), []).append(place)
    return [
        f"{key} is given to {' and '.join(ids)} (in the {', '.join(where)})"
        for (key, ids), where in places.items()
    ]
