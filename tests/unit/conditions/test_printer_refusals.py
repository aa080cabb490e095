"""A name the printer cannot write is refused with an error that says which name it is."""

import pytest

from forcegen.conditions import And, DriverRef, to_text
from forcegen.model.errors import ConditionError


def test_an_unwritable_driver_name_is_called_a_driver_name() -> None:
    with pytest.raises(ConditionError) as raised:
        to_text(And((DriverRef("ceasefire"), DriverRef("or"))))

    assert raised.value.message.startswith("The driver name 'or' cannot be written in a condition:")
