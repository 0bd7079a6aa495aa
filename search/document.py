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
    visibility: str = "public"
    facets: dict = field(default_factory=dict)

    def tokens(self):
        """Pre-analysed token strings: title, headings, and summary + body."""
        body = f"{self.summary}\n{self.body}"[:MAX_BODY_CHARS]
        return {
            "title_tokens": " ".join(analyse_text(self.title, self.lang)),
            "heading_tokens": " ".join(analyse_text(" \n".join(self.headings), self.lang)),
            "body_tokens": " ".join(analyse_text(body, self.lang)),
        }
