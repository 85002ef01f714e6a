import datetime
import os
import shutil
import tempfile
from decimal import Decimal
from io import StringIO

from django.contrib.auth.models import User
from django.core.cache import cache, caches
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils.timezone import utc

from .models import Category, Product
from .receivers import LOW_STOCK_CACHE_KEY


class CatalogTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.mugs = Category.objects.create(name='Mugs', slug='mugs')
        cls.blue = Product.objects.create(category=cls.mugs, name='Blue mug', slug='blue-mug', price=Decimal('9.50'), stock=5)
        cls.red = Product.objects.create(category=cls.mugs, name='Red mug', slug='red-mug', price=Decimal('8.00'), stock=0)

    def setUp(self):
        cache.clear()
        caches['pages'].clear()


class ModelTests(CatalogTestCase):
    def test_str(self):
        self.assertEqual(str(self.blue), 'Blue mug')
        self.assertEqual(str(self.mugs), 'Mugs')

    def test_is_new(self):
        now = datetime.datetime(2021, 6, 1, 12, 0, tzinfo=utc)
        self.blue.created = now - datetime.timedelta(days=3)
        self.assertTrue(self.blue.is_new(now=now))
        self.blue.created = now - datetime.timedelta(days=90)
        self.assertFalse(self.blue.is_new(now=now))

    def test_featured_is_unknown_by_default(self):
        self.assertIsNone(Product.objects.get(pk=self.blue.pk).featured)

    def test_ordering_by_name(self):
        self.assertQuerysetEqual(Product.objects.all(), ['<Product: Blue mug>', '<Product: Red mug>'])

    def test_low_stock_signal(self):
        self.blue.remove_stock(2)
        self.assertEqual(cache.get(LOW_STOCK_CACHE_KEY), None)
        self.blue.remove_stock(1)
        self.assertEqual(cache.get(LOW_STOCK_CACHE_KEY), ['blue-mug'])
        with self.assertRaises(ValueError):
            self.blue.remove_stock(10)


class ViewTests(CatalogTestCase):
    def test_product_list(self):
        response = self.client.get(reverse('catalog:product-list'))
        self.assertContains(response, 'Blue mug')
        self.assertContains(response, 'Red mug')
        self.assertContains(response, '/static/css/shop.css')
        self.assertContains(response, 'Mugs (2)')

    def test_category_counts_are_cached_in_pages_cache(self):
        self.client.get(reverse('catalog:product-list'))
        self.assertEqual(caches['pages'].get('catalog:category-counts'), [('Mugs', 2)])

    def test_search(self):
        response = self.client.get(reverse('catalog:product-list'), {'q': 'blue'})
        self.assertContains(response, 'Blue mug')
        self.assertNotContains(response, 'Red mug')

    def test_search_without_results(self):
        response = self.client.get(reverse('catalog:product-list'), {'q': 'teapot'})
        self.assertContains(response, 'No products match your search.')

    def test_search_too_short(self):
        response = self.client.get(reverse('catalog:product-list'), {'q': 'x'})
        self.assertFormError(response, 'form', 'q', 'Type at least two characters.')

    def test_product_list_ajax(self):
        response = self.client.get(reverse('catalog:product-list'), HTTP_X_REQUESTED_WITH='XMLHttpRequest')
        self.assertEqual(response['Content-Type'], 'application/json')
        self.assertEqual(
            [p['name'] for p in response.json()['products']],
            ['Blue mug', 'Red mug'],
        )

    def test_product_detail_in_stock(self):
        response = self.client.get(self.blue.get_absolute_url())
        self.assertContains(response, 'In stock: 5')
        self.assertContains(response, reverse('orders:create', kwargs={'slug': 'blue-mug'}))
        self.assertContains(response, '?q=Blue%20mug')

    def test_product_detail_sold_out(self):
        response = self.client.get(self.red.get_absolute_url())
        self.assertContains(response, 'Sold out')
        self.assertNotContains(response, 'Order now')

    def test_unknown_product(self):
        response = self.client.get('/products/teapot/')
        self.assertEqual(response.status_code, 404)

    def test_admin_changelist(self):
        User.objects.create_superuser('admin', 'admin@example.com', 'correct horse battery')
        self.client.login(username='admin', password='correct horse battery')
        response = self.client.get(reverse('admin:catalog_product_changelist'))
        self.assertContains(response, 'Blue mug')


class ExportCommandTests(CatalogTestCase):
    def test_export_catalog(self):
        media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, media)
        out = StringIO()
        with override_settings(MEDIA_ROOT=media):
            call_command('export_catalog', filename='export.csv', stdout=out)
        self.assertIn('Exported 2 products', out.getvalue())
        with open(os.path.join(media, 'exports', 'export.csv'), encoding='utf-8') as fh:
            lines = fh.read().splitlines()
        self.assertEqual(lines[0], 'slug,name,category,price,stock')
        self.assertEqual(lines[1], 'blue-mug,Blue mug,Mugs,9.50,5')
