"""示例县's 依申请公开 for the demo: sixty applications over two years, in every state and result.

Built once, like the rest of the demo, and through the real services so that every application
carries the ledger, letters (DOCX and PDF), fees and due dates that the services would have made:

* history of last year and this one: applications received, handled and closed, each 表三 result
  at least once (逾期不补正 and 逾期不缴费 closed as the daily lapse job closes them), some
  received in December and answered in January, a few fees (按件 and 按量) and appeals
  (行政复议, and 行政诉讼 both directly and after review);
* current work of 交通运输局 and 县政府, relative to today: every open state, some of it
  overdue and some due within days.

The services stamp their events with today, so each step is moved back to the day it happened,
right after it runs (``ApplicationEvent.at``/``date``, the letters' time, the answer date) and
before the next step reads them; the due dates are then recomputed from the moved events.
``random.Random(SEED)`` only picks times of day and postal numbers: a build on a given day always
makes the same data, and a second run finds the applications and writes nothing.

交通运输局: 林晓 (公开办) registers and handles; 小李 (运输股) or 林晓 drafts; 赵主任 (公开办)
signs answers off (nobody reviews their own). 县政府 has only 孙主任 in its 公开办, so none of its
applications is answered by review: they wait, lapse or are withdrawn.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.applications import notices, services
from gongkai.applications.choices import (
    CLOSED,
    AppealKind,
    AppealOutcome,
    ApplicantType,
    Channel,
    IdType,
    Result,
    Status,
)
from gongkai.applications.identity import make_credit_code, make_resident_id
from gongkai.applications.models import (
    Appeal,
    Application,
    ApplicationEvent,
    Fee,
    Letter,
    LetterSettings,
)
from gongkai.core import serials
from gongkai.org.models import Agency
from gongkai.workdays.rules import CalendarNotCovered, WorkCalendar, add_working_days
from gongkai.workdays.services import get_calendar

SEED = 20261124
#: submission_key prefix of the demo's applications (their 查询码 derive from it).
KEY = "demo-"
TRANSPORT, COUNTY = "SX120", "SX000"
#: Who handles each agency's applications, and who signs 交通运输局's answers off.
OFFICE = {TRANSPORT: "xiaolin", COUNTY: "sunzr"}
#: 交通运输局's answers: 陈建国's 保密审查, then 赵主任 (head of 办公室, the 政府信息公开工作机构)
#: signs them off; he also agrees to extensions.
SECRECY, HEAD = "laochen", "zhaozr"
DRAFTER = "xiaoli"  # 运输股's 信息员
PEOPLE = ("xiaolin", "zhaozr", "laochen", "xiaoli", "sunzr")

R = Result
K = AppealKind
Outcome = AppealOutcome
C = Channel

REGION = "359001"  # 示例县 (a province code that validates, a county that does not exist)
POSTCODE = "359100"
COUNTY_COURT = "示例县人民法院"
COUNTY_GOVERNMENT = "示例县人民政府"


# --- Applicants -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Applicant:
    type: str
    name: str
    id_type: str
    id_number: str
    phone: str
    address: str
    delivery: str  # email | post | pickup | online (how they want the information)
    email: str = ""
    contact: str = ""

    def data(self, description: str, purpose: str, delivery: str = "") -> dict:
        delivery = delivery or self.delivery
        return {
            "applicant_type": self.type,
            "name": self.name,
            "contact_person": self.contact,
            "id_type": self.id_type,
            "id_number": self.id_number,
            "phone": self.phone,
            "email": self.email,
            "address": self.address,
            "postcode": POSTCODE if self.address.startswith("示例县") else "",
            "description": description,
            "purpose": purpose,
            "form_wanted": {"email": "email", "online": "online"}.get(delivery, "paper"),
            "delivery": delivery,
        }


#: Natural persons: key, name, birth date, sequence code (odd: men), phone, delivery, e-mail
#: ("-": none), address.
PERSONS = """
zhangsan 张三   19780312 135 13859012345 email  zhangsan@example.com     示例县城关镇人民路25号
lisi     李四   19651102 217 13905991234 post   -                        示例县城关镇东门村三组18号
wangwu   王五   19830621 053 15959012876 pickup -                        示例县石门乡石门村12号
zhaoliu  赵六   19720930 111 13799012233 online zhaoliu@example.com      示例县城关镇解放路8号
qianlx   钱立新 19690115 093 18659017788 online qianlixin@example.com    示例县城关镇南街社区7栋
sunli    孙丽   19900408 146 13605998877 email  sunli@example.com        示例县城关镇华侨新村4号
zhoumin  周敏   19861219 228 15005991122 post   zhoumin@example.net      示例县城关镇北门路3号
wuhf     吴海峰 19580707 031 13509905566 post   -                        示例县城关镇新华街56号
zhengxy  郑秀英 19620226 064 13950990011 email  zhengxiuying@example.com 示例县城关镇东门村一组5号
chenzq   陈志强 19801010 175 18959013344 online chenzhiqiang@example.com 示例县城关镇滨河路66号
fengxy   冯小燕 19950505 082 17759012020 email  fengxiaoyan@example.com  示例县城关镇学府路12号
liujj    刘建军 19680818 257 13859907788 post   -                        示例县城关镇西门村五组
hey      何雨欣 20000123 026 19959016655 email  heyuxin@example.com      示例县城关镇人民路88号
huangdm  黄德明 19750303 199 13805993636 email  huangdeming@example.com  示例县城关镇解放路120号
linzy    林志勇 19880909 239 13959012468 post   -                        示例县石门乡新村8号
yanghua  杨华   19920717 184 15859016161 online yanghua@example.com      示例县城关镇东街3号
"""

#: Organisations: key, applicant type, name, first 17 characters of the 统一社会信用代码
#: (登记管理部门 9 市场监管, 1 机构编制, 5 民政, 3 司法行政), contact, phone, delivery, e-mail, address.
ORGANISATIONS = """
hongyuan   commercial      示例县宏远建设工程有限公司   91359001MA2YH3KX7 王建平             13906001188 post   office@hongyuan.example.com  示例县工业园区兴业路9号
xinda      commercial      示例县鑫达物流有限公司       91359001MA8RT56N2 林芳               13859001212 email  xinda@example.com            示例县城关镇物流园2号
hengtong   commercial      示例县恒通客运有限公司       91359001156782341 陈国庆             13705996677 email  hengtong@example.com         示例县汽车站综合楼3楼
anshun     commercial      示例县安顺货运有限公司       91359001MA32LQ9B4 黄志明             13850993030 online anshun@example.com           示例县城关镇城南路15号
institute  research        示例省交通科学研究院         12350000488123456 郑立               13600591357 email  zhengli@jky.example.cn       示例市科技路18号
university research        示例大学                     12350000488765432 许文（交通运输学院） 13705912468 email  xuwen@univ.example.edu.cn    示例市大学城学府路1号
green      public_interest 示例县绿色出行公益服务中心   52359001MJ1234567 方芳               15859012580 email  green@example.org            示例县城关镇文化路6号
lawfirm    legal_services  示例市明正律师事务所         31350000MD0234567 叶明（律师）       13905913579 post   yeming@mingzheng.example.com 示例市滨江路88号明正大厦12层
dongmen    other           示例县城关镇东门村民委员会   54359001MF1234567 李建华（村委会主任） 13859904321 pickup dongmencun@example.com       示例县城关镇东门村村部
"""


def _applicants() -> dict[str, Applicant]:
    found = {}
    for line in PERSONS.strip().splitlines():
        key, name, born, seq, phone, delivery, email, address = line.split()
        number = make_resident_id(f"{REGION}{born}{seq}")
        found[key] = Applicant(
            ApplicantType.NATURAL,
            name,
            IdType.RESIDENT_ID,
            number,
            phone,
            address,
            delivery,
            "" if email == "-" else email,
        )
    for line in ORGANISATIONS.strip().splitlines():
        key, kind, name, code17, contact, phone, delivery, email, address = line.split()
        number = make_credit_code(code17)
        found[key] = Applicant(
            kind, name, IdType.CREDIT_CODE, number, phone, address, delivery, email, contact
        )
    return found


APPLICANTS = _applicants()


# --- Cases -------------------------------------------------------------------------------------


@dataclass
class Case:
    """One application: who, how, what, and the steps of its handling.

    ``day`` is the date of receipt (registered channels) or the day it was sent (网上申请,
    政务服务平台). Each step is ``(name, working days after the previous step, *args)``.
    """

    key: str
    agency: str
    who: str
    channel: str
    day: date
    description: str
    steps: list[tuple] = field(default_factory=list)
    purpose: str = ""
    minute: int | None = None  # online: minutes after midnight it was sent
    reference: str = ""
    note: str = ""
    delivery: str = ""
    appeals: list[tuple] = field(default_factory=list)


# Steps, named as the staff would say them.
def confirm(wd=0):
    return ("confirm", wd)


def assign(unit, wd=1, note=""):
    return ("assign", wd, unit, note)


def supplement(what, wd=2, until=10):
    return ("supplement", wd, what, until)


def supplemented(wd, note):
    return ("supplemented", wd, note)


def consult(target, wd=2, third_party=True, note=""):
    return ("consult", wd, target, third_party, note)


def consulted(wd, note):
    return ("consulted", wd, note)


def extend(days, reason, wd):
    return ("extend", wd, days, reason)


def reasons(what, wd=2, until=8):
    """第三十五条: ask the applicant to explain, within ``until`` working days."""
    return ("reasons", wd, what, until)


def reasons_received(reasonable, note, wd=3):
    return ("reasons_received", wd, reasonable, note)


def later(until, reason, wd=3):
    return ("later", wd, until, reason)


def disclose_over_objection(reasons, wd=1):
    """第三十二条: disclosure decided in the public interest, told to the third party first."""
    return ("disclose", wd, reasons)


def fee(method, n, wd=3):
    return ("fee", wd, method, n)


def paid(wd, receipt):
    return ("paid", wd, receipt)


def draft(result, text, wd, by="", basis=("", {})):
    """``basis``: the legal basis the answer rests on (basis.py option, facts), where the result
    has more than one or the letter needs facts."""
    option, facts = basis
    return ("draft", wd, result, text, by, option, facts)


def returned(comment, wd=1):
    return ("return", wd, comment)


def review(wd=1, comment=""):
    return ("review", wd, comment)


def deliver(wd=1):
    return ("deliver", wd)


def archive(wd=5):
    return ("archive", wd)


def withdraw(reason, wd, by_staff=False):
    return ("withdraw", wd, reason, by_staff)


def lapse():
    return ("lapse", 0)


def closed(result, text, wd, by="", delivered=1, archived=5, comment="", basis=("", {})):
    """Drafted, signed off the next working day, delivered, archived (None: not yet)."""
    steps = [draft(result, text, wd, by, basis), review(1, comment)]
    if delivered is not None:
        steps.append(deliver(delivered))
        if archived is not None:
            steps.append(archive(archived))
    return steps


def review_appeal(days, number, outcome, outcome_days, note, body=COUNTY_GOVERNMENT):
    return (K.REVIEW, days, body, number, outcome, outcome_days, note)


def lawsuit(kind, days, number, outcome, outcome_days, note):
    return (kind, days, COUNTY_COURT, number, outcome, outcome_days, note)


class Dates:
    """The demo's today and dates on the working-day calendar."""

    def __init__(self, cal: WorkCalendar, today: date):
        self.cal = cal
        self.today = today
        self.year = history_year(today)

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
        """The n-th working day after ``d``; with n = 0, ``d`` or the next working day."""
        if n == 0:
            return self.on_or_after(d)
        step = 1 if n > 0 else -1
        while n:
            d += timedelta(days=step)
            if self.workday(d):
                n -= step
        return d

    def d(self, year: int, month: int, day: int) -> date:
        return self.on_or_after(date(year, month, day))

    def ago(self, n: int) -> date:
        return self.add_wd(self.today, -n)


