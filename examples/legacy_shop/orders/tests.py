import datetime
from decimal import Decimal

from django.apps import apps
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from catalog.models import Category, Product

from .models import Order, OrderLine, generate_reference


class OrderTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        mugs = Category.objects.create(name='Mugs', slug='mugs')
        cls.product = Product.objects.create(category=mugs, name='Blue mug', slug='blue-mug', price=Decimal('9.50'), stock=3)

    def order(self, quantity=1, **kwargs):
        order = Order.objects.create(email='ann@example.com', **kwargs)
        OrderLine.objects.create(order=order, product=self.product, quantity=quantity, unit_price=self.product.price)
        return order


class ModelTests(OrderTestCase):
    def test_reference(self):
        ref = generate_reference()
        self.assertEqual(len(ref), 12)
        self.assertEqual(ref, ref.upper())
        self.assertNotEqual(self.order().reference, self.order().reference)

    def test_total(self):
        self.assertEqual(self.order(quantity=2).total, Decimal('19.00'))

    def test_mark_paid_takes_stock(self):
        order = self.order(quantity=2)
        order.mark_paid()
        order.refresh_from_db()
        self.assertEqual(order.status, Order.PAID)
        self.assertEqual(order.paid_at.utcoffset(), datetime.timedelta(0))
        self.assertLess(timezone.now() - order.paid_at, datetime.timedelta(minutes=5))
        self.product.refresh_from_db()
        self.assertEqual(self.product.stock, 1)

    def test_queryset_ordering(self):
        first = self.order()
        second = self.order()
        Order.objects.filter(pk=first.pk).update(created=timezone.now() - datetime.timedelta(days=1))
        self.assertQuerysetEqual(
            Order.objects.all(), [str(second), str(first)], transform=str,
        )
        self.assertQuerysetEqual(OrderLine.objects.filter(order=first), ['<OrderLine: 1 x Blue mug>'])

    def test_app_configs(self):
        self.assertEqual(str(apps.get_app_config('orders').verbose_name), 'Orders')
        self.assertEqual(str(apps.get_app_config('catalog').verbose_name), 'Catalog')


class ViewTests(OrderTestCase):
    def url(self):
        return reverse('orders:create', kwargs={'slug': self.product.slug})

    def test_form(self):
        response = self.client.get(self.url())
        self.assertContains(response, 'Order Blue mug')
        self.assertContains(response, 'name="quantity"')

    def test_place_order(self):
        response = self.client.post(self.url(), {'email': 'ann@example.com', 'quantity': 2, 'gift_wrap': 'unknown'})
        order = Order.objects.get()
        self.assertRedirects(response, order.get_absolute_url(), fetch_redirect_response=False)
        self.assertIsNone(order.gift_wrap)
        self.assertEqual(order.lines.get().quantity, 2)
        response = self.client.get(order.get_absolute_url())
        self.assertContains(response, 'Your order reference is %s' % order.reference)
        self.assertContains(response, 'Total: 19.00')

    def test_place_order_safe_next(self):
        response = self.client.post(self.url(), {'email': 'ann@example.com', 'quantity': 1, 'next': '/?q=mug'})
        self.assertRedirects(response, '/?q=mug')

    def test_place_order_unsafe_next(self):
        response = self.client.post(self.url(), {'email': 'ann@example.com', 'quantity': 1, 'next': 'https://evil.example.com/'})
        self.assertRedirects(response, Order.objects.get().get_absolute_url())

    def test_not_enough_stock(self):
        response = self.client.post(self.url(), {'email': 'ann@example.com', 'quantity': 5})
        self.assertEqual(response.status_code, 200)
        self.assertFormError(response, 'form', 'quantity', 'Only 3 left in stock.')
        self.assertFalse(Order.objects.exists())

    def test_detail_ajax(self):
        order = self.order(quantity=2)
        response = self.client.get(order.get_absolute_url(), HTTP_X_REQUESTED_WITH='XMLHttpRequest')
        self.assertEqual(response.json(), {'reference': order.reference, 'status': 'new', 'total': '19.00'})

    def test_detail_paid(self):
        order = self.order()
        order.mark_paid()
        response = self.client.get(order.get_absolute_url())
        self.assertContains(response, 'Paid on ')
