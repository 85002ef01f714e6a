import pytest

from codemods.catalogue.include_app_name import IncludeAppName
from tests.codemods.helpers import check_noop, check_transformed

IMP = "from django.conf.urls import include, url\n"


@pytest.mark.parametrize("before, after", [
    (IMP + "urlpatterns = [url(r'^blog/', include('blog.urls', namespace='blog', app_name='blog'))]\n",
     IMP + "urlpatterns = [url(r'^blog/', include(('blog.urls', 'blog'), namespace='blog'))]\n"),
    (IMP + "urlpatterns = [url(r'^blog/', include('blog.urls', 'ns', 'app'))]\n",
     IMP + "urlpatterns = [url(r'^blog/', include(('blog.urls', 'app'), namespace='ns'))]\n"),
    (IMP + "urlpatterns = [url(r'^x/', include((patterns, 'app', 'ns')))]\n",
     IMP + "urlpatterns = [url(r'^x/', include((patterns, 'app'), namespace='ns'))]\n"),
    (IMP + "urlpatterns = [url(r'^x/', include(patterns, app_name='app'))]\n",
     IMP + "urlpatterns = [url(r'^x/', include((patterns, 'app')))]\n"),
    ("from django.urls import include, path\nurlpatterns = [path('x/', include(p, namespace='n', app_name='a'))]\n",
     "from django.urls import include, path\nurlpatterns = [path('x/', include((p, 'a'), namespace='n'))]\n"),
])
def test_transformed(before, after):
    check_transformed(IncludeAppName, before, after, filename="proj/urls.py")


@pytest.mark.parametrize("source", [
    IMP + "urlpatterns = [url(r'^blog/', include('blog.urls', namespace='blog'))]\n",
    IMP + "urlpatterns = [url(r'^blog/', include(('blog.urls', 'blog'), namespace='blog'))]\n",
    IMP + "urlpatterns = [url(r'^admin/', include(admin.site.urls))]\n",
    "from mylib import include\nx = include('a', 'b', 'c')\n",
    "doc = 'include'\n",
])
def test_noop(source):
    check_noop(IncludeAppName, source, filename="proj/urls.py")


@pytest.mark.parametrize("source", [
    IMP + "urlpatterns = [url(r'^blog/', include('blog.urls', **opts))]\n",
    "from django.conf.urls import *\nurlpatterns = [url(r'^blog/', include('blog.urls', namespace='b', app_name='b'))]\n",
])
def test_noop_reported(source):
    check_noop(IncludeAppName, source, filename="proj/urls.py", reported=True)
