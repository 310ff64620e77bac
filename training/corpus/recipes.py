"""How each label is made from a source document: the recipes, one function per label.

- ``original``: the human text, often with its outlet's own chrome (byline, share row, photo
  credit, newsletter box, "Related article:" insert, related-stories widget, comment form in its
  own language, tags, cookie/region notice). Hard cases: a related widget plus a comment form; an
  agency photo credit; an agency's own wire story on the agency's own domain (dateline kept).
- ``syndicated``: the human text with credit framing from 1–3 credit families of one agency in
  the text's language, sometimes with the partner's own chrome and region/consent boilerplate at
  the top; or a real credited wire copy as found. Hard cases: credit only in the dateline or only
  at the end.
- ``scraped``: a real machine translation (credit stripped; sometimes kept) or a human text given
  MT artefacts, or (``copy:whole``, half of the human-source ones) a verbatim or fluently translated
  copy with no artefacts whose farm template gives it away (stacked title, read-also inserts, title
  repeated at the end, related-posts heading, navigation), sometimes with the source page's own
  chrome copied along (share line, byline, "Related article:" insert), plus residue (own language or another), spam tails, feed-importer
  leftovers, text-generator failures, mis-decoded or obfuscated text, farm URLs. Hard cases: real
  MT with nothing else at all; a copy with template leftovers only; a copy keeping the source's
  credit line.
- Every label, alike: a share of records (``read:plain_text``) is written as farmguard's plain-text
  reader sees a page saved as text, its first line taken as the title when it looks like one
  (:func:`farmguard.readers.split_title`), so that a stacked title reads as one copy in the text
  beside the title field, as it does for a ``.txt`` input.
- Look-alikes kept in ``original`` (hard): a publisher's own scrambled paywall paragraphs, a
  legitimate host with digits ("news24"-style), an agency story on the agency's own domain.

All choices come from a generator seeded by (build seed, document key, label): a record does not
depend on any other record. Reserved families are drawn only when ``split == "test"``.

>>> from farmguard.training.corpus.record import SourceDoc
>>> from farmguard.training.corpus.transforms.context import Context
>>> from farmguard.training.corpus.lexicons import Lexicons
>>> doc = SourceDoc("demo:x:de", "demo:x", "de", "Brücke gesperrt", ("Die Brücke ist gesperrt.", "Der Verkehr staut sich."), "human", "demo")
>>> rec = make_record(doc, "syndicated", Context(3, Lexicons.from_package(), {}), "train")
>>> rec.label, any(f.startswith("credit:") for f in rec.families)
('syndicated', True)
"""

from __future__ import annotations

import random
import re

from farmguard.readers import split_title

from .record import HARD, MT, NORMAL, TEST, CorpusRecord, Draft, SourceDoc
from .seeding import rng_for
from .splitting import RESERVED_FAMILIES
from .templates import templates_for
from .transforms.artefacts import ARTEFACT_FAMILIES, apply_artefact
from .transforms.boilerplate import apply_boilerplate
from .transforms.chrome import apply_chrome, available_kinds
from .transforms.context import Context, article_url
from .transforms.credit import CREDIT_FAMILIES, apply_credit
from .transforms.encoding import ENCODING_FAMILIES, apply_encoding
from .transforms.feed import FEED_FAMILIES, apply_feed
from .transforms.generator import GENERATOR_FAMILIES, apply_generator
from .transforms.hosts import farm_url, legit_digit_url
from .transforms.residue import RESIDUE_FAMILIES, apply_residue, residue_language
from .transforms.spam import SPAM_FAMILIES, apply_spam

EXCERPT_RATE = 0.2
PLAIN_TEXT_RATE = 0.25
"""Share of records of every label written as the plain-text reader reads a page saved as text."""
MAX_CHARS = 7000
URL_RATE = 0.6
STRONG_ARTEFACTS = [f for f in ARTEFACT_FAMILIES if f not in ("collapse", "space_punct")]
"""Artefacts that a human text does not show by itself (one of them is always applied)."""

