"""Local stand-in for the ``staticfiles`` template tag library Django 3.0 removed.

The project's templates predate Django 2.1 and still say ``{% load staticfiles %}``; rather than
touch every template during the 2.2 -> 3.2 upgrade, this library of the same name re-exports
``{% static %}``. The real fix is ``{% load static %}``, after which this module can go.
"""
from django import template
from django.templatetags.static import do_static

register = template.Library()
register.tag('static', do_static)