def history_year(today: date) -> int:
    """The later of the two years of history: this year once its history (which runs to mid
    November) is behind us, else last year."""
    return today.year if today >= date(today.year, 11, 20) else today.year - 1


def history(t: Dates) -> list[Case]:
    """Applications received last year and this one, all closed by now."""
    y = t.year
    p = y - 1
    d = t.d
    return [
        # ---- Last year ----
        Case(
            "p01",
            TRANSPORT,
            "zhangsan",
            C.ONLINE,
            date(p, 3, 8),
            f"{p}年示例县农村公路养护资金安排情况，包括省级补助资金、县级配套资金的金额及分配到各乡镇的明细",
            [
                confirm(1),
                assign("运输股"),
                *closed(
                    R.DISCLOSED,
                    f"您申请公开的信息属于公开范围。现将《示例县交通运输局关于下达{p}年农村公路养护资金"
                    f"计划的通知》及其附件《{p}年农村公路养护资金分配表》提供给您（见附件）。{p}年全县"
                    "农村公路养护资金共计1286万元，其中省级补助资金742万元、县级配套资金544万元，"
                    "已按各乡镇列养里程分配。",
                    8,
                    by=DRAFTER,
                    delivered=0,
                    archived=6,
                    basis=("provided", {"how": "随本告知书提供（见附件），也可在申请查询页面下载"}),
                ),
            ],
            purpose="了解本村道路养护经费情况",
            minute=20 * 60 + 15,
        ),
        Case(
            "p02",
            TRANSPORT,
            "lisi",
            C.ORDINARY_MAIL,
            d(p, 4, 14),
            "县道X012线城关至石门段改建工程征地拆迁补偿款发放明细（东门村部分），"
            "包括被征收户姓名、征收面积和补偿金额",
            [
                assign("建设股"),
                *closed(
                    R.PARTIAL,
                    "经查，您申请的补偿款发放明细由我局建设股保存。您本户的征收面积、补偿标准和补偿金额"
                    "予以公开（见附件）。补偿标准和全村补偿总额已在东门村公示栏公示。",
                    12,
                    delivered=2,
                    basis=(
                        "partial",
                        {
                            "withheld_part": "其他被征收户的姓名、身份证号码、银行账号及补偿金额",
                            "withheld_ground": "15",
                            "how": "随本告知书邮寄（见附件）",
                        },
                    ),
                ),
            ],
            purpose="核对本户补偿款是否足额发放",
            appeals=[
                review_appeal(
                    30,
                    f"示县府行复〔{p}〕17号",
                    Outcome.UPHELD,
                    58,
                    "申请人认为应公开全部被征收户的补偿明细。复议决定：维持原答复。",
                ),
                lawsuit(
                    K.LITIGATION_AFTER_REVIEW,
                    100,
                    f"（{p}）示0123行初41号",
                    Outcome.UPHELD,
                    150,
                    "复议后起诉，县人民政府为共同被告（只计原行为主体）。一审判决驳回原告诉讼请求。",
                ),
            ],
        ),
        Case(
            "p03",
            TRANSPORT,
            "lawfirm",
            C.REGISTERED_MAIL,
            d(p, 4, 21),
            f"示例县{p - 1}年巡游出租汽车经营权配置方案、招标文件及中标结果（纸质复印件）",
            [
                assign("运输股"),
                fee(Fee.Method.BY_VOLUME, 86, wd=5),
                paid(4, "非税收入一般缴款书 No.3590010012345"),
                *closed(
                    R.DISCLOSED,
                    f"您申请公开的信息属于公开范围。现将《示例县{p - 1}年巡游出租汽车经营权配置方案》、"
                    "招标文件及中标结果公告复印件共86页邮寄给您。",
                    5,
                    basis=("provided", {"how": "复印件共86页，邮寄至您提供的地址"}),
                ),
            ],
            purpose="代理委托人参与出租汽车经营权招标",
            reference="EMS 1151234567890",
        ),
        Case(
            "p04",
            TRANSPORT,
            "green",
            C.EMAIL,
            d(p, 5, 19),
            "城区公交线网优化方案（征求意见稿）及配套的客流调查报告",
            [
                assign("运输股"),
                *closed(
                    R.WITHHELD_PROCESS,
                    "经查，城区公交线网优化方案目前仍在论证修改中，您申请的征求意见稿及客流调查报告是"
                    "我局在研究论证过程中形成的材料。方案正式印发后，我局将在政府信息公开专栏主动公开。",
                    10,
                    delivered=0,
                    archived=4,
                ),
            ],
            purpose="开展绿色出行公益调研",
        ),
        Case(
            "p05",
            TRANSPORT,
            "wangwu",
            C.ORAL,
            d(p, 6, 9),
            "本人道路旅客运输驾驶员从业资格证的继续教育记录和诚信考核等级",
            [
                assign("运输股", wd=0),
                *closed(
                    R.WITHHELD_QUERY,
                    "您申请获取的是本人从业资格证继续教育记录和诚信考核等级。",
                    3,
                    by=DRAFTER,
                    basis=(
                        "query",
                        {
                            "law": "中华人民共和国道路运输条例",
                            "where": "持本人身份证到县政务服务中心交通运输窗口查询打印，"
                            "或者登录全国道路运输从业人员诚信管理系统查询",
                        },
                    ),
                ),
            ],
            purpose="办理从业资格证换证",
        ),
        Case(
            "p06",
            TRANSPORT,
            "institute",
            C.FAX,
            d(p, 6, 23),
            "示例县国防交通战备保障预案及县境内战备公路、桥梁的设防标准",
            [
                assign("路政股"),
                *closed(
                    R.WITHHELD_STATE_SECRET,
                    "经查，您申请的示例县国防交通战备保障预案及县境内战备公路、桥梁的设防标准已依法定密。",
                    9,
                    comment="经保密审查，属于国家秘密，同意不予公开。",
                ),
            ],
            purpose="课题研究",
            delivery="post",
        ),
        Case(
            "p07",
            TRANSPORT,
            "anshun",
            C.PLATFORM,
            date(p, 7, 7),
            f"示例县鑫达物流有限公司{p}年5月超限运输违法行为的行政处罚案卷（含询问笔录、现场检测单、"
            "处罚决定书）",
            [
                confirm(0),
                assign("路政股"),
                *closed(
                    R.WITHHELD_ENFORCEMENT,
                    "经查，该案的行政处罚决定书已按“双公示”要求在信用中国（示例县）网站公示，您可通过该网站"
                    "查询；您申请的询问笔录、现场检测单等材料属于该案的行政执法案卷。",
                    10,
                    delivered=0,
                ),
            ],
            purpose="了解同行业处罚尺度",
            minute=10 * 60 + 5,
            reference=f"政务服务平台件号 SX{p}070700318",
        ),
        Case(
            "p17",
            TRANSPORT,
            "zhangsan",
            C.IN_PERSON,
            d(p, 9, 7),
            f"县汽车客运站{p}年安全生产检查发现的隐患及整改情况",
            [
                assign("运输股"),
                consult("示例县汽车客运站有限公司", wd=1),
                consulted(6, "客运站书面答复：隐患清单涉及企业内部管理，不同意公开"),
                disclose_over_objection(
                    "客运站每日服务大量旅客，安全隐患及整改情况关系公众生命财产安全，不公开可能对"
                    "公共利益造成重大影响；决定公开隐患清单和整改结果，其中不涉及企业经营数据",
                    wd=1,
                ),
                *closed(
                    R.DISCLOSED,
                    f"现将县汽车客运站{p}年安全生产检查发现的7项隐患及整改情况提供给您。该信息涉及"
                    "第三方，我局已书面征求其意见；第三方不同意公开，经审查，不公开可能对公共利益造成"
                    "重大影响，我局决定予以公开，并已书面告知第三方（《中华人民共和国政府信息公开条例》"
                    "第三十二条）。",
                    3,
                    by=DRAFTER,
                    basis=("provided", {"how": "请到我局政务公开办公室领取复印件"}),
                ),
            ],
            purpose="了解乘车安全",
        ),
        Case(
            "p08",
            TRANSPORT,
            "hengtong",
            C.IN_PERSON,
            d(p, 8, 11),
            f"示例县公共交通有限公司{p - 1}年度财务审计报告及城市公交运营成本核算明细",
            [
                assign("运输股"),
                consult("示例县公共交通有限公司", wd=2),
                consulted(8, "第三方书面答复：运营成本核算明细涉及商业秘密，不同意公开"),
                *closed(
                    R.WITHHELD_THIRD_PARTY,
                    "您申请的运营成本核算明细涉及示例县公共交通有限公司的商业秘密。该公司不同意公开并说明了"
                    "理由；经审查，不公开不会对公共利益造成重大影响。城市公交财政补贴的总额和分配结果已在"
                    "我局政府信息公开专栏公开。",
                    4,
                    by=DRAFTER,
                    basis=("third_party", {"third_party_consulted": True}),
                ),
            ],
            purpose="参与公交线路经营权招标，了解成本构成",
            appeals=[
                lawsuit(
                    K.LITIGATION_DIRECT,
                    40,
                    f"（{p}）示0123行初58号",
                    Outcome.OTHER,
                    90,
                    "诉讼期间原告申请撤诉，法院裁定准许。",
                )
            ],
        ),
        Case(
            "p09",
            TRANSPORT,
            "sunli",
            C.ONLINE,
            date(p, 9, 15),
            f"县交通运输局机关{p}年1—8月干部职工考勤记录及请休假审批单",
            [
                confirm(0),
                assign("办公室"),
                *closed(
                    R.WITHHELD_INTERNAL,
                    "您申请的机关干部职工考勤记录及请休假审批单属于我局内部人事管理信息。",
                    14,
                    delivered=0,
                ),
            ],
            purpose="监督机关作风",
            minute=12 * 60 + 30,
        ),
        Case(
            "p10",
            TRANSPORT,
            "zhoumin",
            C.IN_PERSON,
            d(p, 9, 22),
            "反映3路公交车驾驶员9月18日拒载老年人，要求查处该驾驶员并公开处理结果",
            [
                assign("运输股"),
                *closed(
                    R.NOT_PROCESSED_PETITION,
                    "您提出的要求查处公交车驾驶员并公开处理结果的事项属于投诉举报，已转交我局运输股依照"
                    "投诉处理程序办理。",
                    5,
                    by=DRAFTER,
                    basis=("petition", {"channel": "12328交通运输服务监督电话"}),
                ),
            ],
        ),
        Case(
            "p11",
            TRANSPORT,
            "university",
            C.EMAIL,
            d(p, 10, 20),
            f"2015年至{p - 1}年全县每条农村公路（县道、乡道、村道）逐年养护费用支出统计表",
            [
                assign("建设股"),
                extend(10, "申请内容涉及近十年档案，需要调阅和核查的资料较多", 15),
                *closed(
                    R.UNABLE_NEEDS_MAKING,
                    "经查，我局未制作、保存按每条农村公路逐年统计的养护费用支出统计表。农村公路养护资金按"
                    "乡镇和年度下达、按项目核算，您所需的统计表需要对历年财务凭证进行汇总、加工后另行制作。"
                    "历年农村公路养护资金下达文件已在我局政府信息公开专栏公开，您可查阅。",
                    12,
                    delivered=0,
                    archived=6,
                ),
            ],
            purpose="学术研究",
        ),
        Case(
            "p12",
            TRANSPORT,
            "chenzq",
            C.ONLINE,
            date(p, 7, 14),
            f"城关镇至石门乡农村客运班线{p}年调整方案",
            [
                confirm(0),
                assign("运输股"),
                withdraw("已通过县政府网站查到班线调整公告，不再需要。", 3),
                archive(2),
            ],
            minute=9 * 60 + 40,
        ),
        Case(
            "p13",
            TRANSPORT,
            "wuhf",
            C.REGISTERED_MAIL,
            d(p, 8, 4),
            "交通局关于修路的所有文件",
            [
                supplement(
                    "请明确所需信息涉及的具体道路名称或路段、文件的大致形成时间以及文件类型"
                    "（如立项批复、施工合同、验收材料等），以便我局检索。",
                    wd=2,
                ),
                lapse(),
                deliver(1),
                archive(5),
            ],
            reference="EMS 1151098765432",
        ),
        Case(
            "p14",
            TRANSPORT,
            "hongyuan",
            C.IN_PERSON,
            d(p, 11, 10),
            f"全县道路运输企业{p - 1}年度统计调查原始报表（各企业填报的营业收入、利润、从业人数等数据）",
            [
                assign("运输股"),
                *closed(
                    R.WITHHELD_LAW,
                    "您申请的各道路运输企业填报的统计调查原始报表，属于能够识别或者推断单个统计调查对象身份"
                    "的资料，统计法规定不得对外提供、泄露。全县道路运输行业汇总统计数据已在县统计公报中公开。",
                    10,
                    by=DRAFTER,
                    basis=("law_forbids", {"law": "中华人民共和国统计法"}),
                ),
            ],
            purpose="市场分析",
        ),
        # ---- Received in December, closed in January ----
        Case(
            "p15",
            TRANSPORT,
            "xinda",
            C.REGISTERED_MAIL,
            d(p, 12, 15),
            f"县道X012线{p}年度大中修工程施工招标文件、评标结果公示及中标通知书",
            [
                assign("建设股"),
                consult("示例县路桥工程有限公司", wd=2, note="中标人，涉及其投标报价"),
                consulted(6, "第三方书面答复：投标报价明细涉及商业秘密，不同意公开"),
                disclose_over_objection(
                    "该工程使用财政资金，招标投标结果和中标价格依法应当公开，不公开可能对公共利益"
                    "造成重大影响",
                    wd=1,
                ),
                *closed(
                    R.DISCLOSED,
                    f"您申请公开的信息属于公开范围。现将县道X012线{p}年度大中修工程施工招标文件、"
                    "评标结果公示及中标通知书复印件邮寄给您。中标人不同意公开其投标报价，我局认为"
                    "不公开可能对公共利益造成重大影响，已书面告知中标人决定公开的内容和理由。",
                    8,
                    basis=("provided", {"how": "复印件邮寄至您提供的地址"}),
                ),
            ],
            purpose="了解工程招标情况",
            reference="EMS 1151456789012",
            delivery="post",
        ),
        Case(
            "p16",
            TRANSPORT,
            "zhengxy",
            C.EMAIL,
            d(p, 12, 24),
            f"{p}年城乡公交一体化财政补贴资金的拨付情况，包括补贴总额、拨付时间和各公交企业获得的金额",
            [
                assign("运输股"),
                consult(
                    "示例县财政局",
                    wd=2,
                    third_party=False,
                    note="补贴资金由县财政局、县交通运输局共同拨付，征求县财政局意见（第三十四条）",
                ),
                consulted(8, "县财政局复函：同意公开补贴总额和拨付情况，企业银行账户信息不宜公开"),
                *closed(
                    R.PARTIAL,
                    f"现将{p}年城乡公交一体化财政补贴资金的补贴总额、拨付时间及各公交企业获得的补贴金额"
                    "提供给您（见附件）。经征求县财政局意见，拨付凭证中各公交企业的银行账户信息不宜公开。",
                    5,
                    by=DRAFTER,
                    delivered=0,
                    basis=(
                        "partial",
                        {
                            "withheld_part": "拨付凭证中各公交企业的银行账户信息",
                            "withheld_ground": "15",
                            "how": "随本告知书通过电子邮件提供（见附件）",
                        },
                    ),
                ),
            ],
        ),
        Case(
            "s04",
            COUNTY,
            "wuhf",
            C.REGISTERED_MAIL,
            d(p, 12, 8),
            "县政府关于征地的文件",
            [
                supplement(
                    "请写明所需文件涉及的地块或项目名称、大致的发文时间，以及需要的文件类型"
                    "（如征收土地方案公告、补偿安置方案等）。",
                    wd=3,
                    until=15,
                ),
                lapse(),
                deliver(1),
                archive(5),
            ],
            reference="EMS 1151876543210",
        ),
        # ---- This year ----
        Case(
            "c01",
            TRANSPORT,
            "dongmen",
            C.IN_PERSON,
            d(y, 2, 9),
            f"{y}年农村公路养护工程计划中涉及东门村的项目、资金和施工时间",
            [
                assign("建设股", wd=0),
                *closed(
                    R.DISCLOSED,
                    f"您申请公开的信息属于公开范围。{y}年全县农村公路养护工程计划中涉及东门村的项目共2个："
                    "村道C203线路面修复（1.2公里）和东门桥护栏更换，计划资金合计46万元，计划于"
                    f"{y}年4月至6月施工。详见附件《{y}年农村公路养护工程计划表（东门村部分）》。",
                    9,
                    basis=("provided", {"how": "随本告知书提供（见附件）"}),
                ),
            ],
            purpose="向村民公开道路养护安排",
        ),
        Case(
            "c02",
            TRANSPORT,
            "zhaoliu",
            C.ONLINE,
            date(y, 3, 5),
            f"示例县{y}年巡游出租汽车经营权配置方案",
            [
                confirm(0),
                assign("运输股"),
                *closed(
                    R.DISCLOSED,
                    f"您申请的《示例县{y}年巡游出租汽车经营权配置方案》已主动公开，方案全文已同时上传至"
                    "本申请的答复附件。",
                    6,
                    by=DRAFTER,
                    delivered=0,
                    basis=(
                        "published",
                        {
                            "where": "示例县人民政府门户网站“政府信息公开”专栏，示例县交通运输局"
                            "“规划计划”栏目，可查阅、下载"
                        },
                    ),
                ),
            ],
            purpose="准备参与经营权配置",
            minute=14 * 60 + 20,
        ),
        Case(
            "c03",
            TRANSPORT,
            "lawfirm",
            C.REGISTERED_MAIL,
            d(y, 5, 11),
            "县道X012线城关至石门段改建工程的环境影响评价批复文件",
            [
                assign("建设股"),
                *closed(
                    R.UNABLE_NOT_HELD,
                    "经检索，我局未制作、未保存该环评批复文件。建设项目环境影响评价文件由生态环境主管部门"
                    "审批。",
                    8,
                    delivered=2,
                    basis=(
                        "other_agency",
                        {
                            "other_agency": "示例市生态环境局示例县分局",
                            "other_agency_contact": "电话0000-7654321",
                        },
                    ),
                ),
            ],
            purpose="代理当事人维护合法权益",
            reference="EMS 1151321654987",
            appeals=[
                review_appeal(
                    25,
                    f"示县府行复〔{y}〕9号",
                    Outcome.CORRECTED,
                    50,
                    "复议查明：我局在项目初步设计审批时收存了环评批复复印件，原答复检索不充分。复议决定"
                    "撤销原答复，责令重新答复；我局已重新答复并提供该文件复印件。",
                )
            ],
        ),
        Case(
            "c04",
            TRANSPORT,
            "hengtong",
            C.PLATFORM,
            date(y, 5, 18),
            f"{y}年农村客运班线运营补贴资金分配结果及各经营者的测算依据",
            [
                confirm(0),
                assign("运输股"),
                consult("示例县城乡客运有限公司等4家农村客运经营者", wd=2),
                consulted(9, "2家同意公开；2家认为测算依据中的成本数据涉及商业秘密，不同意公开"),
                *closed(
                    R.PARTIAL,
                    f"现将{y}年农村客运班线运营补贴资金分配结果及各经营者的班线里程、发班次数等测算依据"
                    "提供给您。其中2家经营者认为其运营成本数据涉及商业秘密，不同意公开。",
                    3,
                    by=DRAFTER,
                    delivered=0,
                    basis=(
                        "partial",
                        {
                            "withheld_part": "2家经营者的运营成本数据",
                            "withheld_ground": "15",
                            "third_party_consulted": True,
                            "how": "电子版，请在申请查询页面下载",
                        },
                    ),
                ),
            ],
            purpose="核对本公司补贴资金测算",
            minute=10 * 60 + 5,
            reference=f"政务服务平台件号 SX{y}051800127",
        ),
        Case(
            "c05",
            TRANSPORT,
            "zhaoliu",
            C.IN_PERSON,
            d(y, 6, 8),
            f"局党组会议研究{y}年巡游出租汽车经营权配置方案的会议纪要及讨论记录",
            [
                assign("办公室", wd=0),
                *closed(
                    R.WITHHELD_PROCESS,
                    "您申请的会议纪要及讨论记录是我局在研究制定配置方案过程中形成的讨论记录。配置方案"
                    "已正式印发并主动公开。",
                    10,
                ),
            ],
            delivery="post",
            appeals=[
                lawsuit(
                    K.LITIGATION_DIRECT,
                    45,
                    f"（{y}）示0123行初27号",
                    Outcome.PENDING,
                    None,
                    "原告请求判令公开会议纪要。已开庭审理，尚未宣判。",
                )
            ],
        ),
        Case(
            "c06",
            TRANSPORT,
            "fengxy",
            C.ONLINE,
            date(y, 7, 4),
            "网约车驾驶员李某（车牌号示A·D12345）的网络预约出租汽车驾驶员证信息及其近一年的违章处理记录",
            [
                confirm(1),
                assign("运输股"),
                consult("网约车驾驶员李某", wd=1),
                consulted(6, "第三方书面答复：不同意公开本人的个人信息"),
                *closed(
                    R.WITHHELD_THIRD_PARTY,
                    "您申请的信息涉及该驾驶员的个人信息，其不同意公开。如涉及交通事故处理，您可通过公安机关"
                    "交通管理部门或者人民法院依法调取。",
                    3,
                    delivered=0,
                    basis=("third_party", {"third_party_consulted": True}),
                ),
            ],
            purpose="该车辆与本人发生交通事故，需要了解驾驶员资质",
            minute=21 * 60 + 40,
        ),
        Case(
            "c07",
            TRANSPORT,
            "institute",
            C.EMAIL,
            d(y, 7, 20),
            "县城区主要桥梁（城关大桥、东门桥）和石门隧道的结构安全检测原始数据及结构健康监测点位布设图",
            [
                assign("路政股"),
                *closed(
                    R.WITHHELD_SECURITY,
                    "您申请的桥梁、隧道结构安全检测原始数据及监测点位布设图，涉及重要交通基础设施的安全"
                    "防护信息。桥梁技术状况评定等级等结论性信息已在我局政府信息公开专栏公开。",
                    12,
                    delivered=0,
                    comment="同意。涉及重要基础设施安全防护。",
                ),
            ],
            purpose="桥梁健康监测课题研究",
        ),
        Case(
            "c08",
            TRANSPORT,
            "zhengxy",
            C.ORDINARY_MAIL,
            d(y, 8, 17),
            "举报城关镇至石门乡客运班车长期超员、不按规定站点停靠，要求对该客运公司进行处罚并书面答复"
            "处罚结果",
            [
                assign("运输股"),
                *closed(
                    R.NOT_PROCESSED_PETITION,
                    "您举报的问题已转我局运输执法大队核查处理，处理结果将另行告知。",
                    4,
                    by=DRAFTER,
                    delivered=2,
                    basis=("petition", {"channel": "12328交通运输服务监督电话或者书面举报"}),
                ),
            ],
            delivery="post",
        ),
        Case(
            "c09",
            TRANSPORT,
            "huangdm",
            C.ONLINE,
            date(y, 9, 7),
            "你局今年的有关文件",
            [
                confirm(0),
                supplement(
                    "请写明所需信息的名称、文号或者便于我局查询的其他特征性描述（如涉及的道路、项目、"
                    "事项以及文件的大致形成时间）。",
                    wd=2,
                ),
                lapse(),
                deliver(1),
            ],
            minute=16 * 60 + 10,
        ),
        Case(
            "c10",
            TRANSPORT,
            "xinda",
            C.ONLINE,
            date(y, 9, 14),
            f"{y - 1}年1月至{y}年8月县超限检测站每日检测数据（含车牌号、轴数、称重数据、处理结果）"
            "的纸质复印件",
            [
                confirm(0),
                assign("路政股"),
                fee(Fee.Method.BY_VOLUME, 230, wd=5),
                lapse(),
                deliver(1),
            ],
            purpose="行业运输情况分析",
            minute=11 * 60 + 25,
            delivery="post",
        ),
        Case(
            "c11",
            TRANSPORT,
            "liujj",
            C.ORAL,
            d(y, 9, 21),
            "城关镇那条路的文件",
            [
                supplement(
                    "请明确道路的名称或者具体位置（起止地点）、所需文件的类型和大致形成时间。", wd=1
                ),
                supplemented(
                    4,
                    "申请人电话补正：是指城关镇去年修的那条路，但仍不能说明道路名称、位置和文件类型",
                ),
                *closed(
                    R.UNABLE_UNCLEAR,
                    "城关镇去年新建、改建的道路共有5条，涉及立项、招标、施工、验收等各类文件，您补正时仍未"
                    "说明道路的名称、位置和所需文件的类型。",
                    3,
                    delivered=1,
                    archived=None,
                ),
            ],
        ),
        Case(
            "c12",
            TRANSPORT,
            "chenzq",
            C.ONLINE,
            date(y, 10, 19),
            "城区新建停车场收费标准的定价依据",
            [
                confirm(0),
                assign("运输股"),
                withdraw("经咨询，停车场收费标准由县发展和改革局制定，已另行向该局申请。", 4),
            ],
            minute=9 * 60 + 50,
        ),
        Case(
            "c13",
            TRANSPORT,
            "green",
            C.EMAIL,
            d(y, 10, 26),
            f"{y}年城区慢行系统（自行车道、人行道）改造项目的资金来源和使用情况",
            [
                assign("建设股"),
                *closed(
                    R.DISCLOSED,
                    f"您申请公开的信息属于公开范围。{y}年城区慢行系统改造项目总投资860万元，其中中央车购税"
                    "补助资金300万元、县级财政资金560万元；截至目前已完成投资615万元。详见附件《城区慢行"
                    "系统改造项目资金使用情况表》。",
                    9,
                    delivered=0,
                    archived=None,
                    basis=("provided", {"how": "随本告知书通过电子邮件提供（见附件）"}),
                ),
            ],
            purpose="评估慢行系统建设成效",
        ),
    ]


