from django.dispatch import Signal

# Sent when a product's stock falls to or below Product.LOW_STOCK.
stock_low = Signal(providing_args=['product', 'stock'])
