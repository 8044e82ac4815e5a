"""示例县交通运输局's 互动交流 for the demo: messages from every channel in every state, this year's
建议提案 (31 + 16 = 47 replies published, as in seed 000, plus a few still being handled) and a
few 舆情. Everything goes through the services, then the dates are moved back to when it would
have happened. Built once: running it again changes nothing."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.applications.identity import make_resident_id
from gongkai.demo.publishing import demo_today, settle_backdated, tiny_pdf
from gongkai.interaction import rules, services
from gongkai.interaction.choices import (
    Channel,
    InvalidReason,
    MessageKind,
    MessageStatus,
    OpinionLevel,
    OpinionSource,
    OpinionStatus,
    ProposalKind,
    ProposalOutcome,
    ProposalStatus,
)
from gongkai.interaction.models import (
    Message,
    MessageEvent,
    OpinionEvent,
    Proposal,
    ProposalEvent,
)
from gongkai.org.models import Agency
from gongkai.publishing import services as publishing
from gongkai.publishing.models import InformationItem, ItemEvent
from gongkai.workdays.rules import CalendarNotCovered, WorkCalendar
from gongkai.workdays.services import get_calendar

TRANSPORT = "SX120"
PEOPLE = ["xiaoli", "laowang", "laochen", "liufj", "zhoujz", "xiaolin"]
CHAIN = ["laowang", "laochen", "liufj", "zhoujz", "xiaolin"]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = [
    "建国",
    "秀英",
    "志明",
    "海燕",
    "德华",
    "丽娟",
    "国强",
    "玉兰",
    "文军",
    "春梅",
    "小红",
    "永福",
]
TOWNS = ["白沙镇", "龙潭镇", "河口镇", "石门乡", "青山乡", "桃源乡"]
ROADS = ["县道X201线", "县道X203线", "乡道Y012线", "乡道Y027线", "人民路", "滨河路"]
PLATES = ["云E·T{0:04d}", "云E{0:05d}"]

REFERENCES = {
    Channel.HOTLINE_12345: "GD{y}{n:07d}",
    Channel.HOTLINE_12328: "JT12328-{y}-{n:05d}",
    Channel.HOTLINE_96128: "96128-{y}{n:06d}",
    Channel.GOV_110: "ZW110-{y}-{n:05d}",
    Channel.LEADER_MAILBOX: "JZXX-{y}-{n:04d}",
    Channel.OTHER: "",
    Channel.WEBSITE: "",
}

# (kind, title, question, answer, unit): {town} {road} {name} {phone} {plate} {id} are filled in.
TOPICS = [
    (
        MessageKind.CONSULTATION,
        "{town}到城关的农村客运班车什么时候发车",
        "您好，我是{town}的村民{name}，想问一下{town}到城关的班车每天几点发车，"
        "末班车几点？有事可以打我电话{phone}。",
        "{name_or}您好：{town}至城关农村客运班线每日首班7:00、末班17:30发车，"
        "节假日视客流加密班次。具体以客运站公告为准，也可拨打客运站服务电话咨询。感谢您的关注！",
        "运输股",
    ),
    (
        MessageKind.CONSULTATION,
        "网约车驾驶员证如何办理",
        "请问在示例县办理网络预约出租汽车驾驶员证需要什么条件、到哪里办理？本人身份证{id}。",
        "您好：申请网络预约出租汽车驾驶员证，须取得相应准驾车型机动车驾驶证并具有3年以上驾驶经历，"
        "无交通肇事犯罪、危险驾驶犯罪记录等，经考试合格后到县政务服务中心交通运输窗口申领。"
        "咨询电话：0000-1234567。",
        "运输股",
    ),
    (
        MessageKind.CONSULTATION,
        "道路运输证年审需要带哪些材料",
        "我家货车的道路运输证快到期了，年审需要带哪些材料？能不能网上办？",
        "您好：道路运输证年度审验可通过“交通运输部互联网道路运输便民政务服务系统”网上办理，"
        "需提供车辆行驶证、综合性能检测报告等材料；也可到县政务服务中心窗口办理。",
        "运输股",
    ),
    (
        MessageKind.SUGGESTION,
        "建议在{road}学校路口增设减速带",
        "{road}学校门口上下学时段车流量大，车速快，建议增设减速带和警示标志。联系人{name}，{phone}。",
        "您好：感谢您的建议。我局已会同县公安局交警大队现场查看，"
        "计划于本月在该路口增设减速带2处、警示标志4块，并施划人行横道线。",
        "路政股",
    ),
    (
        MessageKind.SUGGESTION,
        "建议延长城区公交末班车时间",
        "城区公交末班车19点就收车了，晚上下班的人不方便，建议延长到21点。",
        "您好：感谢您的建议。我局已督促县公交公司开展客流调查，"
        "拟于下月起在1路、3路试行延长末班车至20:30，试行情况将向社会公布。",
        "运输股",
    ),
    (
        MessageKind.COMPLAINT,
        "投诉出租车拒载、不打表",
        "{date}晚上我在客运站打车，车牌号{plate}的出租车拒载，后来又不打表要价30元。"
        "我叫{name}，电话{phone}，请严肃处理。",
        "{name_or}您好：经调查核实，该出租车驾驶员存在拒载、不按规定使用计价器的行为，"
        "我局已依法对其作出行政处罚，并责令所属企业加强驾驶员教育管理。感谢您的监督！",
        "运输股",
    ),
    (
        MessageKind.COMPLAINT,
        "{road}施工路段未设置警示标志",
        "{road}{town}段正在施工，晚上没有任何警示灯和标志，很危险，已经有摩托车摔倒了。",
        "您好：接到反映后，我局立即责成施工单位整改，现已在施工路段两端设置警示灯、"
        "锥形桶和施工告示牌，并安排专人值守。我局将加强在建项目安全巡查。",
        "建设股",
    ),
    (
        MessageKind.COMPLAINT,
        "{town}班线客车超员",
        "{town}到城关的班车经常超员，过道里都站满了人，请交通部门管一管。",
        "您好：我局已对该班线开展专项检查，对超员行为依法处理，并要求客运企业在高峰时段加开班次。"
        "欢迎继续监督，发现超员可拨打12328举报。",
        "路政股",
    ),
]

INVALID_TEXTS = [
    (InvalidReason.NO_CONTENT, "测试", "测试测试"),
    (InvalidReason.DUPLICATE, "投诉出租车拒载", "同一事项已于前日留言，此为重复提交。"),
]


@dataclass
class Plan:
    channel: str
    state: str  # received, assigned, review, answered, published, private, invalid, too_long
    received: date
    topic: int
    days_to_answer: int = 3
    name: str = ""
    extra: dict = field(default_factory=dict)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _phone(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"


class Builder:
    def __init__(self, agency: Agency, people: dict, cal: WorkCalendar, today: date):
        self.agency = agency
        self.people = people
        self.cal = cal
        self.today = today
        self.rng = random.Random(20260101)  # noqa: S311  (demo data, not secrets)
        self.tz = timezone.get_current_timezone()
        self.serial = 0

    # --- Dates -------------------------------------------------------------------------------

    def workday(self, day: date) -> bool:
        try:
            return self.cal.is_workday(day)
        except CalendarNotCovered:
            return day.weekday() < 5

    def add_wd(self, day: date, n: int) -> date:
        step = 1 if n >= 0 else -1
        left = abs(n)
        while left:
            day += timedelta(days=step)
            if self.workday(day):
                left -= 1
        return day

    def at(self, day: date, hour: int | None = None) -> datetime:
        hour = hour if hour is not None else self.rng.randint(9, 16)
        moment = datetime.combine(day, time(hour, self.rng.randint(0, 59)))
        return timezone.make_aware(moment, self.tz)

    # --- Messages ----------------------------------------------------------------------------

    def plans(self) -> list[Plan]:
        rng, today = self.rng, self.today
        plans = []
        states = ["received", "assigned", "review", "private", "published", "invalid"]
        for channel in Channel.values:
            for state in states:
                back = {"received": 1, "assigned": 2, "review": 3}.get(state, rng.randint(6, 25))
                plans.append(
                    Plan(channel, state, self.add_wd(today, -back), rng.randrange(len(TOPICS)))
                )
        # The year so far, mostly 12345, for the figures: most on time, a few late.
        weights = [
            (Channel.HOTLINE_12345, 9),
            (Channel.WEBSITE, 4),
            (Channel.HOTLINE_12328, 3),
            (Channel.GOV_110, 2),
            (Channel.HOTLINE_96128, 2),
            (Channel.LEADER_MAILBOX, 1),
            (Channel.OTHER, 1),
        ]
        channels = [c for c, w in weights for _ in range(w)]
        start = date(today.year, 1, 5)
        span = max((self.add_wd(today, -30) - start).days, 1)
        for _ in range(110):
            received = start + timedelta(days=rng.randrange(span))
            while not self.workday(received):
                received += timedelta(days=1)
            late = rng.random() < 0.08
            plans.append(
                Plan(
                    rng.choice(channels),
                    "published" if rng.random() < 0.7 else "answered",
                    received,
                    rng.randrange(len(TOPICS)),
                    days_to_answer=rng.randint(6, 9) if late else rng.randint(1, 5),
                )
            )
        # One valid message forgotten for more than 3 months: the 检查指标's single veto.
        forgotten = rules.add_months(today, -4)
        while not self.workday(forgotten):
            forgotten += timedelta(days=1)
        plans.append(Plan(Channel.HOTLINE_12345, "too_long", forgotten, 7))
        plans.sort(key=lambda p: p.received)
        return plans

    def fill(self, text: str, plan: Plan) -> str:
        rng = self.rng
        plate = rng.choice(PLATES).format(rng.randint(1000, 9999))
        resident = make_resident_id(
            f"532301{rng.randint(1960, 2000)}0{rng.randint(1, 9)}1{rng.randint(0, 8)}{rng.randint(100, 999)}"
        )
        return text.format(
            town=plan.extra.setdefault("town", rng.choice(TOWNS)),
            road=plan.extra.setdefault("road", rng.choice(ROADS)),
            name=plan.name,
            name_or=f"{plan.name}同志，" if plan.name else "",
            phone=plan.extra.setdefault("phone", _phone(rng)),
            plate=plate,
            id=resident,
            date=f"{plan.received.month}月{plan.received.day}日",
        )

    def message(self, plan: Plan) -> Message:
        rng = self.rng
        plan.name = _name(rng)
        office, xiaoli = self.people["xiaolin"], self.people["xiaoli"]
        if plan.state == "invalid":
            reason, title, content = INVALID_TEXTS[rng.randrange(len(INVALID_TEXTS))]
            answer, unit_name = "", "运输股"
            kind = (
                MessageKind.COMPLAINT
                if reason == InvalidReason.DUPLICATE
                else MessageKind.CONSULTATION
            )
        else:
            kind, title, content, answer, unit_name = TOPICS[plan.topic]
            title, content, answer = (
                self.fill(title, plan),
                self.fill(content, plan),
                self.fill(answer, plan),
            )
        data = {
            "kind": kind,
            "title": title[:60],
            "content": content,
            "asker_name": plan.name,
            "asker_phone": plan.extra.get("phone") or _phone(rng),
            "asker_email": "" if rng.random() < 0.7 else f"user{rng.randint(100, 999)}@example.com",
            "wants_private": plan.state == "private",
        }
        submitted = self.at(plan.received)
        if plan.channel == Channel.WEBSITE:
            self.serial += 1
            message, _ = services.message_submit(
                agency=self.agency, data=data, submission_key=f"demo-interaction-{self.serial:05d}"
            )
            Message.objects.filter(pk=message.pk).update(
                received_date=plan.received,
                submitted_at=submitted,
                due_date=services.message_due(plan.received, message.limit_days),
            )
            message.refresh_from_db()
        else:
            self.serial += 1
            reference = REFERENCES[plan.channel].format(y=plan.received.year, n=self.serial * 37)
            message = services.message_register(
                agency=self.agency,
                by=office,
                data=data,
                channel=plan.channel,
                received=plan.received,
                channel_reference=reference,
            )
            Message.objects.filter(pk=message.pk).update(submitted_at=submitted)
        moments = [submitted]
        unit = self.agency.units.get(name=unit_name)
        if plan.state == "invalid":
            services.message_invalidate(
                message=message, by=office, reason=reason, note="经核实，不予受理。"
            )
            moments.append(submitted + timedelta(hours=2))
        elif plan.state != "received":
            services.message_assign(message=message, by=office, unit=unit, note="请按期答复。")
            moments.append(submitted + timedelta(hours=1))
            if plan.state not in ("assigned", "too_long"):
                answerer = xiaoli if unit.name == "运输股" else office
                services.message_draft_answer(message=message, by=answerer, text=answer)
                answered_on = self.add_wd(plan.received, plan.days_to_answer)
                answered_on = min(answered_on, self.today)
                moments.append(self.at(answered_on, 10))
                if plan.state != "review":
                    reviewer = (
                        self.people["laowang"] if answerer == xiaoli else self.people["liufj"]
                    )
                    services.message_review(
                        message=message, by=reviewer, approve=True, comment="同意"
                    )
                    moments.append(self.at(answered_on, 15))
                    if plan.state == "published":
                        message.refresh_from_db()
                        services.message_publish(
                            message=message,
                            by=office,
                            title=message.public_title,
                            content=message.public_content,
                            answer=message.public_answer,
                        )
                        moments.append(moments[-1] + timedelta(hours=1))
        self.backdate(message, moments)
        return message

    def backdate(self, message: Message, moments: list[datetime]) -> None:
        """Spread the events over the moments planned (one moment per step)."""
        events = list(message.events.order_by("id"))
        steps = {
            MessageEvent.Kind.SUBMITTED: 0,
            MessageEvent.Kind.REGISTERED: 0,
            MessageEvent.Kind.ASSIGNED: 1,
            MessageEvent.Kind.INVALIDATED: 1,
            MessageEvent.Kind.ANSWER_DRAFTED: 2,
            MessageEvent.Kind.ANSWERED: 3,
            MessageEvent.Kind.PUBLISHED: 4,
        }
        for event in events:
            index = min(steps.get(event.kind, len(moments) - 1), len(moments) - 1)
            MessageEvent.objects.filter(pk=event.pk).update(at=moments[index])
        if len(moments) > 3:
            Message.objects.filter(pk=message.pk, answered_at__isnull=False).update(
                answered_at=moments[3]
            )
        if len(moments) > 4:
            Message.objects.filter(pk=message.pk).update(published_at=moments[4])

    # --- 建议提案 ------------------------------------------------------------------------------

    def proposals(self) -> list[Proposal]:
        from gongkai.demo.publishing import DELEGATES, SESSIONS

        rng, year, office = self.rng, self.today.year, self.people["xiaolin"]
        congress, cppcc = SESSIONS.get(year, (f"县人大{year}年会议", f"县政协{year}年会议"))
        column = services.proposals_column(self.agency)
        taken = set(
            InformationItem.objects.filter(entry=column).values_list("title", flat=True)
            if column
            else []
        )
        subjects = [
            "加快{road}改造提升",
            "增开城关至{town}农村客运班线",
            "加强{town}农村公路养护管理",
            "在{town}中心学校路段增设交通安全设施",
            "规范城区网约车经营秩序",
            "推进城乡公交一体化",
            "完善{town}客运招呼站",
            "加强{road}桥梁安全隐患排查",
            "提高农村物流配送效率",
            "解决{town}群众出行难问题",
        ]
        units = list(self.agency.units.exclude(name="办公室"))
        received = min(date(year, 3, 20), self.add_wd(self.today, -70))
        made = []
        answers = []
        # 34 建议 (31 published, 1 in review, 1 answered and waiting to be submitted for
        # publication, 1 being handled) and 17 提案 (16 published, 1 open).
        for kind, session, count, published in [
            (ProposalKind.DEPUTY, congress, 34, 31),
            (ProposalKind.MEMBER, cppcc, 17, 16),
        ]:
            number = 0
            for index in range(count):
                number += rng.randint(1, 6)
                while (
                    f"{self.agency.name}关于{session}第{number}号"
                    f"{'建议' if kind == ProposalKind.DEPUTY else '提案'}的答复"
                ) in taken:
                    number += 1
                subject = rng.choice(subjects).format(
                    road=rng.choice(ROADS[:4]), town=rng.choice(TOWNS)
                )
                delegate = rng.choice(DELEGATES)
                lead = rng.choice(units)
                proposal = services.proposal_register(
                    agency=self.agency,
                    by=office,
                    data={
                        "kind": kind,
                        "session": session,
                        "year": year,
                        "number": number,
                        "title": f"关于{subject}的{'建议' if kind == ProposalKind.DEPUTY else '提案'}",
                        "delegates": f"{delegate}等{rng.randint(1, 5)}名{'代表' if kind == ProposalKind.DEPUTY else '委员'}",
                        "lead_unit": lead,
                        "received_date": received,
                        "assisting_units": rng.sample([u for u in units if u != lead], 1)
                        if rng.random() < 0.4
                        else [],
                    },
                )
                made.append(proposal)
                proposal.events.update(at=self.at(received, 10))
                if index >= published + (2 if kind == ProposalKind.DEPUTY else 0):
                    continue  # still being handled
                answered = min(self.add_wd(received, rng.randint(35, 60)), self.today)
                greeting = f"{delegate}{'代表' if kind == ProposalKind.DEPUTY else '委员'}："
                text = "\n".join(
                    [
                        greeting,
                        f"您提出的《{proposal.title}》收悉。首先感谢您对全县交通运输工作的关心和支持。"
                        "经认真研究，现答复如下：",
                        "一、基本情况。近年来，我局坚持把群众出行需求作为工作重点，持续加大农村交通基础设施投入。",
                        f"二、办理措施。我局已将该事项纳入{year}年度工作计划，力争年内完成。",
                        "三、下一步工作。我局将加强与相关乡镇和部门的沟通协调，及时向您反馈办理进展。",
                        "示例县交通运输局",
                    ]
                )
                answers.append(
                    (
                        answered,
                        len(answers),
                        proposal,
                        rng.choice(ProposalOutcome.values),
                        text,
                        f"示县交函〔{answered.year}〕{len(made) + 20}号",
                        index < published,
                    )
                )
        # Answered and published in the order of their answer dates, so that the column's 索引号
        # follow the publication dates as they would have.
        last = None
        ordered = sorted(answers)
        # The latest reply not yet published was answered with its signed letter as a PDF and
        # waits for the office to submit it for publication; the other is in the review chain.
        waiting = max((i for i, a in enumerate(ordered) if not a[6]), default=None)
        for index, (answered, _, proposal, outcome, text, doc_number, to_publish) in enumerate(
            ordered
        ):
            letter = None
            if index == waiting:
                letter = publishing.Upload(
                    f"{proposal.number}答复.pdf", tiny_pdf([f"Reply {proposal.number} (demo)"])
                )
            services.proposal_answer(
                proposal=proposal,
                by=office,
                answered_date=answered,
                outcome=outcome,
                text=text,
                doc_number=doc_number,
                upload=letter,
            )
            if index == waiting:
                continue
            item = services.proposal_publish(proposal=proposal, by=self.people["xiaoli"])
            proposal.events.exclude(kind=ProposalEvent.Kind.REGISTERED).update(
                at=self.at(answered, 9)
            )
            if not to_publish:
                continue  # in the review chain
            for who in CHAIN:
                item = publishing.item_approve(item=item, by=self.people[who], comment="同意")
            last = self.backdate_item(item, answered, after=last)
        return made

    def backdate_item(
        self, item: InformationItem, answered: date, after: datetime | None = None
    ) -> datetime:
        """Move the item's events to the answer day (after ``after``, the previous reply's
        publication); returns its publication time."""
        start = self.at(answered, 9)
        if after is not None and start <= after:
            start = after + timedelta(minutes=5)
        moments = [start + timedelta(minutes=50 * i) for i in range(8)]
        for index, event in enumerate(item.events.order_by("id")):
            ItemEvent.objects.filter(pk=event.pk).update(at=moments[min(index, 7)])
        published = moments[min(item.events.count() - 1, 7)]
        InformationItem.objects.filter(pk=item.pk).update(
            created_at=start, published_at=published, decided_at=published
        )
        settle_backdated(item)
        return published

    # --- 舆情 ---------------------------------------------------------------------------------

    def opinions(self) -> list[OpinionEvent]:
        office, leader = self.people["xiaolin"], self.people["liufj"]
        # Events of this year once they are past (the last is in June), else of last year.
        year = self.today.year if self.today > date(self.today.year, 7, 1) else self.today.year - 1
        records = [
            (
                "网传城区公交线路将大面积停运",
                OpinionSource.WEIBO,
                "微博账号转发量约2000次",
                self.at(date(year, 4, 8), 20),
                "有网民在微博发布“城区公交下月起大面积停运”的消息，引发市民关注。",
                OpinionLevel.MEDIUM,
                "系公交线网优化调整信息被误读，涉及群众出行，需及时回应、澄清。",
                "当晚通过局政务微博、微信公众号发布线网优化说明，公布调整后线路和咨询电话；"
                "次日在县政府网站发布政策解读。",
                True,
                "县委宣传部、县人民政府办公室",
                OpinionStatus.CLOSED,
            ),
            (
                "短视频反映{road}路面坑洼积水",
                OpinionSource.SHORT_VIDEO,
                "抖音短视频，点赞约800次",
                self.at(date(year, 6, 17), 11),
                "网民发布短视频，反映县道X203线龙潭段雨后路面坑洼积水，车辆通行困难。",
                OpinionLevel.LOW,
                "属实，属日常养护问题。",
                "已安排养护站对该路段进行修补并疏通边沟，处置情况在评论区回复。",
                False,
                "",
                OpinionStatus.CLOSED,
            ),
            (
                "春运期间客运站旅客滞留",
                OpinionSource.NEWS_SITE,
                "本地新闻网站报道",
                self.at(date(year, 2, 3), 9),
                "受降雪影响，县客运站部分班线停运，旅客滞留，网络出现集中讨论。",
                OpinionLevel.HIGH,
                "涉及群众出行和社会稳定，启动应急预案，及时向上级报告。",
                "协调增开班次，设置临时候车点，发布停运及恢复信息。",
                True,
                "县人民政府办公室、市交通运输局",
                OpinionStatus.CLOSED,
            ),
            (
                "出租汽车运价调整听证讨论",
                OpinionSource.WECHAT,
                "本地微信公众号文章留言",
                self.at(self.add_wd(self.today, -2), 15),
                "出租汽车运价调整听证会公告发布后，部分网民对调价幅度有不同意见。",
                OpinionLevel.LOW,
                "",
                "",
                False,
                "",
                OpinionStatus.MONITORING,
            ),
        ]
        made = []
        for (
            title,
            source,
            detail,
            first_seen,
            summary,
            level,
            assessment,
            response,
            reported,
            reported_to,
            status,
        ) in records:
            opinion = services.opinion_register(
                agency=self.agency,
                by=office,
                data={
                    "title": title.format(road="县道X203线"),
                    "source": source,
                    "source_detail": detail,
                    "first_seen": first_seen,
                    "summary": summary,
                    "level": level,
                    "assessment": assessment,
                },
            )
            if response:
                services.opinion_update(
                    opinion=opinion,
                    by=leader,
                    data={
                        "response": response,
                        "responded_at": first_seen + timedelta(hours=3),
                        "reported_upward": reported,
                        "reported_at": first_seen + timedelta(hours=2) if reported else None,
                        "reported_to": reported_to,
                        "status": status,
                    },
                )
            opinion.log.update(at=first_seen + timedelta(hours=1))
            made.append(opinion)
        return made


def summary(agency: Agency, *, fresh: bool) -> str:
    found = Message.objects.filter(agency=agency)
    proposals = Proposal.objects.filter(agency=agency)
    published = proposals.filter(item__in=InformationItem.objects.published())
    head = "互动交流演示数据已就绪" if fresh else "互动交流演示数据已存在，未重复创建"
    return (
        f"{head}：留言{found.count()}件（已公开{found.filter(is_published=True).count()}、"
        f"办理中{found.filter(status__in=[MessageStatus.RECEIVED, MessageStatus.ASSIGNED, MessageStatus.ANSWER_REVIEW]).count()}、"
        f"无效{found.filter(status=MessageStatus.INVALID).count()}），"
        f"建议提案{proposals.count()}件（已答复{proposals.filter(status=ProposalStatus.ANSWERED).count()}，"
        f"答复已公开：人大代表建议{published.filter(kind=ProposalKind.DEPUTY).count()}条、"
        f"政协委员提案{published.filter(kind=ProposalKind.MEMBER).count()}条），"
        f"舆情{OpinionEvent.objects.filter(agency=agency).count()}条。"
    )


@transaction.atomic
def build_interaction() -> str:
    agency = Agency.objects.filter(code=TRANSPORT).first()
    if agency is None:
        return "未找到示例县交通运输局，未载入互动交流演示数据。"
    if Message.objects.filter(agency=agency).exists():
        return summary(agency, fresh=False)
    User = get_user_model()
    people = {u.username: u for u in User.objects.filter(username__in=PEOPLE)}
    if len(people) < len(PEOPLE):
        return "示例县交通运输局缺少演示人员，未载入互动交流演示数据。"
    publishing.catalogue_apply_template(agency=agency)
    publishing.review_chain_ensure(agency=agency)
    cal = get_calendar()
    builder = Builder(agency, people, cal, demo_today(cal))
    for plan in builder.plans():
        builder.message(plan)
    builder.proposals()
    builder.opinions()
    return summary(agency, fresh=True)
