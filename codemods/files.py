"""Which files ``fix`` looks at: ``core.files`` (the one module that walks the project's files).

Kept only while callers move to ``core.files``; it walks nothing itself.
"""

from core.files import TEMPLATE_SUFFIXES, Discovery, discover, is_candidate  # noqa: F401
from core.files import is_migration as is_migration_path  # noqa: F401
