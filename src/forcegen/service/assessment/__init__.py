"""Assessment: which pledges to count and what force they add up to, with every source."""
