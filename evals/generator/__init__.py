"""The conversation dataset's generator: phrasing data in `evals/datasets/sources/*.json`
expanded into tasks (`python -m evals.make_conversations`)."""
