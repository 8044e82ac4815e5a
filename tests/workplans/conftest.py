from pathlib import Path

import pytest

from gongkai.workplans import services
from tests.conftest import person

SEED_003 = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "003_4585515a9f48604e.txt"

#: A small plan of 示例县交通运输局 in its own words (one name it does not have: 县公路段).
PLAN = """局机关各股室：
请各牵头股室于2026年12月10日前将落实情况报局办公室。
示例县交通运输局
2026年政务公开工作要点
一、加强政策解读
（一）深入解读政策。落实“三同步”要求。（局办公室牵头，局机关各股室配合）
（二）回应社会关切。办理热线转办件。（运输股牵头，路政股、县公路段配合）
二、深化重点领域公开
（一）公开建设项目信息。6月底前完成专栏建设。（建设股落实）
（二）公开路政许可结果。（路政股、运输股按职责分工负责）
"""


@pytest.fixture
def office(transport):
    """公开办林晓, in 办公室."""
    return person("xiaolin", transport, "disclosure_office", "办公室", full_name="林晓")


@pytest.fixture
def plan(transport, office):
    return services.plan_import(agency=transport, text=PLAN, by=office, source_name="要点.txt").plan


def task_at(plan, path):
    return plan.tasks().get(path=path)
