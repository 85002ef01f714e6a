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
