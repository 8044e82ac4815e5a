"""Identity numbers of applicants (申请人身份证明, 条例第二十九条), as pure functions.

Two national standards, both with a check character computed over the first 17 characters:

* 公民身份号码 (居民身份证号码), GB 11643-1999: 6-digit address code, 8-digit birth date, 3-digit
  sequence code, check character by ISO 7064 MOD 11-2.
* 法人和其他组织统一社会信用代码, GB 32100-2015: 登记管理部门代码 (1), 机构类别代码 (1),
  登记管理机关行政区划码 (6), 主体标识码/组织机构代码 (9), check character by MOD 31 over the
  31-character set ``0-9 A-Y`` without I, O, Z, S, V.

The masks (``mask_id``, ``mask_name``, ``mask_phone``, ``mask_email``) live in
``gongkai.core.masks`` and are re-exported here.

No Django here on purpose: forms, services and demo data all call these, and tests need no setup.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from gongkai.core.masks import mask_email, mask_id, mask_name, mask_phone

__all__ = [
    "CREDIT_CODE_CHARSET",
    "IdentityError",
    "make_credit_code",
    "make_resident_id",
    "mask_email",
    "mask_id",
    "mask_name",
    "mask_phone",
    "validate_credit_code",
    "validate_resident_id",
]


class IdentityError(ValueError):
    """An identity number that fails its standard; ``str(error)`` is a message for the applicant.

    ``code`` says which rule failed (``empty``, ``length``, ``charset``, ``region``,
    ``birth_date``, ``check``), for forms and tests that need to tell them apart.
    """

    def __init__(self, message: str, code: str):
        self.code = code
        super().__init__(message)


def _normalise(text: str) -> str:
    """Full-width → half-width (NFKC turns "１２Ｘ" into "12X" and U+3000 into a space), then drop
    every whitespace character: people paste numbers written in groups ("110105 19491231 002X")."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


# --- 居民身份证号码, GB 11643-1999 ---------------------------------------------------------------

# GB 11643-1999, ISO 7064 MOD 11-2: weight of position i (1-based, from the left) is
# 2^(18-i) mod 11.
RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
# Sum mod 11 → check character: 0→1, 1→0, 2→X, 3→9, 4→8, … 10→2.
RESIDENT_ID_CHECK = "10X98765432"

# First two digits: a province-level division of GB/T 2260, plus 71 台湾, 81 香港, 82 澳门, 83 (the
# 港澳台居民居住证 of Taiwan residents, 2018) and 91 (kept because older code tables list it:
# wrongly turning an applicant away costs more than accepting an odd number).
PROVINCE_CODES = frozenset(
    (
        *range(11, 16),  # 北京 天津 河北 山西 内蒙古
        *range(21, 24),  # 辽宁 吉林 黑龙江
        *range(31, 38),  # 上海 江苏 浙江 安徽 福建 江西 山东
        *range(41, 47),  # 河南 湖北 湖南 广东 广西 海南
        *range(50, 55),  # 重庆 四川 贵州 云南 西藏
        *range(61, 66),  # 陕西 甘肃 青海 宁夏 新疆
        71,
        81,
        82,
        83,
        91,
    )
)

EARLIEST_BIRTH_YEAR = 1900


def resident_id_check_char(prefix17: str) -> str:
    """The check character (GB 11643-1999, ISO 7064 MOD 11-2) for 17 digits; no validation beyond that."""
    total = sum(int(c) * w for c, w in zip(prefix17, RESIDENT_ID_WEIGHTS, strict=True))
    return RESIDENT_ID_CHECK[total % 11]


def validate_resident_id(text: str, *, today: date | None = None) -> str:
    """Check a 居民身份证号码 (GB 11643-1999) and return it normalised, or raise ``IdentityError``.

    Normalisation: full-width digits and letters become half-width, spaces anywhere are removed,
    a lower-case check character ``x`` becomes ``X``.

    Rules, in the order they are checked (the first failure is reported):
    1. only digits, and ``X`` as the last character;
    2. exactly 18 characters (the 15-digit first-generation number is not accepted);
    3. positions 1–2 a province-level code (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81–83, 91);
    4. positions 7–14 a real date (YYYYMMDD), not before 1900 and not after ``today``
       (default: the system date);
    5. position 18 the ISO 7064 MOD 11-2 check character.
    """
    value = _normalise(text).upper()
    if not value:
        raise IdentityError("请填写身份证号码", "empty")
    if any(c not in "0123456789X" for c in value):
        raise IdentityError("身份证号码含非法字符：只能是数字，最后一位可以是X", "charset")
    if len(value) != 18:
        hint = "（15位的第一代身份证号码请换成18位号码）" if len(value) == 15 else ""
        raise IdentityError(f"身份证号码长度不对：应为18位，现为{len(value)}位{hint}", "length")
    if "X" in value[:17]:
        raise IdentityError("身份证号码含非法字符：只有最后一位可以是X", "charset")
    if int(value[:2]) not in PROVINCE_CODES:
        raise IdentityError(f"身份证号码前两位（{value[:2]}）不是有效的省级行政区划代码", "region")
    _check_birth_date(value[6:14], today or date.today())
    expected = resident_id_check_char(value[:17])
    if value[17] != expected:
        raise IdentityError(f"身份证号码校验码错误（最后一位应为{expected}）", "check")
    return value


