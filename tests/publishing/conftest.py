import pytest

from gongkai.publishing import services
from gongkai.publishing.models import CatalogueEntry
from tests.conftest import person


@pytest.fixture
def catalogue(transport):
    services.catalogue_apply_template(agency=transport)
    return transport


@pytest.fixture
def chain_people(catalogue, xiaoli, laowang):
    """交通运输局's review chain, one person per step."""
    return {
        "drafter": xiaoli,
        "unit_head": laowang,
        "secrecy": person("laochen", catalogue, "secrecy_reviewer", "办公室", full_name="陈建国"),
        "deputy": person("liufj", catalogue, "deputy_leader", full_name="刘副局长"),
        "principal": person("zhoujz", catalogue, "principal_leader", full_name="周局长"),
        "office": person("xiaolin", catalogue, "disclosure_office", "办公室", full_name="林晓"),
    }


def column(agency, name):
    return CatalogueEntry.objects.get(agency=agency, name=name)


@pytest.fixture
def draft_data(catalogue):
    def make(**overrides):
        data = {
            "title": "关于做好2026年冬季农村公路养护工作的通知",
            "entry": column(catalogue, "其他文件"),
            "body": "各乡镇人民政府：\n为做好冬季农村公路养护工作，现将有关事项通知如下。",
            "doc_number": "示县交〔2026〕12号",
            "formed_date": __import__("datetime").date(2026, 11, 2),
            "written_date": __import__("datetime").date(2026, 11, 2),
            "disclosure": "active",
            "withhold_ground": "",
            "withhold_explanation": "",
            "topic": "industry_transport",
        }
        data.update(overrides)
        if data["entry"].kind == "normative":
            # A 规范性文件 states when it takes effect and its 有效期 (or 长期有效).
            data.setdefault("effective_date", data.get("written_date"))
            if not data.get("valid_until"):
                data.setdefault("long_term", True)
        return data

    return make


def walk_chain(item, people, upto=None):
    """Approve step after step with the right person; stop before step ``upto`` if given."""
    order = ["unit_head", "secrecy", "deputy", "principal", "office"]
    for index, who in enumerate(order, start=1):
        if upto is not None and index >= upto:
            break
        item = services.item_approve(item=item, by=people[who], comment=f"{who}同意")
    return item
