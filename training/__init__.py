"""farmguard.training: corpus builder, training, evaluation and MLflow logging (design.md §5–6).

The only part of farmguard that imports mlflow.
"""