CREDIT_WEIGHTS = {
    "dateline": 5, "byline": 4, "footer": 2, "originally_published": 3, "partner_disclaimer": 2, "original_url": 2,
    "end_credit": 4, "source_line": 3,
}
CHROME_WEIGHTS = {
    "byline": 5, "share": 4, "photo": 3, "agency_photo": 2, "related_insert": 3, "related_widget": 3, "newsletter": 2,
    "comment_form": 2, "comments": 2, "cookie": 1, "region": 1, "tags": 2,
}
PARTNER_CHROME = (
    "share", "related_insert", "photo", "agency_photo", "newsletter", "tags", "byline", "comment_form", "related_widget",
    "comments",
)
"""Chrome a syndication partner's own page shows around a licensed copy."""
COPIED_CHROME = ("share", "related_insert", "photo", "byline", "newsletter", "tags")
"""Chrome of the source page that a scraper copies along with the text."""
COPIED_WHOLE_SHARE = 0.5
"""Share of human-source scraped copies made as verbatim (or fluently translated) copies with template residue."""

FARM_TEMPLATE_RESIDUE = ("stacked_title", "read_also", "title_end", "related_posts", "navigation")
"""Residue a copied-whole record always carries one of: strings of a farm's template, not of a source page."""

RESIDUE_WEIGHTS = {
    "comment_form": 5, "share_row": 3, "related_posts": 4, "read_also": 4, "navigation": 3, "post_meta": 2,
    "subscribe": 1, "stacked_title": 3, "title_end": 2,
}
SPAM_WEIGHTS = {
    "lottery": 4, "brand_signature": 4, "slot_keywords": 3, "spam_comment": 2, "casino_en": 2, "casino_vi": 2,
    "casino_th": 3,
}


def _allowed(group: str, name: str, split: str) -> bool:
    return split == TEST or f"{group}:{name}" not in RESERVED_FAMILIES


def _weighted_sample(weights: dict[str, int], k: int, rng: random.Random, group: str, split: str) -> list[str]:
    """``k`` distinct names drawn by weight (reserved ones only in test, where they are boosted)."""
    names = [n for n in weights if _allowed(group, n, split)]
    w = [weights[n] * (3 if f"{group}:{n}" in RESERVED_FAMILIES else 1) for n in names]
    out: list[str] = []
    while names and len(out) < k:
        pick = rng.choices(range(len(names)), w)[0]
        out.append(names.pop(pick))
        w.pop(pick)
    return out


def _layout(doc: SourceDoc, rng: random.Random) -> list[str]:
    body = list(doc.paragraphs)
    if rng.random() < EXCERPT_RATE and len(body) > 3:
        budget = rng.randint(800, 2000)
        kept: list[str] = []
        for p in body:
            if kept and sum(map(len, kept)) + len(p) > budget:
                break
            kept.append(p)
        body = kept
    total = 0
    for i, p in enumerate(body):
        total += len(p)
        if total > MAX_CHARS and i > 0:
            body = body[:i]
            break
    return body


def make_record(doc: SourceDoc, label: str, ctx: Context, split: str, variant: str = "") -> CorpusRecord:
    """Build the labelled record for ``doc`` as ``label`` (``variant`` names a further copy of the same pair)."""
    rng = rng_for(ctx.seed, "recipe", doc.key, label, variant) if variant else rng_for(ctx.seed, "recipe", doc.key, label)
    draft = Draft(doc=doc, label=label, title=doc.title, body=_layout(doc, rng))
    draft.title_in_text = rng.random() < 0.6
    vals = ctx.values(doc.tkey, rng, doc.title)
    if label == "original":
        _original(draft, ctx, vals, rng, split)
    elif label == "syndicated":
        _syndicated(draft, ctx, vals, rng, split)
    else:
        _scraped(draft, ctx, vals, rng, split)
    text, title = draft.render(), doc.title
    if rng.random() < PLAIN_TEXT_RATE:
        title, text = split_title(text)
        draft.add_family("read:plain_text")
    return CorpusRecord.from_source(
        doc,
        label=label,
        variant=variant,
        text=text,
        title=title,
        url=draft.url,
        families=tuple(draft.families),
        split=split,
        difficulty=HARD if draft.hard else NORMAL,
    )


def _own_url(draft: Draft, vals: dict[str, str], rng: random.Random) -> None:
    """The page's URL: the source page's own for an original, else one on the (partner) outlet's domain."""
    if draft.doc.url and draft.label == "original" and rng.random() < 0.8:
        draft.url = draft.doc.url
    elif rng.random() < URL_RATE:
        draft.url = vals["url"]
        if draft.label == "original" and rng.random() < 0.06:  # "news24"-style host: a farm look-alike
            draft.url = legit_digit_url(draft.title, rng)
            draft.add_family("host:legit_digits")
            draft.hard = True


