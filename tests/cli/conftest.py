"""CLI tests reuse the rule tests' fixtures (deployments and packs in tmp_path, the fake footage analysis)."""

from tests.rules.conftest import fake_footage, make_pack, write_deployment  # noqa: F401
