"""How every form renders: each field in error points to its messages with aria-describedby.

Set as ``FORM_RENDERER``; Django 5.2's ``bound_field_class`` applies it to every form of every
app, crispy-rendered or not. The ids are the ones crispy-bootstrap5 gives the messages
(``error_<n>_<field id>``), and ``includes/error_summary.html`` links to the fields.
"""

from django.forms import BoundField
from django.forms.renderers import DjangoTemplates


class AccessibleBoundField(BoundField):
    def error_ids(self) -> list[str]:
        return [f"error_{n}_{self.auto_id}" for n in range(1, len(self.errors) + 1)]

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if self.errors and self.auto_id:
            described = [*self.error_ids(), *attrs.get("aria-describedby", "").split()]
            attrs["aria-describedby"] = " ".join(dict.fromkeys(described))
            attrs["aria-invalid"] = "true"
        return attrs


class FormRenderer(DjangoTemplates):
    bound_field_class = AccessibleBoundField
