"""个人信息 in what the public sees (去标识化): detectors as pure functions.

The 政府网站检查 (国办秘函〔2019〕19号) and the 第三方评估 report personal data in published pages
and their attachments more than any other finding: 身份证号, 手机号码, 银行卡号, and 名单 that list
names with them. These detectors judge text that is (or is about to be) public, so they must not
cry wolf: every number carries its own proof.

* 身份证号: 18 characters, GB 11643-1999 — a province-level code (not 91: that is how a company's
  统一社会信用代码 starts), a prefecture code (positions 3–4) other than 00 except for the 港澳台
  居民居住证 (810000, 820000, 830000), a real birth date from 1900 up to ``today``, and the ISO 7064
  MOD 11-2 check character (``X`` too).
* 手机号码: 11 digits ``1[3-9]…``, alone or written 3-4-4 with spaces or hyphens, ``+86`` allowed.
* 银行卡号: 16–19 digits (or groups of four) passing the Luhn check, with a prefix that card
  schemes issue (银联 62, 60, 955; Visa 4; Mastercard 51–55 and 2221–2720; JCB 3528–3589).
* 名单: a row (of a table, a sheet, or a line of text) with a person's name next to one of those.

A number glued to letters (a 合同编号), inside a longer digit run, part of a decimal, an amount
(``…元``), or labelled as a 统一社会信用代码/订单号/流水号 is not personal data. Masked forms
(``110105********1234``, ``138****5678``) are what 去标识化 produces and are never reported: a
``*`` ends a digit run. A hit keeps the masked value only; the full value is never returned.

``gongkai.interaction.scrub`` is the other way round: it blanks anything number-like in a message
before publication and errs towards hiding. Here the question is what to report, so the checksum
decides.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from enum import StrEnum

from gongkai.applications.identity import PROVINCE_CODES, resident_id_check_char
from gongkai.core.masks import mask_id, mask_name, mask_phone

#: Bump when a detector changes: cached attachment scans of an older version are done again.
VERSION = 1


class PersonalKind(StrEnum):
    ID_NUMBER = "id_number"
    MOBILE = "mobile"
    BANK_CARD = "bank_card"
    NAME_LIST = "name_list"


LABELS = {
    PersonalKind.ID_NUMBER: "身份证号",
    PersonalKind.MOBILE: "手机号码",
    PersonalKind.BANK_CARD: "银行卡号",
    PersonalKind.NAME_LIST: "姓名与上述号码同列",
}

#: How to fix it (去标识化), for findings and the 保密审查 page.
DEIDENTIFY = (
    "去标识化处理：身份证号隐去第7至14位（出生日期），如110105********1234；"
    "手机号码隐去第4至7位，如138****5678；银行卡号只保留后4位；名单中的姓名可只保留姓氏，如张*。"
    "确需公开的（如行政许可公示中的法定代表人），应在保密审查环节确认并写明理由。"
)


@dataclass(frozen=True)
class Line:
    """One line of text to scan: a row of a table or sheet (``row`` set, ``cells`` its cells), or
    a line of prose (``row`` None, one cell). ``group`` says where: "正文", "表1", "工作表“名单”",
    "第2页"."""

    group: str
    cells: tuple[str, ...]
    row: int | None = None


@dataclass(frozen=True)
class Hit:
    """What was found, masked, and where; ``count`` occurrences of ``kind`` in that place."""

    kind: str
    masked: str
    where: str
    count: int = 1

    @property
    def label(self) -> str:
        return LABELS[self.kind]

    def what(self) -> str:
        if self.kind == PersonalKind.NAME_LIST:
            return f"{self.label}（{self.masked}等{self.count}行）"
        more = f"等{self.count}处" if self.count > 1 else ""
        return f"{self.label}{self.masked}{more}"

    def describe(self) -> str:
        return f"{self.where}：{self.what()}"

    def located(self, prefix: str) -> Hit:
        """The same hit, placed inside ``prefix`` (an attachment's name)."""
        return Hit(self.kind, self.masked, f"{prefix}{self.where}", self.count)

    def as_dict(self) -> dict:
        return asdict(self)


# --- Numbers ---------------------------------------------------------------------------------

# A run of digits, in groups separated by one space or hyphen, each group maybe ending in X (the
# check character of an ID). Not glued to letters or digits, not part of a decimal.
_RUN = re.compile(
    r"(?<![0-9A-Za-z])(?<![0-9]\.)"
    r"(?=\+?[0-9][0-9Xx \-]{10})"  # 11 characters at least: short numbers cost nothing
    r"(\+?[0-9]+[Xx]?(?:[ \-][0-9]+[Xx]?)*)"
    r"(?![0-9A-Za-z])(?!\.[0-9])"
)
_AMOUNT_AFTER = tuple("元万亿%‰")
_AMOUNT_BEFORE = tuple("¥￥$")
#: A number labelled like this is not about a person.
_NOT_PERSONAL = re.compile(
    r"(信用代码|机构代码|组织代码|注册号|订单|单号|流水号|交易号|批号|条码|条形码|税号|纳税人识别号"
    r"|证书编号|许可证编号|合同编号|备案号|文号|邮编)[^0-9]{0,6}$"
)


# Eleven digits, half- or full-width, with at most one separator (or an HTML space) between two:
# a text without this holds no personal number, and is not read further.
_CANDIDATE = re.compile(
    r"[0-9\uff10-\uff19](?:(?:[ \-\u00a0\u3000\uff0d]|&nbsp;|&#160;)?[0-9\uff10-\uff19]){10}"
)


def may_hold_numbers(text: str) -> bool:
    """Whether ``text`` (plain or HTML) might hold a personal number: a cheap first look."""
    return bool(text) and _CANDIDATE.search(text) is not None


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check of ISO/IEC 7812 card numbers."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def is_resident_id(value: str, *, today: date) -> bool:
    """A 居民身份证号码 (GB 11643-1999) that could have been issued: see the module docstring."""
    if len(value) != 18 or not value[:17].isascii() or not value[:17].isdigit():
        return False
    if value[17] not in "0123456789Xx":
        return False
    province = int(value[:2])
    if province not in PROVINCE_CODES or province == 91:
        return False
    if province not in (81, 82, 83) and value[2:4] == "00":
        return False
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if born.year < 1900 or born > today:
        return False
    return resident_id_check_char(value[:17]) == value[17].upper()


def is_mobile(value: str) -> bool:
    """A mainland mobile number: 11 digits, 1 then 3–9."""
    return len(value) == 11 and value.isascii() and value.isdigit() and value[1] in "3456789"


def _card_prefix(value: str) -> bool:
    if value.startswith(("62", "60", "955", "4")):
        return True
    two, four = int(value[:2]), int(value[:4])
    return 51 <= two <= 55 or 2221 <= four <= 2720 or 3528 <= four <= 3589


def is_bank_card(value: str) -> bool:
    """A bank card number: 16–19 digits, a scheme's prefix, the Luhn check."""
    return (
        16 <= len(value) <= 19
        and value.isascii()
        and value.isdigit()
        and _card_prefix(value)
        and luhn_valid(value)
    )


def classify_number(value: str, *, today: date) -> str | None:
    """The kind of personal number ``value`` (digits only, maybe a final X) is, or None."""
    if len(value) == 18 and is_resident_id(value, today=today):
        return PersonalKind.ID_NUMBER
    if not value.isdigit():
        return None
    if is_mobile(value):
        return PersonalKind.MOBILE
    if is_bank_card(value):
        return PersonalKind.BANK_CARD
    return None


def _mask(kind: str, value: str) -> str:
    return mask_phone(value) if kind == PersonalKind.MOBILE else mask_id(value)


#: Group shapes of numbers written in parts: a mobile 3-4-4, an ID 6-8-4, a card in fours.
_SHAPES = {(3, 4, 4), (6, 8, 4), (4, 4, 4, 4), (4, 4, 4, 4, 1), (4, 4, 4, 4, 2), (4, 4, 4, 4, 3)}


def _classify_run(run: str, today: date) -> list[tuple[str, str]]:
    plus = run.startswith("+")
    groups = re.split(r"[ \-]", run.lstrip("+"))
    if plus and groups[0].startswith("86"):  # +86 138…, +8613812345678
        rest = groups[0][2:]
        groups = ([rest] if rest else []) + groups[1:]
    if not groups:
        return []
    shape = tuple(len(g) for g in groups)
    if len(groups) > 1 and shape in _SHAPES:
        joined = "".join(groups)
        kind = classify_number(joined, today=today)
        if kind:
            return [(kind, _mask(kind, joined))]
    found = []
    for group in groups:
        kind = classify_number(group, today=today)
        if kind:
            found.append((kind, _mask(kind, group)))
    return found


def _personal_runs(text: str, today: date):
    """(start, end, [(kind, masked value)]) of each run of digits in ``text`` (already NFKC)
    that holds personal numbers."""
    if len(text) < 11:
        return
    for match in _RUN.finditer(text):
        run = match.group(1)
        if len(run) < 11:
            continue
        start, end = match.span(1)
        after = text[end : end + 2].lstrip()
        if after.startswith(_AMOUNT_AFTER) or text[start - 1 : start] in _AMOUNT_BEFORE:
            continue
        if _NOT_PERSONAL.search(text[max(0, start - 16) : start]):
            continue
        found = _classify_run(run, today)
        if found:
            yield start, end, found


def find_numbers(text: str, *, today: date) -> list[tuple[str, str]]:
    """(kind, masked value) of every personal number in ``text``, in order."""
    text = unicodedata.normalize("NFKC", text or "")
    return [hit for _, _, found in _personal_runs(text, today) for hit in found]


def mask_numbers(text: str, *, today: date) -> str:
    """``text`` with every personal number in it (身份证号, 手机号码, 银行卡号) masked, for readers
    who may not see them (a 上级督查 reading a subordinate's application)."""
    text = text or ""
    normal = unicodedata.normalize("NFKC", text)
    # Full-width digits and punctuation normalise one to one: keep the writer's own characters
    # around the masked numbers when every character does (almost always); else the positions
    # are the normalised text's, and so is what comes back.
    one_to_one = all(len(unicodedata.normalize("NFKC", ch)) == 1 for ch in text)
    base = text if one_to_one else normal
    out, last = [], 0
    for start, end, found in _personal_runs(normal, today):
        out.append(base[last:start])
        out.append(" ".join(masked for _, masked in found))
        last = end
    if not out:
        return text
    out.append(base[last:])
    return "".join(out)


# --- Names -----------------------------------------------------------------------------------

# The common single-character surnames (about 99% of people) and the compound ones.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘"
    "祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟"
    "艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞"
    "姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝洪"
)
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 端木 独孤 南宫 呼延".split()
)
#: Last characters of places, bodies and things, never of a given name in a 名单.
_NOT_NAME_END = frozenset(
    "省市县区镇乡村街路巷号局厅委办室股院所站队部处科司会社组校园场厂店行馆楼栋期年月日元米吨件项次"
)
#: Words that start with a surname character and sit in rows next to numbers.
_NOT_NAMES = frozenset(
    "农业 农村 农户 农民 高中 高级 高速 文化 文明 和平 安全 安置 全部 全额 成功 成年 时间 明年 明细 "
    "路段 关于 方式 方案 方面 司机 华侨 商户 商铺 金额 党员 党委 常住 常规 任务 项目 车辆 车主 "
    "合格 汉族 户主 本人 配偶 子女 男性 女性 万元 余额 江苏 湖南 湖北 广东 广西 云南 贵州 四川 "
    "甘肃 宁夏 青海 西藏 新疆 福建 江西 山东 山西 河南 河北 海南 浙江 安徽 吉林 黄金 周一 周二 "
    "周三 周四 周五 周六 周日 周末 周年 夏季 冬季 秋季 春季 申请 申报 单位 单价 应急 师生 程序 "
    "管理 简易 简称 古镇 向上 于是 连续 包括 计划 石材 包装 电话 手机 号码 身份 证号 银行 卡号 "
    "姓名 联系 备注 地址 性别 民族 年龄 职务 职称 金融 房屋 房产 苗木 景区 宫殿 柏油 宗地".split()
)
#: Column headings of a column of names.
NAME_HEADINGS = frozenset(
    "姓名 名字 户主 户主姓名 申请人 申请人姓名 联系人 法定代表人 负责人 经营者 当事人 被处罚人 "
    "持卡人 收款人 权利人 承包人 学生姓名 家长姓名 监护人 受益人 补助对象 救助对象".split()
)
_HAN = re.compile(r"[\u4e00-\u9fff]{2,4}")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def looks_like_name(token: str) -> bool:
    """A 2–4 character Chinese name with a common surname; masked (张*, 张某) never."""
    if not _HAN.fullmatch(token) or "某" in token:
        return False
    if token in _NOT_NAMES or token[-1] in _NOT_NAME_END:
        return False
    if token[:2] in COMPOUND_SURNAMES:
        return len(token) >= 3
    return token[0] in SURNAMES and len(token) <= 3


