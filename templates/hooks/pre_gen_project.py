# assemble: include hooks/answers.py
# ---------------------------------------------------------------------------------------------
# The cookiecutter pre-generation hook: refuse invalid answers before anything is written.
# The rules above are inlined from the collection's hooks/answers.py by templates/assemble.py
# (cruft gives a hook no way to find the collection's files); copier's validators are made
# from the same rules. Each answer arrives as JSON text inside a string literal, so that any
# character, a newline or an emoji included, reaches the rules exactly as it was typed.

ANSWERS = {
{%- for name, value in cookiecutter.items() if not name.startswith("_") %}
    {{ name | tojson }}: json.loads({{ value | tojson | tojson }}),
{%- endfor %}
}
CHOICES = json.loads({{ cookiecutter._choices | tojson | tojson }})

sys.exit(main(ANSWERS, CHOICES, kind={{ cookiecutter._kind | tojson }}))
