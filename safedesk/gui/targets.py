"""The accounts a post goes out as: one tick per account of the pane.

The ticks a person sets are this pane's habit, not one post's: a new blank draft starts with the
ticks last set in this pane (kept in the desk's settings, per person, so they survive a restart).
A pane with a single account starts with it ticked, also when that account has just been added.
A stored draft always shows its own targets.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from safedesk.core.models import Account, Pane
from safedesk.gui.session import DeskSession

translate = QCoreApplication.translate


def ticks_key(session: DeskSession, pane: Pane) -> str:
    return f"compose/{session.person.id}/{pane.value}/targets"


class TargetList(QListWidget):
    def __init__(self, session: DeskSession, pane: Pane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.pane = pane
        self.setAccessibleName(self.tr("Personal accounts to post as") if pane is Pane.PERSONAL
                               else self.tr("Official accounts to post as"))
        # Kept for the keystroke's checks: a keystroke never asks the store (on a team desk,
        # the server) which accounts there are.
        self.accounts: dict[str, Account] = {}

    def reload(self) -> None:
        """List the pane's accounts again, keeping the ticks of those still there."""
        chosen = set(self.chosen_ids())
        self.blockSignals(True)
        self.clear()
        self.accounts = {account.id: account for account in self.session.accounts(self.pane)}
        for account in self.accounts.values():
            item = QListWidgetItem(f"{account.address} ({account.platform.value.title()})")
            item.setData(Qt.ItemDataRole.UserRole, account.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if account.id in chosen
                               else Qt.CheckState.Unchecked)
            self.addItem(item)
        self.blockSignals(False)

    def chosen_ids(self) -> list[str]:
        return [str(self.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def chosen_accounts(self) -> list[Account]:
        return [self.accounts[i] for i in self.chosen_ids() if i in self.accounts]

    def set_chosen(self, account_ids: list[str]) -> None:
        wanted = set(account_ids)
        for i in range(self.count()):
            item = self.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def remember(self) -> None:
        """Keep the current ticks as this pane's habit (the person set them)."""
        self.session.settings.setValue(ticks_key(self.session, self.pane), self.chosen_ids())

    def usual_ids(self) -> list[str]:
        """What a new blank draft starts with: the ticks last set here, of the accounts still
        listed; or the pane's only account."""
        saved = self.session.settings.value(ticks_key(self.session, self.pane), [])
        # QSettings gives back one value for a list of one, and nothing for an empty list.
        remembered = [saved] if isinstance(saved, str) else \
            [str(value) for value in saved] if isinstance(saved, list) else []
        usual = [account_id for account_id in remembered if account_id in self.accounts]
        if not usual and len(self.accounts) == 1:
            usual = list(self.accounts)
        return usual


def action_texts(pane: Pane, targets: list[Account], when: str = "") -> list[str]:
    """The send button's words, fullest first: who this will go out as, every time, in as
    many words as the button has room for (``identity_button.IdentityButton``). ``when``: the
    time a personal post is scheduled for, as the schedule field says it ("" to post now)."""
    scheduling = pane is Pane.PERSONAL and bool(when)
    if not targets:
        return [translate("SendButton", "Submit for approval (choose an account)")
                if pane is Pane.OFFICIAL else
                translate("SendButton", "Schedule (choose an account)") if scheduling else
                translate("SendButton", "Post (choose an account)")]
    names = [a.address for a in targets]
    fullest = names[0] if len(names) == 1 else \
        translate("SendButton", "{first} and {second}").format(first=names[0], second=names[1])
    if len(names) > 2:
        fullest = translate("SendButton", "{first}, {second} and {count} more").format(
            first=names[0], second=names[1], count=len(names) - 2)
    shortest = [translate("SendButton", "{first} and {count} more").format(
        first=names[0], count=len(names) - 1)] if len(names) > 1 else []
    return [_as(pane, who, when if scheduling else "") for who in [fullest, *shortest]]


def _as(pane: Pane, who: str, when: str) -> str:
    """Whole sentences, so that a translation may put the accounts and the time anywhere."""
    if pane is Pane.OFFICIAL:
        return translate("SendButton", "Submit for approval, as {accounts}").format(accounts=who)
    if when:
        return translate("SendButton", "Schedule as {accounts} for {when}").format(
            accounts=who, when=when)
    return translate("SendButton", "Post as {accounts}").format(accounts=who)
