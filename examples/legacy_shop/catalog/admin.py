from django.contrib import admin
from django.utils.translation import ugettext_lazy as _

from .models import Category, Product


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ('name', 'slug')
    prepopulated_fields = {'slug': ('name',)}


def mark_featured(modeladmin, request, queryset):
    queryset.update(featured=True)


mark_featured.short_description = _('Mark selected products as featured')


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ('name', 'category', 'price', 'stock', 'featured')
    list_filter = ('category', 'featured')
    search_fields = ('name', 'description')
    prepopulated_fields = {'slug': ('name',)}
    actions = [mark_featured]
