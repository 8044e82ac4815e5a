"""Remedies (救济途径) stated in a letter that decides something, and the 行政复议机关 they name.

条例第五十一条: whoever thinks an agency's disclosure work infringed their lawful rights may apply
for 行政复议 or bring 行政诉讼. 行政复议法 (2023年修订, 2024年1月1日施行): within 60 days of
knowing of the act (第二十条), to the 复议机关 of 第二十四条 to 第二十八条; 行政诉讼法第四十六条:
within six months, to the 人民法院.

Pure functions: the agency tree is read through ``name``, ``level``, ``kind`` and ``parent`` only.
"""

from __future__ import annotations

from dataclasses import dataclass

GOVERNMENT = "government"
PROVINCE, TOWNSHIP = "province", "township"


@dataclass(frozen=True)
class ReviewBody:
    """The 行政复议机关 and why it is that one."""

    name: str
    why: str


def _government_above(agency):
    """The nearest 人民政府 above ``agency`` (its 本级人民政府 when it is a department)."""
    node = agency.parent
    while node is not None and node.kind != GOVERNMENT:
        node = node.parent
    return node


def review_body(
    agency, *, override: str = "", vertically_managed: bool = False, superior: str = ""
) -> ReviewBody:
    """The 行政复议机关 for acts of ``agency`` (行政复议法, 2023年修订).

    * configured for the agency (``override``): that;
    * 海关、金融、外汇管理等实行垂直领导的行政机关、税务和国家安全机关 (第二十七条): the department
      one level up (``superior``, configured: it is not in the agency tree);
    * a 人民政府 of a 省: itself (第二十四条第二款); any other government, a 乡镇 included: the
      government above it (第二十四条第一款第（二）项: 对下一级人民政府);
    * a department of a government, a 派出机关 (街道办事处) and a unit a department manages: that
      本级人民政府 (第二十四条第一款第（一）、（三）、（四）项), no longer the department above.
    """
    if override.strip():
        return ReviewBody(override.strip(), "本机关设置")
    if vertically_managed:
        return ReviewBody(
            superior.strip() or "上一级主管部门",
            "实行垂直领导的行政机关，向上一级主管部门申请（行政复议法第二十七条）",
        )
    if agency.kind == GOVERNMENT:
        if agency.level == PROVINCE:
            return ReviewBody(
                agency.name, "省级人民政府管辖对本机关的复议（行政复议法第二十四条第二款）"
            )
        above = _government_above(agency)
        return ReviewBody(
            above.name if above else "上一级人民政府",
            "对下一级人民政府不服的，由上一级人民政府管辖（行政复议法第二十四条第一款第（二）项）",
        )
    government = _government_above(agency)
    return ReviewBody(
        government.name if government else "本级人民政府",
        "对本级人民政府工作部门等不服的，由本级人民政府管辖（行政复议法第二十四条第一款）",
    )


def remedies_text(review_body_name: str, *, noun: str = "答复") -> str:
    """The sentence every decision ends with: 行政复议 within sixty days to the 复议机关, 行政诉讼
    within six months to the 人民法院 (条例第五十一条; 行政复议法; 行政诉讼法第四十六条)."""
    return (
        f"如对本{noun}不服，可以自收到本{noun}之日起六十日内向{review_body_name}申请行政复议，"
        f"或者自收到本{noun}之日起六个月内向人民法院提起行政诉讼（{SOURCES}）。"
    )


SOURCES = (
    "《中华人民共和国政府信息公开条例》第五十一条、《中华人民共和国行政复议法》、"
    "《中华人民共和国行政诉讼法》第四十六条"
)
