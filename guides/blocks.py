"""StreamField blocks for guides, processes, skill descriptions and memos."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class HeadingBlock(blocks.StructBlock):
    """A sub-heading; the page title is the only h1, so levels start at 2.

    The search index weights heading text above body text.
    """

    text = blocks.CharBlock(label=capfirst(_("text")), max_length=160)
    level = blocks.ChoiceBlock(
        label=capfirst(_("level")),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "guides/blocks/heading.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=capfirst(_("step")), max_length=160)
    text = blocks.RichTextBlock(
        label=capfirst(_("instructions")),
        features=["bold", "italic", "link", "ol", "ul"],
        required=False,
    )
    responsible = SnippetChooserBlock(
        "kb.Role", label=capfirst(_("responsible role")), required=False
    )

    class Meta:
        icon = "list-ol"
        label = _("Step")


class StepsBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(StepBlock(), **kwargs)

    class Meta:
        icon = "list-ol"
        label = _("Steps")
        template = "guides/blocks/steps.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=capfirst(_("kind")),
        choices=[("info", _("Information")), ("warning", _("Warning"))],
        default="info",
    )
    title = blocks.CharBlock(label=capfirst(_("title")), max_length=160, required=False)
    text = blocks.RichTextBlock(
        label=capfirst(_("text")), features=["bold", "italic", "link", "ul"]
    )

    class Meta:
        icon = "warning"
        label = _("Notice")
        template = "guides/blocks/callout.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=capfirst(_("image")))
    alt_text = blocks.CharBlock(
        label=capfirst(_("alternative text")),
        max_length=250,
        help_text=_("Describe what the image shows for screen reader users."),
    )
    caption = blocks.CharBlock(label=capfirst(_("caption")), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "guides/blocks/image.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=capfirst(_("document")))
    title = blocks.CharBlock(label=capfirst(_("link text")), max_length=160, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "guides/blocks/document_link.html"


class RelatedPagesBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=capfirst(_("title")), max_length=160, required=False)
    pages = blocks.ListBlock(
        blocks.PageChooserBlock(label=capfirst(_("page"))), label=capfirst(_("pages"))
    )

    class Meta:
        icon = "link"
        label = _("Related pages")
        template = "guides/blocks/related_pages.html"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3"],
        template="guides/blocks/paragraph.html",
    )
    heading = HeadingBlock()
    steps = StepsBlock()
    callout = CalloutBlock()
    image = ImageBlock()
    document = DocumentLinkBlock()
    table = TableBlock(
        label=_("Table"),
        template="guides/blocks/table.html",
        table_options={"contextMenu": ["row_above", "row_below", "col_left", "col_right"]},
    )
    related = RelatedPagesBlock()
