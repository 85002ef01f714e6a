from django import forms
from django.utils.translation import ugettext, ugettext_lazy as _


class OrderForm(forms.Form):
    email = forms.EmailField(label=_('Email'))
    quantity = forms.IntegerField(label=_('Quantity'), min_value=1, initial=1)
    gift_wrap = forms.NullBooleanField(label=_('Gift wrap'), required=False)

    def __init__(self, *args, product, **kwargs):
        self.product = product
        super().__init__(*args, **kwargs)

    def clean_quantity(self):
        quantity = self.cleaned_data['quantity']
        if quantity > self.product.stock:
            raise forms.ValidationError(
                ugettext('Only %(stock)d left in stock.') % {'stock': self.product.stock}
            )
        return quantity
