"""Fleet audits: every store of a chain audited as one batch, footage chunks fanned out on Dask distributed."""
