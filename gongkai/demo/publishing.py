"""示例县's 主动公开 for the demo: catalogues, review chains and a few hundred believable items.

Built once, like the county itself:

* every demo agency gets the standard 政府信息公开目录 and its review chain (both idempotent);
* history, from 2023 up to a week before today: items written directly with their ledger (one
  ItemEvent per step of the chain in 交通运输局; one 历史导入 event elsewhere) and their 索引号
  allocated in publication order, so serials rise with dates;
* current work in 交通运输局 through the real services (拟稿 by 小李, review by the chain's people),
  so that every state and every step of the chain holds something, some of it overdue.

All text is composed here from phrase lists (nothing is read at run time), with
``random.Random(SEED)`` so that a build on a given day always makes the same data. A second run
finds the items and writes nothing.
"""

from __future__ import annotations

import hashlib
import html
import random
import struct
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.org.models import Agency, Role
from gongkai.publishing import services
from gongkai.publishing.choices import Disclosure, Topic, Validity, WithholdGround
from gongkai.publishing.models import (
    Attachment,
    CatalogueEntry,
    InformationItem,
    ItemEvent,
    ItemVersion,
    ReviewStep,
)
from gongkai.publishing.sanitize import clean_html
from gongkai.workdays.rules import CalendarNotCovered, WorkCalendar
from gongkai.workdays.services import get_calendar

SEED = 20261123
AGENCY_CODES = ("SX000", "SX120", "SX130", "SX140", "SX201")
TRANSPORT = "SX120"
#: import_key of the demo's historical items in agencies without a review chain of people.
DEMO_KEY = "demo-"
FIRST_YEAR = 2023

Status = InformationItem.Status
Action = ItemEvent.Action
T = Topic

#: Who acts for each role of 交通运输局's chain (gongkai/demo/county.py's people).
STEP_PEOPLE = {
    Role.UNIT_HEAD: "laowang",
    Role.SECRECY_REVIEWER: "laochen",
    Role.DEPUTY_LEADER: "liufj",
    Role.PRINCIPAL_LEADER: "zhoujz",
    Role.DISCLOSURE_OFFICE: "xiaolin",
}
STEP_COMMENTS = {
    Role.UNIT_HEAD: ["同意，请保密审查。", "内容已核实，同意报审。", "同意。", ""],
    Role.SECRECY_REVIEWER: [
        "经审查，不涉及国家秘密、工作秘密和敏感信息，同意公开。",
        "保密审查通过。",
        "已按“一事一审”审查，无涉密内容。",
    ],
    Role.DEPUTY_LEADER: ["同意。", "同意发布。", "同意，请周局长审批。"],
    Role.PRINCIPAL_LEADER: ["同意。", "同意公开。", "阅，同意。"],
    Role.DISCLOSURE_OFFICE: ["已核对栏目和公开属性，予以发布。", "", "按时发布。"],
}


# --- Text helpers ---------------------------------------------------------------------------


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


_DIGITS = "零一二三四五六七八九"


