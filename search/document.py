"""The engine-neutral shape of a searchable thing."""

from dataclasses import dataclass, field

from search.analysis import analyse_text

# Long documents (attachments) are cut: the first part carries the meaning, and the
# token fields stay within PostgreSQL's tsvector limits.
MAX_BODY_CHARS = 60_000


@dataclass
class SearchDocument:
    key: str
    lang: str
    kind: str
    title: str
    body: str = ""
    summary: str = ""
    headings: list = field(default_factory=list)
    url: str = ""
    # The scopes of its audience (kb.access): whoever holds one of them may see it.
    scopes: frozenset = frozenset({"public"})
    facets: dict = field(default_factory=dict)

    def tokens(self):
        """Pre-analysed token strings: whole words per field, and every related token."""
        body = f"{self.summary}\n{self.body}"[:MAX_BODY_CHARS]
        title, title_related = analyse_text(self.title, self.lang)
        headings, heading_related = analyse_text(" \n".join(self.headings), self.lang)
        text, text_related = analyse_text(body, self.lang)
        return {
            "title_tokens": " ".join(title),
            "heading_tokens": " ".join(headings),
            "body_tokens": " ".join(text),
            "part_tokens": " ".join(title_related + heading_related + text_related),
        }
