import csv
import io

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.utils.encoding import force_text

from catalog.models import Product
from catalog.storage import export_storage


class Command(BaseCommand):
    help = 'Export the catalogue as CSV into the export storage.'
    requires_system_checks = False

    def add_arguments(self, parser):
        parser.add_argument('--filename', default='catalog.csv')

    def handle(self, *args, **options):
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(['slug', 'name', 'category', 'price', 'stock'])
        count = 0
        for p in Product.objects.select_related('category'):
            writer.writerow([p.slug, force_text(p.name), force_text(p.category), p.price, p.stock])
            count += 1
        storage = export_storage()
        name = storage.save(options['filename'], ContentFile(buf.getvalue().encode('utf-8')))
        self.stdout.write('Exported %d products to %s' % (count, force_text(storage.path(name))))
