"""One module per codemod, named after the change it fixes. ``codemods.registry`` finds them."""
