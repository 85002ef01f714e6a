"""Old Django application code for the fix benchmark: the ``.py`` files of pinned distributions of
Django apps from the 1.11-3.2 era (about 2,900 files), fetched once by ``pip download --no-deps``
into ``$DJANGO_UPGRADE_BENCH_DIR/old-dists/``, checked against the SHA-256 pinned here, and unpacked
(the ``.py`` files only: both tools get exactly the same files). Nothing of it is committed.

    from benchmarks._oldcorpus import make_old_corpus
    root = make_old_corpus(Path("/tmp/old"))     # -> /tmp/old/<dist>/... .py files
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

from benchmarks._corpus import bench_dir

# (requirement, distribution file, sha256)
PINS = (
    ("django-cms==3.7.4", "django_cms-3.7.4-py2.py3-none-any.whl", "9302f0e21153fc9afca55d9c3424ca3654b51d274a1af6ec39f4fbb05059fe46"),
    ("Mezzanine==4.3.1", "Mezzanine-4.3.1-py2.py3-none-any.whl", "6c24c17e5f921cea8af7f96d2eadbab336e7d89161ff07ba33d0c7851fc8f5c7"),
    ("django-oscar==2.1.1", "django_oscar-2.1.1-py3-none-any.whl", "fb744fc730e033800131ff62818cc45ef1dbdd382c889c931a706adee5e3a641"),
    ("wagtail==2.16.3", "wagtail-2.16.3-py3-none-any.whl", "3b52f0e1a4bcad66e57eaa341025e90a6dcd40170f7adb132e9e9df9efa978c9"),
    ("django-filer==1.7.1", "django-filer-1.7.1.tar.gz", "7bf8cda6cbdd02c30198c59dfe2027624ee70a204f2d4f6cc2a0a8563df9b286"),
    ("djangorestframework==3.9.4", "djangorestframework-3.9.4-py2.py3-none-any.whl", "376f4b50340a46c15ae15ddd0c853085f4e66058f97e4dbe7d43ed62f5e60651"),
    ("django-haystack==2.8.1", "django-haystack-2.8.1.tar.gz", "8b54bcc926596765d0a3383d693bcdd76109c7abb6b2323b3984a39e3576028c"),
    ("django-tastypie==0.14.3", "django-tastypie-0.14.3.tar.gz", "79fbadf81a3cc42cb5304731a88f46c207ae4c8efa7556856356ec916e5b2ec7"),
    ("django-modeltranslation==0.15.2", "django-modeltranslation-0.15.2.tar.gz", "48e6c88fe8d1e4029bd38012055593e6d87f245f7a1840796e662d8a94ab8d67"),
    ("django-braces==1.13.0", "django_braces-1.13.0-py2.py3-none-any.whl", "a457d74ea29478123c0c4652272681b3cea0bf1232187fd9f9b6f1d97d32a890"),
    ("django-celery-beat==2.0.0", "django_celery_beat-2.0.0-py2.py3-none-any.whl", "fe0b2a1b31d4a6234fea4b31986ddfd4644a48fab216ce1843f3ed0ddd2e9097"),
    ("django-compressor==2.4", "django_compressor-2.4-py2.py3-none-any.whl", "57ac0a696d061e5fc6fbc55381d2050f353b973fb97eee5593f39247bc0f30af"),
    ("django-countries==6.1.3", "django_countries-6.1.3-py3-none-any.whl", "a0f77154ae08cb38a0d65530a399ead5f5837ebf6c74f7576e71bb7acdacca94"),
    ("django-crispy-forms==1.9.2", "django_crispy_forms-1.9.2-py3-none-any.whl", "888bb316db89b60050a42ec35080facb361d823eec38010ccb0702f45642d3b8"),
    ("django-debug-toolbar==2.2", "django_debug_toolbar-2.2-py3-none-any.whl", "ff94725e7aae74b133d0599b9bf89bd4eb8f5d2c964106e61d11750228c8774c"),
    ("django-extensions==2.2.9", "django_extensions-2.2.9-py2.py3-none-any.whl", "b19182d101a441fe001c5753553a901e2ef3ff60e8fbbe38881eb4a61fdd17c4"),
    ("django-filter==2.4.0", "django_filter-2.4.0-py3-none-any.whl", "e00d32cebdb3d54273c48f4f878f898dced8d5dfaad009438fe61ebdf535ace1"),
    ("django-guardian==2.3.0", "django_guardian-2.3.0-py3-none-any.whl", "0e70706c6cda88ddaf8849bddb525b8df49de05ba0798d4b3506049f0d95cbc8"),
    ("django-import-export==2.5.0", "django_import_export-2.5.0-py3-none-any.whl", "cf6f3dabdd4f32dcb26e25c7ddcba7aee3168b55d380b0da79f0349afa17c011"),
    ("django-model-utils==4.0.0", "django_model_utils-4.0.0-py2.py3-none-any.whl", "9cf882e5b604421b62dbe57ad2b18464dc9c8f963fc3f9831badccae66c1139c"),
    ("django-mptt==0.11.0", "django_mptt-0.11.0-py2.py3-none-any.whl", "90eb236eb4f1a92124bd7c37852bbe09c0d21158477cc237556d59842a91c509"),
    ("django-polymorphic==2.1.2", "django_polymorphic-2.1.2-py2.py3-none-any.whl", "0a25058e95e5e99fe0beeabb8f4734effe242d7b5b77dca416fba9fd3062da6a"),
    ("django-reversion==3.0.9", "django_reversion-3.0.9-py3-none-any.whl", "1b57127a136b969f4b843a915c72af271febe7f336469db6c27121f8adcad35c"),
    ("django-simple-history==2.12.0", "django_simple_history-2.12.0-py2.py3-none-any.whl", "e7e830cb7a768dc90d6ba0507f8023f889bcb62fe31a08f18fac102c55eec539"),
    ("django-storages==1.10.1", "django_storages-1.10.1-py3-none-any.whl", "12de8fb2605b9b57bfaf54b075280d7cbb3b3ee1ca4bc9b9add147af87fe3a2c"),
    ("django-tables2==2.3.4", "django_tables2-2.3.4-py2.py3-none-any.whl", "af5f70a9845fd8690c6b44120b065e55b9771cae99c1dcd0eb4f1cfa3f0a71e4"),
    ("django-taggit==1.5.1", "django_taggit-1.5.1-py3-none-any.whl", "dfe9e9c10b5929132041de0c00093ef0072c73c2a97d0f74a818ae50fa77149a"),
)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch(requirement: str, filename: str, sha256: str) -> Path | None:
    """The pinned distribution file, downloaded once; None when pip cannot get it or the hash differs."""
    store = bench_dir() / "old-dists"
    store.mkdir(parents=True, exist_ok=True)
    path = store / filename
    if not path.exists():
        binary = [] if filename.endswith(".whl") else ["--no-binary", ":all:"]
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
                        "--no-deps", *binary, "-d", str(store), requirement], capture_output=True, text=True)
    if not path.exists():
        print(f"# could not download {requirement}", file=sys.stderr)
        return None
    if _sha256(path) != sha256:
        print(f"# {filename}: SHA-256 mismatch, left out", file=sys.stderr)
        return None
    return path


def _py_members(path: Path):
    """(relative path, bytes) of the .py files of a wheel or an sdist (its top directory dropped)."""
    if path.name.endswith(".whl"):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if name.endswith(".py") and ".data/" not in name:
                    yield name, zf.read(name)
        return
    with tarfile.open(path) as tf:
        for member in tf.getmembers():
            if member.isfile() and member.name.endswith(".py"):
                rel = member.name.split("/", 1)[1] if "/" in member.name else member.name
                yield rel, tf.extractfile(member).read()


def make_old_corpus(dest: Path) -> Path:
    """Unpack every pinned distribution's .py files under ``dest/<distribution>/``."""
    for requirement, filename, sha256 in PINS:
        path = fetch(requirement, filename, sha256)
        if path is None:
            continue
        base = dest / requirement.partition("==")[0]
        for rel, data in _py_members(path):
            if ".." in Path(rel).parts:
                continue
            target = base / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    return dest
