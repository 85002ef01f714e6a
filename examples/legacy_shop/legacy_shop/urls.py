"""URL configuration of legacy_shop (old-style url() patterns from django.conf.urls)."""
from django.conf.urls import include, url
from django.contrib import admin

urlpatterns = [
    url(r'^admin/', admin.site.urls),
    url(r'^orders/', include('orders.urls')),
    url(r'^', include('catalog.urls')),
]
