from django.conf.urls import url

from . import views

app_name = 'catalog'

urlpatterns = [
    url(r'^$', views.product_list, name='product-list'),
    url(r'^products/(?P<slug>[-\w]+)/$', views.product_detail, name='product-detail'),
]