def _is_name_heading(cell: str) -> bool:
    value = "".join(cell.split())
    return value in NAME_HEADINGS or (value.endswith("姓名") and len(value) <= 6)


def _row_name(line: Line, name_columns: frozenset[int]) -> str | None:
    for index in name_columns:
        if index < len(line.cells):
            value = "".join(line.cells[index].split())
            if _HAN.fullmatch(value) and "某" not in value:
                return value
    for cell in line.cells:
        # Runs of Chinese characters: a PDF's text runs the name into the number (张三1101…).
        for token in _HAN_RUN.findall(cell):
            if looks_like_name(token):
                return token
    return None


# --- Scanning --------------------------------------------------------------------------------


def _rows_text(rows: list[int]) -> str:
    if not rows:
        return ""
    if len(rows) <= 5:
        return "第" + "、".join(str(r) for r in rows) + "行"
    return f"第{rows[0]}至{rows[-1]}行"


class _Tally:
    def __init__(self):
        self.places: dict[tuple[str, str], dict] = {}

    def add(self, kind: str, masked: str, group: str, row: int | None) -> None:
        place = self.places.setdefault((kind, group), {"masked": masked, "rows": [], "count": 0})
        place["count"] += 1
        if row is not None and (not place["rows"] or place["rows"][-1] != row):
            place["rows"].append(row)

    def hits(self) -> list[Hit]:
        return [
            Hit(kind, place["masked"], f"{group}{_rows_text(place['rows'])}", place["count"])
            for (kind, group), place in self.places.items()
        ]


