from django.contrib import admin

from .models import Order, OrderLine


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    extra = 0


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ('reference', 'email', 'status', 'gift_wrap', 'created', 'paid_at')
    list_filter = ('status', 'gift_wrap')
    search_fields = ('reference', 'email')
    inlines = [OrderLineInline]
