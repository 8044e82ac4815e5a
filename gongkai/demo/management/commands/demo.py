from django.core.management.base import BaseCommand

from gongkai.core.request_context import acting_as
from gongkai.demo.applications import build_applications
from gongkai.demo.county import build_county
from gongkai.demo.inspection import build_inspection
from gongkai.demo.interaction import build_interaction
from gongkai.demo.publishing import build_publishing, final_summary
from gongkai.demo.reports import build_reports
from gongkai.demo.workplans import build_workplans


class Command(BaseCommand):
    help = "载入示例县演示数据（可重复运行，不会重复创建）并列出演示账号。"

    def handle(self, *args, **options):
        with acting_as("命令:demo"):
            logins = build_county()
            publishing = build_publishing()
            applications = build_applications()
            workplans = build_workplans()
            interaction = build_interaction()
            reports = build_reports()
            inspection = build_inspection()
            if publishing.startswith("主动公开演示数据"):  # counted after every builder
                publishing = final_summary(fresh=publishing.startswith("主动公开演示数据已就绪"))
        self.stdout.write("演示数据已就绪：示例县人民政府及其部门、乡镇。")
        self.stdout.write(publishing)
        self.stdout.write(applications)
        self.stdout.write(workplans)
        self.stdout.write(interaction)
        self.stdout.write(reports)
        self.stdout.write(inspection)
        self.stdout.write("演示账号（用户名 / 密码 / 岗位）：")
        for login in logins:
            password = login.password or "（密码已被修改，未重置）"
            self.stdout.write(f"  {login.username:<10} {password:<14} {login.description}")
