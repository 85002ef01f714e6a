from django.dispatch import Signal

# Sent once an order has been paid.
order_paid = Signal(providing_args=['order'])
