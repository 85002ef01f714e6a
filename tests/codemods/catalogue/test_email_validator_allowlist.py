from codemods.catalogue.email_validator_allowlist import EmailValidatorAllowlist as C
from tests.codemods.helpers import check_noop, check_transformed

IMP = "from django.core.validators import EmailValidator\n"


def test_keyword():
    check_transformed(C, IMP + "v = EmailValidator(whitelist=['x'])\n", IMP + "v = EmailValidator(allowlist=['x'])\n")


def test_keyword_with_others():
    check_transformed(
        C, IMP + "v = EmailValidator(message='bad', whitelist=ALLOWED)\n", IMP + "v = EmailValidator(message='bad', allowlist=ALLOWED)\n"
    )


def test_module_attribute():
    check_transformed(
        C, "from django.core import validators\nv = validators.EmailValidator(whitelist=[])\n",
        "from django.core import validators\nv = validators.EmailValidator(allowlist=[])\n",
    )


def test_alias():
    check_transformed(
        C, "from django.core.validators import EmailValidator as EV\nv = EV(whitelist=[])\n",
        "from django.core.validators import EmailValidator as EV\nv = EV(allowlist=[])\n",
    )


def test_subclass_attribute():
    check_transformed(
        C, IMP + "class CorpValidator(EmailValidator):\n    domain_whitelist = ['corp']\n",
        IMP + "class CorpValidator(EmailValidator):\n    domain_allowlist = ['corp']\n",
    )


def test_in_model_field_validators():
    check_transformed(
        C, IMP + "f = models.EmailField(validators=[EmailValidator(whitelist=['a'])])\n",
        IMP + "f = models.EmailField(validators=[EmailValidator(allowlist=['a'])])\n",
    )


def test_in_migration():
    check_transformed(
        C, "import django.core.validators\nv = django.core.validators.EmailValidator(whitelist=['a'])\n",
        "import django.core.validators\nv = django.core.validators.EmailValidator(allowlist=['a'])\n",
        filename="app/migrations/0002_x.py",
    )


def test_noop_other_class():
    check_noop(C, "from mylib import EmailValidator\nv = EmailValidator(whitelist=['x'])\n")


def test_noop_kwargs():
    check_noop(C, IMP + "opts = {'whitelist': ['x']}\nv = EmailValidator(**opts)\n", reported=True)


def test_noop_already_allowlist():
    check_noop(C, IMP + "v = EmailValidator(allowlist=['x'])\n")


def test_noop_attribute_on_unrelated_class():
    check_noop(C, IMP + "class Other:\n    domain_whitelist = ['x']\n")


def test_noop_whitelist_elsewhere():
    check_noop(C, IMP + "whitelist = ['x']\nv = EmailValidator()\n")
