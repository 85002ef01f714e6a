import datetime

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import ugettext_lazy as _

from .signals import order_paid


def generate_reference():
    return get_random_string().upper()


class Order(models.Model):
    NEW, PAID, SHIPPED = 'new', 'paid', 'shipped'
    STATUS_CHOICES = (
        (NEW, _('New')),
        (PAID, _('Paid')),
        (SHIPPED, _('Shipped')),
    )

    reference = models.CharField(_('reference'), max_length=12, unique=True, default=generate_reference, editable=False)
    email = models.EmailField(_('email'))
    status = models.CharField(_('status'), max_length=10, choices=STATUS_CHOICES, default=NEW)
    gift_wrap = models.NullBooleanField(_('gift wrap'), help_text=_('Unknown when the customer did not say.'))
    created = models.DateTimeField(_('created'), auto_now_add=True)
    paid_at = models.DateTimeField(_('paid at'), null=True, blank=True)

    class Meta:
        ordering = ['-created']
        index_together = [['status', 'created']]
        verbose_name = _('order')
        verbose_name_plural = _('orders')

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse('orders:detail', kwargs={'reference': self.reference})

    @property
    def total(self):
        return sum((line.quantity * line.unit_price for line in self.lines.all()), 0)

    def mark_paid(self):
        self.status = self.PAID
        self.paid_at = datetime.datetime.now(tz=timezone.utc)
        self.save(update_fields=['status', 'paid_at'])
        order_paid.send(sender=self.__class__, order=self)


class OrderLine(models.Model):
    order = models.ForeignKey(Order, related_name='lines', on_delete=models.CASCADE)
    product = models.ForeignKey('catalog.Product', related_name='order_lines', on_delete=models.PROTECT)
    quantity = models.PositiveIntegerField(_('quantity'), default=1)
    unit_price = models.DecimalField(_('unit price'), max_digits=8, decimal_places=2)

    def __str__(self):
        return '%s x %s' % (self.quantity, self.product)
