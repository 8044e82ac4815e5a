import string

from django.core.exceptions import ValidationError

CLASSES = (
    ("大写字母", set(string.ascii_uppercase)),
    ("小写字母", set(string.ascii_lowercase)),
    ("数字", set(string.digits)),
)


def character_classes(password: str) -> int:
    """How many of 大写字母 / 小写字母 / 数字 / 其他符号 the password uses (等保2.0 口令复杂度)."""
    used = sum(1 for _, chars in CLASSES if any(c in chars for c in password))
    if any(not (c.isascii() and c.isalnum()) for c in password):
        used += 1
    return used


class CharacterClassValidator:
    """等保2.0 三级: 口令由大写字母、小写字母、数字、特殊符号中的至少三类组成."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        if character_classes(password) < self.min_classes:
            raise ValidationError(
                "密码须包含大写字母、小写字母、数字、其他符号中的至少%(n)d类。",
                code="password_too_simple",
                params={"n": self.min_classes},
            )

    def get_help_text(self):
        return f"密码须包含大写字母、小写字母、数字、其他符号中的至少{self.min_classes}类。"


class MinimumLengthValidator:
    """等保2.0 三级: 口令长度不少于8位 (Django's message lacks a Chinese translation)."""

    def __init__(self, min_length: int = 8):
        self.min_length = min_length

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                "密码长度太短，至少需要%(n)d个字符。",
                code="password_too_short",
                params={"n": self.min_length},
            )

    def get_help_text(self):
        return f"密码至少{self.min_length}个字符。"
