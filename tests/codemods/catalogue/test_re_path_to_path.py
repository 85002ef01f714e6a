import pytest

from codemods.catalogue.re_path_to_path import RePathToPath
from tests.codemods.helpers import check_noop, check_transformed

IMP = "from django.urls import include, re_path\n"


@pytest.mark.parametrize("before, after", [
    (IMP + "urlpatterns = [re_path(r'^about/$', views.about, name='about')]\n",
     "from django.urls import include, path\nurlpatterns = [path('about/', views.about, name='about')]\n"),
    (IMP + "urlpatterns = [re_path(r'^blog/', include('blog.urls'))]\n",
     "from django.urls import include, path\nurlpatterns = [path('blog/', include('blog.urls'))]\n"),
    (IMP + "urlpatterns = [re_path(r'^$', views.home), re_path(r'^x/(?P<rest>.+)$', views.x)]\n",
     "from django.urls import include, path\nurlpatterns = [path('', views.home), path('x/<path:rest>', views.x)]\n"),
    (IMP + "urlpatterns = [re_path(r'^(?P<slug>[-a-zA-Z0-9_]+)/$', v), re_path(r'^(?P<pk>\\d+)/$', d)]\n",
     "from django.urls import include, re_path, path\nurlpatterns = [path('<slug:slug>/', v), re_path(r'^(?P<pk>\\d+)/$', d)]\n"),
])
def test_transformed(before, after):
    check_transformed(RePathToPath, before, after, filename="proj/urls.py", target="2.0")


@pytest.mark.parametrize("source", [
    IMP + "urlpatterns = [re_path(r'^about/', views.about)]\n",
    IMP + "urlpatterns = [re_path(r'^(?P<pk>\\d+)/$', views.detail)]\n",
    IMP + "urlpatterns = [re_path(r'^a|b$', views.x)]\n",
    IMP + "urlpatterns = [re_path(PATTERN, views.x)]\n",
    "from django.conf.urls import url\nurlpatterns = [url(r'^about/$', views.about)]\n",
    "doc = 're_path'\n",
])
def test_noop(source):
    check_noop(RePathToPath, source, filename="proj/urls.py", target="2.0")
