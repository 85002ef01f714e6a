"""
Django settings for the legacy_shop example project.

Written for Django 3.2 and never upgraded: it still carries settings that later releases
deprecate or remove (USE_L10N, DEFAULT_FILE_STORAGE, STATICFILES_STORAGE,
PASSWORD_RESET_TIMEOUT_DAYS) and no DEFAULT_AUTO_FIELD.
"""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# No secrets in the repository: the real key comes from the environment.
SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'legacy-shop-insecure-development-key')

DEBUG = os.environ.get('DJANGO_DEBUG', '') in ('1', 'true', 'True', 'yes')

ALLOWED_HOSTS = os.environ.get('DJANGO_ALLOWED_HOSTS', 'localhost,127.0.0.1,testserver').split(',')

INSTALLED_APPS = [
    'django.contrib.admin',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.messages',
    'django.contrib.staticfiles',
    'catalog',
    'orders',
]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'django.contrib.messages.middleware.MessageMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
]

ROOT_URLCONF = 'legacy_shop.urls'

TEMPLATES = [
    {
        'BACKEND': 'django.template.backends.django.DjangoTemplates',
        'DIRS': [BASE_DIR / 'templates'],
        'APP_DIRS': True,
        'OPTIONS': {
            'context_processors': [
                'django.template.context_processors.debug',
                'django.template.context_processors.request',
                'django.contrib.auth.context_processors.auth',
                'django.contrib.messages.context_processors.messages',
            ],
        },
    },
]

WSGI_APPLICATION = 'legacy_shop.wsgi.application'

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.sqlite3',
        'NAME': BASE_DIR / 'db.sqlite3',
    }
}

CACHES = {
    'default': {
        'BACKEND': 'django.core.cache.backends.locmem.LocMemCache',
        'LOCATION': 'legacy-shop',
    },
    'pages': {
        'BACKEND': 'django.core.cache.backends.filebased.FileBasedCache',
        'LOCATION': str(BASE_DIR / 'var' / 'cache' / 'pages'),
        'TIMEOUT': 600,
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {'NAME': 'django.contrib.auth.password_validation.UserAttributeSimilarityValidator'},
    {'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator'},
]

# Deprecated in Django 3.1 (RemovedInDjango40Warning), removed in 4.0: PASSWORD_RESET_TIMEOUT.
PASSWORD_RESET_TIMEOUT_DAYS = 2

LANGUAGE_CODE = 'en-us'
TIME_ZONE = 'Europe/Paris'
USE_I18N = True
# Deprecated in Django 4.0 (RemovedInDjango50Warning), removed in 5.0: localization is always on.
USE_L10N = True
USE_TZ = True

STATIC_URL = '/static/'
STATIC_ROOT = BASE_DIR / 'staticfiles'
STATICFILES_DIRS = [BASE_DIR / 'static']
MEDIA_URL = '/media/'
MEDIA_ROOT = BASE_DIR / 'media'

# Deprecated in Django 4.2 (RemovedInDjango51Warning), removed in 5.1: the STORAGES setting.
DEFAULT_FILE_STORAGE = 'django.core.files.storage.FileSystemStorage'
STATICFILES_STORAGE = 'django.contrib.staticfiles.storage.StaticFilesStorage'

LOGIN_URL = '/admin/login/'

# DEFAULT_AUTO_FIELD is deliberately not set (Django 3.2 reports models.W042 for every model).
