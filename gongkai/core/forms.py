class NoColonMixin:
    """Chinese labels take no trailing colon in our layout (labels sit above their fields)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