def batch(t: Dates) -> list[Case]:
    """One applicant's twelve online applications in one April (信息处理费按件: the 11th and 12th
    of the month are charged; 第三十五条 for the largest one)."""
    y = t.year
    p = y - 1

    def q(n, day, minute, description, steps):
        return Case(
            f"q{n:02d}",
            TRANSPORT,
            "qianlx",
            C.ONLINE,
            date(y, 4, day),
            description,
            [confirm(1), assign("运输股"), *steps],
            purpose="个人研究",
            minute=minute,
        )

    first = f"县道X012线{p}年度日常养护合同"
    online = {"delivered": 0}
    return [
        q(
            1,
            1,
            9 * 60 + 2,
            first,
            closed(
                R.DISCLOSED,
                f"您申请公开的信息属于公开范围。现将县道X012线{p}年度日常养护合同扫描件提供给您，"
                "请在查询页面下载。",
                7,
                by=DRAFTER,
                basis=("provided", {"how": "请在申请查询页面下载"}),
                **online,
            ),
        ),
        q(
            2,
            1,
            9 * 60 + 20,
            "县境内高速公路各收费站收费标准的批复文件",
            closed(
                R.UNABLE_NOT_HELD,
                "经检索，我局未制作、未保存您申请的文件。高速公路车辆通行费收费标准由省交通运输厅会同省"
                "发展改革委、省财政厅审批。",
                8,
                basis=(
                    "other_agency",
                    {
                        "other_agency": "示例省交通运输厅",
                        "other_agency_contact": "示例省交通运输厅政府信息公开工作机构，电话0000-87654321",
                    },
                ),
                **online,
            ),
        ),
        q(
            3,
            1,
            9 * 60 + 41,
            "2000年以来全县历年新增公路里程按乡镇分类的统计表",
            closed(
                R.UNABLE_NEEDS_MAKING,
                "我局没有按乡镇分类的历年新增公路里程统计表，您所需的信息需要对历年公路统计年报进行汇总、"
                "加工后另行制作。",
                10,
                **online,
            ),
        ),
        q(
            4,
            2,
            20 * 60 + 5,
            first,
            closed(
                R.NOT_PROCESSED_REPEAT,
                "您本次申请公开的信息与您本月提出的第一件申请相同。",
                12,
                basis=("repeat", {"earlier_answer": f"您本月提出的第一件申请：{first}"}),
                **online,
            ),
        ),
        q(
            5,
            2,
            20 * 60 + 31,
            "本人名下营运车辆（示A·12345）的道路运输证年审记录",
            closed(
                R.WITHHELD_QUERY,
                "您申请获取的是本人营运车辆道路运输证年审记录。",
                6,
                by=DRAFTER,
                basis=(
                    "query",
                    {
                        "law": "中华人民共和国道路运输条例",
                        "where": "登录示例省道路运输电子政务服务平台查询，或者到县政务服务中心交通运输"
                        "窗口查询打印",
                    },
                ),
                **online,
            ),
        ),
        q(
            6,
            3,
            8 * 60 + 50,
            f"《示例县交通运输志》和{p}年《示例县统计年鉴》各一册",
            closed(
                R.NOT_PROCESSED_PUBLICATION,
                "您要求提供的《示例县交通运输志》《示例县统计年鉴》属于公开出版物。",
                5,
                basis=("publication", {"where": "到县图书馆、县档案馆查阅，或者通过新华书店购买"}),
                **online,
            ),
        ),
        q(
            7,
            3,
            9 * 60 + 14,
            "1990年以来你局全部发文的文件目录、正文及附件",
            [
                reasons(
                    "您本月已向我局提出多件政府信息公开申请，本件要求提供1990年以来的全部发文",
                    wd=2,
                    until=5,
                ),
                *closed(
                    R.NOT_PROCESSED_MASS,
                    "您本月已向我局提出多件政府信息公开申请，本件申请要求提供1990年以来的全部发文。我局"
                    "书面要求您说明理由，您未在期限内说明理由。",
                    8,
                    comment="理由不合理，同意不予处理。",
                    **online,
                ),
            ],
        ),
        q(
            8,
            7,
            10 * 60 + 2,
            f"{p}年全县所有农村公路建设项目的立项批复、施工合同、监理合同和竣工验收资料",
            [
                reasons(
                    "申请公开的信息涉及38个建设项目、约1200页材料，数量明显超过合理范围",
                    wd=2,
                ),
                reasons_received(True, "申请人说明系开展农村公路建设课题研究所需，理由合理", wd=4),
                later(
                    45,
                    "申请公开的信息涉及38个建设项目、约1200页材料，需逐项检索、区分处理",
                    wd=1,
                ),
                *closed(
                    R.PARTIAL,
                    f"现将{p}年全县38个农村公路建设项目的立项批复、施工合同、监理合同和竣工验收资料提供给您。",
                    38,
                    basis=(
                        "partial",
                        {
                            "withheld_part": "合同中施工、监理单位人员的身份证号码、联系方式等个人信息",
                            "withheld_ground": "15",
                            "how": "电子版，请在申请查询页面下载",
                        },
                    ),
                    **online,
                ),
            ],
        ),
        q(
            9,
            17,
            8 * 60 + 40,
            "要求对你局4月就本人第1件申请提供的养护合同扫描件加盖公章，确认其与原件一致",
            closed(
                R.NOT_PROCESSED_CONFIRM,
                "您要求我局对4月已提供给您的养护合同扫描件加盖公章、确认其与原件一致。",
                6,
                **online,
            ),
        ),
        q(
            10,
            17,
            15 * 60 + 5,
            f"{y}年第一季度县交通运输局行政许可办理情况统计",
            closed(
                R.DISCLOSED,
                f"现将{y}年第一季度我局行政许可办理情况统计表提供给您，共办理道路运输经营许可、涉路施工"
                "许可等行政许可事项412件，均在法定期限内办结。",
                6,
                by=DRAFTER,
                basis=("provided", {"how": "请在申请查询页面下载"}),
                **online,
            ),
        ),
        q(
            11,
            20,
            10 * 60 + 40,
            f"{p}年县交通运输局部门决算的编制说明及“三公”经费明细",
            [
                fee(Fee.Method.BY_COUNT, 11, wd=2),
                paid(3, "非税收入一般缴款书 No.3590010018866"),
                *closed(
                    R.DISCLOSED,
                    f"现将我局{p}年部门决算编制说明及“三公”经费支出明细提供给您。您已按收费通知缴纳信息"
                    "处理费100元。",
                    5,
                    basis=("provided", {"how": "请在申请查询页面下载"}),
                    **online,
                ),
            ],
        ),
        q(
            12,
            20,
            10 * 60 + 52,
            f"{p}年县交通运输局政府采购合同清单",
            [
                fee(Fee.Method.BY_COUNT, 12, wd=2),
                lapse(),
                deliver(0),
                archive(5),
            ],
        ),
    ]


