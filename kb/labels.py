"""Labels as editors see them: capitalised, whatever the message's own case.

Block labels and inline-panel labels are shown as given (model fields are
capitalised by Django's forms); the messages stay lowercase for reuse in
sentences, so the catalogues keep one entry each.
"""

from django.utils.text import capfirst


def capitalised(text):
    """capfirst() of a lazy translation, still lazy (evaluated in the editor's language)."""
    return capfirst(text)
