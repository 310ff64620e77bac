"""A moderation pipeline on the farmguard API: a queue of articles in, decisions with reasons out.

This is the shape a trust-and-safety team runs: articles arrive on a queue (here a
``queue.Queue`` fed from files; in production Kafka, SQS, Pub/Sub...), a few worker threads share
**one** loaded :class:`farmguard.Classifier` (thread-safe, loaded once), take up to
``--batch-size`` articles at a time and turn each prediction into an action a moderator or a
ranking system can use, with the evidence to show the publisher:

=================  =====================================================================
action             when
=================  =====================================================================
``demote``         labelled ``scraped`` and not flagged for review
``allow-credited`` labelled ``syndicated``: a licensed copy; rank the original first
``allow``          labelled ``original``
``human-review``   the model is unsure (``needs_review``): a person decides
=================  =====================================================================

Run it (the shipped model and the example articles shipped with farmguard)::

    python experiments/moderation_pipeline.py --examples
    python experiments/moderation_pipeline.py articles.jsonl --model runs/x/model.joblib --workers 2

Output: one JSON decision per line on stdout as workers finish them (``seq`` is the arrival
number, for consumers that need input order), e.g.::

    {"seq": 0, "id": "...", "action": "demote", "label": "scraped", "confidence": 0.97,
     "why": "spam.tail_gambling: Keluaran SGP, By gacor88; residue.read_also: LEZEN", ...}

and a tally per action on stderr. Bad records are reported on stderr and skipped.
"""

from __future__ import annotations

import argparse
import json
import queue
import sys
import threading
import time
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable

from farmguard.article import Article
from farmguard.errors import FarmguardError, RecordError
from farmguard.readers import read_articles
from farmguard.serving.classifier import Classifier, Prediction

ACTIONS = {"scraped": "demote", "syndicated": "allow-credited", "original": "allow"}
_DONE = object()


@dataclass
class Decision:
    """What the pipeline decided about one article, with the reasons a publisher can be shown."""

    seq: int
    id: str
    action: str
    label: str
    confidence: float
    needs_review: bool
    why: str
    model_version: str


def decide(seq: int, prediction: Prediction) -> Decision:
    """Map a prediction to an action; ``why`` lists the top signals and their evidence.

    >>> p = Prediction("a1", "scraped", {"original": 0.01, "syndicated": 0.02, "scraped": 0.97}, False, "m")
    >>> decide(0, p).action
    'demote'
    """
    action = "human-review" if prediction.needs_review else ACTIONS[prediction.label]
    parts = []
    for reason in (prediction.reasons or [])[:3]:
        evidence = ", ".join(reason.evidence[:2])
        parts.append(f"{reason.signal}: {evidence}" if evidence else reason.signal)
    return Decision(
        seq=seq,
        id=prediction.id,
        action=action,
        label=prediction.label,
        confidence=round(prediction.probabilities[prediction.label], 4),
        needs_review=prediction.needs_review,
        why="; ".join(parts),
        model_version=prediction.model_version,
    )


class ModerationPipeline:
    """Worker threads sharing one Classifier, consuming ``(seq, Article)`` items from an inbox queue."""

    def __init__(self, classifier: Classifier, workers: int = 2, batch_size: int = 32) -> None:
        self.classifier = classifier
        self.inbox: queue.Queue = queue.Queue(maxsize=4 * batch_size * workers)  # back-pressure on the producer
        self.outbox: queue.Queue = queue.Queue()
        self.batch_size = batch_size
        self.threads = [threading.Thread(target=self._work, daemon=True) for _ in range(workers)]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def submit(self, seq: int, article: Article) -> None:
        self.inbox.put((seq, article))

    def close(self) -> None:
        """No more articles: each worker finishes its batch and stops."""
        for _ in self.threads:
            self.inbox.put(_DONE)
        for thread in self.threads:
            thread.join()

    def _take_batch(self) -> tuple[list[tuple[int, Article]], bool]:
        batch = [self.inbox.get()]
        if batch[0] is _DONE:
            return [], True
        while len(batch) < self.batch_size:
            try:
                item = self.inbox.get(timeout=0.01)  # don't hold a half-full batch back for long
            except queue.Empty:
                break
            if item is _DONE:
                return batch, True
            batch.append(item)
        return batch, False

    def _work(self) -> None:
        done = False
        while not done:
            batch, done = self._take_batch()
            if not batch:
                break
            failed: list[RecordError] = []
            predictions = self.classifier.predict_many([a for _, a in batch], batch_size=self.batch_size,
                                                       explain=True, on_error=failed.append)
            items = iter(batch)
            for prediction in predictions:  # in input order, minus the articles that failed
                seq, article = next(items)
                while article.id != prediction.id:
                    seq, article = next(items)
                self.outbox.put(decide(seq, prediction))
            for err in failed:
                self.outbox.put(err)


def run(sources: Iterable[str | Path], classifier: Classifier, workers: int, batch_size: int) -> int:
    """Feed ``sources`` through the pipeline; print decisions in arrival order; return the failure count."""
    pipeline = ModerationPipeline(classifier, workers=workers, batch_size=batch_size)
    pipeline.start()
    failures: list[RecordError] = []
    submitted = 0
    producer_error: list[BaseException] = []

    def produce() -> None:
        nonlocal submitted
        try:
            for article in read_articles(list(sources), on_error=failures.append):
                pipeline.submit(submitted, article)
                submitted += 1
        except FarmguardError as exc:
            producer_error.append(exc)
        finally:
            pipeline.close()
            pipeline.outbox.put(_DONE)

    started = time.perf_counter()
    threading.Thread(target=produce, daemon=True).start()
    tally: dict[str, int] = {}
    while (item := pipeline.outbox.get()) is not _DONE:
        if isinstance(item, RecordError):
            failures.append(item)
            continue
        print(json.dumps(asdict(item), ensure_ascii=False), flush=True)
        tally[item.action] = tally.get(item.action, 0) + 1
    for err in failures:
        print(f"skipped: {err}", file=sys.stderr)
    if producer_error:
        print(f"error: {producer_error[0]}", file=sys.stderr)
    elapsed = time.perf_counter() - started
    counts = ", ".join(f"{n} {action}" for action, n in sorted(tally.items()))
    print(f"{sum(tally.values())} decided in {elapsed:.2f} s ({counts}); {len(failures)} failed", file=sys.stderr)
    return len(failures) + len(producer_error)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("inputs", nargs="*", help="files or folders the readers support, or '-' for stdin")
    parser.add_argument("--examples", action="store_true", help="use the example articles shipped with farmguard")
    parser.add_argument("--model", help="bundle file (default: the shipped model)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args(argv)
    sources: list[str | Path] = list(args.inputs)
    if args.examples:
        sources.append(Path(str(resources.files("farmguard") / "examples")))
    if not sources:
        parser.error("give input files or --examples")
    try:
        classifier = Classifier.load(args.model)
    except FarmguardError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 1 if run(sources, classifier, args.workers, args.batch_size) else 0


if __name__ == "__main__":
    sys.exit(main())
