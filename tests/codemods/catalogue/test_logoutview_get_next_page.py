import pytest

from codemods.catalogue.logoutview_get_next_page import LogoutViewGetNextPage
from tests.codemods.helpers import check_noop, check_transformed

IMP = "from django.contrib.auth.views import LogoutView\nfrom django.urls import reverse\n"


def view(ret: str, name: str = "get_next_page", base: str = "LogoutView", extra: str = "") -> str:
    return f"\n\nclass SignOut({base}):\n    def {name}(self):\n        return {ret}\n{extra}"


@pytest.mark.parametrize("ret", [
    "reverse('home')",
    "'/bye/'",
    "self.request.GET.get('to') or reverse('home')",
    "super().get_next_page()",
    "reverse('a') if self.request.user.is_staff else '/'",
])
def test_transformed(ret):
    new_ret = ret.replace("get_next_page", "get_success_url")
    check_transformed(LogoutViewGetNextPage, IMP + view(ret), IMP + view(new_ret, "get_success_url"))


def test_self_calls_in_the_class_follow():
    extra = "\n    def get_context_data(self, **kwargs):\n        return {'next': self.get_next_page()}\n"
    check_transformed(LogoutViewGetNextPage, IMP + view("'/'", extra=extra),
                      IMP + view("'/'", "get_success_url", extra=extra.replace("get_next_page", "get_success_url")))


def test_alias_module_form_and_project_base():
    before = ("from django.contrib.auth import views as auth_views\n\n\nclass Base(auth_views.LogoutView):\n    pass\n"
              + view("'/'", base="Base"))
    check_transformed(LogoutViewGetNextPage, before, before.replace("get_next_page", "get_success_url"))


def test_if_else_chain_all_returning():
    body = ("\n\nclass SignOut(LogoutView):\n    def get_next_page(self):\n        if self.request.user.is_staff:\n"
            "            return '/admin/'\n        elif x:\n            return '/x/'\n        else:\n            return '/'\n")
    check_transformed(LogoutViewGetNextPage, IMP + body, IMP + body.replace("get_next_page", "get_success_url"))


@pytest.mark.parametrize("source", [
    "from myapp.views import LogoutView\n" + view("'/'"),  # not Django's
    IMP + view("'/'", base="TemplateView"),
    IMP + view("reverse('home')", name="get_success_url"),
    "doc = 'get_next_page'\n",
])
def test_noop(source):
    check_noop(LogoutViewGetNextPage, source)


@pytest.mark.parametrize("source", [
    IMP + view("None"),
    IMP + view("''"),
    IMP + view("self.next_page"),  # may be None: the logged-out page
    IMP + "\n\nclass SignOut(LogoutView):\n    def get_next_page(self):\n        if x:\n            return '/'\n",
    IMP + "\n\nclass SignOut(LogoutView):\n    def get_next_page(self):\n        return\n",
    IMP + view("'/'", extra="\n    def get_success_url(self):\n        return '/'\n"),
    IMP + "\n\nclass SignOut(LogoutView):\n    def get_next_page(self, x=1):\n        return '/'\n",
    IMP + "\n\nclass SignOut(LogoutView):\n    async def get_next_page(self):\n        return '/'\n",
    "try:\n    from django.contrib.auth.views import LogoutView\nexcept ImportError:\n    LogoutView = None\n" + view("'/'"),
])
def test_noop_reported(source):
    check_noop(LogoutViewGetNextPage, source, reported=True)


def test_not_in_migrations():
    check_noop(LogoutViewGetNextPage, IMP + view("'/'"), filename="app/migrations/0002_x.py")


def test_real_django_4_1_calls_the_renamed_method(tmp_path):
    """Django 4.1 never calls get_next_page(); after the rewrite a POST redirects where the override says."""
    import subprocess

    from codemods.apply import apply_source
    from tests.venvs import make_venv, python_for

    py = make_venv(python_for(django="4.1"), ["django==4.1.13"])
    urls = ("from django.contrib.auth.views import LogoutView\nfrom django.http import HttpResponse\n"
            "from django.urls import path, reverse\n\n\n"
            "class SignOut(LogoutView):\n    def get_next_page(self):\n        return reverse('home')\n\n\n"
            "urlpatterns = [path('logout/', SignOut.as_view()), path('home/', lambda r: HttpResponse('h'), name='home')]\n")
    run = ("import django\nfrom django.conf import settings\n"
           "settings.configure(ROOT_URLCONF='urls', SECRET_KEY='x', ALLOWED_HOSTS=['testserver'],\n"
           "    INSTALLED_APPS=['django.contrib.auth', 'django.contrib.contenttypes', 'django.contrib.sessions'],\n"
           "    MIDDLEWARE=['django.contrib.sessions.middleware.SessionMiddleware'],\n"
           "    TEMPLATES=[{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'DIRS': ['templates']}],\n"
           "    DATABASES={'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}})\n"
           "django.setup()\nfrom django.test import Client\n"
           "r = Client().post('/logout/')\nprint(r.status_code, r.get('Location'))\n")
    (tmp_path / "run.py").write_text(run)
    (tmp_path / "templates" / "registration").mkdir(parents=True)
    (tmp_path / "templates" / "registration" / "logged_out.html").write_text("bye")
    results = {}
    for label, source in (("before", urls), ("after", apply_source(urls, "app/urls.py", [LogoutViewGetNextPage()]).new)):
        (tmp_path / "urls.py").write_text(source)
        proc = subprocess.run([str(py), "run.py"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
        results[label] = proc.stdout.strip() or proc.stderr
    assert results["before"] == "200 None"  # the override is ignored: the logged-out page
    assert results["after"] == "302 /home/"
