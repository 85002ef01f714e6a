from django.core.cache import cache
from django.dispatch import receiver

from .signals import stock_low

LOW_STOCK_CACHE_KEY = 'catalog:low-stock'


@receiver(stock_low)
def remember_low_stock(sender, product, stock, **kwargs):
    """Keep the slugs of products that run low, for the back office to restock."""
    low = set(cache.get(LOW_STOCK_CACHE_KEY, ()))
    low.add(product.slug)
    cache.set(LOW_STOCK_CACHE_KEY, sorted(low), None)
