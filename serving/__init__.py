"""farmguard.serving: the model bundle, its safe loader, the Classifier API and batch scoring (design.md §7).

Never imports mlflow, pandas or dask on the plain predict path.
"""