def _original(draft: Draft, ctx: Context, vals: dict[str, str], rng: random.Random, split: str) -> None:
    lang = draft.doc.tkey
    kinds = available_kinds(draft.doc.lang, ctx, lang)
    r = rng.random()
    own_sites = [a for a in templates_for(lang).agencies if a.domain]
    agency = rng.choice(own_sites) if own_sites else None
    if r < 0.05 and agency and templates_for(lang).has("credit.dateline"):
        own = dict(vals, agency=agency.name)
        if apply_credit(draft, "dateline", own, rng):
            draft.add_family("chrome:agency_own_site")
            draft.url = article_url(agency.domain, draft.title, rng)
            draft.hard = True
            return
    if r < 0.20 and "related_widget" in kinds and "comment_form" in kinds:
        apply_chrome(draft, "related_widget", ctx, vals, rng)
        apply_chrome(draft, "comment_form", ctx, vals, rng)
        draft.hard = True
    elif r < 0.45:
        pass  # plain text, no chrome
    else:
        weights = {k: w for k, w in CHROME_WEIGHTS.items() if k in kinds}
        for kind in _weighted_sample(weights, rng.randint(1, 3), rng, "chrome", split):
            apply_chrome(draft, kind, ctx, vals, rng)
        if "chrome:agency_photo" in draft.families:
            draft.hard = True
    if rng.random() < 0.03 and apply_encoding(draft, "paywall_scramble", vals, rng):
        draft.hard = True  # a publisher scrambling its own paywalled paragraphs
    _own_url(draft, vals, rng)


def _syndicated(draft: Draft, ctx: Context, vals: dict[str, str], rng: random.Random, split: str) -> None:
    doc = draft.doc
    if doc.credit:
        draft.add_family(f"credit:real_{doc.credit_style}")
        draft.hard = doc.credit_style in ("dateline", "end")
    else:
        r = rng.random()
        if r < 0.12 and apply_credit(draft, "dateline", vals, rng):
            draft.hard = True
        elif r < 0.24 and apply_credit(draft, "end_credit", vals, rng):
            draft.hard = True
        else:
            families = _weighted_sample(CREDIT_WEIGHTS, rng.randint(1, 3), rng, "credit", split)
            done = [f for f in families if apply_credit(draft, f, vals, rng)]
            if not done:
                for f in ("dateline", "end_credit", "byline"):
                    if apply_credit(draft, f, vals, rng):
                        break
    partner = dict(vals, outlet=ctx.outlet(doc.tkey, rng, avoid=vals.get("outlet")).name)
    if not draft.hard and rng.random() < 0.35:
        kinds = [k for k in PARTNER_CHROME if k in available_kinds(doc.lang, ctx, doc.tkey)]
        for kind in rng.sample(kinds, min(len(kinds), rng.randint(1, 2))):
            apply_chrome(draft, kind, ctx, partner, rng)
    if not draft.hard and rng.random() < 0.1:
        apply_boilerplate(draft, rng.choice(["region", "consent"]), doc.tkey, rng)
    _own_url(draft, vals, rng)


