from django.db import transaction
from django.dispatch import receiver

from .signals import order_paid


@receiver(order_paid)
def take_stock(sender, order, **kwargs):
    """A paid order takes its products out of stock."""
    with transaction.atomic():
        for line in order.lines.select_related('product'):
            line.product.remove_stock(line.quantity)
