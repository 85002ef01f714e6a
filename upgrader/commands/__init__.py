"""One module per subcommand; each exposes ``command`` (a click.Command). Found by upgrader.cli."""
