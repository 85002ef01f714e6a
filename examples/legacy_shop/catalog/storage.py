from django.conf import settings
from django.core.files.storage import get_storage_class


def export_storage():
    """The storage catalogue exports are written to: the project's default storage class, under exports/."""
    storage_class = get_storage_class()
    return storage_class(location=str(settings.MEDIA_ROOT) + '/exports', base_url=settings.MEDIA_URL + 'exports/')