def current(t: Dates) -> list[Case]:
    """Work in hand today: every open state, some of it overdue and some due within days."""
    y = t.year
    ago, today = t.ago, t.today
    return [
        Case(
            "o01",
            TRANSPORT,
            "hey",
            C.ONLINE,
            today - timedelta(days=1),
            "城关镇人民路（解放路至东门桥段）人行道改造工程的施工期限和交通组织方案",
            purpose="住在施工路段，需要安排出行",
            minute=21 * 60 + 30,
        ),
        Case(
            "o02",
            TRANSPORT,
            "linzy",
            C.REGISTERED_MAIL,
            ago(1),
            f"{y}年县道X012线沿线路灯安装工程的招标结果和中标金额",
            reference="EMS 1151667788990",
        ),
        Case(
            "o03",
            TRANSPORT,
            "anshun",
            C.PLATFORM,
            ago(27),
            f"{y}年道路货物运输企业质量信誉考核结果及本公司的评分明细",
            [confirm(1), assign("运输股", note="请于5个工作日内提出答复意见")],
            purpose="了解本公司扣分原因",
            minute=16 * 60,
            reference=f"政务服务平台件号 SX{y}{ago(27):%m%d}00412",
        ),
        Case(
            "o04",
            TRANSPORT,
            "dongmen",
            C.IN_PERSON,
            ago(24),
            "东门村村道C203线路面修复工程的施工合同和工程款支付情况",
            [
                assign("建设股"),
                draft(
                    R.DISCLOSED,
                    "现将村道C203线路面修复工程施工合同提供给您（见附件）。",
                    18,
                    basis=("provided", {"how": "随本告知书提供（见附件）"}),
                ),
                returned("答复中未写明工程款支付进度，请补充后重新报审。"),
            ],
            purpose="向村民公开工程情况",
        ),
        Case(
            "o05",
            TRANSPORT,
            "zhangsan",
            C.EMAIL,
            ago(18),
            f"{y}年10月以来县道X012线涉路施工许可的审批情况",
            [assign("路政股")],
            purpose="了解门前道路施工是否经过许可",
        ),
        Case(
            "o06",
            TRANSPORT,
            "university",
            C.IN_PERSON,
            ago(30),
            f"{y - 2}年至{y - 1}年全县农村公路建设项目的投资计划和实际完成投资",
            [
                assign("建设股"),
                extend(15, "需要协调县财政局核对各项目的资金拨付数据", 17),
            ],
            purpose="学术研究",
        ),
        Case(
            "o07",
            TRANSPORT,
            "sunli",
            C.ONLINE,
            ago(4),
            "交通局关于城区公交的文件",
            [
                confirm(0),
                supplement(
                    "请写明所需文件的名称、文号或者主要内容（如线路调整、票价、站点设置等），"
                    "以及文件的大致形成时间。",
                    wd=2,
                ),
            ],
            minute=10 * 60,
        ),
        Case(
            "o08",
            TRANSPORT,
            "lawfirm",
            C.REGISTERED_MAIL,
            ago(12),
            f"示例县顺达出租汽车有限公司{y}年出租汽车经营权转让的审批材料",
            [assign("运输股"), consult("示例县顺达出租汽车有限公司", wd=6)],
            purpose="代理委托人处理经营权转让纠纷",
            reference="EMS 1151778899001",
        ),
        Case(
            "o09",
            TRANSPORT,
            "hongyuan",
            C.ORDINARY_MAIL,
            ago(42),
            "县道X012线改建工程建设用地的征收批复和用地红线图",
            [
                assign("建设股"),
                consult(
                    "示例县自然资源局",
                    wd=3,
                    third_party=False,
                    note="用地批复由县自然资源局报批，征求其意见（第三十四条）",
                ),
            ],
            purpose="核实本公司承包地块是否在用地范围内",
        ),
        Case(
            "o10",
            TRANSPORT,
            "wangwu",
            C.IN_PERSON,
            ago(14),
            f"{y - 1}年以来全县客运班线经营许可决定书（纸质复印件）",
            [assign("运输股"), fee(Fee.Method.BY_VOLUME, 145, wd=5)],
            purpose="了解班线经营情况",
        ),
        Case(
            "o11",
            TRANSPORT,
            "zhoumin",
            C.ONLINE,
            ago(19),
            "城关汽车站至县人民医院公交线路的开通计划和站点设置",
            [
                confirm(1),
                assign("运输股"),
                draft(
                    R.DISCLOSED,
                    "城关汽车站至县人民医院公交线路（12路）计划于明年1月开通，沿途设站9个，详见附件"
                    "《12路公交线路走向及站点设置表》。",
                    16,
                    by=DRAFTER,
                    basis=("provided", {"how": "请在申请查询页面下载"}),
                ),
            ],
            minute=19 * 60 + 45,
        ),
        Case(
            "o12",
            TRANSPORT,
            "fengxy",
            C.FAX,
            ago(22),
            f"{y}年9月县道X012线K12+300处交通事故路段的路政巡查记录和事故后整改情况",
            [
                assign("路政股"),
                draft(
                    R.PARTIAL,
                    "现将该路段9月路政巡查记录和事故后整改情况提供给您。",
                    18,
                    basis=(
                        "partial",
                        {
                            "withheld_part": "巡查记录中涉及事故当事人的个人信息",
                            "withheld_ground": "15",
                            "how": "通过电子邮件提供",
                        },
                    ),
                ),
            ],
            delivery="email",
        ),
        Case(
            "o13",
            TRANSPORT,
            "huangdm",
            C.IN_PERSON,
            ago(15),
            "城关镇解放路公交站台改造方案",
            [
                assign("运输股"),
                *closed(
                    R.DISCLOSED,
                    "现将城关镇解放路公交站台改造方案提供给您（见附件），改造工程计划于明年春节前完工。",
                    12,
                    by=DRAFTER,
                    delivered=None,
                    basis=("provided", {"how": "随本告知书提供（见附件）"}),
                ),
            ],
        ),
        # 条例第四十四条: two more people ask for the same 改造方案 and are given it — with 黄德明's,
        # three applicants: the office is to consider making it 主动公开.
        Case(
            "o14",
            TRANSPORT,
            "sunli",
            C.IN_PERSON,
            ago(40),
            "申请公开城关镇解放路公交站台的改造方案",
            [
                assign("运输股"),
                *closed(
                    R.DISCLOSED,
                    "现将城关镇解放路公交站台改造方案提供给您（见附件）。",
                    8,
                    by=DRAFTER,
                    archived=None,
                    basis=("provided", {"how": "随本告知书提供（见附件）"}),
                ),
            ],
        ),
        Case(
            "o15",
            TRANSPORT,
            "wuhf",
            C.IN_PERSON,
            ago(32),
            "解放路公交站台改造方案及施工时间安排",
            [
                assign("运输股"),
                *closed(
                    R.DISCLOSED,
                    "现将城关镇解放路公交站台改造方案提供给您（见附件），改造工程计划于明年春节前完工。",
                    10,
                    by=DRAFTER,
                    archived=None,
                    basis=("provided", {"how": "随本告知书提供（见附件）"}),
                ),
            ],
        ),
        # ---- 县人民政府 ----
        Case(
            "s01",
            COUNTY,
            "yanghua",
            C.ONLINE,
            today - timedelta(days=2),
            f"{y}年县政府为民办实事项目的完成情况",
            minute=15 * 60 + 10,
        ),
        Case(
            "s02",
            COUNTY,
            "linzy",
            C.IN_PERSON,
            ago(1),
            "城关镇老旧小区改造项目清单和资金安排",
        ),
        Case(
            "s03",
            COUNTY,
            "hongyuan",
            C.EMAIL,
            ago(25),
            f"县政府常务会议研究县城区道路改造项目的会议纪要（{y}年第8次）",
            [assign("政务服务股", wd=2)],
            delivery="email",
        ),
        Case(
            "s05",
            COUNTY,
            "zhoumin",
            C.ONLINE,
            ago(13),
            f"{y}年县政府重大行政决策事项目录",
            [confirm(0), withdraw("已在县政府门户网站找到该目录。", 3)],
            minute=11 * 60 + 15,
        ),
        Case(
            "s06",
            COUNTY,
            "dongmen",
            C.EMAIL,
            ago(5),
            "城关镇东门片区棚户区改造的有关文件",
            [
                supplement(
                    "请写明所需文件的类型（如改造方案、征收决定、补偿方案等）和大致的发文时间。",
                    wd=2,
                )
            ],
            delivery="email",
        ),
    ]


