"""Which activation fixpoint an assessment reports: nobody moves first, or all move together.

Pledge conditions may refer to other pledges (`troops(FRA) >= 5000`), so which pledges are
active is the solution of a fixpoint equation, and there can be several. Because `not` never
covers a pledge reference, activation is monotone and the solutions form a lattice with a
least and a greatest element:

    least     start from no pledge active and activate what holds, until nothing changes:
              the force that materialises if every government waits for the others;
    greatest  start from every pledge active and drop what fails, until nothing changes:
              the force that materialises if all governments commit together.

Their difference is the coordination gap.
"""

from __future__ import annotations

from enum import StrEnum


class Fixpoint(StrEnum):
    LEAST = "least"
    GREATEST = "greatest"
