"""farmguard.training.corpus: the labelled benchmark corpus and the embedded demo corpus (design.md §5).

A pipeline of small single-purpose steps over typed records:

1. **sources** (``sources/``): readers turning the public data into
   :class:`~farmguard.training.corpus.record.SourceDoc` records — NTREX-128 documents (by
   ``DOCUMENT_IDS``), WMT22/24 documents (source, every reference, every system output, by
   ``docids.tsv``), SemEval news-cluster articles (with cluster ids and MT copies), the boilerplate
   benchmark pages' main texts, and the demo source texts shipped with farmguard;
2. **plan** (``planner.py``): which documents become which label, balanced per language;
3. **transformations** (``transforms/``, one module per family kind: credit, chrome, residue, spam,
   artefacts, feed, generator, encoding, boilerplate, hosts) applied by the per-label **recipes**
   (``recipes.py``), drawing strings from the data files in ``training/data/templates``;
4. **split** (``splitting.py``): train/test by ``story_id``, reserved languages and families in test;
5. **write** (``writer.py``, ``datasheet.py``): JSONL or Parquet plus ``PATH.datasheet.md``/``.json``.

>>> from farmguard.training.corpus import build, build_demo
>>> callable(build) and callable(build_demo)
True
"""

from __future__ import annotations

from .builder import DEFAULT_SEED, BuildReport, build, build_demo

__all__ = ["DEFAULT_SEED", "BuildReport", "build", "build_demo"]
