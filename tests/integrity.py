import pytest
from django.db import IntegrityError, transaction


def rejected(make) -> bool:
    """Whether the database refuses what `make` writes (an IntegrityError, rolled back)."""
    with pytest.raises(IntegrityError), transaction.atomic():
        make()
    return True
