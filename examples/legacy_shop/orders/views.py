from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import is_safe_url
from django.utils.translation import ugettext as _

from catalog.models import Product

from .forms import OrderForm
from .models import Order, OrderLine


def order_create(request, slug):
    product = get_object_or_404(Product, slug=slug)
    if request.method == 'POST':
        form = OrderForm(request.POST, product=product)
        if form.is_valid():
            order = Order.objects.create(email=form.cleaned_data['email'], gift_wrap=form.cleaned_data['gift_wrap'])
            OrderLine.objects.create(
                order=order, product=product, quantity=form.cleaned_data['quantity'], unit_price=product.price
            )
            messages.success(request, _('Thank you! Your order reference is %(ref)s.') % {'ref': order.reference})
            next_url = request.POST.get('next')
            if next_url and is_safe_url(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
                return redirect(next_url)
            return redirect(order)
    else:
        form = OrderForm(product=product)
    return render(request, 'orders/order_form.html', {'form': form, 'product': product})


def order_detail(request, reference):
    order = get_object_or_404(Order, reference=reference)
    if request.is_ajax():
        return JsonResponse({'reference': order.reference, 'status': order.status, 'total': str(order.total)})
    return render(request, 'orders/order_detail.html', {'order': order})