# --- Writing ------------------------------------------------------------------------------------


class Writer:
    """Runs each case's steps through the services, moving each step back to its day."""

    def __init__(self, t: Dates, agencies: dict[str, Agency], people: dict):
        self.t = t
        self.agencies = agencies
        self.people = people
        self.rng = random.Random(SEED)  # noqa: S311 -- demo data, not cryptography
        self.tz = timezone.get_current_timezone()
        self.latest = timezone.now() - timedelta(minutes=1)
        self.moment: datetime | None = None
        self.seen_event = self.seen_letter = 0
        self.still_open = False  # the step being written is the case's last

    # Moments ---------------------------------------------------------------------------------

    def at(self, day: date, minute: int) -> datetime:
        moment = datetime.combine(day, time(0, 0), tzinfo=self.tz) + timedelta(minutes=minute)
        return min(moment, self.latest)

    def next_moment(self, day: date) -> datetime:
        """Office hours: later on the same day than the previous step, or a fresh morning."""
        if self.moment is not None and timezone.localtime(self.moment, self.tz).date() == day:
            moment = self.moment + timedelta(minutes=self.rng.randint(6, 75))
        else:
            moment = self.at(day, 8 * 60 + 30 + self.rng.randint(0, 420))
        return min(moment, self.latest)

    def stamp(self, application: Application, day: date, moment: datetime) -> None:
        """Move what the last service call wrote to ``day`` / ``moment``."""
        events = ApplicationEvent.objects.filter(application=application, id__gt=self.seen_event)
        ids = list(events.values_list("id", flat=True))
        if ids:
            ApplicationEvent.objects.filter(id__in=ids).update(date=day, at=moment)
            self.seen_event = max(ids)
        letters = Letter.objects.filter(application=application, id__gt=self.seen_letter)
        ids = list(letters.values_list("id", flat=True))
        if ids:
            made = moment + timedelta(minutes=2)
            Letter.objects.filter(id__in=ids).update(created_at=made, rendered_at=made)
            self.seen_letter = max(ids)
        self.moment = moment

    # One application -------------------------------------------------------------------------

    def write(self, case: Case) -> Application:
        agency = self.agencies[case.agency]
        office = self.people[OFFICE[case.agency]]
        who = APPLICANTS[case.who]
        data = who.data(case.description, case.purpose, case.delivery)
        key = f"{KEY}{case.agency}-{case.key}"
        self.moment, self.seen_event, self.seen_letter = None, 0, 0
        day = case.day
        if case.channel in (C.ONLINE, C.PLATFORM):
            minute = case.minute if case.minute is not None else 9 * 60 + self.rng.randint(0, 400)
            moment = self.at(day, minute)
            application, _code, _ = services.application_submit(
                agency=agency,
                data=data,
                submission_key=key,
                channel=case.channel,
                channel_reference=case.reference,
            )
            self.renumber(application, moment)
        else:
            moment = self.next_moment(day)
            application, _code = services.application_register(
                agency=agency,
                by=office,
                data=data,
                channel=case.channel,
                received=day,
                channel_reference=case.reference,
                note=case.note or self.intake_note(case.channel, day),
            )
            code = services.query_code_for(f"{agency.pk}:{key}")
            Application.objects.filter(pk=application.pk).update(
                submission_key=key, code_hash=services.code_hash(code), submitted_at=moment
            )
        self.stamp(application, day, moment)

        for index, (name, wd, *args) in enumerate(case.steps):
            day = self.t.add_wd(day, wd)
            self.still_open = index == len(case.steps) - 1
            day = self.step(application, agency, office, who, name, day, args)
        self.appeals(application, case, day)
        self.settle(application)
        return application

    def renumber(self, application: Application, moment: datetime) -> None:
        """An online application is numbered in the year it was sent (the service used today)."""
        year = timezone.localtime(moment, self.tz).year
        number = application.number
        code, taken, _serial = number.split("-")
        if int(taken) != year:
            scope = services.number_scope(application.agency)
            serials.serial_give_back(scope, int(taken), int(_serial))
            number = f"{code}-{year}-{serials.serial_next(scope, year):04d}"
        Application.objects.filter(pk=application.pk).update(number=number, submitted_at=moment)

    @staticmethod
    def intake_note(channel: str, day: date) -> str:
        return {
            C.IN_PERSON: "申请人当面提交书面申请，当场登记",
            C.REGISTERED_MAIL: f"挂号信（EMS），{day:%Y-%m-%d}签收（第三十一条第二项）",
            C.ORDINARY_MAIL: "平常信函，收到当日电话联系申请人确认（第三十一条第二项）",
            C.FAX: "传真申请，当日电话与申请人确认（第三十一条第三项）",
            C.EMAIL: "电子邮件申请，当日回复邮件与申请人确认（第三十一条第三项）",
            C.ORAL: "申请人口头提出，工作人员代为填写申请，经申请人核对签字（第二十九条）",
        }[channel]

    def step(self, application, agency, office, who, name, day, args) -> date:
        s = services
        secrecy, head = self.people[SECRECY], self.people[HEAD]
        if name == "lapse":
            day = self.lapse_day(application, day)
            moment = self.at(day, 65)  # the nightly `gongkai applications lapse`
            s.application_close_lapsed(application=application, today=day)
            self.stamp(application, day, moment)
            return day
        moment = self.next_moment(day)
        if name == "confirm":
            s.application_confirm(application=application, by=office, on=day)
        elif name == "assign":
            unit, note = args
            s.application_assign(
                application=application, by=office, unit=agency.units.get(name=unit), note=note
            )
        elif name == "supplement":
            what, until = args
            until = self.t.add_wd(day, until)
            if self.still_open:
                # Left waiting for the applicant: the period must still run on the real today
                # (the demo may date itself back to November when next year's holidays are not
                # entered), or the nightly lapse would close it at once.
                until = max(until, timezone.localdate() + timedelta(days=14))
            s.application_request_supplement(
                application=application, by=office, on=day, until=until, what=what
            )
        elif name == "supplemented":
            s.application_supplement_received(
                application=application, by=office, on=day, note=args[0]
            )
        elif name == "consult":
            target, third_party, note = args
            consultation = s.application_consult(
                application=application,
                by=office,
                on=day,
                target=target,
                third_party=third_party,
                note=note,
            )
            self.stamp(application, day, moment)
            # The letter reaches them the next working day (posted, or handed over).
            received = min(self.t.add_wd(day, 1), self.t.today)
            s.application_consult_delivered(consultation=consultation, by=office, on=received)
            self.stamp(application, received, self.next_moment(received))
            return day
        elif name == "consulted":
            note = args[0]
            consultation = application.consultations.filter(opinion="").first()
            objects = "不同意" in note or "不予公开" in note
            s.application_consult_answered(
                consultation=consultation,
                by=office,
                on=day,
                opinion="object" if objects else "agree",
                reasons=note,
            )
        elif name == "extend":
            days, reason = args
            s.application_request_extension(
                application=application, by=office, on=day, days=days, reason=reason
            )
            s.application_decide_extension(
                application=application, by=head, on=day, approve=True, comment="同意"
            )
        elif name == "disclose":
            consultation = application.consultations.filter(opinion="object").first()
            s.application_disclosure_notice(
                consultation=consultation, by=office, on=day, reasons=args[0]
            )
        elif name == "reasons":
            what, until = args
            s.application_ask_reasons(
                application=application,
                by=office,
                on=day,
                what=what,
                until=self.t.add_wd(day, until),
            )
        elif name == "reasons_received":
            reasonable, note = args
            s.application_reasons_received(
                application=application, by=office, on=day, reasonable=reasonable, note=note
            )
        elif name == "later":
            until, reason = args
            s.application_later_deadline(
                application=application,
                by=office,
                on=day,
                until=self.t.add_wd(day, until),
                reason=reason,
            )
        elif name == "fee":
            method, n = args
            online = application.channel in (C.ONLINE, C.PLATFORM)
            s.application_fee_notice(
                application=application,
                by=office,
                on=day,
                method=method,
                pages=None if method == Fee.Method.BY_COUNT else n,
                delivery="online" if online else "post",
            )
            if not online:  # posted: the applicant signs for it two working days later
                self.stamp(application, day, moment)
                received = min(self.t.add_wd(day, 2), self.t.today)
                s.application_fee_notice_received(application=application, by=office, on=received)
                self.stamp(application, received, self.next_moment(received))
                return day
        elif name == "paid":
            s.application_fee_paid(application=application, by=office, on=day, receipt=args[0])
        elif name == "draft":
            result, text, by, option, facts = args
            drafter = self.people[by] if by else office
            s.application_draft_answer(
                application=application,
                by=drafter,
                result=result,
                text=text,
                basis_option=option,
                facts=facts,
            )
        elif name == "return":
            s.application_review_answer(
                application=application, by=secrecy, approve=False, comment=args[0]
            )
        elif name == "review":
            s.application_review_answer(
                application=application,
                by=secrecy,
                approve=True,
                comment="经保密审查，可以答复。",
                on=day,
            )
            s.application_review_answer(
                application=application, by=head, approve=True, comment=args[0], on=day
            )
        elif name == "deliver":
            method, proof = self.delivery(who, application)
            s.application_deliver(
                application=application, by=office, on=day, method=method, proof=proof
            )
        elif name == "archive":
            s.application_archive(application=application, by=office)
        elif name == "withdraw":
            reason, by_staff = args
            s.application_withdraw(
                application=application, by=office if by_staff else None, reason=reason
            )
            Application.objects.filter(pk=application.pk).update(answered_date=day)
        else:  # pragma: no cover - a typo in the cases above
            raise ValueError(name)
        self.stamp(application, day, moment)
        return day

    def lapse_day(self, application: Application, day: date) -> date:
        """The first day on which the clock says the applicant let the period lapse."""
        application = Application.objects.get(pk=application.pk)
        for _ in range(90):
            day += timedelta(days=1)
            deadline = services.deadline_of(application, today=day)
            if deadline is not None and deadline.abandoned:
                return day
        raise ValueError(f"{application.number} does not lapse")  # pragma: no cover

    def delivery(self, who: Applicant, application: Application) -> tuple[str, str]:
        wanted = Application.objects.values_list("delivery", flat=True).get(pk=application.pk)
        if wanted == "email":
            return "电子邮件", f"已发送至{who.email}"
        if wanted == "post":
            number = "".join(str(self.rng.randint(0, 9)) for _ in range(9))
            return "EMS邮寄", f"EMS 1151{number}，{who.contact or who.name}签收"
        if wanted == "pickup":
            return "自行领取", f"{who.contact or who.name}到公开办领取并签收"
        return "网上获取", "申请人已在查询页面下载答复告知书"

    def appeals(self, application: Application, case: Case, last: date) -> None:
        """行政复议 and 行政诉讼, ``days`` after the application's last step."""
        for kind, days, body, number, outcome, outcome_days, note in case.appeals:
            filed = self.t.on_or_after(last + timedelta(days=days))
            decided = (
                self.t.on_or_after(filed + timedelta(days=outcome_days)) if outcome_days else None
            )
            Appeal.objects.create(
                application=application,
                kind=kind,
                filed_date=filed,
                body=body,
                case_number=number,
                outcome=outcome,
                outcome_date=decided,
                note=note,
            )

    def settle(self, application: Application) -> None:
        """Recompute the cached due date from the moved events, as of the demo's today."""
        application = Application.objects.get(pk=application.pk)
        deadline = services.deadline_of(application, today=self.t.today)
        Application.objects.filter(pk=application.pk).update(
            due_date=deadline.due if deadline else None, updated_at=self.moment
        )


