import datetime

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_text
from django.utils.timezone import utc
from django.utils.translation import ugettext_lazy as _

from .signals import stock_low


class Category(models.Model):
    name = models.CharField(_('name'), max_length=100)
    slug = models.SlugField(_('slug'), unique=True)

    class Meta:
        ordering = ['name']
        verbose_name = _('category')
        verbose_name_plural = _('categories')

    def __str__(self):
        return force_text(self.name)


class Product(models.Model):
    LOW_STOCK = 2
    NEW_FOR_DAYS = 30

    category = models.ForeignKey(Category, related_name='products', on_delete=models.CASCADE)
    name = models.CharField(_('name'), max_length=200)
    slug = models.SlugField(_('slug'), unique=True)
    description = models.TextField(_('description'), blank=True)
    price = models.DecimalField(_('price'), max_digits=8, decimal_places=2)
    stock = models.PositiveIntegerField(_('stock'), default=0)
    # None means "not reviewed by the merchandising team yet".
    featured = models.NullBooleanField(_('featured'))
    created = models.DateTimeField(_('created'), default=timezone.now)

    class Meta:
        ordering = ['name']
        index_together = [('category', 'name')]
        verbose_name = _('product')
        verbose_name_plural = _('products')

    def __str__(self):
        return force_text(self.name)

    def get_absolute_url(self):
        return reverse('catalog:product-detail', kwargs={'slug': self.slug})

    def is_new(self, now=None):
        now = now or datetime.datetime.now(tz=utc)
        return now - self.created < datetime.timedelta(days=self.NEW_FOR_DAYS)

    def remove_stock(self, quantity):
        if quantity > self.stock:
            raise ValueError('only %d left' % self.stock)
        self.stock -= quantity
        self.save(update_fields=['stock'])
        if self.stock <= self.LOW_STOCK:
            stock_low.send(sender=self.__class__, product=self, stock=self.stock)
