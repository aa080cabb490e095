"""The assessment: what force a set of pledges adds up to, under which conditions, and gaps.

Pure functions over model values (no I/O):

    measure_coverage     one scenario, both fixpoints: totals, lines, shortfalls, the gap
    sustainment          the force month by month, and the rotation pool it needs
    burden_sharing       each contributor against its GDP, population and army
    what_it_takes        every combination of chosen drivers: minimal packages, leverage
    assess_combinations  the fast kernel behind it (all 2^K combinations at once)
    active_pledges       the plain reference implementation of activation
"""

from forcegen.analysis._kernel.combinations import (
    CombinationKernel,
    assess_combinations,
    compile_combinations,
)
from forcegen.analysis._kernel.result import CombinationResult
from forcegen.analysis.activation import Activations, active_range
from forcegen.analysis.burden import (
    BurdenSharing,
    ContributorBurden,
    FairShareBasis,
    basis_members,
    burden_sharing,
)
from forcegen.analysis.coverage import (
    CoordinationGap,
    Coverage,
    CoverageAssessment,
    LineCoverage,
    coverage_at,
    measure_coverage,
)
from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.pledge_conditions import pledge_conditions
from forcegen.analysis.quantity import (
    FORCE_KINDS,
    TOTAL_PERSONNEL,
    Measure,
    MetCriterion,
    Quantity,
    line_quantities,
    offered,
)
from forcegen.analysis.reference import (
    ReferenceRow,
    active_pledges,
    reference_combinations,
    scenario_of,
)
from forcegen.analysis.sustainment import MonthForce, RotationNeed, Sustainment, sustainment
from forcegen.analysis.total import Active, CapabilityTotal, Total
from forcegen.analysis.what_it_takes import (
    DriverLeverage,
    WhatItTakes,
    default_drivers,
    what_it_takes,
)

__all__ = [
    "FORCE_KINDS",
    "TOTAL_PERSONNEL",
    "Activations",
    "Active",
    "BurdenSharing",
    "CapabilityTotal",
    "CombinationKernel",
    "CombinationResult",
    "ContributorBurden",
    "CoordinationGap",
    "Coverage",
    "CoverageAssessment",
    "DriverLeverage",
    "FairShareBasis",
    "Fixpoint",
    "LineCoverage",
    "Measure",
    "MetCriterion",
    "MonthForce",
    "Quantity",
    "ReferenceRow",
    "RotationNeed",
    "Sustainment",
    "Total",
    "WhatItTakes",
    "active_pledges",
    "active_range",
    "assess_combinations",
    "basis_members",
    "burden_sharing",
    "compile_combinations",
    "coverage_at",
    "default_drivers",
    "line_quantities",
    "measure_coverage",
    "offered",
    "pledge_conditions",
    "reference_combinations",
    "scenario_of",
    "sustainment",
    "what_it_takes",
]
