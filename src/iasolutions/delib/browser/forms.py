"""Add and edit forms of items: the fields the configuration does not use are left out."""

from iasolutions.delib.meetingconfigs import config_of
from iasolutions.delib.vocabularies import ITEM_ATTRIBUTES
from plone.dexterity.browser import add
from plone.dexterity.browser import edit


class UsedFieldsMixin:
    def _unused(self):
        cfg = config_of(self.context)
        if cfg is None:
            return []
        return [name for name in ITEM_ATTRIBUTES if not cfg.uses(name)]

    def updateFields(self):
        super().updateFields()
        unused = self._unused()
        if unused:
            self.fields = self.fields.omit(*unused)
            for group in self.groups:
                group.fields = group.fields.omit(*unused)


class ItemAddForm(UsedFieldsMixin, add.DefaultAddForm):
    pass


class ItemAddView(add.DefaultAddView):
    form = ItemAddForm


class ItemEditForm(UsedFieldsMixin, edit.DefaultEditForm):
    pass
