"""Build the WordPress-derived template-residue lexicons ``features/data/residue/<lang>.tsv``.

Reads the WordPress core + Jetpack translations in ``../shared/data/wordpress-l10n/wp_strings.tsv``
(see its SOURCE.md), keeps the strings a scraper leaves in an article body, cleans them into
short literal phrases (placeholders ``%s``/``%1$s``/``%d``, HTML tags and entities removed;
surrounding arrows and punctuation stripped; plural forms split), maps WordPress locales to
farmguard language keys with ``normalize_lang`` and writes one ``kind<TAB>phrase`` file per
language. English phrases come from the msgids themselves.

Hand-written theme/plugin strings that WordPress core lacks (read-also inserts, "Similar posts"
headings of popular themes) live in ``features/data/residue/theme/<lang>.tsv`` and are not touched.

Run from the repository root::

    /work/venv/bin/python experiments/build_residue_lexicons.py [--source PATH]
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections import defaultdict
from pathlib import Path

from farmguard.features.language import normalize_lang

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "wordpress-l10n" / "wp_strings.tsv"
OUT_DIR = REPO / "features" / "data" / "residue"

# msgid -> residue kind. Strings not listed are not residue lexicon material.
KINDS: dict[str, str] = {}


def _kinds(kind: str, *msgids: str) -> None:
    for m in msgids:
        KINDS[m] = kind


_kinds(
    "comment_form",
    "Leave a Reply", "Leave a Reply to %s", "Leave a Comment", "Leave a comment", "Leave a reply",
    "Post Comment", "Submit Comment", "Your email address will not be published.",
    "Required fields are marked %s", "Mail (will not be published)", "Cancel reply",
    "Click here to cancel reply.", "Log in to Reply", "Log in to leave a Comment",
    "You must be <a href=\"%s\">logged in</a> to post a comment.",
    "Sorry, you must be logged in to post a comment.",
    "Logged in as <a href=\"%1$s\">%2$s</a>. <a href=\"%3$s\" title=\"Log out of this account\">Log out?</a>",
    "Your comment is awaiting moderation.", "Your comment is in moderation.", "Comments are closed.",
    "Comments on this post are closed.", "Sorry, the comment form is closed at this time.",
    "Write a Comment...", "Notify me of follow-up comments by email.", "Please provide your name to comment.",
    "Please provide an email address to comment.", "Your Comment", "Loading Comments...",
    "This post is password protected. Enter the password to view comments.", "No comments yet.",
    "Comment navigation", "&laquo; Older Comments", "Newer Comments &raquo;", "&larr; Older Comments",
    "Newer Comments &rarr;", "1 Comment", "% Comments", "No Comments", "Comments on %s", "Comment on %s",
    "Name", "Email", "Website", "Comment", "Comments", "Reply", "(required)", "Email Address",
)
_kinds("related", "Related", "Related Posts", "Related posts", "Similar post")
_kinds(
    "share",
    "Share this:", "Like this:", "Like", "Likes", "Share", "Share on Facebook", "Share on Tumblr",
    "Click to share on Twitter", "Click to share on Facebook", "Click to share on LinkedIn",
    "Click to share on Pinterest", "Click to share on Pocket", "Click to share on Reddit",
    "Click to share on Tumblr", "Click to share on Google+", "Click to share on %s",
    "Click to email this to a friend", "Click to print", "Click to Press This!", " (Opens in new window)",
    "Opens in new window", "<span>%d</span> bloggers like this:", "Press This", "This post has been shared!",
    "Post was not sent - check your email addresses!", "Email check failed, please try again",
    "Sorry, your blog cannot share posts by email.", "Facebook", "Twitter", "LinkedIn", "Pinterest",
    "Pocket", "Reddit", "Tumblr", "Print", "Loading...", "Loading&hellip;", "Loading &hellip;",
    "loading&hellip;",
)
_kinds(
    "navigation",
    "Previous Post", "Next Post", "Next page", "Previous page", "&laquo; Previous", "Next &raquo;",
    "Older posts", "Newer posts", "&laquo; Previous Entries", "Next Entries &raquo;",
    "Continue reading <span class=\"meta-nav\">&rarr;</span>", "Continue reading %s", "Continue &rarr;",
    "(more&hellip;)", "Read more", "Read more...", "Visit the post for more.", "Home",
    "Skip to primary content", "Menu", "Page not found", "Nothing Found",
    "Sorry, no posts matched your criteria.", "Search results for &#8220;%s&#8221;", "Search",
)
_kinds(
    "byline_template",
    "Posted in %s", "Tagged with %s", "Posted by %s", "Posted by ", "Post by %s.", "Posts by %s",
    "Published", "Author", "Tags: ", "Tags", "Categories", "Uncategorized", "Visit author homepage",
    "Edit", "Edit This",
)
_kinds(
    "widget",
    "Recent Posts", "Recent Comments", "Archives", "Calendar", "Tag Cloud", "Meta", "Pages", "Blogroll",
    "Select Category", "Select Month", "Log in", "Log out", "Register", "Site Admin", "Follow me on Twitter",
    "My Tweets", "Tweets by @%s",
)
_kinds(
    "rss_footer",
    "Entries <abbr title=\"Really Simple Syndication\">RSS</abbr>",
    "Comments <abbr title=\"Really Simple Syndication\">RSS</abbr>", "Entries (RSS)", "Comments (RSS)",
    "Comments Feed", "Powered by WordPress", "Proudly powered by %s", "%1$s is proudly powered by %2$s",
)
_kinds(
    "subscribe",
    "Subscribe", "Subscribe to %s", "Subscribe to Blog via Email",
    "Enter your email address to subscribe to this blog and receive notifications of new posts by email.",
    "Join %s other subscriber", "Enter your email address", "Follow Blog", "Follow Comments",
    "Notify me of new posts by email.",
)
_kinds(
    "default_content",
    "Hello world!", "Sample Page", "Mr WordPress",
    "Welcome to WordPress. This is your first post. Edit or delete it, then start blogging!",
)

_PLACEHOLDER = re.compile(r"%(?:\d+\$)?[sd]|%")
_TAG = re.compile(r"<[^<>]{0,200}>")
_EDGE = "«»‹›←→↑↓&*:;,.!?…\"'“”„‘’()[]{}|-–—·•/ \u00a0\t"
MAX_WORDS = 14  # keep short phrases only


def clean(msg: str) -> list[str]:
    """Turn one translated msgstr into zero or more short literal phrases.

    >>> clean("Verplichte velden zijn gemarkeerd met %s")
    ['Verplichte velden zijn gemarkeerd met']
    >>> clean("&laquo; Oudere reacties")
    ['Oudere reacties']
    >>> clean("Voeg je bij %s andere abonnee || Voeg je bij %s andere abonnees")
    ['andere abonnee', 'andere abonnees']
    """
    out: list[str] = []
    for form in msg.replace("\\n", " ").replace("\\t", " ").split(" || "):
        text = html.unescape(_TAG.sub(" ", form)).replace("\u00a0", " ")
        parts = [" ".join(p.split()).strip(_EDGE) for p in _PLACEHOLDER.split(text)]
        parts = [p for p in parts if p]
        if not parts:
            continue
        best = max(parts, key=len)
        if best.count("(") > best.count(")"):  # "E-mailadres (wordt niet gepubliceerd" -> close it
            best += ")"
        if len(best) < 2 or len(best.split()) > MAX_WORDS:
            continue
        if best not in out:
            out.append(best)
    return out


def read_rows(source: Path) -> list[tuple[str, str, str, str]]:
    """(msgid, locale, msgstr, source) rows of ``wp_strings.tsv``; exits 1 with one line on a bad row."""
    rows = []
    with source.open(encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        if header[:4] != ["msgid", "locale", "msgstr", "source"]:
            sys.exit(f"error: {source}: unexpected header {header!r}")
        for n, line in enumerate(fh, start=2):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4:
                sys.exit(f"error: {source}:{n}: expected 5 tab-separated columns, got {len(cols)}")
            rows.append((cols[0], cols[1], cols[2], cols[3]))
    return rows


def build(source: Path) -> dict[str, dict[tuple[str, str], set[str]]]:
    """lang -> {(kind, phrase): {origins}}, English taken from the msgids."""
    lexicons: dict[str, dict[tuple[str, str], set[str]]] = defaultdict(dict)
    for msgid, locale, msgstr, origin in read_rows(source):
        kind = KINDS.get(msgid)
        if kind is None:
            continue
        for lang, text, where in ((normalize_lang(locale), msgstr, f"{origin} {locale}"), ("en", msgid, f"{origin} msgid")):
            if lang == "und":
                continue
            for phrase in clean(text):
                lexicons[lang].setdefault((kind, phrase), set()).add(where)
    return lexicons


def write(lexicons: dict[str, dict[tuple[str, str], set[str]]], out_dir: Path, source: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    order = list(dict.fromkeys(KINDS.values()))
    for lang, entries in sorted(lexicons.items()):
        origins = sorted({o for where in entries.values() for o in where})
        locales = sorted({o.split()[1] for o in origins})
        lines = [
            f"# farmguard residue lexicon for '{lang}': WordPress template strings (comment form, related posts,",
            "# share/like, navigation, bylines, widgets, RSS footer, subscription, default content).",
            f"# GENERATED by experiments/build_residue_lexicons.py from {source.name} (shared/data/wordpress-l10n:",
            "# WordPress core 6.1.9 Debian l10n .mo snapshots and Jetpack 3.6; GPL-2+). Do not edit by hand;",
            "# hand-written theme strings are in theme/<lang>.tsv.",
            f"# locales: {' '.join(locales)}",
        ]
        seen: set[str] = set()
        for (kind, phrase) in sorted(entries, key=lambda kp: (order.index(kp[0]), kp[1].lower())):
            key = phrase.lower()
            if key in seen:  # one phrase, one kind: the first (strongest) listed
                continue
            seen.add(key)
            lines.append(f"{kind}\t{phrase}")
        (out_dir / f"{lang}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lexicons)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"error: {args.source}: not found (needs ../shared/data/wordpress-l10n)", file=sys.stderr)
        return 1
    n = write(build(args.source), args.out, args.source)
    print(f"wrote {n} residue lexicons to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
