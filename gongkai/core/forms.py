class NoColonMixin:
    """Chinese labels take no trailing colon in our layout (labels sit above their fields)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def errors_to_form(form, error) -> None:
    """A service's ValidationError shown on the form: each message at its field when the form
    has it, else above the form. (What the user typed stays in the bound form.)"""
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            for problem in problems:
                form.add_error(field if field in form.fields else None, problem)
    else:
        for problem in error.messages:
            form.add_error(None, problem)
