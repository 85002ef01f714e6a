"""libcst codemods for Django's deprecation timeline, and the engine that runs them.

* ``codemods.base``      - the Codemod base class (metadata + transform) and FileContext
* ``codemods.imports``   - import tracking and editing without libcst's scope metadata (fast)
* ``codemods.apply``     - one file through the staged pipeline: prefilter, ast confirm, libcst once
* ``codemods.catalogue`` - one module per codemod, found by ``codemods.registry``
"""
