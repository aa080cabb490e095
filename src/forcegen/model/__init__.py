"""Domain values and rules: pure, framework-free, validated (pydantic v2)."""
