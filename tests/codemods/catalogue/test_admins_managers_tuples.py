from codemods.catalogue.admins_managers_tuples import AdminsManagersTuples
from tests.codemods.helpers import check_noop, check_transformed

S = "proj/settings.py"


def test_admins_list():
    check_transformed(
        AdminsManagersTuples,
        """\
        ADMINS = [
            ("Ops", "ops@example.com"),  # pager
            ("Mary", "mary@example.com"),
        ]
        MANAGERS = ADMINS
        """,
        """\
        ADMINS = [
            "ops@example.com",  # pager
            "mary@example.com",
        ]
        MANAGERS = ADMINS
        """,
        filename=S,
    )


def test_tuple_of_tuples():
    check_transformed(AdminsManagersTuples, "ADMINS = (('Ops', 'ops@example.com'),)\n",
                      "ADMINS = ('ops@example.com',)\n", filename=S)


def test_managers_and_lists_as_pairs():
    check_transformed(AdminsManagersTuples, "MANAGERS = [['Sales', 'sales@example.com']]\n",
                      "MANAGERS = ['sales@example.com']\n", filename=S)


def test_environment_address():
    check_transformed(
        AdminsManagersTuples,
        "import os\nADMINS = [('Ops', os.environ['ADMIN_EMAIL'])]\n",
        "import os\nADMINS = [os.environ['ADMIN_EMAIL']]\n",
        filename=S,
    )


def test_both_settings():
    check_transformed(
        AdminsManagersTuples,
        "ADMINS = [('A', 'a@example.com')]\nMANAGERS = [('B', 'b@example.com')]\n",
        "ADMINS = ['a@example.com']\nMANAGERS = ['b@example.com']\n",
        filename=S,
    )


def test_name_constant():
    check_transformed(AdminsManagersTuples, "NAME = 'Ops'\nADMINS = [(NAME, 'ops@example.com')]\n",
                      "NAME = 'Ops'\nADMINS = ['ops@example.com']\n", filename=S)


def test_noop_already_strings():
    check_noop(AdminsManagersTuples, "ADMINS = ['ops@example.com', '\"Mary\" <mary@example.com>']\n", filename=S)


def test_noop_mixed():
    check_noop(AdminsManagersTuples, "ADMINS = ['ops@example.com', ('Mary', 'mary@example.com')]\n",
               filename=S, reported=True)


def test_noop_computed():
    check_noop(AdminsManagersTuples, "ADMINS = load_admins()\n", filename=S, reported=True)


def test_noop_computed_name():
    check_noop(AdminsManagersTuples, "ADMINS = [(get_name(), 'ops@example.com')]\n", filename=S, reported=True)


def test_noop_inside_if():
    check_noop(AdminsManagersTuples, "if PROD:\n    ADMINS = [('Ops', 'ops@example.com')]\n",
               filename=S, reported=True)


def test_noop_comment_inside_pair():
    check_noop(AdminsManagersTuples, "ADMINS = [(\n    'Ops',  # team\n    'ops@example.com',\n)]\n",
               filename=S, reported=True)


def test_noop_empty_and_alias():
    check_noop(AdminsManagersTuples, "ADMINS = []\nMANAGERS = ADMINS\n", filename=S, reported=False)
