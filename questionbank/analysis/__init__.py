"""Item analysis: what was printed (form-F.json), the responses examinees
gave, classical item statistics, and the stored figures that lint's
response-aware rules read.

Only ``stats`` and ``store`` are imported by ``qb lint``; they use no numpy,
so linting never pays its import. The matrix work lives in ``classical``.
"""
