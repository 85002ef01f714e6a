import pytest

from codemods.catalogue.delete_view_form_valid import DeleteViewFormValid as C
from tests.codemods.helpers import check_noop, check_transformed


def test_super_delete_with_message():
    check_transformed(C, """\
        from django.contrib import messages
        from django.views.generic import DeleteView

        class OrderDelete(DeleteView):
            model = Order

            def delete(self, request, *args, **kwargs):
                messages.success(request, "Order deleted")
                return super().delete(request, *args, **kwargs)
        """, """\
        from django.contrib import messages
        from django.views.generic import DeleteView

        class OrderDelete(DeleteView):
            model = Order

            def form_valid(self, form):
                messages.success(self.request, "Order deleted")
                return super().form_valid(form)
        """)


def test_soft_delete_body_and_kwargs():
    check_transformed(C, """\
        from django.http import HttpResponseRedirect
        from django.views.generic.edit import DeleteView

        class ArchiveOrder(DeleteView):
            def delete(self, request, *args, **kwargs):
                self.object = self.get_object()
                self.object.archived = True
                self.object.save(update_fields=["archived"])
                log(kwargs["pk"], request.user)
                return HttpResponseRedirect(self.get_success_url())
        """, """\
        from django.http import HttpResponseRedirect
        from django.views.generic.edit import DeleteView

        class ArchiveOrder(DeleteView):
            def form_valid(self, form):
                self.object = self.get_object()
                self.object.archived = True
                self.object.save(update_fields=["archived"])
                log(self.kwargs["pk"], self.request.user)
                return HttpResponseRedirect(self.get_success_url())
        """)


def test_alias_module_base_and_old_style_super():
    check_transformed(C, """\
        from django.views import generic as g

        class D(g.DeleteView):
            def delete(self, req, *a, **kw):
                audit(req)
                return super(D, self).delete(req, *a, **kw)
        """, """\
        from django.views import generic as g

        class D(g.DeleteView):
            def form_valid(self, form):
                audit(self.request)
                return super(D, self).form_valid(form)
        """)


def test_subclass_of_local_delete_view_and_base_delete_view_alias():
    check_transformed(C, """\
        from django.views.generic.edit import BaseDeleteView as BDV

        class Base(BDV):
            pass

        class Child(Base):
            def delete(self, request, *args, **kwargs):
                return super().delete(request, *args, **kwargs)
        """, """\
        from django.views.generic.edit import BaseDeleteView as BDV

        class Base(BDV):
            pass

        class Child(Base):
            def form_valid(self, form):
                return super().form_valid(form)
        """)


def test_not_a_django_delete_view_alias():
    check_noop(C, """\
        from myapp.views import DeleteView

        class D(DeleteView):
            def delete(self, request, *args, **kwargs):
                return super().delete(request, *args, **kwargs)
        """, reported=True)


def test_shadowed_delete_view():
    check_noop(C, """\
        from django.views.generic import DeleteView

        DeleteView = make_view()

        class D(DeleteView):
            def delete(self, request, *args, **kwargs):
                return super().delete(request, *args, **kwargs)
        """, reported=True)


def test_try_import():
    check_noop(C, """\
        try:
            from django.views.generic import DeleteView
        except ImportError:
            DeleteView = None

        class D(DeleteView):
            def delete(self, request, *args, **kwargs):
                return super().delete(request, *args, **kwargs)
        """, reported=True)


def test_kwargs_only_signature_not_passed_through():
    check_noop(C, """\
        from django.views.generic import DeleteView

        class D(DeleteView):
            def delete(self, request, *args, **kwargs):
                return super().delete(request, pk=kwargs["pk"])
        """, reported=True)


def test_other_parameter_shape():
    check_noop(C, """\
        from django.views.generic import DeleteView

        class D(DeleteView):
            def delete(self, request, pk, *args, **kwargs):
                return super().delete(request, pk, *args, **kwargs)
        """, reported=True)


def test_class_also_defines_post_or_form_valid():
    check_noop(C, """\
        from django.views.generic import DeleteView

        class D(DeleteView):
            def post(self, request, *args, **kwargs):
                return self.delete(request, *args, **kwargs)

            def delete(self, request, *args, **kwargs):
                return super().delete(request, *args, **kwargs)

        class E(DeleteView):
            def form_valid(self, form):
                return super().form_valid(form)

            def delete(self, request, *args, **kwargs):
                return super().delete(request, *args, **kwargs)
        """, reported=True)


def test_request_reassigned_or_nested_or_form_taken():
    check_noop(C, """\
        from django.views.generic import DeleteView

        class A(DeleteView):
            def delete(self, request, *args, **kwargs):
                request = wrap(request)
                return super().delete(request, *args, **kwargs)

        class B(DeleteView):
            def delete(self, request, *args, **kwargs):
                on_commit(lambda: notify(request))
                return super().delete(request, *args, **kwargs)

        class C(DeleteView):
            def delete(self, request, *args, **kwargs):
                form = request.POST
                return super().delete(request, *args, **kwargs)
        """, reported=True)


def test_decorated_and_async():
    check_noop(C, """\
        from django.views.generic import DeleteView

        class A(DeleteView):
            @transaction.atomic
            def delete(self, request, *args, **kwargs):
                return super().delete(request, *args, **kwargs)

        class B(DeleteView):
            async def delete(self, request, *args, **kwargs):
                return super().delete(request, *args, **kwargs)
        """, reported=True)


def test_delete_on_other_classes_and_models():
    check_noop(C, """\
        from django.db import models
        from django.views.generic import DeleteView, UpdateView

        class Order(models.Model):
            def delete(self, *args, **kwargs):
                return super().delete(*args, **kwargs)

        class Edit(UpdateView):
            def delete(self, request, *args, **kwargs):
                return None
        """, reported=False)


def test_migrations_untouched():
    check_noop(C, """\
        from django.views.generic import DeleteView

        class D(DeleteView):
            def delete(self, request, *args, **kwargs):
                return super().delete(request, *args, **kwargs)
        """, filename="shop/migrations/0002_auto.py")


def test_star_args_only_signature():
    check_transformed(C, """\
        from django.contrib.messages.views import SuccessMessageMixin
        from django.views.generic import DeleteView

        class D(SuccessMessageMixin, DeleteView):
            def delete(self, *args, **kwargs):
                obj = self.get_object()
                obj.items.clear()
                return super().delete(*args, **kwargs)
        """, """\
        from django.contrib.messages.views import SuccessMessageMixin
        from django.views.generic import DeleteView

        class D(SuccessMessageMixin, DeleteView):
            def form_valid(self, form):
                obj = self.get_object()
                obj.items.clear()
                return super().form_valid(form)
        """)


@pytest.mark.parametrize("source, expected", [
    ("class DeletionMixin:\n    def delete(self, request, *args, **kwargs):\n        pass\n", False),  # Django's own
    ("class Cleanup(Task):\n    def delete(self, request, *args, **kwargs):\n        pass\n", False),
    ("from django.views.generic import DeleteView as DV\n\nclass V(DV):\n"
     "    def delete(self, request, *args, **kwargs):\n        pass\n", True),
    ("class V(Base):\n    def delete(self, request, *args, **kwargs):\n        pass\n\n"
     "class Base(ProjectDeleteView):\n    pass\n", True),  # a base of this module that may be one
    ("class V(thirdparty.SoftDeleteView):\n    def delete(self, request, *args, **kwargs):\n        pass\n", True),
])
def test_confirm(source, expected):
    import ast

    from codemods.apply import make_context

    assert C().confirm(ast.parse(source), source, make_context("shop/views.py", source, None)) is expected