def cn_num(n: int) -> str:
    """1–99 in Chinese numerals (第十二条)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def paras(*lines: str) -> str:
    return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines if line)


def table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h, quote=False)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c), quote=False)}</td>" for c in row) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def doc_ref(key: str) -> str:
    """A placeholder for the 文号 of the spec ``key``, filled once documents are numbered."""
    return f"{{doc:{key}}}"


# --- Small real attachments -----------------------------------------------------------------


def tiny_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF (PDF 1.4, Helvetica, ASCII text), written by hand."""
    text = " ".join(
        f"({line.replace(chr(92), '').replace('(', '[').replace(')', ']')}) Tj 0 -20 Td"
        for line in lines
    )
    stream = f"BT /F1 13 Tf 60 780 Td {text} ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def tiny_png(width: int = 160, height: int = 100) -> bytes:
    """A small PNG sketch of a detour: two roads and a dashed route, drawn pixel by pixel."""
    rows = []
    for y in range(height):
        row = bytearray([0])  # filter: none
        for x in range(width):
            colour = (246, 243, 235)
            if abs(y - 50) <= 3:  # the main road, closed in the middle
                colour = (200, 60, 50) if 60 <= x <= 100 else (120, 120, 120)
            if abs(x - 40) <= 2 or abs(x - 120) <= 2:  # side roads
                colour = (120, 120, 120)
            if abs(y - 20) <= 2 and 40 <= x <= 120 and (x // 6) % 2 == 0:  # the detour
                colour = (30, 110, 200)
            row += bytes(colour)
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


ATTACHMENTS = {
    "budget": ("部门预算公开表.pdf", ["Shixian County Transport Bureau", "Budget tables (demo)"]),
    "report": (
        "政府信息公开工作年度报告.pdf",
        ["Annual report on government information", "(demo)"],
    ),
    "plan": ("春运工作方案.pdf", ["Spring Festival transport plan (demo)"]),
    "detour": ("绕行路线示意图.png", []),
}


def attachment_bytes(kind: str) -> tuple[str, bytes]:
    name, lines = ATTACHMENTS[kind]
    if name.endswith(".png"):
        return name, tiny_png()
    return name, tiny_pdf(lines)


# --- Specs ----------------------------------------------------------------------------------


@dataclass
class Spec:
    """One item to create: what it says, when it was formed and published, how it links."""

    agency: str
    entry: str  # catalogue code
    title: str
    body: str  # HTML; may hold doc_ref() placeholders
    formed: date
    published: date  # 发布日期 (for a non-public item: the day it was recorded)
    doc: str = ""  # 机关代字 of a numbered document; its number is allocated in date order
    written: date | None = None  # 成文日期 (documents); defaults to the formed date
    topic: str = T.INDUSTRY_TRANSPORT
    keywords: str = ""
    disclosure: str = Disclosure.ACTIVE
    ground: str = ""
    explanation: str = ""
    redacted: str = ""
    validity: str = ""
    needs_interpretation: bool = False
    key: str = ""
    interprets: str = ""
    replaces: str = ""  # on publication this document repeals and replaces that one
    repeals: tuple[str, ...] = ()  # … repeals those without replacing them
    amends: str = ""  # … amends that one
    attachment: str = ""
    doc_number: str = ""
    # Current work only:
    state: str = ""
    step: int = 0
    comment: str = ""
    reason: str = ""
    correction: str = ""
    minute: int = 0

    @property
    def doc_date(self) -> date:
        return self.written or self.formed


class Ctx:
    """Dates on the working-day calendar, the random source, and the specs collected."""

    def __init__(self, cal: WorkCalendar, today: date):
        self.cal = cal
        self.today = today
        self.rng = random.Random(SEED)  # noqa: S311 -- demo data, not cryptography
        self.end = self.add_wd(today, -5)  # history ends a week ago; current work follows it
        self.years = range(FIRST_YEAR, self.end.year + 1)
        self.specs: list[Spec] = []
        self.keys: dict[str, Spec] = {}

    # Working days (a year nobody entered counts Monday–Friday: only for picking demo dates).
    def workday(self, d: date) -> bool:
        try:
            return self.cal.is_workday(d)
        except CalendarNotCovered:
            return d.weekday() < 5

    def on_or_after(self, d: date) -> date:
        while not self.workday(d):
            d += timedelta(days=1)
        return d

    def add_wd(self, d: date, n: int) -> date:
        step = 1 if n >= 0 else -1
        while n:
            d += timedelta(days=step)
            if self.workday(d):
                n -= step
        return d

    def day(self, year: int, month: int, lo: int = 1, hi: int = 28) -> date:
        return self.on_or_after(date(year, month, self.rng.randint(lo, hi)))

    def later(self, d: date, lo: int, hi: int) -> date:
        return self.add_wd(d, self.rng.randint(lo, hi))

    def pick(self, seq):
        return self.rng.choice(seq)

    def money(self, lo: float, hi: float) -> str:
        return f"{self.rng.uniform(lo, hi):.2f}"

    def add(self, spec: Spec) -> Spec | None:
        """Keep a historical spec if it was published by the end of history."""
        if spec.published > self.end or spec.formed > spec.published:
            return None
        if spec.interprets and spec.interprets not in self.keys:
            return None
        self.specs.append(spec)
        if spec.key:
            self.keys[spec.key] = spec
        return spec


# --- Vocabulary -----------------------------------------------------------------------------

ROADS = [
    ("县道X201线", "城关至白沙段"),
    ("县道X203线", "龙潭至石门段"),
    ("县道X205线", "青山至桃源段"),
    ("乡道Y012线", "白沙至河口段"),
    ("乡道Y027线", "石门至青山段"),
    ("国道G321线", "城关过境段"),
    ("省道S215线", "河口至龙潭段"),
]
BRIDGES = ["龙潭大桥", "青石桥", "白沙河中桥", "桃源一号桥", "河口大桥"]
TOWNS = ["城关镇", "白沙镇", "龙潭镇", "河口镇", "石门乡", "青山乡", "桃源乡"]
COMPANIES = [
    "示例县顺达运输有限公司",
    "示例县通达客运有限责任公司",
    "示例县宏远物流有限公司",
    "示例县安程机动车驾驶员培训有限公司",
    "示例县路桥建设工程有限公司",
    "示例县惠民公共交通有限公司",
    "示例县鑫源汽车维修有限公司",
    "示例县城关出租汽车有限公司",
    "示例县青山货运有限公司",
    "示例县恒通通信工程有限公司",
    "示例县远航物流有限公司",
    "示例县龙潭客运有限公司",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
DELEGATES = ["王建华", "李秀芝", "陈立新", "赵德明", "周玉兰", "黄志强", "吴海燕", "刘文军"]
#: 县人大/县政协 sessions held in the spring of each year.
SESSIONS = {
    2023: ("县十八届人大二次会议", "县政协十一届二次会议"),
    2024: ("县十八届人大三次会议", "县政协十一届三次会议"),
    2025: ("县十八届人大四次会议", "县政协十一届四次会议"),
    2026: ("县十八届人大五次会议", "县政协十一届五次会议"),
}


def stake(rng: random.Random) -> str:
    return f"K{rng.randint(1, 38)}+{rng.randint(0, 99) * 10:03d}"


def stretch(rng: random.Random) -> str:
    """A stretch of road between two 桩号, in the road's direction."""
    start = rng.randint(1, 30) * 1000 + rng.randint(0, 99) * 10
    end = start + rng.randint(3, 40) * 100
    return f"K{start // 1000}+{start % 1000:03d}至K{end // 1000}+{end % 1000:03d}"


def masked_person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(["某", "某某"])


# --- 交通运输局: policy documents and their interpretations ---------------------------------

#: (key, year, month, name, purpose, basis, scope, articles, years valid, interpreted,
#:  replaces/repeals/amends)
NORMATIVE = [
    (
        "road-upkeep-2023",
        2023,
        3,
        "示例县农村公路养护管理办法",
        "加强农村公路养护管理，保持公路完好、安全、畅通",
        "《中华人民共和国公路法》《公路安全保护条例》《农村公路养护管理办法》",
        "县道、乡道、村道及其附属设施的养护管理活动",
        [
            "农村公路养护实行县级统筹、乡镇负责、村级参与的工作机制，推行“路长制”。",
            "县道养护由县公路养护站负责，乡道、村道养护由所在乡镇人民政府组织实施。",
            "农村公路养护资金纳入县级财政预算，专款专用，任何单位和个人不得截留、挤占、挪用。",
            "县交通运输局每年对农村公路养护质量进行考核，考核结果与养护资金分配挂钩。",
        ],
        5,
        True,
        {},
    ),
    (
        "ride-hailing-interim",
        2023,
        6,
        "示例县网络预约出租汽车经营服务管理暂行办法",
        "规范网络预约出租汽车经营服务行为，保障运营安全和乘客合法权益",
        "《网络预约出租汽车经营服务管理暂行办法》",
        "从事网络预约出租汽车经营服务的平台公司、车辆和驾驶员",
        [
            "从事网约车经营的车辆应为7座及以下乘用车，车辆轴距不小于2650毫米。",
            "网约车驾驶员应取得相应准驾车型机动车驾驶证并具有3年以上驾驶经历。",
            "网约车平台公司应在本县设立服务机构，并按规定向县交通运输局报送运营数据。",
        ],
        2,
        True,
        {},
    ),
    (
        "enforcement-publicity",
        2023,
        9,
        "示例县交通运输行政执法公示办法",
        "推行行政执法公示制度，规范交通运输行政执法行为",
        "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》",
        "县交通运输局及其执法机构实施的行政许可、行政处罚、行政检查和行政强制",
        [
            "执法机构应在执法决定作出之日起7个工作日内公开执法决定信息。",
            "公开执法决定信息时，应隐去当事人的身份证件号码、住址、联系方式等个人信息。",
        ],
        5,
        False,  # nobody wrote its interpretation
        {},
    ),
    (
        "taxi-driver-credit",
        2023,
        11,
        "示例县出租汽车驾驶员服务质量信誉考核办法",
        "提升出租汽车服务质量，建立驾驶员服务质量信誉档案",
        "《出租汽车服务质量信誉考核办法》",
        "在本县从事巡游出租汽车和网络预约出租汽车客运服务的驾驶员",
        [
            "驾驶员服务质量信誉考核周期为12个月，考核等级分为AAA级、AA级、A级和B级。",
            "考核结果记入驾驶员从业资格证件，并向社会公布。",
        ],
        5,
        True,
        {},
    ),
    (
        "taxi-licence",
        2024,
        4,
        "示例县巡游出租汽车经营权管理办法",
        "规范巡游出租汽车经营权配置和管理，促进行业健康发展",
        "《巡游出租汽车经营服务管理规定》",
        "巡游出租汽车经营权的配置、使用、变更、延续和收回",
        [
            "巡游出租汽车经营权实行期限制，经营期限为8年，不得擅自转让。",
            "新增经营权通过服务质量招投标方式配置，不收取有偿使用费。",
            "经营期限届满需要延续经营的，应在届满前60日提出申请。",
        ],
        5,
        True,
        {},
    ),
    (
        "overload",
        2024,
        7,
        "示例县超限超载运输车辆治理工作办法",
        "治理公路货运车辆超限超载，保护公路设施，保障人民群众生命财产安全",
        "《公路安全保护条例》《超限运输车辆行驶公路管理规定》",
        "在本县公路上行驶的货运车辆及货运源头单位",
        [
            "建立“源头管控、路面治理、科技治超、联合执法”的治超工作机制。",
            "重点货运源头单位应配备称重设施，不得为超限超载车辆装载、配载。",
            "对一年内违法超限运输超过3次的货运车辆和驾驶员，依法予以处理并通报。",
        ],
        5,
        True,
        {},
    ),
    (
        "worker-credit",
        2024,
        10,
        "示例县道路运输从业人员信用管理办法",
        "加强道路运输从业人员信用管理，构建以信用为基础的新型监管机制",
        "《道路运输从业人员管理规定》",
        "取得道路运输从业资格的驾驶员、装卸管理人员和押运人员",
        [
            "从业人员信用信息包括基本信息、良好信息和不良信息。",
            "不良信息的公示期限一般为1年，期满后自动移出公示范围。",
        ],
        5,
        True,
        {},
    ),
    (
        "bus-subsidy",
        2025,
        3,
        "示例县农村客运班线运营补贴资金管理办法",
        "规范农村客运补贴资金管理，保障建制村通客车“开得通、留得住”",
        "《车辆购置税收入补助地方资金管理暂行办法》《城乡交通运输一体化发展相关补助政策》",
        "县内农村客运班线经营者的运营补贴资金申报、审核、拨付和监督",
        [
            "补贴资金按照班线里程、发班次数、服务质量考核结果综合分配。",
            "补贴资金分配结果在县交通运输局政府信息公开专栏公示，公示期不少于7日。",
            "经营者弄虚作假骗取补贴资金的，追回已拨付资金，3年内不得申报。",
        ],
        5,
        True,
        {},
    ),
    (
        "repeal-2025",
        2025,
        5,
        "示例县交通运输局关于废止部分行政规范性文件的决定",
        "",
        "",
        "",
        [],
        0,
        False,
        {"repeals": ("enforcement-publicity", "taxi-driver-credit")},
    ),
    (
        "ride-hailing",
        2025,
        8,
        "示例县网络预约出租汽车经营服务管理实施细则",
        "进一步规范网络预约出租汽车经营服务，促进巡游车和网约车融合发展",
        "《网络预约出租汽车经营服务管理暂行办法》",
        "在本县从事网络预约出租汽车经营服务的平台公司、车辆和驾驶员",
        [
            "网约车车辆使用年限不超过8年，行驶里程达到60万千米时强制报废。",
            "网约车平台公司应在取得经营许可后30日内完成本县服务机构备案。",
            "网约车平台公司应将车辆和驾驶员基本信息接入市级网约车监管平台。",
        ],
        5,
        True,
        {"replaces": "ride-hailing-interim"},
    ),
    (
        "taxi-licence-amend",
        2025,
        11,
        "关于修改《示例县巡游出租汽车经营权管理办法》的决定",
        "",
        "",
        "",
        [],
        5,
        False,
        {"amends": "taxi-licence"},
    ),
    (
        "road-upkeep-2026",
        2026,
        3,
        "示例县农村公路养护管理办法（2026年修订）",
        "深化农村公路管理养护体制改革，推动“四好农村路”高质量发展",
        "《中华人民共和国公路法》《公路安全保护条例》《农村公路养护管理办法》",
        "县道、乡道、村道及其附属设施的养护管理活动",
        [
            "全面推行农村公路“路长制”，县、乡、村三级路长分级负责。",
            "农村公路列养率保持100%，优良中等路率不低于85%。",
            "推行养护市场化改革，日常养护可通过政府购买服务方式委托专业养护企业实施。",
            "建立农村公路养护质量年度考核和通报制度。",
        ],
        5,
        True,
        {"replaces": "road-upkeep-2023"},
    ),
    (
        "road-works",
        2026,
        6,
        "示例县公路涉路施工活动管理办法",
        "规范涉路施工活动，保障公路完好、安全和畅通",
        "《中华人民共和国公路法》《公路安全保护条例》《路政管理规定》",
        "在本县公路用地范围内从事的涉路施工活动",
        [
            "涉路施工应当依法申请许可，并按照批准的方案、期限和位置施工。",
            "施工单位应设置规范的施工标志和安全设施，必要时实行交通管制。",
            "施工结束后，施工单位应及时恢复公路原状，经县交通运输局验收合格。",
        ],
        5,
        False,  # the second policy still waiting for its interpretation
        {},
    ),
    (
        "bus-service",
        2026,
        9,
        "示例县城市公共汽车客运服务规范",
        "提升城市公交服务水平，保障乘客出行安全、便捷",
        "《城市公共汽车和电车客运管理规定》",
        "在本县城区从事城市公共汽车客运服务的经营者及其从业人员",
        [
            "公交车辆应按核定的线路、站点、时间和票价运营，不得擅自停运、甩站。",
            "60周岁以上老年人、残疾人、现役军人凭有效证件免费乘车。",
            "经营者应建立乘客投诉处理制度，投诉处理时限不超过5个工作日。",
        ],
        5,
        True,
        {},
    ),
]

ISSUERS = "各乡镇人民政府，县直有关单位，局属各单位："


def normative_body(ctx: Ctx, name, purpose, basis, scope, articles, years, effective, links):
    if links.get("repeals"):
        repealed = [ctx.keys[k] for k in links["repeals"] if k in ctx.keys]
        listed = "；".join(
            f"{i}.《{_policy_name(s.title)}》（{doc_ref(s.key)}）"
            for i, s in enumerate(repealed, start=1)
        )
        return paras(
            ISSUERS,
            "根据法律法规、规章和上级政策调整情况，按照行政规范性文件定期清理的要求，"
            "县交通运输局对现行有效的行政规范性文件进行了全面清理。经研究，决定废止以下行政规范性文件：",
            listed,
            "上述文件自本决定印发之日起废止，不再作为行政管理的依据。",
            "示例县交通运输局",
            "（此件公开发布）",
        )
    if links.get("amends"):
        old = ctx.keys.get(links["amends"])
        old_name = _policy_name(old.title) if old else "示例县巡游出租汽车经营权管理办法"
        return paras(
            ISSUERS,
            f"为贯彻落实上级关于深化出租汽车行业改革的部署，县交通运输局决定对《{old_name}》作如下修改：",
            "一、将第六条中“经营期限为8年”修改为“经营期限为6年”。",
            "二、将第九条中“应在届满前60日提出申请”修改为“应在届满前90日提出申请”。",
            f"本决定自{cn_date(effective)}起施行。《{old_name}》根据本决定作相应修改，重新公布。",
            "示例县交通运输局",
            "（此件公开发布）",
        )
    lines = [
        ISSUERS,
        f"现将《{name}》印发给你们，请结合实际，认真贯彻执行。",
        "示例县交通运输局",
        "（此件公开发布）",
        name,
        f"第一条 为了{purpose}，根据{basis}等法律、法规和规章，结合本县实际，制定本办法。",
        f"第二条 本办法适用于本县行政区域内{scope}。",
        "第三条 县交通运输局负责本办法的组织实施和监督管理，县财政、公安、市场监管等部门"
        "按照各自职责做好相关工作。",
    ]
    number = 4
    for article in articles:
        lines.append(f"第{cn_num(number)}条 {article}")
        number += 1
    lines.append(f"第{cn_num(number)}条 本办法由县交通运输局负责解释。")
    ending = f"第{cn_num(number + 1)}条 本办法自{cn_date(effective)}起施行，有效期{years}年。"
    if links.get("replaces") and links["replaces"] in ctx.keys:
        old = ctx.keys[links["replaces"]]
        ending += f"《{_policy_name(old.title)}》（{doc_ref(old.key)}）同时废止。"
    lines.append(ending)
    return paras(*lines)


def _policy_name(title: str) -> str:
    if "《" in title:
        return title.split("《", 1)[1].rsplit("》", 1)[0]
    return title


def interpretation_body(ctx: Ctx, policy: Spec, name, purpose, basis, scope, articles, years):
    effective = ctx.add_wd(policy.published, 20)
    points = "；".join(
        f"{label}{a.rstrip('。')}"
        for label, a in zip(["一是", "二是", "三是", "四是"], articles, strict=False)
    )
    return paras(
        "一、制定背景",
        f"为{purpose}，县交通运输局在深入调研、广泛征求意见的基础上，起草了《{name}》"
        f"（{doc_ref(policy.key)}），经局党组会议审议通过，并经县司法局合法性审核后印发实施。",
        "二、制定依据",
        f"主要依据{basis}等法律、法规和规章。",
        "三、主要内容",
        f"《{name}》共{cn_num(len(articles) + 5)}条，主要内容包括：{points}。",
        "四、适用范围",
        f"适用于本县行政区域内{scope}。",
        "五、施行时间",
        f"自{cn_date(effective)}起施行，有效期{years}年。",
        "六、解读机关及联系方式",
        "解读机关：示例县交通运输局运输股；联系电话：0000-1234567。",
    )


def transport_policies(ctx: Ctx) -> None:
    for (
        key,
        year,
        month,
        name,
        purpose,
        basis,
        scope,
        articles,
        years,
        interpreted,
        links,
    ) in NORMATIVE:
        if year not in ctx.years:
            continue
        written = ctx.day(year, month, 3, 25)
        published = ctx.later(written, 1, 4)
        effective = ctx.on_or_after(ctx.add_wd(published, 20))
        decision = "决定" in name
        title = name if decision else f"关于印发《{name}》的通知"
        spec = Spec(
            TRANSPORT,
            "0203" if key == "repeal-2025" else "0202",
            title,
            normative_body(ctx, name, purpose, basis, scope, articles, years, effective, links),
            formed=written,
            published=published,
            doc="示县交",
            keywords="行政规范性文件",
            validity="" if key == "repeal-2025" else Validity.VALID,
            needs_interpretation=bool(articles),
            key=key,
            replaces=links.get("replaces", ""),
            repeals=links.get("repeals", ()),
            amends=links.get("amends", ""),
        )
        if not ctx.add(spec) or not interpreted:
            continue
        form = ctx.pick(["《{}》政策解读", "一图读懂《{}》", "关于《{}》的解读"])
        ctx.add(
            Spec(
                TRANSPORT,
                "0300",
                form.format(name),
                interpretation_body(ctx, spec, name, purpose, basis, scope, articles, years),
                formed=written,
                published=ctx.later(published, 0, 2),
                keywords="政策解读",
                interprets=key,
            )
        )


# --- 交通运输局: the recurring work of a year ------------------------------------------------


def transport_year(ctx: Ctx, y: int) -> None:
    """One item per thing a county transport bureau publishes in a year."""
    rng = ctx.rng
    add, day, later, pick = ctx.add, ctx.day, ctx.later, ctx.pick

    # 规划计划: last year's summary and this year's plan.
    formed = day(y, 2, 5, 20)
    km = rng.randint(28, 65)
    add(
        Spec(
            TRANSPORT,
            "0400",
            f"示例县交通运输局{y - 1}年工作总结和{y}年工作计划",
            paras(
                f"一、{y - 1}年工作总结",
                f"{y - 1}年，县交通运输局完成交通固定资产投资{ctx.money(2.1, 5.8)}亿元，"
                f"新改建农村公路{km}公里，实施危桥改造{rng.randint(3, 9)}座、"
                f"安全生命防护工程{rng.randint(40, 120)}公里，全县建制村通客车率保持100%。",
                f"全年办理行政许可{rng.randint(260, 480)}件，查处道路运输违法案件"
                f"{rng.randint(60, 150)}起，未发生较大及以上道路运输安全生产事故。",
                f"二、{y}年工作计划",
                f"（一）加快项目建设。推进{pick(ROADS)[0]}等重点项目，全年计划完成交通投资"
                f"{ctx.money(2.5, 6.5)}亿元。",
                "（二）深化“四好农村路”建设。全面落实农村公路“路长制”，提升养护质量。",
                "（三）提升运输服务。推进城乡交通运输一体化，优化城乡公交线路。",
                "（四）守牢安全底线。深入开展道路运输安全生产治本攻坚行动。",
            ),
            formed=formed,
            published=later(formed, 1, 5),
            keywords="工作总结,工作计划",
        )
    )

    # 其他文件: the notices of a year.
    notices = [
        (
            1,
            f"关于做好{y}年春运工作的通知",
            "春运,安全生产",
            [
                "为做好今年春运工作，保障人民群众安全、便捷、温暖出行，现将有关事项通知如下：",
                f"一、春运时间为{y}年1月至3月，共40天。各运输企业要合理安排运力，加密城乡客运班次。",
                "二、严格落实“三不进站、六不出站”制度，加强车辆安全检查和驾驶员管理。",
                "三、加强恶劣天气应对，遇低温雨雪冰冻天气及时启动应急预案。",
            ],
        ),
        (
            4,
            f"关于印发《示例县交通运输局{y}年政务公开工作要点》的通知",
            "政务公开,工作要点",
            [
                "局属各单位，局各股室：",
                f"现将《示例县交通运输局{y}年政务公开工作要点》印发给你们，请结合实际认真抓好落实。",
                "一、深化政策文件公开和解读，落实政策解读“三同步”要求。",
                "二、规范政府信息公开目录，按时更新专栏信息，确保20个工作日内公开。",
                "三、严格执行“先审查、后公开”和“一事一审”的保密审查制度。",
            ],
        ),
        (
            6,
            f"关于开展{y}年交通运输“安全生产月”活动的通知",
            "安全生产月",
            [
                "各乡镇交通管理站，局属各单位，各道路运输企业：",
                f"根据县安委会统一部署，决定在全县交通运输行业开展{y}年“安全生产月”活动。",
                "活动期间，各单位要组织开展安全生产宣传咨询日、应急演练和隐患排查整治。",
            ],
        ),
        (
            9,
            f"关于做好{y}年国庆节期间交通运输安全工作的通知",
            "国庆节,安全",
            [
                "国庆节临近，为确保节日期间全县交通运输安全形势稳定，现就有关工作通知如下：",
                "一、加强重点时段、重点路段、重点车辆的安全监管。",
                "二、严格执行领导带班和24小时值班制度，遇重大情况及时报告。",
            ],
        ),
    ]
    for month, title, keywords, lines in notices:
        formed = day(y, month, 3, 22)
        add(
            Spec(
                TRANSPORT,
                "0203",
                title,
                paras(*lines, "示例县交通运输局", "（此件主动公开）"),
                formed=formed,
                published=later(formed, 1, 6),
                doc="示县交",
                keywords=keywords,
            )
        )

    # 统计信息: the quarters.
    for quarter in range(1, 5):
        end_month = quarter * 3
        if quarter == 4:
            formed = day(y + 1, 1, 12, 22)
        else:
            formed = day(y, end_month + 1, 10, 22)
        passengers = rng.randint(95, 160) * quarter
        freight = rng.randint(180, 320) * quarter
        add(
            Spec(
                TRANSPORT,
                "0500",
                f"{y}年第{cn_num(quarter)}季度全县交通运输经济运行情况",
                paras(
                    f"{y}年1—{end_month}月，全县完成公路旅客运输量{passengers}万人次，"
                    f"同比{pick(['增长', '下降'])}{ctx.money(0.5, 9.5)}%；"
                    f"完成公路货物运输量{freight}万吨，同比增长{ctx.money(1.0, 12.0)}%。",
                    f"完成交通固定资产投资{ctx.money(0.4, 1.6) if quarter == 1 else ctx.money(1.2, 5.2)}亿元，"
                    f"完成年度计划的{rng.randint(18, 30) * quarter}%。",
                    f"城市公交运送乘客{rng.randint(60, 120) * quarter}万人次，"
                    f"巡游出租汽车运送乘客{rng.randint(40, 90) * quarter}万人次。",
                    "注：数据来源于县交通运输局行业统计，为快报数，以年报为准。",
                ),
                formed=formed,
                published=later(formed, 1, 4),
                keywords="统计,运行情况",
            )
        )

    # 财政预决算: this year's budget, last year's final accounts.
    formed = day(y, 2, 10, 26)
    total = rng.randint(2600, 5200)
    basic = rng.randint(900, 1400)
    three = rng.uniform(6, 14)
    car = three * rng.uniform(0.6, 0.8)
    add(
        Spec(
            TRANSPORT,
            "0600",
            f"示例县交通运输局{y}年部门预算公开",
            paras(
                "一、部门基本情况",
                "示例县交通运输局是县人民政府工作部门，内设办公室、运输股、建设股、路政股4个股室，"
                "下属县公路养护站、县交通运输综合行政执法大队2个单位。",
                "二、收支预算总体情况",
                f"{y}年收入预算{total}.00万元，其中一般公共预算拨款收入{total - 300}.00万元，"
                f"其他收入300.00万元。支出预算{total}.00万元，其中基本支出{basic}.00万元，"
                f"项目支出{total - basic}.00万元。",
                "三、“三公”经费预算情况",
                f"{y}年“三公”经费预算{three:.2f}万元，其中因公出国（境）费0.00万元，"
                f"公务用车购置及运行维护费{car:.2f}万元，公务接待费{three - car:.2f}万元。",
                "四、其他重要事项说明",
                f"{y}年政府采购预算{rng.randint(150, 600)}.00万元，全部为公路养护服务和办公设备采购。",
                "详见附件《部门预算公开表》。",
            ),
            formed=formed,
            published=later(formed, 2, 10),
            topic=T.FINANCE,
            keywords="部门预算,三公经费",
            attachment="budget" if y in (2025, 2026) else "",
        )
    )
    formed = day(y, 8, 10, 28)
    add(
        Spec(
            TRANSPORT,
            "0600",
            f"示例县交通运输局{y - 1}年部门决算公开",
            paras(
                "一、收入支出决算总体情况",
                f"{y - 1}年度收入总计{rng.randint(2800, 5600)}.{rng.randint(10, 99)}万元，"
                f"支出总计与收入总计持平，结转和结余{ctx.money(5, 80)}万元。",
                "二、“三公”经费支出情况",
                f"{y - 1}年度“三公”经费支出{ctx.money(5, 12)}万元，完成预算的"
                f"{rng.randint(78, 98)}%，主要原因是严格落实过紧日子要求，压减公务接待。",
                "三、绩效评价情况",
                f"对农村公路养护等{rng.randint(3, 6)}个项目开展了绩效自评，自评结果均为“优”或“良”。",
            ),
            formed=formed,
            published=later(formed, 2, 10),
            topic=T.FINANCE,
            keywords="部门决算,三公经费",
        )
    )

    # 行政许可: a 公示 every two months; numbers of decisions run through the year.
    serial = rng.randint(1, 5)
    carriers = [c for c in COMPANIES if any(w in c for w in ("运输", "运有限", "物流"))]
    licences = [
        ("道路货物运输经营许可", "普通货运", carriers),
        ("道路旅客运输经营许可", "县内班车客运", [c for c in carriers if "客运" in c]),
        ("道路运输从业人员从业资格证核发", "经营性道路货物运输驾驶员", None),
        ("超限运输车辆行驶公路许可", "三类超限运输，通行线路：省道S215线", carriers),
        ("涉路施工许可", "在{road}{stake}处埋设通信管线", ["示例县恒通通信工程有限公司"]),
        ("出租汽车经营许可", "巡游出租汽车经营", ["示例县城关出租汽车有限公司"]),
    ]
    for period in range(1, 7):
        month = period * 2
        formed = day(y, month, 24, 28)
        decisions = []
        for _ in range(rng.randint(4, 8)):
            licence, content, applicants = pick(licences)
            when = ctx.on_or_after(date(y, month - 1, 1) + timedelta(days=rng.randint(0, 50)))
            decisions.append(
                (
                    min(when, ctx.add_wd(formed, -1)),
                    licence,
                    pick(applicants) if applicants else masked_person(rng),
                    content.format(road=pick(ROADS)[0], stake=stake(rng)),
                )
            )
        rows = []
        for n, (when, licence, applicant, content) in enumerate(sorted(decisions), start=1):
            serial += rng.randint(1, 6)
            rows.append(
                [
                    str(n),
                    licence,
                    applicant,
                    f"示县交许〔{y}〕{serial}号",
                    content,
                    when.isoformat(),
                ]
            )
        add(
            Spec(
                TRANSPORT,
                "0700",
                f"示例县交通运输局行政许可决定公示（{y}年第{period}期）",
                paras(
                    "根据《中华人民共和国行政许可法》和行政执法公示制度要求，现将我局作出的"
                    "行政许可决定公示如下："
                )
                + table(["序号", "许可事项", "申请人", "决定文书号", "许可内容", "决定日期"], rows)
                + paras(
                    "如对以上许可决定有异议，可在公示之日起7个工作日内向县交通运输局反映。"
                    "联系电话：0000-1234567。"
                ),
                formed=formed,
                published=later(formed, 1, 5),
                keywords="行政许可,双公示",
            )
        )

    # 行政处罚: a 公示 every quarter.
    serial = rng.randint(1, 4)
    cases = [
        (
            "未取得道路运输经营许可，擅自从事道路旅客运输经营",
            "《中华人民共和国道路运输条例》第六十三条",
            "罚款人民币{n}元",
            (10000, 30000),
        ),
        (
            "未按规定对道路运输车辆进行二级维护",
            "《道路运输车辆技术管理规定》第三十一条",
            "罚款人民币{n}元",
            (1000, 3000),
        ),
        (
            "超限运输车辆未经许可擅自行驶公路",
            "《公路安全保护条例》第六十四条",
            "罚款人民币{n}元",
            (5000, 30000),
        ),
        (
            "巡游出租汽车驾驶员无正当理由拒载乘客",
            "《巡游出租汽车经营服务管理规定》第四十九条",
            "罚款人民币{n}元",
            (200, 500),
        ),
        (
            "擅自在公路用地范围内设置非公路标志",
            "《中华人民共和国公路法》第七十九条",
            "责令限期拆除，罚款人民币{n}元",
            (1000, 5000),
        ),
        (
            "道路运输车辆未按规定安装使用卫星定位装置",
            "《道路运输车辆动态监督管理办法》第三十六条",
            "罚款人民币{n}元",
            (800, 3000),
        ),
    ]
    for quarter in range(1, 5):
        formed = day(y, quarter * 3, 20, 28)
        rows = []
        for n in range(rng.randint(3, 6)):
            serial += rng.randint(1, 9)
            fact, basis, result, (lo, hi) = pick(cases)
            party = pick(COMPANIES) if rng.random() < 0.6 else masked_person(rng)
            rows.append(
                [
                    str(n + 1),
                    f"示县交罚〔{y}〕{serial}号",
                    party,
                    fact,
                    basis,
                    result.format(n=rng.randint(lo // 100, hi // 100) * 100),
                ]
            )
        add(
            Spec(
                TRANSPORT,
                "0800",
                f"示例县交通运输局行政处罚决定信息公示（{y}年第{cn_num(quarter)}季度）",
                paras("现将本季度作出的行政处罚决定信息公示如下（个人当事人姓名已作隐名处理）：")
                + table(
                    ["序号", "决定书文号", "当事人", "主要违法事实", "处罚依据", "处罚结果"], rows
                ),
                formed=formed,
                published=later(formed, 1, 6),
                keywords="行政处罚,双公示",
            )
        )

    # 行政事业性收费.
    formed = day(y, 3, 1, 20)
    add(
        Spec(
            TRANSPORT,
            "1000",
            f"示例县交通运输局{y}年行政事业性收费和涉企收费目录清单",
            paras(
                f"根据县财政局、县发展和改革局关于公布{y}年收费目录清单的要求，现将我局收费情况公布如下：",
                "一、行政事业性收费：无。",
                "二、涉企行政事业性收费：无。",
                "三、涉企经营服务性收费：无。",
                "清单之外，任何单位不得以我局名义向企业和群众收取费用。监督电话：0000-1234567。",
            ),
            formed=formed,
            published=later(formed, 1, 8),
            topic=T.FINANCE,
            keywords="收费目录清单",
        )
    )

    # 政府采购.
    formed = day(y, 3, 5, 25)
    add(
        Spec(
            TRANSPORT,
            "1100",
            f"示例县交通运输局{y}年政府采购意向公开",
            paras(
                "为便于供应商及时了解政府采购信息，根据财政部《关于开展政府采购意向公开工作的通知》"
                f"（财库〔2020〕10号），现将我局{y}年采购意向公开如下："
            )
            + table(
                ["序号", "采购项目名称", "采购需求概况", "预算金额（万元）", "预计采购时间"],
                [
                    [
                        "1",
                        f"{y}年度农村公路日常养护服务",
                        "全县县道、乡道日常养护",
                        ctx.money(120, 380),
                        f"{y}年5月",
                    ],
                    [
                        "2",
                        "公路养护机械设备",
                        "小型养护机械6台（套）",
                        ctx.money(30, 90),
                        f"{y}年8月",
                    ],
                    ["3", "办公设备", "计算机、打印机等", ctx.money(5, 20), f"{y}年9月"],
                ],
            ),
            formed=formed,
            published=later(formed, 1, 3),
            topic=T.FINANCE,
            keywords="政府采购,采购意向",
        )
    )
    formed = day(y, 6, 3, 25)
    winner = pick([*COMPANIES[4:6], "示例县公路养护工程有限公司"])
    add(
        Spec(
            TRANSPORT,
            "1100",
            f"{y}年度农村公路日常养护服务项目成交结果公告",
            paras(
                f"一、项目编号：SXCG-{y}-{rng.randint(10, 99)}",
                f"二、项目名称：{y}年度农村公路日常养护服务",
                f"三、成交供应商：{winner}",
                f"四、成交金额：{ctx.money(110, 360)}万元",
                "五、采购方式：竞争性磋商",
                "六、公告期限：自本公告发布之日起1个工作日。",
                "采购人：示例县交通运输局；联系电话：0000-1234567。",
            ),
            formed=formed,
            published=later(formed, 1, 2),
            topic=T.FINANCE,
            keywords="政府采购,成交结果",
        )
    )

    # 民生保障.
    formed = day(y, 9, 5, 25)
    rows = [
        [town, f"{rng.randint(2, 9)}", f"{rng.randint(60, 240)}", ctx.money(8, 45)]
        for town in TOWNS
    ]
    add(
        Spec(
            TRANSPORT,
            "1300",
            f"{y}年农村客运补贴资金分配情况公示",
            paras(f"根据农村客运补贴资金管理有关规定，现将{y}年农村客运补贴资金分配情况公示如下：")
            + table(["乡镇", "客运班线（条）", "线路里程（公里）", "补贴金额（万元）"], rows)
            + paras("公示期为7日。如有异议，请向县交通运输局运输股反映，电话：0000-1234567。"),
            formed=formed,
            published=later(formed, 1, 4),
            keywords="农村客运,补贴资金",
        )
    )

    # 突发公共事件应对.
    formed = day(y, 5, 6, 25)
    add(
        Spec(
            TRANSPORT,
            "1400",
            f"关于做好{y}年汛期公路水毁防范工作的紧急通知",
            paras(
                "各乡镇交通管理站，县公路养护站，县交通运输综合行政执法大队：",
                "我县已进入主汛期，为切实做好汛期公路安全防范工作，现就有关事项紧急通知如下：",
                "一、全面排查临水临崖路段、桥梁、隧道和高边坡等风险点，建立隐患台账。",
                "二、储备足够的抢险物资和机械设备，落实抢险队伍，确保“拉得出、用得上”。",
                "三、严格执行汛期24小时值班和信息报送制度。",
                "示例县交通运输局",
            ),
            formed=formed,
            published=later(formed, 0, 1),
            doc="示县交",
            keywords="汛期,水毁,应急",
        )
    )
    road, section = pick(ROADS[:5])
    formed = day(y, pick([6, 7, 8]), 1, 28)
    add(
        Spec(
            TRANSPORT,
            "1400",
            f"关于{road}{section}因强降雨发生塌方临时中断交通的通告",
            paras(
                f"受持续强降雨影响，{road}{section}{stake(rng)}处发生边坡塌方，道路临时中断。"
                "为确保过往车辆和行人安全，现对该路段实行交通管制，禁止一切车辆和行人通行。",
                f"过往车辆请绕行{pick(ROADS)[0]}。抢通时间另行通告。",
                "特此通告。",
                "示例县交通运输局",
            ),
            formed=formed,
            published=formed,
            keywords="交通中断,绕行",
        )
    )
    formed = day(y, 12, 1, 20)
    add(
        Spec(
            TRANSPORT,
            "1400",
            "关于做好低温雨雪冰冻天气交通运输保障工作的通知",
            paras(
                "据气象部门预报，近期我县将出现大范围降温和雨雪冰冻天气。为做好交通运输保障工作，"
                "现就有关事项通知如下：",
                "一、提前在桥面、陡坡、急弯等易结冰路段储备融雪剂和防滑料。",
                "二、客运企业要密切关注天气变化，必要时调整或暂停班次，并及时向社会公告。",
                "示例县交通运输局",
            ),
            formed=formed,
            published=later(formed, 0, 1),
            doc="示县交",
            keywords="低温雨雪冰冻,应急",
        )
    )

    # 监督检查.
    formed = day(y, 7, 5, 25)
    add(
        Spec(
            TRANSPORT,
            "1500",
            f"{y}年上半年道路运输安全生产监督检查情况通报",
            paras(
                f"{y}年上半年，我局共检查道路运输企业{rng.randint(30, 70)}家次，"
                f"发现安全隐患{rng.randint(40, 130)}处，已整改{rng.randint(35, 40)}处，"
                f"其余正在整改中；对{rng.randint(2, 6)}家企业进行了约谈。",
                "检查中发现的主要问题：一是部分企业安全生产管理制度不健全；二是动态监控"
                "值守不到位；三是驾驶员安全教育培训记录不完整。",
                "下一步，我局将加大“双随机、一公开”检查力度，对问题突出的企业依法从严处理。",
            ),
            formed=formed,
            published=later(formed, 1, 6),
            topic=T.MARKET,
            keywords="安全生产,监督检查",
        )
    )
    formed = day(y, 11, 3, 24)
    add(
        Spec(
            TRANSPORT,
            "1500",
            f"{y}年交通运输领域“双随机、一公开”抽查结果公示",
            paras(
                f"按照{y}年度“双随机、一公开”抽查工作计划，我局随机抽取检查对象"
                f"{rng.randint(12, 30)}家，随机选派执法人员实施检查，现将结果公示如下：",
            )
            + table(
                ["序号", "检查对象", "抽查事项", "检查结果"],
                [
                    [str(i + 1), c, pick(["道路货物运输经营", "机动车维修经营", "驾驶员培训"]), r]
                    for i, (c, r) in enumerate(
                        zip(
                            rng.sample(COMPANIES, 5),
                            rng.choices(["未发现问题", "未发现问题", "发现问题已责令整改"], k=5),
                            strict=True,
                        )
                    )
                ],
            ),
            formed=formed,
            published=later(formed, 1, 5),
            topic=T.MARKET,
            keywords="双随机一公开,抽查",
        )
    )

    # 人事信息 (in even years the 公路养护站 recruits).
    if y % 2 == 0:
        formed = day(y, 3, 3, 20)
        add(
            Spec(
                TRANSPORT,
                "1600",
                f"示例县公路养护站{y}年公开招聘编外工作人员公告",
                paras(
                    f"因工作需要，示例县公路养护站面向社会公开招聘编外工作人员{rng.randint(3, 8)}名。",
                    "一、招聘条件：具有中华人民共和国国籍，年龄18至35周岁，大专及以上学历，"
                    "道路桥梁、工程管理等相关专业。",
                    "二、报名时间和地点：公告发布之日起7个工作日内，到示例县交通运输局办公室报名。",
                    "三、招聘程序：报名、资格审查、笔试、面试、体检、考察、公示、聘用。",
                ),
                formed=formed,
                published=later(formed, 0, 2),
                topic=T.LABOUR,
                keywords="招聘",
            )
        )
        formed = day(y, 5, 10, 28)
        add(
            Spec(
                TRANSPORT,
                "1600",
                f"示例县公路养护站{y}年公开招聘编外工作人员拟聘用人员公示",
                paras(
                    "经笔试、面试、体检和考察，现将拟聘用人员名单公示如下：",
                    "、".join(
                        f"{masked_person(rng)}（准考证号{y}{rng.randint(1000, 9999)}）"
                        for _ in range(3)
                    ),
                    "公示期为5个工作日。对公示人员有异议的，请以书面形式实名反映。",
                ),
                formed=formed,
                published=later(formed, 0, 2),
                topic=T.LABOUR,
                keywords="招聘,公示",
            )
        )

    # 建议提案办理: replies after the spring sessions.
    congress, cppcc = SESSIONS.get(y, (f"县人大{y}年会议", f"县政协{y}年会议"))
    topics = [
        "加快{road}{section}改造提升",
        "增开城关至{town}农村客运班线",
        "加强{town}农村公路养护管理",
        "在{town}中心校路段增设交通安全设施",
        "规范城区网约车经营秩序",
    ]
    for n in range(rng.randint(2, 4)):
        is_proposal = n == 0
        body_topic = pick(topics).format(
            road=pick(ROADS)[0], section=pick(ROADS)[1], town=pick(TOWNS[1:])
        )
        person = pick(DELEGATES)
        number = rng.randint(3, 120)
        formed = day(y, pick([6, 7, 8]), 1, 28)
        if is_proposal:
            title = f"示例县交通运输局关于{cppcc}第{number}号提案的答复"
            greeting = f"{person}委员："
            ask = f"您提出的《关于{body_topic}的提案》收悉。"
        else:
            title = f"示例县交通运输局关于{congress}第{number}号建议的答复"
            greeting = f"{person}代表："
            ask = f"您提出的《关于{body_topic}的建议》收悉。"
        reply = Spec(
            TRANSPORT,
            "1700",
            title,
            paras(
                greeting,
                ask + "首先感谢您对全县交通运输工作的关心和支持。经认真研究，现答复如下：",
                "一、基本情况。近年来，我局坚持把群众出行需求作为工作重点，持续加大农村交通基础设施投入。",
                f"二、办理措施。我局已将该事项纳入{y}年度工作计划，"
                f"计划投入资金{ctx.money(30, 600)}万元，力争年内完成。",
                "三、下一步工作。我局将加强与相关乡镇和部门的沟通协调，及时向您反馈办理进展。",
                "再次感谢您对交通运输工作的关心和支持！",
                "示例县交通运输局",
                "（联系人：运输股，电话：0000-1234567）",
            ),
            formed=formed,
            published=later(formed, 2, 8),
            doc="示县交函",
            topic=T.GENERAL,
            keywords="建议提案办理",
        )
        if y < ctx.today.year:  # this year's replies come from gongkai.demo.interaction
            add(reply)

    # 公示公告.
    for _ in range(2):
        road, section = pick(ROADS)
        formed = day(y, pick([3, 4, 5, 9, 10]), 1, 28)
        start = ctx.later(formed, 3, 6)
        finish = start + timedelta(days=rng.randint(20, 75))
        add(
            Spec(
                TRANSPORT,
                "1800",
                f"关于{road}{section}{stretch(rng)}段施工期间交通管制的通告",
                paras(
                    f"因{road}{section}路面改造工程施工需要，为确保施工安全和过往车辆通行安全，"
                    "根据《中华人民共和国公路法》《公路安全保护条例》有关规定，决定对该路段实行交通管制。",
                    f"一、管制时间：{cn_date(start)}至{cn_date(finish)}。",
                    "二、管制方式：半幅封闭施工，单向交替放行；7座以上客车和货车请提前绕行。",
                    "三、请过往车辆服从现场交通指挥人员疏导，减速慢行。",
                    "由此给您出行带来的不便，敬请谅解。",
                    "特此通告。",
                    "示例县交通运输局",
                ),
                formed=formed,
                published=later(formed, 0, 2),
                keywords="交通管制,施工,通告",
            )
        )
    formed = day(y, 5, 5, 25)
    add(
        Spec(
            TRANSPORT,
            "1800",
            f"示例县{y - 1}年度道路运输企业质量信誉考核结果公示",
            paras(
                f"根据《道路运输企业质量信誉考核办法》，我局组织开展了{y - 1}年度道路运输企业"
                "质量信誉考核，现将考核结果公示如下：",
            )
            + table(
                ["序号", "企业名称", "考核等级"],
                [
                    [str(i + 1), c, pick(["AAA级", "AA级", "AA级", "A级"])]
                    for i, c in enumerate(rng.sample(COMPANIES, 6))
                ],
            )
            + paras("公示期为10日，如有异议，请书面向县交通运输局运输股反映。"),
            formed=formed,
            published=later(formed, 1, 5),
            keywords="质量信誉考核",
        )
    )
    formed = day(y, 10, 10, 28)
    add(
        Spec(
            TRANSPORT,
            "1800",
            "关于注销部分道路运输经营许可证的公告",
            paras(
                "下列经营者的道路运输经营许可证有效期届满未申请延续（或已申请停业），"
                "根据《中华人民共和国行政许可法》第七十条规定，决定予以注销：",
                "；".join(rng.sample(COMPANIES, 3)) + "。",
                "特此公告。",
            ),
            formed=formed,
            published=later(formed, 1, 5),
            keywords="注销,道路运输经营许可证",
        )
    )

    # Non-public items, recorded with their reasons (they never reach the portal).
    company = pick(COMPANIES)
    formed = day(y, pick([3, 5, 8, 10]), 1, 28)
    add(
        Spec(
            TRANSPORT,
            "0700",
            f"关于{company}城关至{pick(TOWNS[1:])}客运班线经营许可的批复",
            paras(
                f"{company}：",
                "你公司报来的客运班线经营许可申请材料收悉。经审查，符合《道路旅客运输及客运站管理规定》"
                "规定的条件，同意你公司经营该客运班线，经营期限4年。",
                "示例县交通运输局",
            ),
            formed=formed,
            published=later(formed, 2, 8),
            doc="示县交",
            disclosure=Disclosure.ON_REQUEST,
            ground=WithholdGround.THIRD_PARTY,
            explanation="批复涉及申请企业的经营信息，依据条例第十五条，向申请人送达；"
            "其他公民、法人或者其他组织可依申请获取。许可结果已在行政许可决定公示中公开。",
            keywords="客运班线,批复",
        )
    )
    formed = day(y, pick([4, 7, 11]), 1, 25)
    add(
        Spec(
            TRANSPORT,
            "0203",
            f"局党组会议纪要（{y}年第{rng.randint(3, 12)}次）",
            paras(
                "会议研究了干部队伍建设、机关财务管理和近期重点工作，议定事项如下：",
                "一、…（略）",
            ),
            formed=formed,
            published=later(formed, 1, 4),
            topic=T.GENERAL,
            disclosure=Disclosure.WITHHELD,
            ground=WithholdGround.INTERNAL_AFFAIRS,
            explanation="属于机关内部事务信息，依据条例第十六条第一款，不予公开。",
            keywords="会议纪要",
        )
    )
    if rng.random() < 0.7:
        formed = day(y, pick([2, 6, 9]), 1, 25)
        add(
            Spec(
                TRANSPORT,
                "1200",
                f"关于{pick(ROADS)[0]}改建工程征地拆迁补偿有关问题的请示",
                paras(
                    "县人民政府：",
                    "该工程涉及征收集体土地和房屋拆迁，补偿标准尚需县人民政府研究确定，现将有关问题请示如下：",
                    "一、…（略）",
                ),
                formed=formed,
                published=later(formed, 1, 5),
                doc="示县交",
                disclosure=Disclosure.WITHHELD,
                ground=WithholdGround.PROCESS_INFO,
                explanation="属于向上级机关请示过程中形成的过程性信息，依据条例第十六条第二款，不予公开。"
                "补偿方案经批准后另行公开。",
                keywords="请示,征地拆迁",
            )
        )


#: 重大建设项目 and their stages: (project, [(stage, year, month)]).
PROJECTS = [
    (
        "县道X201线城关至白沙段改建工程",
        [("approval", 2023, 3), ("tender", 2023, 5), ("start", 2023, 7), ("completion", 2024, 11)],
    ),
    (
        "龙潭大桥危桥改造工程",
        [("approval", 2024, 4), ("tender", 2024, 6), ("start", 2024, 8), ("completion", 2025, 10)],
    ),
    (
        "示例县城乡客运综合枢纽站建设工程",
        [("approval", 2025, 5), ("tender", 2025, 7), ("start", 2025, 9), ("change", 2026, 4)],
    ),
    (
        "乡道Y027线石门至青山段提质改造工程",
        [("approval", 2026, 3), ("tender", 2026, 5), ("start", 2026, 7)],
    ),
]


def transport_projects(ctx: Ctx) -> None:
    rng = ctx.rng
    for project, stages in PROJECTS:
        budget = ctx.money(1800, 9800)
        contractor = ctx.pick(["示例县路桥建设工程有限公司", "某省交通建设集团有限公司"])
        for stage, year, month in stages:
            if year not in ctx.years:
                continue
            formed = ctx.day(year, month, 3, 25)
            doc = ""
            if stage == "approval":
                title = f"关于{project}初步设计的批复"
                doc = "示县交"
                lines = [
                    "县公路养护站：",
                    f"你站报来的《{project}初步设计》收悉。经组织专家评审，现批复如下：",
                    f"一、建设规模：全长{ctx.money(3, 26)}公里，按三级公路标准建设，路基宽度7.5米。",
                    f"二、工程概算：批复概算{budget}万元，资金来源为上级补助资金和县级配套资金。",
                    "三、请严格按照批复的建设内容、规模和标准组织实施，不得擅自变更。",
                    "示例县交通运输局",
                ]
            elif stage == "tender":
                title = f"{project}施工招标中标结果公示"
                lines = [
                    f"招标人：县公路养护站；中标人：{contractor}。",
                    f"中标价：{float(budget) * rng.uniform(0.82, 0.95):.2f}万元；工期：{rng.randint(8, 18)}个月。",
                    "公示期为3日。投标人或者其他利害关系人对中标结果有异议的，应当在公示期内提出。",
                ]
            elif stage == "start":
                title = f"{project}施工许可及开工信息"
                lines = [
                    f"项目名称：{project}",
                    f"施工单位：{contractor}；监理单位：某省公路工程监理咨询有限公司。",
                    f"开工日期：{cn_date(formed)}；计划完工日期："
                    f"{cn_date(formed + timedelta(days=rng.randint(240, 520)))}。",
                    "质量安全监督机构：示例县交通运输工程质量安全监督站。",
                ]
            elif stage == "change":
                title = f"{project}重大设计变更信息"
                lines = [
                    "因站址地质条件变化，经原设计单位论证、专家评审，对基础形式进行变更。",
                    f"变更后工程概算调整为{float(budget) * 1.06:.2f}万元，未超过批复概算的10%。",
                ]
            else:
                title = f"{project}交工验收信息"
                lines = [
                    f"{cn_date(formed)}，县交通运输局组织对{project}进行了交工验收。",
                    "验收委员会认为，工程质量符合设计和规范要求，同意通过交工验收，交付使用。",
                ]
            ctx.add(
                Spec(
                    TRANSPORT,
                    "1200",
                    title,
                    paras(*lines),
                    formed=formed,
                    published=ctx.later(formed, 1, 8),
                    doc=doc,
                    keywords="重大建设项目",
                )
            )


ONCE_KEYWORDS = {
    "0100": "机构职能,领导分工",
    "1900": "政府信息公开指南",
    "2000": "政府信息公开制度",
    "0900": "行政强制",
    "0400": "规划计划,农村公路",
}


def transport_once(ctx: Ctx) -> None:
    """Columns that change rarely: functions, guide, rules, 行政强制, plans."""
    items = [
        (
            "0100",
            2023,
            3,
            "示例县交通运输局主要职责和内设机构",
            [
                "一、主要职责",
                "贯彻执行国家和省、市交通运输法律法规和方针政策；负责全县公路、水路交通运输行业管理；"
                "负责农村公路建设、养护和路政管理；负责道路运输市场监管和交通运输安全生产监督管理。",
                "二、内设机构",
                "办公室、运输股、建设股、路政股。",
                "三、办公地址和时间",
                "示例县人民路11号；工作日上午8:30—12:00，下午14:30—17:30。联系电话：0000-1234567。",
            ],
            "",
        ),
        (
            "0100",
            2025,
            2,
            "示例县交通运输局领导班子成员及工作分工（2025年调整）",
            [
                "周局长：主持局全面工作，负责财务、人事工作，分管办公室。",
                "刘副局长：负责道路运输、安全生产和政务公开工作，分管运输股、路政股。",
                "副局长：负责交通建设和农村公路养护工作，分管建设股、县公路养护站。",
            ],
            "",
        ),
        (
            "1900",
            2023,
            2,
            "示例县交通运输局政府信息公开指南",
            [
                "一、主动公开",
                "（一）公开范围：本局依照《中华人民共和国政府信息公开条例》第十九条、第二十条规定"
                "主动公开的政府信息，具体见《示例县交通运输局政府信息公开目录》。",
                "（二）公开方式：示例县人民政府网站“政府信息公开”专栏，县档案馆、县图书馆查阅点。",
                "（三）公开时限：信息形成或者变更之日起20个工作日内予以公开。",
                "二、依申请公开",
                "（一）受理机构：示例县交通运输局办公室；地址：示例县人民路11号；电话：0000-1234567。",
                "（二）申请方式：当面、信函、网上申请。申请时应提供身份证明、联系方式、"
                "所需信息的名称或者文号以及获取信息的方式。",
                "（三）处理时限：能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；"
                "需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长不超过20个工作日。",
                "三、监督和救济",
                "公民、法人或者其他组织认为本局在政府信息公开工作中侵犯其合法权益的，"
                "可以向县人民政府办公室投诉、举报，也可以依法申请行政复议或者提起行政诉讼。",
            ],
            "",
        ),
        (
            "1900",
            2025,
            3,
            "示例县交通运输局政府信息公开指南（2025年修订）",
            [
                "为进一步方便公民、法人和其他组织获取政府信息，根据机构职能和联系方式调整情况，"
                "对本指南进行修订。",
                "一、主动公开：公开范围、方式和时限不变，新增政务新媒体公开渠道。",
                "二、依申请公开：新增“示例县政府信息公开申请平台”网上申请渠道；"
                "信函申请的收件地址为示例县人民路11号示例县交通运输局办公室。",
                "三、信息处理费：按照《政府信息公开信息处理费管理办法》执行，申请人申请公开政府信息的"
                "数量、频次明显超过合理范围的，按件或者按量计收信息处理费。",
            ],
            "",
        ),
        (
            "2000",
            2023,
            4,
            "关于印发《示例县交通运输局政府信息公开保密审查制度》的通知",
            [
                "局属各单位，局各股室：",
                "现将《示例县交通运输局政府信息公开保密审查制度》印发给你们，请认真遵照执行。",
                "第一条 政府信息公开前，应当依照《中华人民共和国保守国家秘密法》以及其他法律、"
                "法规和国家有关规定进行审查，坚持“先审查、后公开”“一事一审”原则。",
                "第二条 拟稿股室负责人进行初审，局保密审查员进行保密审查，分管领导、主要领导审核签批。",
                "第三条 不能确定是否可以公开的，依照法律、法规和国家有关规定报有关主管部门或者保密行政管理部门确定。",
            ],
            "示县交",
        ),
        (
            "2000",
            2024,
            5,
            "关于印发《示例县交通运输局政务公开工作实施细则》的通知",
            [
                "局属各单位，局各股室：",
                "为规范政务公开工作，现将《示例县交通运输局政务公开工作实施细则》印发给你们。",
                "一、各股室应在信息形成之日起10个工作日内将拟公开信息报送局办公室。",
                "二、拟稿时应明确公开属性；属于不予公开或者依申请公开的，应当说明理由和依据，"
                "否则予以退文。",
                "三、政策性文件应与解读材料同步组织、同步审签、同步部署。",
                "四、局办公室建立信息发布登记台账，每年向县档案馆、县图书馆报送主动公开的政府信息。",
            ],
            "示县交",
        ),
        (
            "0900",
            2023,
            5,
            "示例县交通运输局行政强制事项清单",
            [
                "一、扣押（暂扣）违法运输车辆：依据《中华人民共和国道路运输条例》第六十三条。",
                "二、强制拆除非公路标志：依据《中华人民共和国公路法》第七十九条。",
                "三、代履行清除公路上的障碍物：依据《中华人民共和国行政强制法》第五十条。",
                "实施程序：实施前报批、出示执法证件、通知当事人到场、告知理由依据和权利、"
                "听取陈述申辩、制作现场笔录、送达决定书。",
            ],
            "",
        ),
        (
            "0900",
            2025,
            6,
            "示例县交通运输局行政强制事项清单（2025年版）",
            [
                "根据法律法规立改废情况，对行政强制事项清单进行动态调整，调整后共3项。",
                "一、暂扣未取得道路运输证件的车辆。",
                "二、强制拆除非公路标志。",
                "三、代履行清除公路上的障碍物。",
            ],
            "",
        ),
        (
            "0400",
            2024,
            4,
            "关于印发《示例县农村公路提质改造三年行动计划（2024—2026年）》的通知",
            [
                ISSUERS,
                "现将《示例县农村公路提质改造三年行动计划（2024—2026年）》印发给你们，请认真组织实施。",
                "一、目标任务：三年内完成农村公路提质改造300公里，实施危桥改造20座，"
                "建制村通硬化路率和通客车率保持100%。",
                "二、保障措施：强化组织领导，落实资金保障，严格质量监管，加强督查考核。",
            ],
            "示县交",
        ),
    ]
    for entry, year, month, title, lines, doc in items:
        if year not in ctx.years:
            continue
        formed = ctx.day(year, month, 3, 25)
        ctx.add(
            Spec(
                TRANSPORT,
                entry,
                title,
                paras(*lines),
                formed=formed,
                published=ctx.later(formed, 1, 6),
                doc=doc,
                topic=T.GENERAL if entry in ("0100", "1900", "2000") else T.INDUSTRY_TRANSPORT,
                keywords=ONCE_KEYWORDS[entry],
            )
        )


# --- Other agencies: items brought over from their old websites (历史导入) --------------------

OTHERS = {
    "SX000": ("示例县人民政府", "示县政发", T.GENERAL),
    "SX130": ("示例县教育局", "示县教", T.SCIENCE_EDUCATION),
    "SX140": ("示例县自然资源局", "示县资", T.LAND),
    "SX201": ("示例县城关镇人民政府", "城政发", T.GENERAL),
}


def other_year(ctx: Ctx, code: str, y: int) -> None:
    rng = ctx.rng
    name, prefix, topic = OTHERS[code]
    add, day, later, pick = ctx.add, ctx.day, ctx.later, ctx.pick

    def spec(entry, title, lines, formed, lo=1, hi=8, **extra):
        extra.setdefault("topic", topic)
        return add(
            Spec(
                code,
                entry,
                title,
                paras(*lines) if isinstance(lines, list) else lines,
                formed=formed,
                published=later(formed, lo, hi),
                **extra,
            )
        )

    # Budget and final accounts, every agency.
    total = rng.randint(800, 26000)
    spec(
        "0600",
        f"{name}{y}年部门预算公开" if code != "SX000" else f"示例县{y}年财政预算公开",
        [
            f"{y}年收入预算{total}.00万元，支出预算{total}.00万元。",
            f"“三公”经费预算{ctx.money(2, 30)}万元，比上年下降{ctx.money(1, 8)}%。",
            "详细情况见预算公开表。",
        ],
        day(y, 2, 10, 26),
        topic=T.FINANCE,
        keywords="预算",
    )
    spec(
        "0600",
        f"{name}{y - 1}年部门决算公开" if code != "SX000" else f"示例县{y - 1}年财政决算公开",
        [
            f"{y - 1}年度收入总计{rng.randint(800, 27000)}.{rng.randint(10, 99)}万元，支出总计与收入总计持平。",
            f"“三公”经费支出{ctx.money(2, 28)}万元，完成预算的{rng.randint(80, 97)}%。",
        ],
        day(y, 8, 10, 28),
        topic=T.FINANCE,
        keywords="决算",
    )

    if code == "SX000":
        spec(
            "0400",
            f"{y}年示例县人民政府工作报告",
            [
                f"——{y}年1月在县第十八届人民代表大会第{cn_num(y - 2021)}次会议上",
                f"过去一年，全县地区生产总值增长{ctx.money(4.5, 7.5)}%，"
                f"一般公共预算收入{ctx.money(6, 14)}亿元，城乡居民人均可支配收入分别增长"
                f"{ctx.money(4, 6)}%和{ctx.money(6, 8.5)}%。",
                f"{y}年主要预期目标：地区生产总值增长6%左右，城镇新增就业2000人以上。",
            ],
            day(y, 1, 10, 20),
            lo=3,
            hi=10,
            keywords="政府工作报告",
        )
        spec(
            "0500",
            f"示例县{y - 1}年国民经济和社会发展统计公报",
            [
                f"初步核算，{y - 1}年全县实现地区生产总值{ctx.money(120, 190)}亿元，"
                f"按不变价格计算，比上年增长{ctx.money(4, 7)}%。",
                f"年末全县户籍人口{rng.randint(38, 46)}.{rng.randint(1, 9)}万人。",
            ],
            day(y, 4, 1, 20),
            topic=T.ECONOMY,
            keywords="统计公报",
        )
        spec(
            "1200",
            f"示例县{y}年重大项目投资计划",
            [
                f"{y}年全县共安排重大项目{rng.randint(40, 80)}个，"
                f"总投资{ctx.money(150, 400)}亿元，年度计划投资{ctx.money(40, 90)}亿元。",
                "其中：交通基础设施项目12个，产业项目26个，社会民生项目18个。",
            ],
            day(y, 3, 1, 25),
            topic=T.ECONOMY,
            keywords="重大项目",
        )
        person = masked_person(rng)
        spec(
            "1600",
            f"示例县人民政府关于{person}等同志职务任免的通知",
            [
                "各乡镇人民政府，县政府各部门：",
                f"经县人民政府研究决定：任命{person}为示例县交通运输综合行政执法大队大队长；"
                f"免去{masked_person(rng)}的示例县公路养护站站长职务。",
            ],
            day(y, pick([3, 6, 9]), 1, 25),
            doc="示县政任",
            topic=T.LABOUR,
            keywords="人事任免",
        )
        if y == 2023:
            spec(
                "0202",
                "示例县人民政府关于印发《示例县城乡居民最低生活保障实施办法》的通知",
                [
                    "各乡镇人民政府，县政府各部门：",
                    "现将《示例县城乡居民最低生活保障实施办法》印发给你们，请认真贯彻执行。",
                    "第一条 为规范最低生活保障工作，保障困难群众基本生活，制定本办法。",
                    "第二条 最低生活保障标准由县人民政府按照当地居民生活必需费用确定、公布，并适时调整。",
                    "第十八条 本办法自印发之日起施行，有效期5年。",
                ],
                day(y, 6, 3, 25),
                doc=prefix,
                topic=T.CIVIL,
                validity=Validity.VALID,
                key="SX000-dibao-2023",
                keywords="最低生活保障",
            )
        if y == 2025:
            spec(
                "0202",
                "示例县人民政府关于印发《示例县最低生活保障审核确认办法》的通知",
                [
                    "各乡镇人民政府，县政府各部门：",
                    "现将《示例县最低生活保障审核确认办法》印发给你们，请认真贯彻执行。",
                    "第一条 为规范最低生活保障审核确认工作，根据民政部《最低生活保障审核确认办法》，制定本办法。",
                    "第三十条 本办法自印发之日起施行，有效期5年。"
                    f"《示例县城乡居民最低生活保障实施办法》（{doc_ref('SX000-dibao-2023')}）同时废止。",
                ],
                day(y, 7, 3, 25),
                doc=prefix,
                topic=T.CIVIL,
                validity=Validity.VALID,
                replaces="SX000-dibao-2023",
                keywords="最低生活保障",
            )
        if y == 2024:
            policy = spec(
                "0202",
                "示例县人民政府关于印发《示例县政府投资项目管理办法》的通知",
                [
                    "各乡镇人民政府，县政府各部门：",
                    "现将《示例县政府投资项目管理办法》印发给你们，请认真贯彻执行。",
                    "第一条 为规范政府投资行为，提高政府投资效益，根据《政府投资条例》，制定本办法。",
                    "第二十六条 本办法自印发之日起施行，有效期5年。",
                ],
                day(y, 5, 3, 25),
                doc=prefix,
                topic=T.ECONOMY,
                validity=Validity.VALID,
                needs_interpretation=True,
                key="SX000-invest",
                keywords="政府投资",
            )
            if policy:
                add(
                    Spec(
                        code,
                        "0300",
                        "《示例县政府投资项目管理办法》政策解读",
                        paras(
                            f"一、出台背景：为贯彻《政府投资条例》，县政府制定了本办法（{doc_ref('SX000-invest')}）。",
                            "二、主要内容：明确政府投资范围、项目决策程序、年度投资计划和监督管理。",
                            "三、解读机关：示例县发展和改革局；联系电话：0000-1234567。",
                        ),
                        formed=policy.formed,
                        published=ctx.later(policy.published, 0, 2),
                        topic=T.ECONOMY,
                        interprets="SX000-invest",
                        keywords="政策解读",
                    )
                )
    elif code == "SX130":
        spec(
            "0203",
            f"关于做好{y}年城区义务教育学校招生入学工作的通知",
            [
                "各中小学校：",
                f"为做好{y}年城区义务教育学校招生入学工作，现将有关事项通知如下：",
                "一、坚持免试就近入学原则，公办学校按划片范围招生，不得以任何形式的考试选拔学生。",
                "二、随迁子女凭居住证明和务工证明申请入学，享受与本地学生同等待遇。",
                f"三、网上报名时间为{y}年7月1日至7月10日。",
            ],
            day(y, 5, 10, 28),
            doc=prefix,
            keywords="招生入学",
        )
        spec(
            "1600",
            f"示例县{y}年公开招聘中小学教师公告",
            [
                f"根据教育事业发展需要，{y}年面向社会公开招聘中小学教师{rng.randint(30, 90)}名。",
                "报名条件：具有相应学科教师资格证书，全日制本科及以上学历，年龄35周岁以下。",
            ],
            day(y, 6, 1, 20),
            lo=0,
            hi=2,
            topic=T.LABOUR,
            keywords="教师招聘",
        )
        spec(
            "1300",
            f"示例县{y}年秋季学期学生资助政策简介",
            [
                "一、学前教育：对家庭经济困难幼儿给予保育教育费减免。",
                "二、义务教育：免除学杂费，免费提供教科书，对家庭经济困难寄宿生补助生活费。",
                "三、普通高中：国家助学金平均资助标准为每生每年2000元。",
                "资助咨询电话：0000-1234567。",
            ],
            day(y, 8, 15, 28),
            keywords="学生资助",
        )
        spec(
            "1000",
            f"示例县{y}年秋季学期中小学校服务性收费和代收费公示",
            [
                "义务教育阶段学校不得收取学杂费；服务性收费和代收费项目遵循学生自愿原则，"
                "不得与招生入学、教学活动挂钩。",
                "收费举报电话：0000-1234567。",
            ],
            day(y, 8, 20, 28),
            topic=T.FINANCE,
            keywords="收费公示",
        )
        if y == 2024:
            policy = spec(
                "0202",
                "关于印发《示例县民办学校办学行为管理办法》的通知",
                [
                    "各民办学校：",
                    "现将《示例县民办学校办学行为管理办法》印发给你们，请认真执行。",
                    "第一条 为规范民办学校办学行为，根据《中华人民共和国民办教育促进法实施条例》，制定本办法。",
                    "第二十条 本办法自印发之日起施行，有效期5年。",
                ],
                day(y, 9, 3, 25),
                doc=prefix,
                validity=Validity.VALID,
                needs_interpretation=True,
                key="SX130-private",
                keywords="民办学校",
            )
            if policy:
                add(
                    Spec(
                        code,
                        "0300",
                        "一图读懂《示例县民办学校办学行为管理办法》",
                        paras(
                            f"《示例县民办学校办学行为管理办法》（{doc_ref('SX130-private')}）明确了"
                            "民办学校招生、收费、教师管理和年度检查等要求。",
                            "解读机关：示例县教育局基础教育股；联系电话：0000-1234567。",
                        ),
                        formed=policy.formed,
                        published=ctx.later(policy.published, 0, 2),
                        topic=topic,
                        interprets="SX130-private",
                        keywords="政策解读",
                    )
                )
    elif code == "SX140":
        for _ in range(2):
            parcel = f"SX{y}-{rng.randint(1, 40):02d}号"
            spec(
                "1800",
                f"示例县国有建设用地使用权挂牌出让公告（{parcel}地块）",
                [
                    f"经示例县人民政府批准，示例县自然资源局决定以挂牌方式出让{parcel}地块国有建设用地使用权。",
                    f"地块位于{pick(TOWNS)}，出让面积{rng.randint(3000, 60000)}平方米，"
                    f"用途为{pick(['城镇住宅用地', '商服用地', '工业用地'])}，"
                    f"挂牌起始价{rng.randint(200, 9000)}万元。",
                    "申请人可于公告发布之日起到示例县公共资源交易中心获取出让文件。",
                ],
                day(y, pick([3, 5, 7, 9, 11]), 1, 25),
                lo=0,
                hi=2,
                keywords="土地出让",
            )
        spec(
            "1400",
            f"示例县{y}年度地质灾害防治方案",
            [
                f"全县共有地质灾害隐患点{rng.randint(60, 140)}处，其中重点防范隐患点{rng.randint(8, 25)}处。",
                "汛期（5月至9月）实行24小时值班，隐患点落实“两卡”发放和群测群防责任人。",
            ],
            day(y, 4, 1, 20),
            keywords="地质灾害",
        )
        spec(
            "0700",
            f"示例县不动产登记服务指南（{y}年版）",
            [
                "一、办理事项：首次登记、转移登记、变更登记、抵押登记、注销登记等。",
                "二、办理地点：示例县政务服务中心不动产登记窗口。",
                "三、办理时限：一般登记5个工作日，抵押登记3个工作日。",
            ],
            day(y, 2, 15, 28),
            keywords="不动产登记",
        )
        if y == 2023:
            policy = spec(
                "0202",
                "关于印发《示例县集体土地征收补偿安置办法》的通知",
                [
                    "各乡镇人民政府，县直有关单位：",
                    "现将《示例县集体土地征收补偿安置办法》印发给你们，请遵照执行。",
                    "第一条 为规范集体土地征收补偿安置工作，根据《中华人民共和国土地管理法》及其实施条例，制定本办法。",
                    "第三十二条 本办法自印发之日起施行，有效期5年。",
                ],
                day(y, 10, 3, 25),
                doc=prefix,
                validity=Validity.VALID,
                needs_interpretation=True,
                key="SX140-land",
                keywords="征收补偿",
            )
            if policy:
                add(
                    Spec(
                        code,
                        "0300",
                        "《示例县集体土地征收补偿安置办法》政策解读",
                        paras(
                            f"一、制定依据：《中华人民共和国土地管理法》及其实施条例（{doc_ref('SX140-land')}）。",
                            "二、主要内容：明确征收程序、补偿标准、安置方式和社会保障费用。",
                            "三、解读机关：示例县自然资源局；联系电话：0000-1234567。",
                        ),
                        formed=policy.formed,
                        published=ctx.later(policy.published, 0, 2),
                        topic=topic,
                        interprets="SX140-land",
                        keywords="政策解读",
                    )
                )
        if y == 2024:
            spec(
                "0400",
                "《示例县国土空间总体规划（2021—2035年）》批后公告",
                [
                    "《示例县国土空间总体规划（2021—2035年）》已经省人民政府批准，现予公告。",
                    "规划确定全县耕地保护目标、永久基本农田保护面积和生态保护红线，"
                    "划定城镇开发边界。",
                ],
                day(y, 10, 1, 25),
                keywords="国土空间规划",
            )
    elif code == "SX201":
        for half in (1, 2):
            spec(
                "1300",
                f"城关镇{y}年{'上' if half == 1 else '下'}半年最低生活保障对象公示",
                paras(
                    "根据最低生活保障审核确认有关规定，现将新增保障对象公示如下（姓名作隐名处理）："
                )
                + table(
                    ["序号", "村（社区）", "户主", "保障人数"],
                    [
                        [
                            str(i + 1),
                            pick(["东街社区", "西街社区", "南门村", "北山村"]),
                            masked_person(rng),
                            str(rng.randint(1, 4)),
                        ]
                        for i in range(rng.randint(3, 6))
                    ],
                )
                + paras("公示期为7天。如有异议，请向城关镇社会事务办反映。"),
                day(y, 6 if half == 1 else 12, 1, 15),
                topic=T.CIVIL,
                keywords="低保,公示",
            )
        spec(
            "0400",
            f"城关镇{y}年工作计划",
            [
                f"{y}年，城关镇将围绕乡村振兴、城镇建设和民生保障三项重点开展工作。",
                "一、实施农村人居环境整治提升行动；二、推进老旧小区改造；三、做好防汛和安全生产。",
            ],
            day(y, 2, 10, 25),
            keywords="工作计划",
        )
        spec(
            "1400",
            f"城关镇{y}年防汛应急预案",
            [
                "一、组织机构：成立镇防汛抗旱指挥部，镇长任指挥长。",
                "二、预警响应：按照Ⅳ级、Ⅲ级、Ⅱ级、Ⅰ级四个等级启动应急响应。",
                "三、转移安置：提前确定避险场所，落实转移责任人。",
            ],
            day(y, 4, 10, 28),
            topic=T.CIVIL,
            keywords="防汛,应急预案",
        )
        spec(
            "0203",
            f"关于开展{y}年农村人居环境整治提升行动的通知",
            [
                "各村（社区）：",
                f"为持续改善农村人居环境，镇人民政府决定在全镇开展{y}年农村人居环境整治提升行动。",
                "一、重点任务：垃圾清运、污水治理、厕所改造、村容村貌提升。",
            ],
            day(y, 3, 5, 25),
            doc=prefix,
            topic=T.CONSTRUCTION,
            keywords="人居环境",
        )


# --- Annual reports (written last: they count what the year published) ---------------------


def annual_reports(ctx: Ctx) -> None:
    rng = ctx.rng
    names = {"SX120": "示例县交通运输局", **{c: v[0] for c, v in OTHERS.items()}}
    repealed = {}  # key of a policy document → the day a later document repealed it
    for s in ctx.specs:
        for key in (s.replaces, *s.repeals):
            if key:
                repealed[key] = s.doc_date
    for code, name in names.items():
        for y in ctx.years:
            report_year = y - 1
            if code == TRANSPORT and report_year == ctx.today.year - 1:
                continue  # built from the data by gongkai.demo.reports
            published_count = sum(
                1
                for s in ctx.specs
                if s.agency == code
                and s.published.year == report_year
                and s.disclosure in (Disclosure.ACTIVE, Disclosure.REDACTED)
            )
            if report_year < FIRST_YEAR:
                published_count = rng.randint(40, 90) if code == TRANSPORT else rng.randint(15, 40)
            normative = [s for s in ctx.specs if s.agency == code and s.entry == "0202"]
            issued = sum(1 for s in normative if s.published.year == report_year)
            gone = {k: d for k, d in repealed.items() if d.year <= report_year}
            ended = sum(1 for s in normative if s.key in gone and gone[s.key].year == report_year)
            valid = sum(
                1 for s in normative if s.published.year <= report_year and s.key not in gone
            )
            requests = rng.randint(2, 12)
            deadline = date(y, 3, 31) if code == "SX000" else date(y, 1, 31)
            while not ctx.workday(deadline):
                deadline -= timedelta(days=1)
            formed = ctx.day(y, 1, 6, 15)
            published = min(ctx.later(formed, 3, 10), deadline)
            ctx.add(
                Spec(
                    code,
                    "2100",
                    f"{name}{report_year}年政府信息公开工作年度报告",
                    paras(
                        "本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开"
                        "办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
                        "（国办公开办函〔2021〕30号）要求编制。报告中所列数据统计期限自"
                        f"{report_year}年1月1日起至{report_year}年12月31日止。",
                        "一、总体情况",
                        f"{report_year}年，{name}坚持以公开为常态、不公开为例外，主动公开政府信息"
                        f"{published_count}条，严格执行“先审查、后公开”的保密审查制度，"
                        "及时更新政府信息公开专栏，按时完成政策解读和回应关切工作。",
                        "二、主动公开政府信息情况",
                    )
                    + table(
                        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                        [
                            ["规章", "0", "0", "0"],
                            ["行政规范性文件", str(issued), str(ended), str(valid)],
                        ],
                    )
                    + paras(
                        "三、收到和处理政府信息公开申请情况",
                        f"本年度共收到政府信息公开申请{requests}件，均已按期答复，其中予以公开"
                        f"{requests - 1}件，不予公开1件（保护第三方合法权益）。",
                        "四、政府信息公开行政复议、行政诉讼情况",
                        "本年度未发生因政府信息公开引起的行政复议和行政诉讼。",
                        "五、存在的主要问题及改进情况",
                        "个别栏目更新不够及时，政策解读形式较为单一。下一步将加强栏目日常巡查，"
                        "丰富图解、视频等解读形式。",
                        "六、其他需要报告的事项",
                        "本年度未收取信息处理费。",
                    ),
                    formed=formed,
                    published=published,
                    topic=T.GENERAL,
                    keywords="年度报告",
                    attachment="report" if code == TRANSPORT and y == ctx.end.year else "",
                )
            )


# --- Current work in 交通运输局 --------------------------------------------------------------


def current_specs(ctx: Ctx) -> list[Spec]:
    """Work in progress, with formed dates counted back from today in working days."""
    today = ctx.today
    y = today.year

    def ago(n: int) -> date:
        return ctx.add_wd(today, -n)

    def s(title, entry, state, days_ago, lines, **extra):
        formed = ago(days_ago)
        return Spec(
            TRANSPORT,
            entry,
            title,
            lines if isinstance(lines, str) else paras(*lines),
            formed=formed,
            published=today,
            state=state,
            **extra,
        )

    road = ROADS[1][0]
    return [
        # 草稿
        s(
            f"关于开展{y}年冬季道路运输安全生产隐患排查整治的通知",
            "0203",
            "draft",
            2,
            [
                "各道路运输企业，局属各单位：",
                "为有效防范冬季道路运输安全风险，决定开展隐患排查整治，现将有关事项通知如下：",
                "一、排查重点：客运车辆技术状况、动态监控、驾驶员疲劳驾驶和防冻防滑措施。",
            ],
            doc="示县交",
            keywords="冬季,安全生产",
        ),
        s(
            f"示例县{y}年度城乡公交一体化运营补贴资金拟安排情况公示",
            "1300",
            "draft",
            26,
            [
                f"根据城乡公交一体化运营补贴有关规定，现将{y}年度补贴资金拟安排情况公示如下：",
                "示例县惠民公共交通有限公司：补贴资金186.50万元。",
                "公示期为7日。",
            ],
            keywords="城乡公交,补贴",
        ),
        s(
            f"关于{road}{BRIDGES[0]}维修加固施工期间交通管制的通告",
            "1800",
            "draft",
            18,
            [
                f"因{road}{BRIDGES[0]}维修加固施工需要，施工期间对该桥实行交通管制，"
                "禁止10吨以上货车通行。",
                "过往车辆请按绕行路线示意图绕行。特此通告。",
            ],
            keywords="交通管制,桥梁维修",
            attachment="detour",
        ),
        s(
            f"关于做好{y + 1}年春运工作的通知",
            "0203",
            "draft",
            3,
            [
                "各道路运输企业，局属各单位：",
                f"{y + 1}年春运即将开始，现将《示例县{y + 1}年春运工作方案》印发给你们，请认真贯彻落实。",
            ],
            doc="示县交",
            keywords="春运",
            attachment="plan",
        ),
        s(
            "关于印发《示例县农村客运站点运营管理办法》的通知",
            "0202",
            "draft",
            6,
            [
                ISSUERS,
                "现将《示例县农村客运站点运营管理办法》印发给你们，请认真贯彻执行。",
                "第一条 为规范农村客运站点运营管理，方便群众出行，制定本办法。",
                "第二条 本办法适用于本县行政区域内农村客运招呼站、候车亭和综合服务站。",
            ],
            doc="示县交",
            validity=Validity.VALID,
            needs_interpretation=True,
            key="current-bus-stops",
            keywords="农村客运站点",
        ),
        s(
            "《示例县农村客运站点运营管理办法》政策解读",
            "0300",
            "draft",
            6,
            [
                "一、制定背景：为解决农村客运站点“重建设、轻管理”问题，起草了本办法。",
                "二、主要内容：明确站点建设标准、日常管护责任和运营服务要求。",
            ],
            interprets="current-bus-stops",
            keywords="政策解读",
        ),
        # 审核中, one or more at each step
        s(
            f"示例县{y - 1}年度道路运输企业质量信誉考核结果复核情况说明",
            "1800",
            "review",
            24,
            ["对企业提出的复核申请，我局组织复核，维持原考核等级。"],
            step=1,
            keywords="质量信誉考核",
        ),
        s(
            "关于调整城区2路、5路公交线路走向的公告",
            "1800",
            "review",
            4,
            [
                "为方便城东新区群众出行，经研究，决定调整城区2路、5路公交线路走向。",
                "调整后线路：2路延伸至城东客运站；5路增设人民医院站。",
            ],
            step=1,
            keywords="公交线路调整",
        ),
        s(
            f"{ROADS[0][0]}{ROADS[0][1]}改建工程竣工验收信息",
            "1200",
            "review",
            19,
            [f"{ROADS[0][0]}{ROADS[0][1]}改建工程已通过竣工验收，工程质量等级评定为合格。"],
            step=2,
            keywords="重大建设项目,竣工验收",
        ),
        s(
            f"{y}年第三季度超限超载治理工作情况通报",
            "1500",
            "review",
            9,
            [
                f"第三季度共检测货运车辆{1860}辆次，查处超限超载车辆{42}辆，卸载货物{610}吨。",
            ],
            step=2,
            topic=T.MARKET,
            keywords="治超",
        ),
        s(
            "示例县交通运输局关于乡道Y012线桥梁安全隐患整治工程的采购意向公告",
            "1100",
            "review",
            23,
            [
                "采购项目：乡道Y012线桥梁安全隐患整治工程；预算金额：86.00万元；预计采购时间：次年1月。"
            ],
            step=3,
            topic=T.FINANCE,
            keywords="采购意向",
        ),
        s(
            "关于进一步规范巡游出租汽车计价器管理的通知",
            "0203",
            "review",
            8,
            [
                "各出租汽车经营者：",
                "一、计价器应经计量检定合格后方可使用，严禁擅自改装。",
                "二、驾驶员应按规定使用计价器并出具车费发票。",
            ],
            step=3,
            doc="示县交",
            keywords="出租汽车,计价器",
        ),
        s(
            f"示例县交通运输局权责清单（{y}年版）",
            "0100",
            "review",
            22,
            ["根据法律法规立改废情况，对本局权责清单进行动态调整，调整后共有权责事项186项。"],
            step=4,
            topic=T.GENERAL,
            keywords="权责清单",
        ),
        s(
            f"示例县公路养护站{y}年公开招聘编外工作人员拟聘用人员公示",
            "1600",
            "resubmitted",
            10,
            [
                "经笔试、面试、体检和考察，现将拟聘用人员名单公示如下：",
                "陈某某（准考证号20260118）、刘某（准考证号20260207）。",
                "公示期为5个工作日。",
            ],
            step=4,
            topic=T.LABOUR,
            comment="拟聘用人员名单中列有身份证号码，涉及个人信息，请改为准考证号后重新提交。",
            keywords="招聘,公示",
        ),
        s(
            f"关于{ROADS[5][0]}示例段路面整治期间车辆绕行的通告",
            "1800",
            "review",
            17,
            [
                f"因{ROADS[5][0]}示例段路面整治施工，施工期间实行半幅通行。",
                "大型货车请绕行省道S215线。特此通告。",
            ],
            step=5,
            keywords="绕行,通告",
        ),
        s(
            f"{y}年1—10月全县公路水路客货运输量统计",
            "0500",
            "review",
            7,
            ["1—10月，全县完成公路旅客运输量412万人次，公路货物运输量986万吨。"],
            step=5,
            keywords="统计",
        ),
        # 已退回
        s(
            "关于查处一起非法营运案件的情况通报",
            "0800",
            "returned",
            12,
            [
                "10月15日，县交通运输综合行政执法大队在城关客运站附近查处一起非法营运案件，"
                "当事人张某某（身份证号码略）驾驶小型客车非法从事道路旅客运输经营。",
            ],
            step=2,
            comment="通报中列有当事人姓名、身份证号码和车牌号，涉及个人隐私，请按规定隐名处理后重新提交。",
            keywords="非法营运",
        ),
        s(
            f"关于做好{y}年冬季农村公路养护工作的通知",
            "0203",
            "returned",
            25,
            [
                "各乡镇人民政府，县公路养护站：",
                "为做好冬季农村公路养护工作，确保群众安全出行，现将有关事项通知如下。",
            ],
            step=1,
            doc="示县交",
            comment="请补充各乡镇冬季养护任务分解表，并明确完成时限后重新提交。",
            keywords="农村公路养护",
        ),
        # 已发布 through the chain
        s(
            f"关于{y}年冬季道路运输安全生产专项检查情况的通报",
            "1500",
            "published",
            9,
            [
                f"专项检查共检查道路运输企业{36}家，发现隐患{58}处，已全部责令限期整改。",
                "对隐患整改不力的2家企业进行了约谈。",
            ],
            topic=T.MARKET,
            keywords="安全生产,专项检查",
        ),
        s(
            "关于群众反映城关客运站周边非法营运问题调查处理情况的通报",
            "1500",
            "redacted",
            11,
            [
                "11月2日，群众王某某（联系电话139XXXX5678）通过12328热线反映，"
                "城关客运站周边有私家车揽客非法营运。",
                "接报后，县交通运输综合行政执法大队会同公安交警开展联合整治，"
                "查处非法营运车辆3辆，依法予以处罚。",
            ],
            topic=T.MARKET,
            disclosure=Disclosure.REDACTED,
            ground=WithholdGround.THIRD_PARTY,
            explanation="原文含举报人姓名和联系方式，属于个人隐私，依据条例第十五条删除后公开。",
            redacted=paras(
                "近日，群众通过12328热线反映，城关客运站周边有私家车揽客非法营运。",
                "接报后，县交通运输综合行政执法大队会同公安交警开展联合整治，"
                "查处非法营运车辆3辆，依法予以处罚。",
            ),
            keywords="非法营运,12328",
        ),
        s(
            f"关于{ROADS[0][0]}{stretch(ctx.rng)}段施工期间交通管制的通告",
            "1800",
            "corrected",
            6,
            [
                f"因路面改造施工需要，决定对该路段实行交通管制。管制时间：{y}年12月1日至12月20日。",
                "特此通告。",
            ],
            reason="原通告管制结束时间有误，更正为12月25日。",
            correction=paras(
                f"因路面改造施工需要，决定对该路段实行交通管制。管制时间：{y}年12月1日至12月25日。",
                "特此通告。",
            ),
            keywords="交通管制,更正",
        ),
        s(
            f"关于开展{y}年度出租汽车驾驶员从业资格考试的通知",
            "1800",
            "withdrawn",
            8,
            [f"{y}年度出租汽车驾驶员从业资格考试定于12月中旬举行，请考生于12月5日前报名。"],
            reason="考试安排已由市交通运输局统一调整，本通知内容不再适用，予以撤回，新的安排另行公布。",
            keywords="从业资格考试",
        ),
        # 已登记（不公开）
        s(
            f"关于{COMPANIES[1]}城关至龙潭客运班线延续经营的批复",
            "0700",
            "recorded",
            9,
            [
                f"{COMPANIES[1]}：",
                "你公司的客运班线延续经营申请收悉。经审查，符合规定条件，同意延续经营4年。",
            ],
            doc="示县交",
            disclosure=Disclosure.ON_REQUEST,
            ground=WithholdGround.THIRD_PARTY,
            explanation="批复涉及申请企业的经营信息，依据条例第十五条，向申请人送达；"
            "其他公民、法人或者其他组织可依申请获取。",
            keywords="客运班线,批复",
        ),
        s(
            f"关于{ROADS[0][0]}改建工程征地拆迁补偿标准的请示",
            "1200",
            "recorded",
            14,
            ["县人民政府：", "现将该工程征地拆迁补偿标准有关问题请示如下：一、…（略）"],
            doc="示县交",
            disclosure=Disclosure.WITHHELD,
            ground=WithholdGround.PROCESS_INFO,
            explanation="属于向上级机关请示过程中形成的过程性信息，依据条例第十六条第二款，不予公开。",
            keywords="请示",
        ),
    ]


# --- Numbering documents ----------------------------------------------------------------------


def number_documents(ctx: Ctx, specs: list[Spec]) -> None:
    """文号 in date order per 机关代字 and year, with gaps for documents that were not
    published; then fill every doc_ref() placeholder."""
    by_series: dict[tuple[str, int], list[Spec]] = {}
    for s in specs:
        if s.doc:
            by_series.setdefault((s.doc, s.doc_date.year), []).append(s)
    for (prefix, year), series in sorted(by_series.items()):
        serial = ctx.rng.randint(1, 3)
        for s in sorted(series, key=lambda s: (s.doc_date, s.title)):
            s.doc_number = f"{prefix}〔{year}〕{serial}号"
            serial += ctx.rng.randint(1, 4)
    numbers = {s.key: s.doc_number for s in specs if s.key}
    for s in specs:
        for text_field in ("title", "body", "redacted", "correction"):
            text = getattr(s, text_field)
            if "{doc:" in text:
                for key, number in numbers.items():
                    text = text.replace(doc_ref(key), number)
                setattr(s, text_field, text)


# --- Writing ----------------------------------------------------------------------------------


@dataclass
class Writer:
    ctx: Ctx
    agencies: dict[str, Agency]
    entries: dict[str, dict[str, CatalogueEntry]]
    chain: list[ReviewStep]
    people: dict[str, object]
    unit: object
    tz: object = field(default_factory=timezone.get_current_timezone)
    items: dict[str, InformationItem] = field(default_factory=dict)
    events: list[ItemEvent] = field(default_factory=list)
    _cursor: datetime | None = None

    def at(self, d: date, minute: int) -> datetime:
        return datetime.combine(d, time(8, 40), tzinfo=self.tz) + timedelta(minutes=minute)

    def moments(self, start: date, end: datetime, n: int) -> list[datetime]:
        """n moments in office hours on working days from ``start``, in order, ending at ``end``."""
        days = []
        d = start
        while d <= end.date():
            if self.ctx.workday(d):
                days.append(d)
            d += timedelta(days=1)
        if not days:
            days = [end.date()]
        picks = sorted(
            self.at(self.ctx.rng.choice(days), self.ctx.rng.randint(0, 540)) for _ in range(n - 1)
        )
        # Both sequences rise, so their minimum does: the moments stay in order, before ``end``.
        out = [min(p, end - timedelta(minutes=(n - i) * 7)) for i, p in enumerate(picks)]
        return [*out, end]

    def item_from(self, spec: Spec) -> InformationItem:
        item = InformationItem(
            agency=self.agencies[spec.agency],
            entry=self.entries[spec.agency][spec.entry],
            title=spec.title,
            body=clean_html(spec.body),
            redacted_body=clean_html(spec.redacted),
            publisher_name=self.agencies[spec.agency].name,
            doc_number=spec.doc_number,
            written_date=spec.doc_date if spec.doc else None,
            formed_date=spec.formed,
            topic=spec.topic,
            keywords=spec.keywords,
            disclosure=spec.disclosure,
            withhold_ground=spec.ground,
            withhold_explanation=spec.explanation,
            validity=spec.validity,
            effective_date=spec.doc_date if spec.validity and spec.doc else None,
            long_term=bool(spec.validity),
            needs_interpretation=spec.needs_interpretation,
            interprets=self.items.get(spec.interprets),
        )
        item.due_date = services.compute_due_date(item)
        return item

    # History -----------------------------------------------------------------------------

    def history(self, spec: Spec, n: int) -> InformationItem:
        item = self.item_from(spec)
        published = self.at(spec.published, spec.minute)
        publishable = spec.disclosure in (Disclosure.ACTIVE, Disclosure.REDACTED)
        item.status = Status.PUBLISHED if publishable else Status.RECORDED
        item.decided_at = published
        if publishable:
            item.published_at = published
            item.index_number = services.allocate_index_number(item=item, year=spec.published.year)
        if spec.agency == TRANSPORT:
            office = self.people["xiaolin"]
            start = self.ctx.later(spec.formed, 0, 1)
            start = min(start, spec.published)
            times = self.moments(start, published, len(self.chain) + 2)
            item.drafter, item.unit = self.people["xiaoli"], self.unit
            item.created_at = times[0]
            if publishable:
                item.published_by = office
            item.save()
            self.ledger(item, times, publishable)
        else:
            item.source = InformationItem.Source.IMPORTED
            item.import_key = f"{DEMO_KEY}{spec.agency}-{n:04d}"
            item.created_at = published
            item.save()
            self.events.append(
                ItemEvent(
                    item=item,
                    at=published,
                    action=Action.IMPORTED,
                    comment=f"历史导入：原网站政府信息公开专栏，发布日期 {spec.published.isoformat()}",
                    to_status=item.status,
                )
            )
        if spec.attachment:
            self.attach_history(item, spec.attachment, item.created_at)
        if spec.key:
            self.items[spec.key] = item
        self.relate(spec, item)
        return item

    def ledger(self, item: InformationItem, times: list[datetime], publishable: bool) -> None:
        rng = self.ctx.rng
        drafter = self.people["xiaoli"]

        def event(at, actor, action, step=None, comment="", before="", after=Status.IN_REVIEW):
            self.events.append(
                ItemEvent(
                    item=item,
                    at=at,
                    actor=actor,
                    action=action,
                    step_order=step.order if step else None,
                    step_name=step.name if step else "",
                    comment=comment,
                    from_status=before,
                    to_status=after,
                )
            )

        event(times[0], drafter, Action.CREATED, after=Status.DRAFT)
        event(times[1], drafter, Action.SUBMITTED, before=Status.DRAFT)
        for step, at in zip(self.chain, times[2:], strict=True):
            person = self.people[STEP_PEOPLE[step.role]]
            comment = rng.choice(STEP_COMMENTS[step.role])
            event(at, person, Action.APPROVED, step, comment, Status.IN_REVIEW)
        last, office = self.chain[-1], self.people[STEP_PEOPLE[self.chain[-1].role]]
        if publishable:
            event(times[-1], office, Action.PUBLISHED, last, "", Status.IN_REVIEW, Status.PUBLISHED)
        else:
            event(
                times[-1],
                office,
                Action.RECORDED,
                last,
                f"{item.get_disclosure_display()}：{item.get_withhold_ground_display()}",
                Status.IN_REVIEW,
                Status.RECORDED,
            )

    def relate(self, spec: Spec, item: InformationItem) -> None:
        """A new policy document repeals, replaces or amends older ones (每次一改, audited)."""
        for key, validity, replaced in (
            ([(spec.replaces, Validity.REPEALED, True)] if spec.replaces else [])
            + [(k, Validity.REPEALED, False) for k in spec.repeals]
            + ([(spec.amends, Validity.AMENDED, False)] if spec.amends else [])
        ):
            old = self.items.get(key)
            if old is None:
                continue
            old.validity = validity
            fields = ["validity", "updated_at"]
            if validity == Validity.REPEALED:
                old.repealed_date = spec.doc_date
                fields.append("repealed_date")
            if replaced:
                old.replaced_by = item
                fields.append("replaced_by")
            old.save(update_fields=fields)

    def attach_history(self, item, kind: str, at: datetime) -> None:
        name, data = attachment_bytes(kind)
        attachment = Attachment(
            item=item,
            original_name=name,
            file_type=name.rsplit(".", 1)[1],
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            uploaded_by=item.drafter,
            uploaded_at=at,
        )
        attachment.file.save(name, ContentFile(data), save=False)
        attachment.save()

    # Current work --------------------------------------------------------------------------

    def current(self, spec: Spec) -> InformationItem:
        p = self.people
        drafter = p["xiaoli"]
        data = {
            "title": spec.title,
            "entry": self.entries[TRANSPORT][spec.entry],
            "body": spec.body,
            "redacted_body": spec.redacted,
            "doc_number": spec.doc_number,
            "written_date": spec.doc_date if spec.doc else None,
            "formed_date": spec.formed,
            "topic": spec.topic,
            "keywords": spec.keywords,
            "disclosure": spec.disclosure,
            "withhold_ground": spec.ground,
            "withhold_explanation": spec.explanation,
            "validity": spec.validity,
            "effective_date": spec.doc_date if spec.validity and spec.doc else None,
            "long_term": bool(spec.validity),
            "needs_interpretation": spec.needs_interpretation,
            "interprets": self.items.get(spec.interprets),
        }
        item = services.item_create(agency=self.agencies[TRANSPORT], by=drafter, data=data)
        if spec.key:
            self.items[spec.key] = item
        if spec.attachment:
            name, content = attachment_bytes(spec.attachment)
            services.attachment_add(item=item, by=drafter, upload=services.Upload(name, content))
        if spec.state == "draft":
            item.refresh_from_db()
            return item

        def person(order: int):
            step = next(s for s in self.chain if s.order == order)
            return p[STEP_PEOPLE[step.role]]

        def approve(upto: int) -> None:
            for step in self.chain:
                if step.order >= upto:
                    break
                services.item_approve(
                    item=item,
                    by=p[STEP_PEOPLE[step.role]],
                    comment=self.ctx.rng.choice(STEP_COMMENTS[step.role]),
                )

        last = self.chain[-1].order + 1
        services.item_submit(item=item, by=drafter)
        if spec.state == "review":
            approve(spec.step)
        elif spec.state == "returned":
            approve(spec.step)
            services.item_return(item=item, by=person(spec.step), comment=spec.comment)
        elif spec.state == "resubmitted":
            approve(2)
            services.item_return(item=item, by=person(2), comment=spec.comment)
            services.item_update(item=item, by=drafter, data={"body": spec.body})
            services.item_submit(item=item, by=drafter)
            approve(spec.step)
        else:  # published, redacted, recorded, corrected, withdrawn
            approve(last)
            if spec.state == "corrected":
                services.item_correct(
                    item=item,
                    by=p["xiaolin"],
                    data={"body": spec.correction},
                    reason=spec.reason,
                )
            elif spec.state == "withdrawn":
                services.item_withdraw(item=item, by=p["xiaolin"], reason=spec.reason)
        item.refresh_from_db()
        return item

    def backdate(self, spec: Spec, item: InformationItem) -> None:
        """Spread the current work's ledger over the days since it was formed, as if it had
        been done day by day (the services stamp everything with this moment).

        Publications follow one another from four working days ago, after the last historical
        one, so 索引号 serials still rise with publication dates; a withdrawal or correction
        comes yesterday."""
        events = list(item.events.order_by("id"))
        now = timezone.now()
        today, rng = self.ctx.today, self.ctx.rng
        concluded = item.status in (Status.PUBLISHED, Status.RECORDED, Status.WITHDRAWN)
        if concluded and timezone.localtime(now).year != today.year:
            return  # a 索引号's year is the year of publication: leave the stamps alone
        latest = now - timedelta(hours=1)
        yesterday = self.ctx.add_wd(today, -1)  # everything happened before today
        start = min(self.ctx.later(spec.formed, 0, 2), yesterday)
        follow = events[-1].action in (Action.WITHDRAWN, Action.CORRECTED)
        main = events[:-1] if follow else events
        if len(events) == 1:
            end = self.at(start, rng.randint(0, 480))
        elif concluded:
            end = self.next_publication()
        else:
            end = self.at(self.ctx.add_wd(today, -rng.randint(1, 3)), rng.randint(0, 480))
        end = min(end, latest)
        times = self.moments(min(start, end.date()), end, len(main))
        for i, ev in enumerate(main):
            # The service concludes in one breath: the last approval and the publication coincide.
            if ev.action in (Action.PUBLISHED, Action.RECORDED) and i:
                times[i - 1] = times[i]
        if follow:
            after = self.at(yesterday, rng.randint(60, 480))
            times.append(min(max(after, times[-1] + timedelta(hours=1)), latest))
        for ev, at in zip(events, times, strict=True):
            ev.at = at
        ItemEvent.objects.bulk_update(events, ["at"])
        by_action = {ev.action: ev.at for ev in events}
        stamps = {"created_at": times[0]}
        if Action.PUBLISHED in by_action:
            stamps["published_at"] = stamps["decided_at"] = by_action[Action.PUBLISHED]
        if Action.RECORDED in by_action:
            stamps["decided_at"] = by_action[Action.RECORDED]
        if Action.WITHDRAWN in by_action:
            stamps["withdrawn_at"] = by_action[Action.WITHDRAWN]
        InformationItem.objects.filter(pk=item.pk).update(**stamps)
        if Action.CORRECTED in by_action:
            ItemVersion.objects.filter(item=item).update(created_at=by_action[Action.CORRECTED])
        item.attachments.update(uploaded_at=times[0] + timedelta(minutes=5))

    def next_publication(self) -> datetime:
        if self._cursor is None:
            self._cursor = self.at(self.ctx.add_wd(self.ctx.today, -4), 50)
        else:
            self._cursor += timedelta(minutes=self.ctx.rng.randint(40, 240))
            local = timezone.localtime(self._cursor, self.tz)
            if local.time() > time(17, 40):
                self._cursor = self.at(self.ctx.add_wd(local.date(), 1), 20)
        return self._cursor


# --- Entry point --------------------------------------------------------------------------------


def _already_built(transport: Agency) -> bool:
    return InformationItem.objects.filter(
        Q(agency=transport, source=InformationItem.Source.DRAFTED)
        | Q(import_key__startswith=DEMO_KEY)
    ).exists()


def demo_today(cal: WorkCalendar) -> date:
    """The demo's today: today, or (when this year's holidays were never entered) late November
    of the last year that was, so every deadline of the demo can be computed. Every part of the
    demo dates its data from it."""
    today = timezone.localdate()
    if not cal.covered_years or today.year in cal.covered_years:
        return today
    return date(max(cal.covered_years), 11, 23)


def settle_backdated(item: InformationItem) -> InformationItem:
    """After a demo item published just now was moved back in time with ``update()`` (which
    sends no signals): an item moved into an earlier year takes that year's next 索引号 (the
    number given a moment ago is handed back: the demo runs in one transaction, nobody saw it),
    and the full-text index learns the publication date."""
    from django.conf import settings

    from gongkai.core import serials
    from gongkai.publishing import rules
    from gongkai.search import indexer

    item.refresh_from_db()
    if item.index_number and item.published_at:
        year, now = timezone.localtime(item.published_at).year, timezone.localdate().year
        if year != now:
            scope = services.index_scope(item)
            last = serials.serial_last(scope, now)
            if last and item.index_number == rules.format_index_number(
                settings.GONGKAI_INDEX_FORMAT,
                agency=item.agency.code,
                category=item.entry.code,
                year=now,
                serial=last,
            ):
                serials.serial_give_back(scope, now, last)
            item.index_number = services.allocate_index_number(item=item, year=year)
            InformationItem.objects.filter(pk=item.pk).update(index_number=item.index_number)
    indexer.index(item)
    return item


def summary(agencies: list[Agency], *, fresh: bool) -> str:
    items = InformationItem.objects.filter(agency__in=agencies)
    counts = {status: items.filter(status=status).count() for status in Status.values}
    overdue = (
        items.filter(due_date__lt=timezone.localdate())
        .exclude(status__in=[Status.PUBLISHED, Status.RECORDED, Status.WITHDRAWN])
        .count()
    )
    head = "主动公开演示数据已就绪" if fresh else "主动公开演示数据已存在，未重复创建"
    return (
        f"{head}：{len(agencies)}个机关的公开目录和审核流程，政府信息{items.count()}条"
        f"（已发布{counts[Status.PUBLISHED]}、审核中{counts[Status.IN_REVIEW]}、"
        f"草稿{counts[Status.DRAFT]}、已退回{counts[Status.RETURNED]}、"
        f"不公开登记{counts[Status.RECORDED]}、已撤回{counts[Status.WITHDRAWN]}；"
        f"逾期未公开{overdue}）。"
    )


def final_summary(*, fresh: bool) -> str:
    """The figures once every builder has run (the proposal answers and annual reports that
    later builders publish are items too): the same on a first and on a second run."""
    agencies = list(Agency.objects.filter(code__in=AGENCY_CODES))
    ordered = sorted(agencies, key=lambda a: AGENCY_CODES.index(a.code))
    return summary(ordered, fresh=fresh)


@transaction.atomic
def build_publishing() -> str:
    agencies = {a.code: a for a in Agency.objects.filter(code__in=AGENCY_CODES)}
    if TRANSPORT not in agencies:
        return "未找到示例县交通运输局，未载入主动公开演示数据。"
    ordered = [agencies[c] for c in AGENCY_CODES if c in agencies]
    for agency in ordered:
        services.catalogue_apply_template(agency=agency)
        services.review_chain_ensure(agency=agency)
    if _already_built(agencies[TRANSPORT]):
        return summary(ordered, fresh=False)

    User = get_user_model()
    people = {
        u.username: u for u in User.objects.filter(username__in=["xiaoli", *STEP_PEOPLE.values()])
    }
    if len(people) < 6:
        return "示例县交通运输局缺少演示人员，未载入主动公开演示数据。"
    cal = get_calendar()
    ctx = Ctx(cal, demo_today(cal))
    transport_policies(ctx)
    for y in ctx.years:
        transport_year(ctx, y)
    transport_projects(ctx)
    transport_once(ctx)
    for code in OTHERS:
        if code in agencies:
            for y in ctx.years:
                other_year(ctx, code, y)
    annual_reports(ctx)
    current = current_specs(ctx)
    number_documents(ctx, ctx.specs + current)

    entries: dict[str, dict[str, CatalogueEntry]] = {}
    catalogue = CatalogueEntry.objects.filter(agency__in=ordered).select_related("agency")
    for entry in catalogue.order_by("parent_id", "id"):
        entries.setdefault(entry.agency.code, {}).setdefault(entry.code, entry)
    writer = Writer(
        ctx,
        agencies,
        entries,
        list(ReviewStep.objects.filter(agency=agencies[TRANSPORT]).order_by("order")),
        people,
        agencies[TRANSPORT].units.get(name="运输股"),
    )

    # History, in publication order so that 索引号 serials rise with dates.
    specs = [s for s in ctx.specs if s.agency in agencies]
    for s in specs:
        s.minute = ctx.rng.randint(20, 520)
    for s in specs:  # an interpretation goes out with its policy or after it, never before
        policy = ctx.keys.get(s.interprets)
        if policy and policy.published == s.published and s.minute <= policy.minute:
            s.minute = min(policy.minute + ctx.rng.randint(10, 60), 590)
    order = {id(s): i for i, s in enumerate(specs)}
    specs.sort(key=lambda s: (s.published, bool(s.interprets), s.minute, order[id(s)]))
    for n, spec in enumerate(specs, start=1):
        writer.history(spec, n)
    ItemEvent.objects.bulk_create(writer.events)

    # Current work, through the services, then spread over the past weeks.
    for spec in current:
        item = writer.current(spec)
        writer.backdate(spec, item)
    return summary(ordered, fresh=True)
