"""Drafting prompts left in a text (未完成的占位提示): nothing that holds one goes out.

A template or a drafted report says where the author still has to write — "……（请补充总体情况，
原则上不超过1000字）", "【此处填写文号】", "XXX号", "待补充". Such a prompt published in the agency's
name is a defect of legal text, so submitting an item or an annual report that still holds one is
refused, with the prompt quoted at its field. Masked personal data (张××, 139****5678,
139XXXX5678) is not a prompt and is not matched.
"""

from __future__ import annotations

import re

_OPEN, _CLOSE = r"[（(【\[〔<《]", r"[）)】\]〕>》]"
_PATTERNS = (
    # A bracketed instruction: （请补充…） 【此处填写…】 (在此输入…) [待补充].
    re.compile(
        rf"{_OPEN}[^（）()【】\[\]〔〕]{{0,20}}?(?:请|此处|在此|待)[^（）()【】\[\]〔〕]{{0,20}}?"
        rf"(?:补充|填写|填入|输入|录入|完善|修改|替换|补全|说明)[^（）()【】\[\]〔〕]{{0,80}}?{_CLOSE}"
    ),
    # The bare prompts templates use.
    re.compile(r"待补充|待填写|待完善|此处填写|此处输入|在此处填写|在此输入|请在此处"),
    # Letters standing for a number or a name still to be written: XXX号, XX年, ＸＸＸ (not
    # inside a masked number such as 139XXXX5678, nor a word such as XXL).
    re.compile(r"(?<![A-Za-z0-9])(?:[XxＸｘ]{2,})(?![A-Za-z0-9])"),
)


def find(text: str | None) -> list[str]:
    """The prompts in ``text``, each once, in order (at most five); of overlapping matches the
    longer one."""
    spans: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        spans.extend(m.span() for m in pattern.finditer(text or ""))
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):  # longest first
        if all(end <= a or start >= b for a, b in kept):
            kept.append((start, end))
    out: list[str] = []
    for start, end in sorted(kept):
        if text[start:end] not in out:
            out.append(text[start:end])
    return out[:5]


def message(prompts: list[str]) -> str:
    quoted = "、".join(f"“{p}”" for p in prompts)
    return f"还有未完成的占位提示{quoted}，请补写实际内容后再提交。"
