from django import forms
from django.utils.translation import ugettext_lazy as _


class ProductSearchForm(forms.Form):
    q = forms.CharField(label=_('Search'), required=False, max_length=100)

    def clean_q(self):
        q = self.cleaned_data['q'].strip()
        if q and len(q) < 2:
            raise forms.ValidationError(_('Type at least two characters.'))
        return q