# --- Entry point --------------------------------------------------------------------------------


def demo_today(cal: WorkCalendar | None = None) -> date | None:
    """Today, if the calendar covers the next weeks' deadlines; else 23 November of the last
    year whose holidays were entered; None without any calendar."""
    cal = cal or get_calendar()
    today = timezone.localdate()
    try:
        add_working_days(today, 25, cal)
        return today
    except CalendarNotCovered:
        pass
    for year in sorted(cal.covered_years, reverse=True):
        if date(year, 11, 23) <= today:
            return date(year, 11, 23)
    return None


def _already_built() -> bool:
    return Application.objects.filter(submission_key__startswith=KEY).exists()


def summary(*, fresh: bool) -> str:
    applications = Application.objects.filter(submission_key__startswith=KEY)
    counts = dict.fromkeys(Status.values, 0)
    for status in applications.values_list("status", flat=True):
        counts[status] += 1
    states = "、".join(f"{Status(s).label}{n}" for s, n in counts.items() if n)
    today = timezone.localdate()
    overdue = applications.exclude(status__in=CLOSED).filter(due_date__lt=today).count()
    years = sorted(
        {
            d.year
            for d in applications.exclude(received_date=None).values_list(
                "received_date", flat=True
            )
        }
    )
    results = len(set(applications.exclude(result="").values_list("result", flat=True)))
    head = "依申请公开演示数据已就绪" if fresh else "依申请公开演示数据已存在，未重复创建"
    span = f"{years[0]}—{years[-1]}年" if years else ""
    return (
        f"{head}：{span}政府信息公开申请{applications.count()}件（{states}；逾期未答复{overdue}件），"
        f"办理结果{results}种，信息处理费{Fee.objects.filter(application__in=applications).count()}笔，"
        f"行政复议、行政诉讼{Appeal.objects.filter(application__in=applications).count()}件。"
    )


