"""The corpus reuses the rule tests' fixtures (fake footage analysis: no detector runs)."""

from tests.rules.conftest import fake_footage  # noqa: F401
