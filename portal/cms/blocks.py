"""StreamField blocks for editorial pages. Each has a help text, an icon and a template."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(help_text=_("Alternative text and copyright come from the image."))
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "cms/blocks/image.html"
        help_text = _("An image with caption; the copyright notice is shown below it.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=150)

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote.html"
        help_text = _("A quotation with the name of the person quoted.")


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(max_length=30, help_text=_("For example 89 or 65 %"))
    label = blocks.CharBlock(max_length=120)


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, max_num=6)

    class Meta:
        icon = "table"
        template = "cms/blocks/key_figures.html"
        help_text = _("Up to six key figures shown side by side.")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text=_("Used when no page is chosen."))
    link_text = blocks.CharBlock(max_length=60)

    class Meta:
        icon = "pick"
        template = "cms/blocks/call_to_action.html"
        help_text = _("A highlighted box that leads to a page or address.")


class MapBlock(blocks.StructBlock):
    latitude = blocks.FloatBlock(min_value=47, max_value=56)
    longitude = blocks.FloatBlock(min_value=5, max_value=16)
    zoom = blocks.IntegerBlock(min_value=8, max_value=19, default=15)
    caption = blocks.CharBlock(max_length=200)
    text_alternative = blocks.TextBlock(
        help_text=_("Describes the place in words, for people who cannot use the map.")
    )

    class Meta:
        icon = "site"
        template = "cms/blocks/map.html"
        help_text = _("A map with one marker; the text alternative is always shown.")


class ProjectTeaserBlock(blocks.StructBlock):
    project = blocks.PageChooserBlock(page_type="cms.ProjectPage")

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/project_teaser.html"
        help_text = _("A short card for one project.")


class ExternalEmbedBlock(blocks.StructBlock):
    """Two-click embed: nothing is loaded from the third party before the reader agrees."""

    title = blocks.CharBlock(max_length=150)
    provider = blocks.CharBlock(max_length=60, help_text=_("For example: PeerTube, YouTube"))
    embed_url = blocks.URLBlock(help_text=_("The address the provider offers for embedding."))
    link_url = blocks.URLBlock(help_text=_("The address of the content on the provider's site."))
    transcript = blocks.TextBlock(
        required=False, help_text=_("Transcript or summary for people who cannot watch.")
    )

    class Meta:
        icon = "media"
        template = "cms/blocks/external_embed.html"
        help_text = _("Video or other content from another provider, loaded only after consent.")


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        icon="pilcrow",
        features=RICH_TEXT_FEATURES,
        help_text=_("Text with headings, lists and links."),
        template="cms/blocks/paragraph.html",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
    table = TableBlock(
        icon="table",
        help_text=_("A table; mark the first row as header so screen readers can read it."),
        template="cms/blocks/table.html",
        table_options={
            "contextMenu": [
                "row_above",
                "row_below",
                "col_left",
                "col_right",
                "remove_row",
                "remove_col",
                "undo",
                "redo",
            ]
        },
    )
    call_to_action = CallToActionBlock()
    map = MapBlock()
    project_teaser = ProjectTeaserBlock()
    external_embed = ExternalEmbedBlock()


class ListItemBlock(blocks.StreamBlock):
    item = blocks.CharBlock(max_length=300, icon="list-ul", template="cms/blocks/list_item.html")


class KpiBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=150)
    unit = blocks.CharBlock(max_length=30, required=False)
    baseline = blocks.FloatBlock(required=False)
    target = blocks.FloatBlock(required=False)
    target_year = blocks.IntegerBlock(required=False, min_value=2000, max_value=2100)

    class Meta:
        icon = "order"
        help_text = _("A key performance indicator with baseline and target.")


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock()

    class Meta:
        icon = "arrow-right"


class MilestoneBlock(blocks.StructBlock):
    year = blocks.IntegerBlock(min_value=2000, max_value=2100)
    text = blocks.CharBlock(max_length=300)

    class Meta:
        icon = "date"


class MeasurementBlock(blocks.StructBlock):
    date = blocks.DateBlock()
    value = blocks.FloatBlock()

    class Meta:
        icon = "date"
