"""The collection's own commands, one tool: `templates adopt`, `move`, `fleet` and `setup`."""
