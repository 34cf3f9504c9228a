"""Times as both stores keep them: ISO 8601 text in UTC to the microsecond, never naive."""

from __future__ import annotations

from datetime import UTC, datetime


def time_text(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("stored times must carry their time zone")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def optional_time(moment: datetime | None) -> str | None:
    return time_text(moment) if moment else None


def optional_parse(text: object) -> datetime | None:
    return parse_time(text) if isinstance(text, str) and text else None
