from datetime import datetime, timedelta

# The widest offsets any time zone uses (UTC-12:00 to UTC+14:00); PostgreSQL refuses
# displacements past ±15:59, so anything wider is refused before a query is built.
MAX_OFFSET = timedelta(hours=14)


def check_offset(value) -> None:
    """Raise ValueError when `value` is a datetime whose UTC offset no time zone uses."""
    if isinstance(value, datetime) and (offset := value.utcoffset()) is not None and abs(offset) > MAX_OFFSET:
        raise ValueError("The time zone offset must be between -14:00 and +14:00.")
