"""The rule engine: Facts assembly (derive), CEL conditions, rule packs, waivers; the packs themselves live in top-level rules/."""