@transaction.atomic
def build_applications() -> str:
    if _already_built():
        return summary(fresh=False)
    agencies = {a.code: a for a in Agency.objects.filter(code__in=[TRANSPORT, COUNTY])}
    people = {u.username: u for u in get_user_model().objects.filter(username__in=PEOPLE)}
    if len(agencies) < 2 or len(people) < len(PEOPLE):
        return "示例县缺少机关或演示人员，未载入依申请公开演示数据。"
    cal = get_calendar()
    today = demo_today(cal)
    if today is None:
        return "尚未录入节假日安排，无法计算答复期限，未载入依申请公开演示数据。"
    # 示例县 has no city above it in the demo: its government names the 复议机关 itself.
    LetterSettings.objects.get_or_create(
        agency=agencies[COUNTY], defaults={"review_body": "示例市人民政府"}
    )
    t = Dates(cal, today)
    writer = Writer(t, agencies, people)
    cases = history(t) + batch(t) + current(t)
    order = {id(c): i for i, c in enumerate(cases)}
    cases.sort(key=lambda c: (c.day, c.minute or 0, order[id(c)]))
    with notices.muted():  # the applicants are invented: nobody is to be told anything
        for case in cases:
            writer.write(case)
        services.close_all_lapsed(today=today)  # nothing is left to lapse: the cases closed theirs
    return summary(fresh=True)
