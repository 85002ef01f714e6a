"""What a parse of a project's Python file raises when the file cannot be parsed.

    try:
        tree = ast.parse(text)
    except PARSE_ERRORS as exc:   # the file is reported as not parsing; the run goes on
        ...

* ``SyntaxError`` (and its subclasses): not valid Python for this interpreter;
* ``ValueError``: a null byte in the source;
* ``RecursionError``: nesting deeper than CPython builds a tree for ("maximum recursion depth
  exceeded during ast construction"), e.g. a sum of thousands of terms in a generated module. The
  interpreter that raised it cannot compile the file either.

Every ``ast.parse`` of a user's file catches these, so one such file is reported as not parsing and
never ends a run with an internal error.
"""

PARSE_ERRORS = (SyntaxError, ValueError, RecursionError)
