"""The fast kernel: every combination of K drivers assessed at once, with NumPy arrays.

vectorised   conditions evaluated over arrays of scenarios, drivers fixed, truth tables
cube         Möbius coefficients and the zeta transform: driver-only totals of all 2^K
             combinations, chunk by chunk
pledge_plan  driver-only and reciprocal pledges, with what every requirement shares
layout       compilation: which pledge feeds which row, and the reciprocal system
reciprocity  bounds of the pledges whose conditions test other pledges, per chunk
sweep        Gauss-Seidel sweeps of the still-open reciprocal pledges to each fixpoint
plan         the order of a sweep and who can make whom stale
result       CombinationResult: totals, met mask, minimal sets, leverage
combinations compile_combinations / assess_combinations, the entry points
"""
