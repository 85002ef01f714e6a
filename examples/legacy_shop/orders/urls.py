from django.conf.urls import url

from . import views

app_name = 'orders'

urlpatterns = [
    url(r'^new/(?P<slug>[-\w]+)/$', views.order_create, name='create'),
    url(r'^(?P<reference>[A-Za-z0-9]+)/$', views.order_detail, name='detail'),
]
