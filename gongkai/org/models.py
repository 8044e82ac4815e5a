"""Who: agencies (行政机关), their internal units (内设机构) and the people who work in them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models


class Agency(models.Model):
    """A 行政机关 that discloses information: a government, a department, a 局属单位, a township."""

    class Level(models.TextChoices):
        PROVINCE = "province", "省级"
        CITY = "city", "市级"
        COUNTY = "county", "县级"
        TOWNSHIP = "township", "乡镇（街道）"

    class Kind(models.TextChoices):
        GOVERNMENT = "government", "人民政府"
        DEPARTMENT = "department", "政府部门"
        SUBORDINATE = "subordinate", "局属单位"
        SUBDISTRICT = "subdistrict", "街道办事处"
        OTHER = "other", "其他"

    name = models.CharField("机关名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=50, blank=True)
    code = models.CharField(
        "机构代码",
        max_length=30,
        unique=True,
        help_text="用于生成索引号，如 QZ00120。",
        validators=[RegexValidator(r"^[A-Za-z0-9]+$", "机构代码只能由字母和数字组成。")],
    )
    doc_prefix = models.CharField(
        "机关代字", max_length=20, blank=True, help_text="用于发文字号，如“泉交办”。"
    )
    level = models.CharField("层级", max_length=10, choices=Level.choices)
    kind = models.CharField("类型", max_length=12, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    disclosure_office = models.ForeignKey(
        "Unit",
        verbose_name="政府信息公开工作机构",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="负责发布、依申请公开和年度报告的内设机构，通常为办公室。",
    )
    address = models.CharField("办公地址", max_length=200, blank=True)
    phone = models.CharField("咨询电话", max_length=50, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=100)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.disclosure_office_id and self.disclosure_office.agency_id != self.pk:
            raise ValidationError({"disclosure_office": "公开工作机构必须是本机关的内设机构。"})
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": "上级机关不能是本机关或其下级机关。"})
            ancestor = ancestor.parent

    def ancestors(self) -> list["Agency"]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


class Unit(models.Model):
    """An internal unit (内设机构): 股室 / 科室 / 处室 / 局属单位 of an agency."""

    class Kind(models.TextChoices):
        SECTION = "section", "股室"
        DIVISION = "division", "科室"
        DEPARTMENT = "department", "处室"
        SUBORDINATE = "subordinate", "局属单位"
        OTHER = "other", "其他"

    agency = models.ForeignKey(
        Agency, verbose_name="所属机关", on_delete=models.CASCADE, related_name="units"
    )
    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类型", max_length=12, choices=Kind.choices, default=Kind.SECTION)
    aliases = models.CharField(
        "别称", max_length=200, blank=True, help_text="文件中可能出现的其他叫法，用顿号或逗号分隔。"
    )
    sort_order = models.PositiveIntegerField("排序", default=100)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "内设机构"
        verbose_name_plural = "内设机构"
        ordering = ["agency", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="unit_name_unique_per_agency")
        ]

    def __str__(self):
        return f"{self.agency.short_name or self.agency.name}·{self.name}"


class Role(models.TextChoices):
    """The roles a person holds in an agency (DOMAIN.md "Who uses it")."""

    INFO_OFFICER = "info_officer", "信息员"
    UNIT_HEAD = "unit_head", "股室负责人"
    SECRECY_REVIEWER = "secrecy_reviewer", "保密审查员"
    DEPUTY_LEADER = "deputy_leader", "分管领导"
    PRINCIPAL_LEADER = "principal_leader", "主要领导"
    DISCLOSURE_OFFICE = "disclosure_office", "公开办"
    SUPERVISOR = "supervisor", "上级督查"
    SYSTEM_ADMIN = "system_admin", "系统管理员"
    SECURITY_ADMIN = "security_admin", "安全管理员"
    AUDIT_ADMIN = "audit_admin", "审计管理员"


#: 三员分立 (等保2.0): the three administrators' roles exclude each other and every content role.
ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
#: Roles that approve or publish content.
CONTENT_APPROVER_ROLES = frozenset(
    {
        Role.UNIT_HEAD,
        Role.SECRECY_REVIEWER,
        Role.DEPUTY_LEADER,
        Role.PRINCIPAL_LEADER,
        Role.DISCLOSURE_OFFICE,
    }
)


def role_conflict(existing: set[str], new: str) -> str | None:
    """Why ``new`` may not join ``existing`` roles of one person, or None (三员分立).

    等保2.0 三级 requires 系统管理员、安全管理员、审计管理员 to be different people, none of
    whom handles content.
    """
    if new in ADMIN_ROLES:
        others = existing - {new}
        if others:
            labels = "、".join(Role(r).label for r in sorted(others))
            return f"{Role(new).label}不能同时担任其他角色（已有：{labels}）——三员分立。"
    else:
        admin = existing & ADMIN_ROLES
        if admin:
            labels = "、".join(Role(r).label for r in sorted(admin))
            return f"{labels}不能同时担任{Role(new).label}——三员分立。"
    return None


class Membership(models.Model):
    """A person's role in an agency (optionally in one of its units)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="人员",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="内设机构",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    created_at = models.DateTimeField("设立时间", auto_now_add=True)

    class Meta:
        verbose_name = "岗位"
        verbose_name_plural = "岗位"
        ordering = ["agency", "unit", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "unit", "role"],
                condition=models.Q(unit__isnull=False),
                name="membership_unique_in_unit",
            ),
            models.UniqueConstraint(
                fields=["user", "agency", "role"],
                condition=models.Q(unit__isnull=True),
                name="membership_unique_in_agency",
            ),
        ]
        indexes = [models.Index(fields=["agency", "role"])]

    def __str__(self):
        where = str(self.unit) if self.unit_id else str(self.agency)
        return f"{self.user} · {where} · {self.get_role_display()}"

    def clean(self):
        if self.unit_id and self.agency_id and self.unit.agency_id != self.agency_id:
            raise ValidationError({"unit": "内设机构必须属于所选机关。"})
        if self.user_id and self.role:
            existing = set(
                Membership.objects.filter(user_id=self.user_id)
                .exclude(pk=self.pk)
                .values_list("role", flat=True)
            )
            problem = role_conflict(existing, self.role)
            if problem:
                raise ValidationError({"role": problem})
