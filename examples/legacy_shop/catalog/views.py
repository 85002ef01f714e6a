from django.core.cache import caches
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.encoding import smart_text
from django.utils.http import urlquote
from django.utils.translation import ugettext as _

from .forms import ProductSearchForm
from .models import Category, Product

CATEGORY_COUNTS_KEY = 'catalog:category-counts'


def category_counts():
    """Products per category, cached in the file-based 'pages' cache."""
    def compute():
        return [
            (c.name, c.n)
            for c in Category.objects.annotate(n=Count('products')).order_by('name')
        ]
    return caches['pages'].get_or_set(CATEGORY_COUNTS_KEY, compute, 300)


def product_list(request):
    form = ProductSearchForm(request.GET or None)
    products = Product.objects.select_related('category')
    if form.is_valid() and form.cleaned_data['q']:
        products = products.filter(name__icontains=form.cleaned_data['q'])
    if request.is_ajax():
        return JsonResponse({
            'products': [
                {'name': smart_text(p.name), 'url': p.get_absolute_url(), 'price': smart_text(p.price)}
                for p in products
            ],
        })
    return render(request, 'catalog/product_list.html', {
        'form': form,
        'products': products,
        'categories': category_counts(),
        'title': _('Our products'),
    })


def product_detail(request, slug):
    product = get_object_or_404(Product.objects.select_related('category'), slug=slug)
    share_url = request.build_absolute_uri('/') + '?q=' + urlquote(product.name)
    return render(request, 'catalog/product_detail.html', {'product': product, 'share_url': share_url})
