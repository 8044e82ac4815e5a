"""示例县: a believable county for the demo, built idempotently (running it twice changes nothing)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.org.models import Agency, Membership, Role, Unit

DEMO_PASSWORD = "Gongkai@2026"

AGENCIES = [
    # code, name, short, prefix, level, kind, parent code, units (first = disclosure office)
    (
        "SX000",
        "示例县人民政府",
        "县政府",
        "示县政",
        "county",
        "government",
        None,
        [("办公室", "division"), ("政务服务股", "section")],
    ),
    (
        "SX120",
        "示例县交通运输局",
        "县交通运输局",
        "示县交",
        "county",
        "department",
        "SX000",
        [
            ("办公室", "section"),
            ("运输股", "section"),
            ("建设股", "section"),
            ("路政股", "section"),
        ],
    ),
    (
        "SX130",
        "示例县教育局",
        "县教育局",
        "示县教",
        "county",
        "department",
        "SX000",
        [("办公室", "section"), ("基础教育股", "section"), ("计划财务股", "section")],
    ),
    (
        "SX140",
        "示例县自然资源局",
        "县自然资源局",
        "示县资",
        "county",
        "department",
        "SX000",
        [("办公室", "section"), ("国土空间规划股", "section"), ("不动产登记中心", "subordinate")],
    ),
    (
        "SX201",
        "示例县城关镇人民政府",
        "城关镇",
        "城政",
        "township",
        "government",
        "SX000",
        [("党政办公室", "section"), ("社会事务办", "section")],
    ),
]


@dataclass(frozen=True)
class DemoPerson:
    username: str
    full_name: str
    roles: tuple[tuple[str, str | None, str], ...]  # (agency code, unit name, role)


PEOPLE = [
    DemoPerson(
        "xiaoli",
        "小李",
        (("SX120", "运输股", Role.INFO_OFFICER), ("SX201", "党政办公室", Role.INFO_OFFICER)),
    ),
    DemoPerson("laowang", "老王", (("SX120", "运输股", Role.UNIT_HEAD),)),
    DemoPerson("laochen", "陈建国", (("SX120", "办公室", Role.SECRECY_REVIEWER),)),
    DemoPerson("liufj", "刘副局长", (("SX120", None, Role.DEPUTY_LEADER),)),
    DemoPerson("zhoujz", "周局长", (("SX120", None, Role.PRINCIPAL_LEADER),)),
    DemoPerson("xiaolin", "林晓", (("SX120", "办公室", Role.DISCLOSURE_OFFICE),)),
    DemoPerson("zhoumin", "周敏", (("SX120", "办公室", Role.DISCLOSURE_OFFICE),)),
    DemoPerson(
        "zhaozr",
        "赵主任",
        (("SX120", "办公室", Role.DISCLOSURE_OFFICE), ("SX120", "办公室", Role.UNIT_HEAD)),
    ),
    DemoPerson(
        "sunzr",
        "孙主任",
        (("SX000", "办公室", Role.SUPERVISOR), ("SX000", "办公室", Role.DISCLOSURE_OFFICE)),
    ),
    DemoPerson("sysadmin", "系统管理员", (("SX000", "办公室", Role.SYSTEM_ADMIN),)),
    DemoPerson("secadmin", "安全管理员", (("SX000", "办公室", Role.SECURITY_ADMIN),)),
    DemoPerson("auditor", "审计管理员", (("SX000", "办公室", Role.AUDIT_ADMIN),)),
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str | None  # None: the account exists with a password somebody changed
    description: str


@transaction.atomic
def build_county() -> list[DemoLogin]:
    agencies: dict[str, Agency] = {}
    for code, name, short, prefix, level, kind, parent, units in AGENCIES:
        agency, _ = Agency.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                "doc_prefix": prefix,
                "level": level,
                "kind": kind,
                "parent": agencies.get(parent),
                "phone": "0000-1234567",
                "address": f"示例县人民路{len(agencies) * 10 + 1}号",
                "sort_order": len(agencies) * 10,
            },
        )
        agencies[code] = agency
        for order, (unit_name, unit_kind) in enumerate(units):
            unit, _ = Unit.objects.get_or_create(
                agency=agency,
                name=unit_name,
                defaults={"kind": unit_kind, "sort_order": order * 10},
            )
            if order == 0 and agency.disclosure_office_id is None:
                agency.disclosure_office = unit
                agency.save(update_fields=["disclosure_office"])

    User = get_user_model()
    logins = []
    for person in PEOPLE:
        user = User.objects.filter(username=person.username).first()
        if user is None:
            user = User(username=person.username, full_name=person.full_name)
            user.set_password(DEMO_PASSWORD)
            user.save()
        for code, unit_name, role in person.roles:
            agency = agencies[code]
            unit = agency.units.get(name=unit_name) if unit_name else None
            Membership.objects.get_or_create(user=user, agency=agency, unit=unit, role=role)
        description = "；".join(
            f"{agencies[c].short_name}{'·' + u if u else ''} {Role(r).label}"
            for c, u, r in person.roles
        )
        password = DEMO_PASSWORD if user.check_password(DEMO_PASSWORD) else None
        logins.append(DemoLogin(person.username, password, f"{person.full_name}：{description}"))
    return logins