def scan_lines(lines: Iterable[Line], *, today: date) -> list[Hit]:
    """The personal data in ``lines``, one hit per kind and place (table, sheet, page, body)."""
    tally = _Tally()
    name_columns: dict[str, frozenset[int]] = {}
    for line in lines:
        if line.row is not None:
            headings = frozenset(i for i, cell in enumerate(line.cells) if _is_name_heading(cell))
            if headings:
                name_columns[line.group] = headings
                continue
        found = [hit for cell in line.cells for hit in find_numbers(cell, today=today)]
        for kind, masked in found:
            tally.add(kind, masked, line.group, line.row)
        if found:
            name = _row_name(line, name_columns.get(line.group, frozenset()))
            if name:
                tally.add(PersonalKind.NAME_LIST, mask_name(name), line.group, line.row)
    return tally.hits()


def text_lines(text: str, group: str) -> list[Line]:
    """Plain text as lines of prose."""
    return [Line(group, (line,)) for line in (text or "").splitlines() if line.strip()]


def by_place(hits: Iterable[Hit]) -> list[str]:
    """ "表1第2行：身份证号110***********002X、姓名与上述号码同列（张*等1行）", one per place."""
    places: dict[str, list[str]] = {}
    for hit in hits:
        places.setdefault(hit.where, []).append(hit.what())
    return [f"{where}：{'、'.join(found)}" for where, found in places.items()]


def summary(hits: Iterable[Hit]) -> str:
    """ "身份证号3处、手机号码1处" over some hits."""
    counts: dict[str, int] = {}
    for hit in hits:
        if hit.kind != PersonalKind.NAME_LIST:
            counts[hit.kind] = counts.get(hit.kind, 0) + hit.count
    return "、".join(f"{LABELS[kind]}{n}处" for kind, n in counts.items())