def _scraped(draft: Draft, ctx: Context, vals: dict[str, str], rng: random.Random, split: str) -> None:
    doc = draft.doc
    needs_evidence = False
    if doc.kind == MT:
        draft.add_family(f"mt:{doc.source.split(':')[0]}")
        if doc.credit and doc.credit_style == "end" and rng.random() < 0.5 and _strip_end_credit(draft, doc.credit):
            draft.add_family("credit:stripped_real")
        elif doc.credit:
            draft.add_family(f"credit:kept_real_{doc.credit_style}")
            draft.hard = True
        if rng.random() < 0.3 and not doc.credit:
            draft.hard = True  # pure machine translation: nothing else to see
            _farm_or_plain_url(draft, ctx, vals, rng)
            return
        if rng.random() < 0.2:
            for fam in rng.sample(["space_punct", "collapse", "number_format"], rng.randint(1, 2)):
                apply_artefact(draft, fam, rng)
    elif rng.random() < COPIED_WHOLE_SHARE:
        # Copied whole (or machine-translated fluently, where no MT output exists for the language): no
        # artefacts, so the farm's own template is what gives it away (design §1: "copied whole, often
        # with leftovers of the page it was taken from or of the farm's own template").
        draft.add_family("copy:whole")
        draft.hard = True
        rlang = residue_language(doc.lang, ctx, rng)
        template = _weighted_sample({k: RESIDUE_WEIGHTS[k] for k in FARM_TEMPLATE_RESIDUE}, 1, rng, "residue", split)
        others = _weighted_sample(RESIDUE_WEIGHTS, rng.randint(1, 2), rng, "residue", split)
        applied = [f for f in dict.fromkeys(template + others) if apply_residue(draft, f, ctx, rlang, rng)]
        needs_evidence = not applied
    else:
        strong = rng.sample(STRONG_ARTEFACTS, len(STRONG_ARTEFACTS))
        wanted = rng.randint(1, 2)
        done = 0
        for fam in strong:
            if done >= wanted:
                break
            done += apply_artefact(draft, fam, rng)
        for fam in ("collapse", "space_punct"):
            if rng.random() < 0.35:
                apply_artefact(draft, fam, rng)
        needs_evidence = done == 0
    if not doc.credit and rng.random() < 0.15:
        families = _weighted_sample({k: v for k, v in CREDIT_WEIGHTS.items() if k != "partner_disclaimer"}, rng.randint(1, 2), rng, "credit", split)
        if any([apply_credit(draft, f, vals, rng) for f in families]):
            draft.add_family("credit:kept")
            draft.hard = True
    if rng.random() < 0.2:  # the source page's own chrome copied along with its text
        kinds = [k for k in COPIED_CHROME if k in available_kinds(doc.lang, ctx, doc.tkey)]
        for kind in rng.sample(kinds, min(len(kinds), rng.randint(1, 2))):
            apply_chrome(draft, kind, ctx, vals, rng)
    r = rng.random()
    n_residue = 0 if r < 0.2 and not needs_evidence else rng.randint(1, 3)
    rlang = residue_language(doc.lang, ctx, rng)
    for fam in _weighted_sample(RESIDUE_WEIGHTS, n_residue, rng, "residue", split):
        apply_residue(draft, fam, ctx, rlang, rng)
    n_spam = 0 if rng.random() < 0.55 else rng.randint(1, 2)
    for fam in _weighted_sample(SPAM_WEIGHTS, n_spam, rng, "spam", split):
        apply_spam(draft, fam, ctx.lexicons, rng)
    if rng.random() < 0.2:
        apply_feed(draft, rng.choice(FEED_FAMILIES), dict(vals, site=ctx.outlet(doc.tkey, rng).name), rng)
    if rng.random() < 0.04:
        apply_generator(draft, rng.choice(GENERATOR_FAMILIES), vals, rng)
    r = rng.random()
    if r < 0.05:
        apply_encoding(draft, rng.choice(ENCODING_FAMILIES), vals, rng)
    elif r < 0.06:
        apply_encoding(draft, "paywall_scramble", vals, rng)
    if rng.random() < 0.08:
        apply_boilerplate(draft, rng.choice(["region", "consent"]), doc.tkey, rng)
    _farm_or_plain_url(draft, ctx, vals, rng)


def _strip_end_credit(draft: Draft, agency: str) -> bool:
    """Remove a real end-of-text agency credit ("… Podium. dpa", "(dpa/lnw)") as a scraper would."""
    if not draft.body:
        return False
    last = draft.body[-1]
    stripped = re.sub(rf"\s*(?:\([^()]*\b{re.escape(agency)}\b[^()]*\)|(?:[A-Z]{{2,4}}/)?\b{re.escape(agency)}\b(?:/[a-z]{{1,4}})?)\s*$", "", last)
    if stripped == last or not stripped.strip():
        return False
    draft.body[-1] = stripped
    return True


def _farm_or_plain_url(draft: Draft, ctx: Context, vals: dict[str, str], rng: random.Random) -> None:
    if rng.random() >= URL_RATE:
        return
    if rng.random() < 0.45:
        draft.url = farm_url(draft.title, ctx.lexicons, rng)
        draft.add_family("host:farm")
    else:
        draft.url = article_url(ctx.outlet(draft.doc.tkey, rng).domain, draft.title, rng)