def _check_birth_date(digits: str, today: date) -> date:
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise IdentityError(
            f"身份证号码中的出生日期无效（第7至14位为{digits}，不是真实的日期）", "birth_date"
        ) from None
    if born.year < EARLIEST_BIRTH_YEAR:
        raise IdentityError(f"身份证号码中的出生日期无效（{digits}早于1900年）", "birth_date")
    if born > today:
        raise IdentityError(f"身份证号码中的出生日期无效（{digits}晚于今天）", "birth_date")
    return born


def make_resident_id(prefix17: str) -> str:
    """Append the check character to 17 digits (for tests and demo data).

    Only the digits are checked; whether the region and birth date make sense is up to the caller,
    so that tests can build numbers that fail exactly one rule.
    """
    value = _normalise(prefix17)
    if len(value) != 17 or not value.isascii() or not value.isdigit():
        raise IdentityError("身份证号码前17位应为17个数字", "length")
    return value + resident_id_check_char(value)


# --- 统一社会信用代码, GB 32100-2015 -------------------------------------------------------------

# GB 32100-2015: the 31 characters, valued 0–30 in this order (no I, O, Z, S, V).
CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# Weight of position i (1-based) is 3^(i-1) mod 31.
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(prefix17: str) -> str:
    """The check character (GB 32100-2015): 31 − (Σ value × weight mod 31), with 31 → 0."""
    total = sum(
        CREDIT_CODE_CHARSET.index(c) * w for c, w in zip(prefix17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def validate_credit_code(text: str) -> str:
    """Check a 统一社会信用代码 (GB 32100-2015) and return it normalised, or raise ``IdentityError``.

    Normalisation: full-width → half-width, spaces removed, letters upper-cased.

    Rules, in the order they are checked:
    1. only characters of ``0-9 A-Y`` without I, O, Z, S, V;
    2. exactly 18 characters;
    3. positions 3–8 (登记管理机关行政区划码) digits;
    4. position 18 the MOD 31 check character.

    Positions 1 (登记管理部门代码: 1 机构编制, 5 民政, 9 市场监管, Y 其他, …) and 2 (机构类别代码)
    are accepted from the whole character set: the code lists grow, and a new department's codes
    must not lock its applicants out.
    """
    value = _normalise(text).upper()
    if not value:
        raise IdentityError("请填写统一社会信用代码", "empty")
    bad = sorted({c for c in value if c not in CREDIT_CODE_CHARSET})
    if bad:
        raise IdentityError(
            f"统一社会信用代码含非法字符：{'、'.join(bad)}（只用数字和除I、O、Z、S、V以外的大写字母）",
            "charset",
        )
    if len(value) != 18:
        raise IdentityError(f"统一社会信用代码长度不对：应为18位，现为{len(value)}位", "length")
    if not value[2:8].isdigit():
        raise IdentityError("统一社会信用代码第3至8位（行政区划码）应为数字", "region")
    expected = credit_code_check_char(value[:17])
    if value[17] != expected:
        raise IdentityError(f"统一社会信用代码校验码错误（最后一位应为{expected}）", "check")
    return value


def make_credit_code(prefix17: str) -> str:
    """Append the check character to 17 characters of the code's character set (tests, demo data)."""
    value = _normalise(prefix17).upper()
    if len(value) != 17 or any(c not in CREDIT_CODE_CHARSET for c in value):
        raise IdentityError("统一社会信用代码前17位应为17个有效字符", "length")
    return value + credit_code_check_char(value)


# --- Masks ---------------------------------------------------------------------------------------
# General, so they live in gongkai.core.masks (interaction and the audit log use them too); kept
# importable from here for the applications' code.
